// SPDX-License-Identifier: BSD-3-Clause
// The engine (engine.h): barriers, rates, their bounds and refreshes.
#include "glassfit/kmc/engine.h"

#include <algorithm>
#include <cmath>

#include "glassfit/kmc/rate_sum.h"

namespace glassfit::kmc {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

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

}  // namespace glassfit::kmc
