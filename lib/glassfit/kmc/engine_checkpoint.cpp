// SPDX-License-Identifier: BSD-3-Clause
// The engine (engine.h): fingerprints and checkpoints.
#include "glassfit/kmc/engine.h"

#include <cstring>
#include <sstream>
#include <type_traits>

#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/io/text_file.h"
#include "glassfit/io/output_file.h"
#include "glassfit/kmc/checkpoint_format.h"

namespace glassfit::kmc {
// ---- checkpoints ---------------------------------------------------------------------------

std::string Engine::fingerprint() const {
  const auto& c = cfg_;
  std::string s = fmt::format(
      "glassfit-kmc-4 engine {} grid {}x{} V {:a} modes {} ssd {:a} Q {:a} {:a} {:a} seed {} e0 {:a} E {:a} nu {:a} ps "
      "{} T {:a} "
      "law {} Ev {:a} c {:a} QR {:a} beta {:a} k0 {:a} soft {:a} {:a} {:a} {:a} load {} rate {:a} ef {:a} "
      "stress {:a} strain {:a} dur {:a} scheme {} dstrain {:a} maxstep {:a} defo {:a} maxev {} update {} avalanche {} "
      "local {} {} "
      "{} {} relax0 {} snaps",
      int(c.engine), c.grid.nx, c.grid.ny, c.stz_volume_nm3, c.catalog.modes, c.catalog.strain_sd,
      c.catalog.barrier_mean_eV, c.catalog.barrier_sd_eV, c.catalog.min_barrier_eV, c.catalog.seed,
      c.initial_eigenstrain_sd, c.elasticity.E_MPa, c.elasticity.nu, c.elasticity.plane_strain, c.temperature_K,
      int(c.law), c.kww.E_v_eV, c.kww.c, c.kww.Q_R_eV, c.kww.beta, c.kww.k0_per_s, c.softening.kappa_p,
      c.softening.kappa_t, c.softening.eta_max, c.softening.Q_act_eV, int(c.loading), c.strain_rate_per_s,
      c.final_strain, c.stress_MPa, c.strain, c.duration_s, int(c.scheme), c.strain_step, c.max_step_s, c.defo_time_s,
      c.max_events, int(c.stress_update), int(c.avalanche), c.local.block_side, c.local.near_radius,
      c.local.flush_events, c.local.far_gap, c.relax_after_initial_avalanche);
  for (const double x : c.snapshot_strains) s += fmt::format(" {:a}", x);
  s += fmt::format(" geometry {} history", int(c.geometry));
  if (c.clock_reset != ClockReset::Centre) s += " clock_reset stencil";  // older checkpoints: centre
  if (c.catalogue != Catalogue::Fixed) s += " catalogue redraw";
  if (c.avalanche_mode != AvalancheMode::Lowest) s += " avalanche_mode rate";
  if (c.final_plastic_strain > 0) s += fmt::format(" final_plastic {:a}", c.final_plastic_strain);
  for (const LoadSegment& g : c.history)
    s += fmt::format(" {} {:a} {:a} {:a}", int(g.control), g.from, g.to, g.duration_s);
  return s;
}

std::string Engine::state_bytes() const {
  CheckpointWriter w;
  w.put_string(fingerprint());
  w.put(t_);
  w.put_vector(eps_star_);
  w.put_vector(kernel_stress_);
  w.put(sum_eps_star_);
  w.put(initial_mean_eps_star_);
  w.put_vector(last_event_s_);
  w.put_vector(generation_);
  w.put_vector(softening_);
  if (cfg_.catalogue == Catalogue::Redraw) save_catalogue(w);
  std::ostringstream rng;
  rng << rng_;
  w.put_string(rng.str());
  w.put_vector(obs_.curve);
  w.put_vector(obs_.avalanche_sizes);
  w.put_vector(obs_.dEps_xx);
  w.put(std::uint64_t(obs_.snapshots.size()));
  for (const auto& s : obs_.snapshots) {
    w.put(s.strain), w.put(s.time_s);
    w.put_vector(s.eigenstrain);
  }
  for (const long x : {obs_.thermal_events, obs_.athermal_events, obs_.rejected_candidates, obs_.rejected_steps,
                       obs_.rate_updates, obs_.block_refreshes, obs_.far_flushes, obs_.transformations_on_reset_clock})
    w.put(x);
  if (far_) {  // the local engine's tables are history, not a function of the state: saved as they are
    const FarField::State& f = far_->state();
    w.put_vector(f.correction), w.put_vector(f.log), w.put_vector(f.mark), w.put_vector(f.bound_p),
        w.put_vector(f.bound_q), w.put_vector(f.corner), w.put_vector(f.remainder_p), w.put_vector(f.remainder_q);
    for (const auto* x : {&weight_, &sum_rate_, &max_log_rate_, &offset_eV_, &factor_, &scale_eval_, &min_margin_eV_,
                          &ramp_since_s_, &p_eval_, &q_eval_, &loose_})
      w.put_vector(*x);
    w.put(horizon_), w.put(growth_);
  }
  w.put(std::uint64_t(next_snapshot_));
  w.put(std::uint8_t(finished_)), w.put(std::uint8_t(hit_limit_));
  return std::move(w.bytes());
}

void Engine::restore_state(std::string_view bytes) {
  CheckpointReader r(bytes);
  if (r.get_string() != fingerprint())
    throw InputError("kmc checkpoint: it was written with a different configuration");
  const size_t n = cfg_.grid.size();
  r.get(t_);
  r.get_vector(eps_star_);
  r.get_vector(kernel_stress_);
  r.get(sum_eps_star_);
  r.get(initial_mean_eps_star_);
  r.get_vector(last_event_s_);
  r.get_vector(generation_);
  r.get_vector(softening_);
  if (eps_star_.size() != n || kernel_stress_.size() != n || last_event_s_.size() != n || generation_.size() != n ||
      softening_.size() != n)
    throw InputError("kmc checkpoint: corrupt state (field sizes)");
  if (cfg_.catalogue == Catalogue::Redraw) restore_catalogue(r);
  std::istringstream rng(r.get_string());
  rng >> rng_;
  if (!rng) throw InputError("kmc checkpoint: corrupt state (generator)");
  r.get_vector(obs_.curve);
  r.get_vector(obs_.avalanche_sizes);
  r.get_vector(obs_.dEps_xx);
  std::uint64_t snapshots = 0;
  r.get(snapshots);
  // one per strain passed, and one at the end of a finished run
  if (snapshots > cfg_.snapshot_strains.size() + 1) throw InputError("kmc checkpoint: corrupt state (snapshots)");
  obs_.snapshots.resize(size_t(snapshots));
  for (auto& s : obs_.snapshots) {
    r.get(s.strain), r.get(s.time_s);
    r.get_vector(s.eigenstrain);
    if (s.eigenstrain.size() != n) throw InputError("kmc checkpoint: corrupt state (snapshot size)");
  }
  for (long* x : {&obs_.thermal_events, &obs_.athermal_events, &obs_.rejected_candidates, &obs_.rejected_steps,
                  &obs_.rate_updates, &obs_.block_refreshes, &obs_.far_flushes, &obs_.transformations_on_reset_clock})
    r.get(*x);
  if (far_) {
    FarField::State& f = far_->state();
    const size_t nb = far_->blocks();
    r.get_vector(f.correction), r.get_vector(f.log), r.get_vector(f.mark), r.get_vector(f.bound_p),
        r.get_vector(f.bound_q), r.get_vector(f.corner), r.get_vector(f.remainder_p), r.get_vector(f.remainder_q);
    for (auto* x : {&weight_, &sum_rate_, &max_log_rate_, &offset_eV_, &factor_, &scale_eval_, &min_margin_eV_,
                    &ramp_since_s_, &p_eval_, &q_eval_, &loose_})
      r.get_vector(*x);
    r.get(horizon_), r.get(growth_);
    bool ok = f.correction.size() == n && f.mark.size() == nb && f.bound_p.size() == nb && f.bound_q.size() == nb &&
              f.corner.size() == 8 * nb && f.remainder_p.size() == nb && f.remainder_q.size() == nb &&
              weight_.size() == n && sum_rate_.size() == n && max_log_rate_.size() == n && offset_eV_.size() == n &&
              factor_.size() == n && scale_eval_.size() == n && min_margin_eV_.size() == nb &&
              ramp_since_s_.size() == nb && p_eval_.size() == n && q_eval_.size() == n && loose_.size() == n;
    for (const auto m : f.mark) ok = ok && m <= f.log.size();
    for (const auto& e : f.log) ok = ok && e.i >= 0 && e.i < cfg_.grid.nx && e.j >= 0 && e.j < cfg_.grid.ny;
    if (!ok) throw InputError("kmc checkpoint: corrupt state (local engine tables)");
  }
  std::uint64_t next = 0;
  r.get(next);
  if (next > cfg_.snapshot_strains.size()) throw InputError("kmc checkpoint: corrupt state (next snapshot)");
  next_snapshot_ = size_t(next);
  finished_ = r.get_bool(), hit_limit_ = r.get_bool();
  if (!r.done()) throw InputError("kmc checkpoint: corrupt state (trailing bytes)");
  if (!std::isfinite(t_) || t_ < 0) throw InputError("kmc checkpoint: corrupt state (time)");
  check_restored_state();
  // The derived tables, as the uninterrupted run computed them at this step boundary.
  if (far_) {
    rebuild_trees();
  } else {
    refresh(t_);
    --obs_.rate_updates;
  }
}

// A redrawn catalogue is state: the modes, their generator and the load-ramp maxima (which
// only grow) go into a checkpoint, and the rate table is rebuilt from them on restore.
void Engine::save_catalogue(CheckpointWriter& w) const {
  w.put_vector(catalog_.all());
  std::ostringstream redraws;
  redraws << catalog_rng_;
  w.put_string(redraws.str());
  for (const double x : {a1_pos_, a1_neg_, a3_pos_, a3_neg_}) w.put(x);
  if (far_) w.put_vector(a1_block_), w.put_vector(a3_block_);
}

void Engine::restore_catalogue(CheckpointReader& r) {
  const size_t n = cfg_.grid.size();
  std::vector<Mode> modes;
  r.get_vector(modes);
  if (modes.size() != catalog_.all().size()) throw InputError("kmc checkpoint: corrupt state (catalogue size)");
  for (const Mode& m : modes)
    if (!std::isfinite(m.Q0_eV) || !std::isfinite(m.strain.xx) || !std::isfinite(m.strain.xy) ||
        m.strain.yy != -m.strain.xx || m.Q0_eV < cfg_.catalog.min_barrier_eV)
      throw InputError("kmc checkpoint: corrupt state (catalogue)");
  catalog_.set_all(std::move(modes));
  std::istringstream redraws(r.get_string());
  redraws >> catalog_rng_;
  if (!redraws) throw InputError("kmc checkpoint: corrupt state (catalogue generator)");
  for (size_t v = 0; v < n; ++v) rebuild_voxel(v);
  for (double* x : {&a1_pos_, &a1_neg_, &a3_pos_, &a3_neg_}) r.get(*x);
  if (far_) {
    r.get_vector(a1_block_), r.get_vector(a3_block_);
    if (a1_block_.size() != far_->blocks() || a3_block_.size() != far_->blocks())
      throw InputError("kmc checkpoint: corrupt state (catalogue bounds)");
  }
}

void Engine::save(std::ostream& out) const { out << seal_checkpoint(state_bytes()); }

void Engine::restore(std::istream& in) {
  std::ostringstream all;
  all << in.rdbuf();
  restore_bytes(all.str(), "kmc checkpoint");
}

void Engine::restore_bytes(std::string_view file, const std::string& name) {
  const std::string_view payload = open_checkpoint(file, name);
  try {
    restore_state(payload);
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}: {}", name, e.what()));
  }
}

void Engine::save_file(const std::string& path) const { write_file_atomically(path, seal_checkpoint(state_bytes())); }

void Engine::restore_file(const std::string& path) {
  // A checkpoint holds the fields and observations: bounded by the run's own memory estimate.
  const auto bytes = read_text_file(path, "cannot read the checkpoint", size_t(4 * cfg_.estimated_bytes()) + (64 << 20),
                                    /*text=*/false);
  restore_bytes(bytes, path);
}

}  // namespace glassfit::kmc
