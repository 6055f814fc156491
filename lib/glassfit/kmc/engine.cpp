// SPDX-License-Identifier: BSD-3-Clause
// The engine (engine.h): its configuration's checks, construction and loading. The rest:
// engine_rates.cpp, engine_events.cpp, engine_local.cpp (the local engine), engine_checkpoint.cpp.
#include "glassfit/kmc/engine.h"

#include <algorithm>
#include <cmath>
#include <unistd.h>

#include <fmt/format.h>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"

namespace glassfit::kmc {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void require(bool ok, const std::string& key, const std::string& what) {
  if (!ok) throw InputError(fmt::format("kmc config: '{}': {}", key, what));
}

double physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page > 0 ? double(pages) * double(page) : kInf;
}

}  // namespace

double EngineConfig::estimated_bytes() const {
  return 16e6 + double(grid.size()) * (420.0 + 60.0 * double(catalog.modes));
}

void EngineConfig::validate() const {
  require(clock_reset == ClockReset::Centre || law != BarrierLaw::Softening, "dynamics.clock_reset",
          "\"stencil\" applies to the kww and time-independent barriers; the softening law keeps its own "
          "per-voxel state");
  require(grid.nx >= 3 && grid.ny >= 3, "lattice.nx/ny", "at least 3 voxels in each direction");
  require(grid.size() <= (size_t(1) << 26), "lattice.nx/ny", "at most 2^26 voxels");
  require(stz_volume_nm3 > 0 && std::isfinite(stz_volume_nm3), "lattice.stz_volume_nm3", "must be positive");
  require(catalog.modes >= 1 && catalog.modes <= 1000, "stz.modes", "must be between 1 and 1000");
  // Decided before anything is allocated.
  const double need = estimated_bytes(), have = physical_memory_bytes();
  require(need <= 0.8 * have, "lattice.nx/ny",
          fmt::format("{} x {} voxels with {} modes need about {:.1f} GB of memory; this machine has {:.1f} GB",
                      grid.nx, grid.ny, catalog.modes, need / 1e9, have / 1e9));
  require(catalog.strain_sd > 0 && catalog.strain_sd < 1, "stz.strain_sd", "must be in (0, 1)");
  require(catalog.barrier_sd_eV >= 0 && std::isfinite(catalog.barrier_sd_eV), "stz.barrier_sd_eV", "must be >= 0");
  require(catalog.barrier_mean_eV > catalog.min_barrier_eV && std::isfinite(catalog.barrier_mean_eV),
          "stz.barrier_mean_eV", "must exceed stz.min_barrier_eV");
  require(initial_eigenstrain_sd >= 0 && initial_eigenstrain_sd < 1, "stz.initial_eigenstrain_sd", "must be in [0, 1)");
  require(elasticity.E_MPa > 0 && std::isfinite(elasticity.E_MPa), "material.youngs_modulus_MPa", "must be positive");
  require(elasticity.nu > -1 && elasticity.nu < 0.5, "material.poisson_ratio", "must be in (-1, 0.5)");
  require(temperature_K > 0 && std::isfinite(temperature_K), "run.temperature_K", "must be positive");
  require(kww.k0_per_s > 0 && std::isfinite(kww.k0_per_s), "barrier.attempt_frequency_per_s", "must be positive");
  require(kww.beta > 0 && kww.beta <= 3, "barrier.beta", "must be in (0, 3]");
  require(std::isfinite(kww.E_v_eV) && std::isfinite(kww.c) && std::isfinite(kww.Q_R_eV), "barrier",
          "E_v_eV, c and Q_R_eV must be finite");
  require(softening.kappa_p >= 0 && softening.kappa_t >= 0 && std::isfinite(softening.kappa_p) &&
              std::isfinite(softening.kappa_t),
          "barrier.kappa_p/kappa_t", "must be finite and >= 0");
  require(softening.eta_max >= 0 && std::isfinite(softening.eta_max), "barrier.eta_max", "must be finite and >= 0");
  require(std::isfinite(softening.Q_act_eV), "barrier.activation_energy_eV", "must be finite");
  switch (loading) {
    case Loading::StrainRate:
      require(strain_rate_per_s > 0 && std::isfinite(strain_rate_per_s), "loading.strain_rate_per_s",
              "must be positive");
      // Faster, the load moves 5e-4 strain or more per avalanche step (T_defo = 0.52 ps): the
      // avalanches that carry the flow are not resolved, and the stress runs away.
      require(strain_rate_per_s <= kMaxStrainRate_per_s, "loading.strain_rate_per_s",
              fmt::format("{:g} /s is above {:g} /s, where the load outruns the avalanches (5e-4 strain per "
                          "0.52 ps step)",
                          strain_rate_per_s, kMaxStrainRate_per_s));
      require(final_strain > 0 && final_strain < 10, "loading.final_strain", "must be in (0, 10)");
      require(final_plastic_strain >= 0 && final_plastic_strain < 10, "loading.final_plastic_strain",
              "must be in [0, 10) (0: none)");
      break;
    case Loading::Creep:
      require(std::isfinite(stress_MPa), "loading.stress_MPa", "must be finite");
      require(final_strain > 0 && final_strain < 10, "loading.final_strain", "must be in (0, 10)");
      require(duration_s > 0 && std::isfinite(duration_s), "loading.duration_s", "must be positive");
      break;
    case Loading::Relaxation:
      require(std::isfinite(strain) && std::abs(strain) < 10, "loading.strain", "must be in (-10, 10)");
      require(duration_s > 0 && std::isfinite(duration_s), "loading.duration_s", "must be positive");
      break;
    case Loading::History:
      break;  // below
  }
  require(max_step_s > 0, "time.max_step_s", "must be positive");
  if (loading == Loading::History) {
    require(!history.empty() && history.size() <= 10000, "loading.segments", "needs 1 to 10000 segments");
    double total = 0;
    for (const LoadSegment& s : history) {
      require(std::isfinite(s.from) && std::isfinite(s.to), "loading.segments", "from and to must be finite");
      require(s.duration_s > 0 && std::isfinite(s.duration_s), "loading.segments", "duration_s must be positive");
      total += s.duration_s;
    }
    require(std::isfinite(total), "loading.segments", "the total duration must be finite");
    require(final_strain > 0 && final_strain < 10, "loading.final_strain", "must be in (0, 10)");
  }
  require(scheme == TimeScheme::Exact || loading != Loading::History, "time.scheme",
          "a loading history runs the exact scheme");
  validate_run();
}

// The time scheme, the guards, the local engine's layout, threads and snapshots.
void EngineConfig::validate_run() const {
  require(scheme != TimeScheme::Wang || loading == Loading::StrainRate, "time.scheme",
          "the wang scheme steps in strain: it needs loading.mode = \"strain-rate\"");
  require(strain_step > 0 && strain_step < 1, "time.strain_step", "must be in (0, 1)");
  require(engine == EngineKind::Reference || (scheme == TimeScheme::Exact && stress_update == StressUpdate::Kernels),
          "run.engine", "the local engine runs the exact time scheme with kernel updates; set engine = \"reference\"");
  require(defo_time_s >= 0 && std::isfinite(defo_time_s), "time.defo_time_s", "must be >= 0");
  require(max_events >= 0, "run.max_events", "must be >= 0 (0: 200 per voxel)");
  require(max_rate_passes >= 0, "run.max_rate_passes", "must be >= 0 (0: 10 per voxel)");
  require(max_rejections >= 0, "run.max_rejections", "must be >= 0 (0: 20 per allowed event)");
  require(local.block_side >= 1 && local.near_radius >= 1 && local.flush_events >= 0 && local.far_gap >= 0, "run.local",
          "block_side and near_radius must be >= 1, flush_events and far_gap >= 0");
  require(threads >= 1 && threads <= kMaxThreads, "run.threads", fmt::format("must be between 1 and {}", kMaxThreads));
  for (const double s : snapshot_strains)
    require(std::isfinite(s) && s >= 0, "output.snapshot_strains", "must be finite and >= 0");
  require(std::is_sorted(snapshot_strains.begin(), snapshot_strains.end()), "output.snapshot_strains",
          "must be in increasing order");
}

Engine::Engine(const EngineConfig& config) : cfg_((config.validate(), config)), catalog_(config.grid, config.catalog) {
  const Grid& g = cfg_.grid;
  const size_t n = g.size(), M = size_t(cfg_.catalog.modes);
  kT_ = kBoltzmann_eV_per_K * cfg_.temperature_K;
  A_ = barrier::viscosity_ratio<double>(cfg_.kww, cfg_.temperature_K);
  tR_ = barrier::relaxation_time_s(cfg_.kww, cfg_.temperature_K);
  lnk0_ = std::log(cfg_.kww.k0_per_s);
  barrier::ViscosityRelaxation rise = cfg_.kww;
  rise.Q0_eV = 0;  // the catalogue holds each mode's Q0
  relaxed_offset_eV_ = barrier::relaxed_barrier(rise, cfg_.temperature_K).Q_eV;
  tau_soft_ = barrier::softening_recovery_time_s(cfg_.softening, cfg_.kww.k0_per_s, cfg_.temperature_K);
  const double mu = cfg_.elasticity.mu();
  E_axial_ = cfg_.elasticity.uniaxial_modulus_MPa();
  modulus_ = cfg_.geometry == Geometry::Shear ? mu : E_axial_;
  build_segments();

  // The rate table (rebuild_voxel, once the local engine's tables exist below).
  base_.resize(n * M), ae1_.resize(n * M), ae3_.resize(n * M);
  q0_min_kT_.assign(n, kInf);

  // Initial eigenstrain: traceless (volume preserving), components ~ Normal(0, sd), from its own
  // stream so that the catalogue does not depend on it.
  std::seed_seq seq{std::uint32_t(cfg_.catalog.seed), std::uint32_t(cfg_.catalog.seed >> 32), 0x6b6d63u};
  rng_.seed(seq);
  std::seed_seq redraws{std::uint32_t(cfg_.catalog.seed), std::uint32_t(cfg_.catalog.seed >> 32), 0x726477u};
  catalog_rng_.seed(redraws);
  eps_star_.assign(n, Sym2{});
  if (cfg_.initial_eigenstrain_sd > 0) {
    std::normal_distribution<double> d(0.0, cfg_.initial_eigenstrain_sd);
    for (auto& e : eps_star_) {
      const double a = d(rng_), b = d(rng_);
      e = {a, -a, b};
    }
  }
  for (const auto& e : eps_star_) sum_eps_star_.xx += e.xx, sum_eps_star_.yy += e.yy, sum_eps_star_.xy += e.xy;
  initial_mean_eps_star_ = {sum_eps_star_.xx / double(n), sum_eps_star_.yy / double(n), sum_eps_star_.xy / double(n)};
  kernel_stress_ = stress_fft(cfg_.elasticity, g, eps_star_, Sym2{});
  last_event_s_.assign(n, -kInf);  // never transformed: fully relaxed
  generation_.assign(n, 0);
  softening_.assign(n, barrier::SofteningState{});
  sum_rate_.assign(n, 0.0), max_log_rate_.assign(n, 0.0), factor_.assign(n, 0.0), offset_eV_.assign(n, 0.0);
  scale_eval_.assign(n, 1.0);
  bound_.resize(n);
  if (cfg_.engine == EngineKind::Local) {
    init_local_tables();
  } else if (cfg_.stress_update == EngineConfig::StressUpdate::Kernels) {
    kernels_ref_.emplace(cfg_.elasticity, g);
  }
  for (size_t v = 0; v < n; ++v) rebuild_voxel(v);

  record();
  settle_recorded();  // loading may be unstable from the start (e.g. a relaxation prestrain)
  if (cfg_.relax_after_initial_avalanche && events() > 0) {
    // Niiyama et al. Sec. II C: "the elapsed times were then reset to infinity to define the
    // initial state". Barriers only rise, so the state stays stable; the rates are recomputed.
    std::fill(last_event_s_.begin(), last_event_s_.end(), -kInf);
    if (far_)
      local_renew(t_);
    else
      refresh(t_);
  }
  check_limit();
}

// The loading as segments of a controlled quantity, each from t0 to t1 at a constant rate.
void Engine::build_segments() {
  using Control = LoadSegment::Control;
  switch (cfg_.loading) {
    case Loading::StrainRate:
      segments_ = {{Control::Strain, 0, cfg_.final_strain / cfg_.strain_rate_per_s, 0, cfg_.strain_rate_per_s}};
      break;
    case Loading::Creep:
      segments_ = {{Control::Stress, 0, cfg_.duration_s, cfg_.stress_MPa, 0}};
      break;
    case Loading::Relaxation:
      segments_ = {{Control::Strain, 0, cfg_.duration_s, cfg_.strain, 0}};
      break;
    case Loading::History:
      for (const LoadSegment& s : cfg_.history) {
        const double t0 = segments_.empty() ? 0.0 : segments_.back().t1;
        segments_.push_back({s.control, t0, t0 + s.duration_s, s.from, (s.to - s.from) / s.duration_s});
      }
      break;
  }
}

// The local engine's blocks, trees and per-voxel bounds (engine_local.cpp).
void Engine::init_local_tables() {
  const Grid& g = cfg_.grid;
  const size_t n = g.size();
  // A flush (one FFT solve, ~3.4 N log2 N ns here) every F events against the catch-ups, which
  // sum up to F logged events over the ~3000 voxels refreshed per event: F about
  // sqrt(N log2 N / 1000) balances the two (measured at 256^2 and 512^2; docs/kmc.md).
  const double auto_flush = std::sqrt(double(n) * std::log2(double(n)) / 1000.0);
  const size_t flush = cfg_.local.flush_events > 0 ? size_t(cfg_.local.flush_events)
                                                   : std::max<size_t>(8, size_t(std::lround(auto_flush)));
  far_.emplace(cfg_.elasticity, g, cfg_.local.block_side, cfg_.local.near_radius, flush, cfg_.local.far_gap);
  const size_t nb = far_->blocks();
  weight_.assign(n, 0.0);
  voxel_trees_.resize(nb);
  for (size_t b = 0; b < nb; ++b) voxel_trees_[b].resize(far_->block_size(b));
  block_tree_.resize(nb);
  a1_block_.assign(nb, 0.0), a3_block_.assign(nb, 0.0);
  min_margin_eV_.assign(nb, kInf), ramp_since_s_.assign(nb, 0.0);
  a1_voxel_.assign(n, 0.0), a3_voxel_.assign(n, 0.0);
  p_eval_.assign(n, std::numeric_limits<double>::quiet_NaN()), q_eval_ = p_eval_, loose_.assign(n, 0.0);
  is_dirty_.assign(n, 0);
}

// ---- loading -------------------------------------------------------------------------------

const Engine::Segment& Engine::segment_at(double t) const {
  const auto it =
      std::upper_bound(segments_.begin(), segments_.end(), t, [](double x, const Segment& s) { return x < s.t1; });
  return it == segments_.end() ? segments_.back() : *it;
}

Sym2 Engine::mean_strain(double t) const {
  const double n = double(cfg_.grid.size());
  const Sym2 mean_star{sum_eps_star_.xx / n, sum_eps_star_.yy / n, sum_eps_star_.xy / n};
  const Segment& s = segment_at(t);
  const double value = s.from + s.rate * (t - s.t0);
  const bool strain_control = s.control == LoadSegment::Control::Strain;
  if (cfg_.geometry == Geometry::Shear) {
    // sigma_xx = sigma_yy = 0 on average: no elastic normal strain; the shear is 2 eps_xy.
    const double xy = strain_control ? initial_mean_eps_star_.xy + value / 2 : mean_star.xy + value / (2 * modulus_);
    return {mean_star.xx, mean_star.yy, xy};
  }
  const double axial = strain_control ? initial_mean_eps_star_.xx + value : mean_star.xx + value / modulus_;
  // sigma_yy = sigma_xy = 0 on average: the lateral strain follows the axial one.
  const double lam = cfg_.elasticity.lambda(), mu = cfg_.elasticity.mu();
  return {axial, mean_star.yy - lam / (lam + 2 * mu) * (axial - mean_star.xx), mean_star.xy};
}

Sym2 Engine::applied_stress(double t) const { return cfg_.elasticity.stress(mean_strain(t)); }

double Engine::axial_modulus_MPa() const { return E_axial_; }
double Engine::strain() const {
  if (cfg_.geometry == Geometry::Shear) return 2 * (mean_strain(t_).xy - initial_mean_eps_star_.xy);
  return mean_strain(t_).xx - initial_mean_eps_star_.xx;
}
double Engine::plastic_strain() const {
  const double n = double(cfg_.grid.size());
  if (cfg_.geometry == Geometry::Shear) return 2 * (sum_eps_star_.xy / n - initial_mean_eps_star_.xy);
  return sum_eps_star_.xx / n - initial_mean_eps_star_.xx;
}
double Engine::stress_MPa() const {
  const double n = double(cfg_.grid.size());
  if (cfg_.geometry == Geometry::Shear) return 2 * modulus_ * (mean_strain(t_).xy - sum_eps_star_.xy / n);
  return E_axial_ * (mean_strain(t_).xx - sum_eps_star_.xx / n);
}

std::vector<Sym2> Engine::stress_field() const {
  const Sym2 a = applied_stress(t_);
  std::vector<Sym2> out(cfg_.grid.size());
  for (size_t v = 0; v < out.size(); ++v) {
    const Sym2 s = internal_stress(v);
    out[v] = {s.xx + a.xx, s.yy + a.yy, s.xy + a.xy};
  }
  return out;
}

double Engine::frozen_max_step_s() const {
  if (std::isfinite(cfg_.max_step_s) || cfg_.loading != Loading::StrainRate) return cfg_.max_step_s;
  return 1e-4 / cfg_.strain_rate_per_s;  // under a ramp, frozen rates need a cap: 1e-4 of strain
}

double Engine::end_time() const { return segments_.back().t1; }

}  // namespace glassfit::kmc
