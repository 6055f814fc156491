// SPDX-License-Identifier: BSD-3-Clause
// The engine (engine.h): transformations, avalanches, and the steps of the three time schemes.
#include "glassfit/kmc/engine.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/kmc/draws.h"

namespace glassfit::kmc {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

// ---- events --------------------------------------------------------------------------------

void Engine::transform(size_t v, int m, double t) {
  const Grid& g = cfg_.grid;
  const Sym2 d = catalog_.mode(v, m).strain;  // a copy: a redraw below replaces the mode
  const int i = int(v % size_t(g.nx)), j = int(v / size_t(g.nx));
  for (int dj = -1; dj <= 1; ++dj)
    for (int di = -1; di <= 1; ++di) {
      Sym2& e = eps_star_[g.index(i + di, j + dj)];
      const double w = stencil_weight(di, dj);
      e.xx += w * d.xx, e.yy += w * d.yy, e.xy += w * d.xy;
    }
  if (far_) {
    far_->add_event(kernel_stress_, i, j, d);
    mark_dirty(i, j);
  } else if (kernels_ref_) {
    kernels_ref_->add_event(kernel_stress_, i, j, d);
  } else {
    kernel_stress_ = stress_fft(cfg_.elasticity, g, eps_star_, Sym2{});
  }
  sum_eps_star_.xx += d.xx, sum_eps_star_.yy += d.yy, sum_eps_star_.xy += d.xy;
  if (cfg_.law == BarrierLaw::Softening)
    softening_[v] = barrier::soften(cfg_.softening, softening_[v], mises_shear_strain(d));  // Eqs. 11, 12
  if (std::isfinite(last_event_s_[v])) ++obs_.transformations_on_reset_clock;
  last_event_s_[v] = t;
  if (far_) p_eval_[v] = std::numeric_limits<double>::quiet_NaN();  // its barrier changed: evaluate anew
  if (cfg_.clock_reset == ClockReset::Stencil)  // the neighbours deformed plastically too (Eqs. 21-23)
    for (int dj = -1; dj <= 1; ++dj)
      for (int di = -1; di <= 1; ++di) {
        const size_t u = g.index(i + di, j + dj);
        last_event_s_[u] = t;
        if (far_) p_eval_[u] = std::numeric_limits<double>::quiet_NaN();
      }
  ++generation_[v];
  obs_.dEps_xx.push_back(d.xx);
  if (cfg_.catalogue == Catalogue::Redraw) catalog_.redraw(v, catalog_rng_), rebuild_voxel(v);
}

// v's rows of the rate table from its modes now, in structure-of-arrays form:
// ln k_m = base_m + ae1_m p + ae3_m q with p = sigma_xx - sigma_yy and q = 2 sigma_xy, because
// sigma : dEps = p e1 + q e3 for a traceless [[e1, e3], [e3, -e1]]. The load-ramp maxima
// (a1_pos_ ..., a1_block_) only grow: a bound over every mode the lattice has had is a bound
// over the present ones.
void Engine::rebuild_voxel(size_t v) {
  const size_t M = size_t(cfg_.catalog.modes);
  const double w = 0.5 * cfg_.stz_volume_nm3 * kMPa_nm3_in_eV / kT_;
  q0_min_kT_[v] = kInf;
  if (far_) a1_voxel_[v] = a3_voxel_[v] = 0;
  for (size_t m = 0; m < M; ++m) {
    const Mode& mode = catalog_.mode(v, int(m));
    const size_t k = v * M + m;
    base_[k] = lnk0_ - mode.Q0_eV / kT_;
    ae1_[k] = w * mode.strain.xx;
    ae3_[k] = w * mode.strain.xy;
    a1_pos_ = std::max(a1_pos_, ae1_[k]), a1_neg_ = std::max(a1_neg_, -ae1_[k]);
    a3_pos_ = std::max(a3_pos_, ae3_[k]), a3_neg_ = std::max(a3_neg_, -ae3_[k]);
    q0_min_kT_[v] = std::min(q0_min_kT_[v], mode.Q0_eV / kT_);
    if (far_)
      a1_voxel_[v] = std::max(a1_voxel_[v], std::abs(ae1_[k])),
      a3_voxel_[v] = std::max(a3_voxel_[v], std::abs(ae3_[k]));
  }
  if (far_) {
    const size_t b = far_->block_of(v);
    a1_block_[b] = std::max(a1_block_[b], a1_voxel_[v]), a3_block_[b] = std::max(a3_block_[b], a3_voxel_[v]);
    p_eval_[v] = std::numeric_limits<double>::quiet_NaN();
  }
}

int Engine::avalanche_mode_of(const Unstable& u) {
  if (cfg_.avalanche_mode == AvalancheMode::Lowest) return u.mode;
  const int M = cfg_.catalog.modes;
  const Drive d = drive(u.voxel, applied_stress(t_), t_);
  const double top = log_rate(u.voxel, u.mode, d);
  std::vector<double> weight(size_t(M), 0.0);
  bool any = false;
  for (int m = 0; m < M; ++m) {
    const double lr = log_rate(u.voxel, m, d);
    if (kT_ * (lnk0_ - lr) + offset_eV_[u.voxel] <= 0) weight[size_t(m)] = std::exp(lr - top), any = true;
  }
  return any ? int(choose_proportional(weight, uniform01(rng_))) : u.mode;
}

long Engine::settle() {
  long count = 0;
  for (;;) {
    std::vector<Unstable> list;
    if (far_) {
      list = local_unstable();
    } else {
      refresh(t_);
      list = unstable();
    }
    if (list.empty()) return count;
    // One avalanche step: every unstable voxel transforms its lowest-barrier mode at once
    // (synchronous, as in the paper), or only the voxel with the lowest barrier (sequential).
    if (cfg_.avalanche == AvalancheUpdate::Sequential)
      list = {*std::min_element(list.begin(), list.end(),
                                [](const Unstable& a, const Unstable& b) { return a.G_eV < b.G_eV; })};
    // Every mode chosen on the same stress before any transforms (synchronous).
    std::vector<int> modes;
    for (const auto& u : list) modes.push_back(avalanche_mode_of(u));
    for (size_t k = 0; k < list.size(); ++k) transform(list[k].voxel, modes[k], t_);
    count += long(list.size());
    obs_.athermal_events += long(list.size());
    t_ += cfg_.defo_time_s;
    // A fluidised lattice (e.g. fresh KWW barriers that cannot recover within T_defo steps) can
    // avalanche without end: the event limit stops it, and the run ends there.
    if (events() >= event_limit()) return count;
  }
}

void Engine::settle_recorded() {
  if (far_) {
    local_renew(t_);
    if (local_unstable().empty()) return;
  } else {
    refresh(t_);
    if (unstable().empty()) return;
  }
  record();
  obs_.avalanche_sizes.push_back(settle());
  record();
}

int Engine::choose_mode(size_t v, double t, double u) const {
  const int M = cfg_.catalog.modes;
  const Drive d = drive(v, applied_stress(t), t);
  double target = u * mode_rate_sum(v, d);
  for (int m = 0; m < M; ++m) {
    target -= std::exp(log_rate(v, m, d));
    if (target < 0) return m;
  }
  return M - 1;
}

void Engine::record() {
  const double e = strain();
  obs_.curve.push_back({t_, e, stress_MPa(), plastic_strain(), events()});
  while (next_snapshot_ < cfg_.snapshot_strains.size() && e >= cfg_.snapshot_strains[next_snapshot_]) {
    obs_.snapshots.push_back({e, t_, eps_star_});
    ++next_snapshot_;
  }
}

void Engine::finish(double t) {
  t_ = t;
  record();
  obs_.snapshots.push_back({strain(), t_, eps_star_});
  finished_ = true;
}

void Engine::check_limit() {
  if (finished_) return;
  if (over_budget()) {
    hit_limit_ = true;
    finish(t_);
  } else if (segment_at(t_).control == LoadSegment::Control::Stress && strain() >= cfg_.final_strain) {
    finish(t_);  // runaway creep (e.g. with softening) ends at the strain cap
  } else if (cfg_.loading == Loading::StrainRate && cfg_.final_plastic_strain > 0 &&
             plastic_strain() >= cfg_.final_plastic_strain) {
    finish(t_);
  }
}

bool Engine::step() {
  if (finished_) return false;
  const bool event = far_                                ? local_step()
                     : cfg_.scheme == TimeScheme::Exact  ? exact_step()
                     : cfg_.scheme == TimeScheme::Frozen ? frozen_step()
                                                         : wang_step();
  if (event) {
    const long k = settle();
    obs_.avalanche_sizes.push_back(1 + k);
    record();
  }
  check_limit();
  return !finished_;
}

// Exact waiting times by thinning (Lewis and Shedler): each voxel's rate is bounded on
// [t, horizon] by B_v (its rate sum at the last refresh, times the ramp growth, times its
// relaxation factor, which never increases with time); candidates come at the total bound's
// rate, a voxel in proportion to B_v, and are accepted with probability rate_v(t_c) / B_v. The
// accepted times are those of the time-dependent process itself: the same law as solving
// int k_tot dt = -ln xi, at O(log N + M) per candidate instead of O(N M) per rate evaluation.
bool Engine::exact_step() {
  for (;;) {
    const auto c = next_candidate();
    if (!c) return false;
    const size_t v = bound_.find(uniform01(rng_) * c->total);
    if (accept(v, c->time_s, bound_.weight(v))) return true;
    // Rejected: the clock moves on and this voxel's bound tightens to its present value.
    bound_.set(v, sum_rate_[v] * growth_ * bound_factor(v, c->time_s));
    if (over_budget()) return false;
  }
}

// The next candidate of the thinning, at the total bound's rate (either engine's). Beyond the
// ramp's horizon the bounds are renewed there and the draw repeated; beyond the end of the
// loading the run finishes (no candidate).
std::optional<Engine::Candidate> Engine::next_candidate() {
  const double t_end = end_time();
  for (;;) {
    const double total = far_ ? block_tree_.total() : bound_.total();
    const double tc = total > 0 ? t_ + exponential1(rng_) / total : kInf;
    if (tc > horizon_ && horizon_ < t_end) {  // no candidate before the horizon: renew the bounds
      if (segment_at(std::nextafter(horizon_, -kInf)).t1 == horizon_) {
        // A segment ends: the curve gets its corner (both sides of a jump), the next one starts.
        t_ = std::nextafter(horizon_, -kInf);
        record();
        t_ = horizon_;
        record();
      }
      t_ = horizon_;
      settle_recorded();
      if (over_budget()) return std::nullopt;  // step() ends the run at the guard
      continue;
    }
    if (tc >= t_end) {
      finish(t_end);
      return std::nullopt;
    }
    return Candidate{tc, total};
  }
}

// A candidate in voxel v at tc under bound B: with probability rate_v(tc) / B the event happens
// (recorded, transformed, clock at tc); otherwise counted as rejected, clock at tc.
bool Engine::accept(size_t v, double tc, double B) {
  const double u = uniform01(rng_);
  const double rate = mode_rate_sum(v, drive(v, applied_stress(tc), tc)) * relax_factor(v, tc);
  t_ = tc;
  if (B > 0 && u * B < rate) {
    record();
    transform(v, choose_mode(v, t_, uniform01(rng_)), t_);
    ++obs_.thermal_events;
    return true;
  }
  ++obs_.rejected_candidates;
  return false;
}

// The paper's scheme: rates frozen at the last event give tau = -ln xi / k_tot. A step longer
// than max_step_s is cut there; a step over which the ramp would drive some barrier to zero is
// halved until it would not (down to T_defo, below which the barrier is let cross and the
// avalanche logic takes over). A cut or halved step moves the clock without an event.
bool Engine::frozen_step() {
  const double t_end = end_time();
  const double total = bound_.total();
  double tau = total > 0 ? exponential1(rng_) / total : kInf;
  const double u = uniform01(rng_);
  const double max_step = frozen_max_step_s();
  if (t_ + std::min(tau, max_step) >= t_end) {
    finish(t_end);
    return false;
  }
  if (tau > max_step) {
    ++obs_.rejected_steps;
    t_ += max_step;
    settle_recorded();
    return false;
  }
  if (cfg_.loading == Loading::StrainRate) {
    const double tau0 = tau;
    while (tau > cfg_.defo_time_s && min_barrier_at(t_ + tau) <= 0) tau /= 2;
    if (tau != tau0) {
      ++obs_.rejected_steps;
      t_ += tau;
      settle_recorded();
      return false;
    }
  }
  const size_t v = bound_.find(u * total);
  const int m = choose_mode(v, t_, uniform01(rng_));
  t_ += tau;
  record();
  transform(v, m, t_);
  ++obs_.thermal_events;
  return true;
}

// Wang et al. Eqs. 5-7: one step of strain dEps, dt = dEps / rate. With t_res = 1 / k_tot at the
// step's start (Eq. 6), a thermal event happens with probability 1 - exp(-dt / t_res); its site and
// mode are chosen in proportion to their rates (Eq. 7) and it executes at the step's end, where
// the athermal transformations follow at once (step() or settle_recorded()).
bool Engine::wang_step() {
  const double t_end = end_time(), dt = cfg_.strain_step / cfg_.strain_rate_per_s;
  const double total = bound_.total();  // the rates at t_ (the bounds are exact without thinning)
  const bool thermal = uniform01(rng_) > std::exp(-dt * total);
  if (t_ + dt >= t_end) {
    finish(t_end);
    return false;
  }
  if (!thermal) {
    t_ += dt;
    settle_recorded();
    return false;
  }
  const size_t v = bound_.find(uniform01(rng_) * total);
  const int m = choose_mode(v, t_, uniform01(rng_));
  t_ += dt;
  record();
  transform(v, m, t_);
  ++obs_.thermal_events;
  return true;
}

double Engine::total_rate(double t) const {
  const Sym2 a = applied_stress(t);
  double total = 0;
  for (size_t v = 0; v < cfg_.grid.size(); ++v) total += mode_rate_sum(v, drive(v, a, t)) * relax_factor(v, t);
  return total;
}

double Engine::min_barrier_at(double t) const {
  const Sym2 a = applied_stress(t);
  double g = kInf;
  for (size_t v = 0; v < cfg_.grid.size(); ++v) {
    const Drive d = drive(v, a, t);
    double best = -kInf;
    for (int m = 0; m < cfg_.catalog.modes; ++m) best = std::max(best, log_rate(v, m, d));
    g = std::min(g, kT_ * (lnk0_ - best) + barrier_offset_eV(v, t));  // G = Q0 + offset - w
  }
  return g;
}

double Engine::rate_pass() {
  if (far_) throw std::logic_error("rate_pass: the reference engine's");
  refresh(t_);
  return bound_.total();
}

}  // namespace glassfit::kmc
