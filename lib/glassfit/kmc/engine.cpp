#include "glassfit/kmc/engine.h"

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include <fmt/format.h>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/io/text_file.h"
#include "glassfit/kmc/checkpoint_format.h"
#include "glassfit/kmc/draws.h"
#include "glassfit/kmc/rate_sum.h"

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

// ---- barriers and rates --------------------------------------------------------------------

double Engine::barrier_offset_eV(size_t v, double t) const {
  switch (cfg_.law) {
    case BarrierLaw::TimeIndependent:
      return relaxed_offset_eV_;
    case BarrierLaw::Kww:
      return barrier::kww_rise_eV(kT_, A_, tR_, cfg_.kww.beta, t - last_event_s_[v]);
    case BarrierLaw::Softening:
      return 0.0;  // multiplicative: barrier_scale
  }
  return 0.0;
}

// Voxel v's rates at time t are at most its last evaluated sum times this (and the ramp's growth).
// Additive laws: exp(-offset(t)/kT) exactly. Softening: evaluated at scale s_e, each ln k_m falls
// with the scale at -Q0_m/kT, so by at least (s(t) - s_e) Q0_min/kT.
double Engine::bound_factor(size_t v, double t) const {
  if (cfg_.law != BarrierLaw::Softening) return relax_factor(v, t);
  return std::exp(-(barrier_scale(v, t) - scale_eval_[v]) * q0_min_kT_[v]);
}

double Engine::barrier_scale(size_t v, double t) const {
  if (cfg_.law != BarrierLaw::Softening) return 1.0;
  return std::exp(-barrier::softening_eta(softening_[v], t - last_event_s_[v], tau_soft_));  // Eqs. 8, 10
}

double Engine::log_rate(size_t v, int m, const Drive& d) const {
  const size_t k = v * size_t(cfg_.catalog.modes) + size_t(m);
  if (d.scale != 1.0) return d.scale * base_[k] + (1 - d.scale) * lnk0_ + ae1_[k] * d.p + ae3_[k] * d.q;
  return base_[k] + ae1_[k] * d.p + ae3_[k] * d.q;
}

Engine::Drive Engine::drive(size_t v, const Sym2& a, double t) const {
  const Sym2 s = internal_stress(v);
  return {s.xx - s.yy + a.xx - a.yy, 2 * (s.xy + a.xy), barrier_scale(v, t)};
}

double Engine::mode_rate_sum(size_t v, const Drive& d) const {
  const size_t k = v * size_t(cfg_.catalog.modes);
  if (d.scale != 1.0)
    return rate_sum_scaled(&base_[k], &ae1_[k], &ae3_[k], cfg_.catalog.modes, d.p, d.q, d.scale, lnk0_).sum;
  return rate_sum(&base_[k], &ae1_[k], &ae3_[k], cfg_.catalog.modes, d.p, d.q).sum;
}

// Voxel v's rate sum and largest ln k at drive (p, q), and its barrier offset and relaxation
// factor at time t.
void Engine::evaluate_rates(size_t v, double t, double p, double q) {
  const size_t M = size_t(cfg_.catalog.modes), k = v * M;
  const double scale = barrier_scale(v, t);
  const auto [sum, best] = scale != 1.0 ? rate_sum_scaled(&base_[k], &ae1_[k], &ae3_[k], int(M), p, q, scale, lnk0_)
                                        : rate_sum(&base_[k], &ae1_[k], &ae3_[k], int(M), p, q);
  offset_eV_[v] = barrier_offset_eV(v, t);
  sum_rate_[v] = sum, max_log_rate_[v] = best, factor_[v] = std::exp(-offset_eV_[v] / kT_);
  scale_eval_[v] = scale;
}

void Engine::refresh(double t) {
  const size_t n = cfg_.grid.size();
  const Sym2 a = applied_stress(t);
  const double pa = a.xx - a.yy, qa = 2 * a.xy;
  // Each voxel's sums are computed independently and in a fixed order, so the result does not
  // depend on the number of threads.
#pragma omp parallel for schedule(static) num_threads(cfg_.threads)
  for (size_t v = 0; v < n; ++v) {
    const Sym2& s = kernel_stress_[v];
    evaluate_rates(v, t, s.xx - s.yy + pa, 2 * s.xy + qa);
  }
  ++obs_.rate_updates;
  set_horizon(t);
  const double growth = cfg_.scheme == TimeScheme::Exact ? growth_ : 1.0;
  bound_.assign([&](size_t v) { return sum_rate_[v] * growth * factor_[v]; });
}

// ln k_m = base_m + ae1_m p + ae3_m q with p = sigma_xx - sigma_yy and q = 2 sigma_xy: a ramp of the
// applied p (uniaxial) or q (shear) at dp/dt raises ln k_m at ae1_m dp/dt at most.
double Engine::ramp_slope(double t) const {
  const Segment& s = segment_at(t);
  if (s.rate == 0) return 0.0;
  const bool strain_control = s.control == LoadSegment::Control::Strain;
  if (cfg_.geometry == Geometry::Shear) {  // q = 2 sigma_xy = 2 mu gamma (elastic)
    const double dq = 2 * s.rate * (strain_control ? modulus_ : 1.0);
    return (dq > 0 ? a3_pos_ : a3_neg_) * std::abs(dq);
  }
  const double a = s.rate > 0 ? a1_pos_ : a1_neg_;  // dp/dt = E' rate or the stress rate: the rate's sign
  return strain_control ? a * E_axial_ * std::abs(s.rate) : a * std::abs(s.rate);
}

// Under a load ramp the bounds hold for a horizon over which the growth is at most a factor 2
// (holds: no growth between events), and never past the end of the segment: the next one may
// start with a jump, and its slope differs.
void Engine::set_horizon(double t) {
  const double slope = ramp_slope(t);
  horizon_ = slope > 0 ? t + std::log(2.0) / slope : kInf;
  const Segment& s = segment_at(t);
  if (&s != &segments_.back()) horizon_ = std::min(horizon_, s.t1);
  growth_ = slope > 0 ? 2.0 : 1.0;
}

std::vector<Engine::Unstable> Engine::unstable() const {
  std::vector<Unstable> out;
  const size_t n = cfg_.grid.size();
  const int M = cfg_.catalog.modes;
  const Sym2 a = applied_stress(t_);
  for (size_t v = 0; v < n; ++v) {
    // G_min = kT (ln k0 - max_m ln k_m) + offset, from the last refresh (at t_).
    if (kT_ * (lnk0_ - max_log_rate_[v]) + offset_eV_[v] > 0) continue;
    const Drive d = drive(v, a, t_);
    int best = 0;
    for (int m = 1; m < M; ++m)
      if (log_rate(v, m, d) > log_rate(v, best, d)) best = m;
    out.push_back({v, best, kT_ * (lnk0_ - log_rate(v, best, d)) + offset_eV_[v]});
  }
  return out;
}

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

namespace {

// The payload is the state's bytes in a fixed order. Every length read back is bounded by the
// bytes that remain, so a corrupt length cannot ask for memory the file does not hold.
class Writer {
 public:
  template <typename T>
  void put(const T& x) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&x), sizeof(T));
  }
  template <typename T>
  void put_vector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    put(std::uint64_t(v.size()));
    if (!v.empty()) out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void put_string(const std::string& s) {
    put(std::uint64_t(s.size()));
    out_ += s;
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  void get(T& x) {
    static_assert(std::is_trivially_copyable_v<T> && !std::is_same_v<T, bool>);
    if (in_.size() < sizeof(T)) throw InputError("kmc checkpoint: truncated state");
    std::memcpy(&x, in_.data(), sizeof(T));
    in_.remove_prefix(sizeof(T));
  }
  bool get_bool() {
    std::uint8_t b = 0;
    get(b);
    if (b > 1) throw InputError("kmc checkpoint: corrupt state (flag)");
    return b == 1;
  }
  template <typename T>
  void get_vector(std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::uint64_t n = 0;
    get(n);
    if (n > in_.size() / sizeof(T)) throw InputError("kmc checkpoint: corrupt state (impossible length)");
    v.resize(size_t(n));
    if (n > 0) std::memcpy(v.data(), in_.data(), size_t(n) * sizeof(T));
    in_.remove_prefix(size_t(n) * sizeof(T));
  }
  std::string get_string() {
    std::vector<char> c;
    get_vector(c);
    return std::string(c.begin(), c.end());
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

}  // namespace

std::string Engine::state_bytes() const {
  Writer w;
  w.put_string(fingerprint());
  w.put(t_);
  w.put_vector(eps_star_);
  w.put_vector(kernel_stress_);
  w.put(sum_eps_star_);
  w.put(initial_mean_eps_star_);
  w.put_vector(last_event_s_);
  w.put_vector(generation_);
  w.put_vector(softening_);
  if (cfg_.catalogue == Catalogue::Redraw) {  // the catalogue is state now
    w.put_vector(catalog_.all());
    std::ostringstream redraws;
    redraws << catalog_rng_;
    w.put_string(redraws.str());
    for (const double x : {a1_pos_, a1_neg_, a3_pos_, a3_neg_}) w.put(x);
    if (far_) w.put_vector(a1_block_), w.put_vector(a3_block_);
  }
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
                       obs_.rate_updates, obs_.block_refreshes, obs_.far_flushes})
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
  Reader r(bytes);
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
  if (cfg_.catalogue == Catalogue::Redraw) {
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
                  &obs_.rate_updates, &obs_.block_refreshes, &obs_.far_flushes})
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
