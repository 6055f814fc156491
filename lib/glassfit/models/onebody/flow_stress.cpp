// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/onebody/flow_stress.h"

#include <ceres/jet.h>
#include <fmt/format.h>

#include <algorithm>
#include <boost/math/constants/constants.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/numeric/odeint.hpp>
#include <cmath>
#include <type_traits>
#include <vector>

#include "glassfit/core/error.h"
#include "glassfit/models/onebody/closed_form.h"
#include "glassfit/models/onebody/flow_stress_asymptotic.h"

namespace glassfit::onebody {
namespace {

template <int N>
using Jet = ceres::Jet<double, N>;

// The inputs of one integral as Jets seeded in N directions: which inputs carry a direction is
// the caller's choice (sigma_0 alone for the root, sigma_0 and ln rate for m, everything for
// the gradient).
template <int N>
struct Seeded {
  std::array<Jet<N>, kSlots> values;
  Jet<N> sigma0, rate;
};

template <int N>
Seeded<N> constants(std::span<const double> values, double sigma0, double rate) {
  Seeded<N> s;
  for (int k = 0; k < kSlots; ++k) s.values[k] = Jet<N>(values[k]);
  s.sigma0 = Jet<N>(sigma0), s.rate = Jet<N>(rate);
  return s;
}

double kT_eV(double T_K) { return kBoltzmann_eV_per_K * T_K; }

// t_c > 0 where G(t_c) = 0, given G(0) > 0. Q rises from Q(0) to at most Q(inf), so t_c lies
// between the zeros of Q(0) - b (sigma_0 + E rate t) and Q(inf) - b (sigma_0 + E rate t).
double barrier_zero_s(const Params<double>& p, const Loading& at, double sigma0) {
  const double b = omega_eV_per_MPa(p) / 2, slope = b * p.E_MPa * at.rate_per_s;
  const double Q_inf = barrier::relaxed_barrier_eV(p.relax, at.temperature_K);
  const double lo = (barrier_eV(p, at.law, at.temperature_K, 0.0) - b * sigma0) / slope;
  const double hi = (Q_inf - b * sigma0) / slope;
  if (!(hi > lo * (1 + 1e-15))) return lo;
  auto G = [&](double ln_t) {
    return biased_barrier_eV(p, at.law, at.temperature_K, sigma0, at.rate_per_s, std::exp(ln_t));
  };
  const double G_lo = G(std::log(lo)), G_hi = G(std::log(hi));
  if (G_lo <= 0) return lo;
  if (G_hi >= 0) return hi;  // Q(hi) = Q(inf) within rounding
  std::uintmax_t iterations = 200;
  const auto r = boost::math::tools::toms748_solve(G, std::log(lo), std::log(hi), G_lo, G_hi,
                                                   boost::math::tools::eps_tolerance<double>(50), iterations);
  return std::exp(0.5 * (r.first + r.second));
}

// t_mean and its derivatives in the N seeded directions.
template <int N>
struct Interval {
  double t_mean_s = 0;
  std::array<double, N> d{};
  double survival_at_tc = 0;  // S(t_c); 0 when integral k passed kSurvivalCut first
};

constexpr double kSurvivalCut = 60;  // stop once integral k > 60: exp(-60) of the rest is left

// P is the scalar of the parameters: double when only sigma_0 and the rate carry directions
// (the barrier is then evaluated in doubles, the cheap case of the root), Jet<N> otherwise.
template <int N, typename P = Jet<N>>
Interval<N> mean_interval(const Seeded<N>& s, const Loading& at, double tolerance = 1e-8) {
  std::array<P, kSlots> param_values;
  for (int k = 0; k < kSlots; ++k) {
    if constexpr (std::is_same_v<P, double>)
      param_values[k] = s.values[k].a;
    else
      param_values[k] = s.values[k];
  }
  const Params<P> pj(param_values.data());
  std::array<double, kSlots> plain;
  for (int k = 0; k < kSlots; ++k) plain[k] = s.values[k].a;
  const Params<double> p(plain.data());
  const double sigma0 = s.sigma0.a, rate = s.rate.a, T = at.temperature_K;
  Interval<N> out;
  if (!(biased_barrier_eV(p, at.law, T, sigma0, rate, 0.0) > 0)) return out;  // instantaneous
  const double t_c = barrier_zero_s(p, at, sigma0);
  const double t_ref = strain_per_event(p) / rate;  // the target interval: scales the state
  const double K0 = attempt_rate_per_s(p, at.attempt);
  const RateTerms<P> terms(pj, at.reading(), T);
  // State: H = integral k, the deficit integral (1 - S) dt / t_ref (t_mean = t - deficit: tiny
  // before the waiting-time peak, it does not hold the steps back there), dH/dx_j and
  // d t_mean/dx_j / t_ref; the independent variable is u = ln t. Tolerances `tolerance` relative,
  // a hundredth of it absolute (the integrals are in units of t_ref).
  constexpr int D = 2 + 2 * N;
  using State = std::array<double, D>;
  auto rhs = [&](const State& x, State& dx, double u) {
    const double t = std::exp(u);
    const Jet<N> lk = terms.log_rate(s.sigma0, s.rate, t);
    const double k = std::exp(lk.a), S = std::exp(-x[0]);
    dx[0] = t * k;
    dx[1] = -t * std::expm1(-x[0]) / t_ref;
    for (int j = 0; j < N; ++j) {
      dx[2 + j] = t * k * lk.v[j];
      dx[2 + N + j] = -t * x[2 + j] * S / t_ref;
    }
  };
  // Below t0 the rate is at most K0 exp(-G(0)/kT): integral k < 1e-9 there, and S = 1.
  const double t0 = std::min({1e-12 * t_ref, 1e-9 / K0, 1e-12 * t_c});
  State x{};
  {
    const Jet<N> lk = terms.log_rate(s.sigma0, s.rate, t0);
    x[0] = t0 * std::exp(lk.a);
    x[1] = 0.5 * t0 * x[0] / t_ref;  // (1 - S) ~ H ~ t k
    for (int j = 0; j < N; ++j) x[2 + j] = x[0] * lk.v[j];
  }
  namespace ode = boost::numeric::odeint;
  auto stepper = ode::make_controlled(tolerance / 100, tolerance, ode::runge_kutta_dopri5<State>());
  const double u_end = std::log(t_c);
  double u = std::log(t0), du = 0.5;
  for (int steps = 0; u < u_end && x[0] < kSurvivalCut; ++steps) {
    if (steps > 100000) throw std::runtime_error("onebody: mean interval integration did not finish");
    du = std::min({du, u_end - u, 2.0});
    const State before = x;
    const double u_before = u, du_before = du;
    if (stepper.try_step(rhs, x, u, du) == ode::fail) continue;  // du was reduced: try again
    // A trial step far past the peak can overflow (k ~ e^(t/tau)) into a non-finite error
    // estimate, which the controller does not reject: take it back, shorter.
    if (!std::all_of(x.begin(), x.end(), [](double v) { return std::isfinite(v); })) {
      x = before, u = u_before, du = 0.25 * du_before;
      stepper.reset();  // its stored derivative is not finite either
    }
  }
  const double H_end = x[0];
  out.t_mean_s = std::exp(u) - x[1] * t_ref;
  for (int j = 0; j < N; ++j) out.d[j] = x[2 + N + j] * t_ref;
  // The moving end: d/dx integral_0^t_c S = ... + S(t_c) dt_c/dx, dt_c/dx = -G_x / G_t at t_c.
  if (H_end < kSurvivalCut) {
    const Jet<N> G = Jet<N>(0.0) + terms.biased_barrier_eV(s.sigma0, s.rate, t_c);
    const double G_t = barrier_rates(p, at.law, T, t_c).dQ_dt - omega_eV_per_MPa(p) / 2 * p.E_MPa * rate;
    const double S_c = std::exp(-H_end);
    for (int j = 0; j < N; ++j) out.d[j] += S_c * (-G.v[j] / G_t);
    out.survival_at_tc = S_c;
  }
  return out;
}

// sigma_0 where the barrier vanishes at t = 0: above it the interval is 0.
double athermal_stress_MPa(const Params<double>& p, const Loading& at) {
  return barrier_eV(p, at.law, at.temperature_K, 0.0) / (omega_eV_per_MPa(p) / 2);
}

}  // namespace

// The loading, and the scales of the model at it: exp(E_v/kT - c) (Sec. II B, below Eq. 11) and exp(Q_R/kT)/k0
// (Eq. 6) must be doubles, which sets the lowest temperature (50.05 K with the paper's values).
void check_loading(std::span<const double> values, const Loading& at) {
  if (!(at.temperature_K > 0) || !(at.temperature_K <= kMaxTemperature_K))
    throw InputError(fmt::format("temperature {:g} K must be above 0 K and at most {:g} K (no glass is solid there)",
                                 at.temperature_K, kMaxTemperature_K));
  if (!(at.rate_per_s >= kMinStrainRate_per_s && at.rate_per_s <= kMaxStrainRate_per_s))
    throw InputError(
        fmt::format("strain rate {:g} 1/s is outside {:g} to {:g} 1/s, where the one-body model is computed",
                    at.rate_per_s, kMinStrainRate_per_s, kMaxStrainRate_per_s));
  const Params<double> p(values.data());
  constexpr double kLnMax = 700;  // exp(700) = 1e304
  const double T_min = std::max(p.relax.E_v_eV / (kBoltzmann_eV_per_K * (kLnMax + p.relax.c)),
                                p.relax.Q_R_eV / (kBoltzmann_eV_per_K * (kLnMax + std::log(p.relax.k0_per_s))));
  if (at.temperature_K < T_min || !(kLnMax + p.relax.c > 0))
    throw InputError(
        fmt::format("temperature {:g} K: below {:.4g} K the barrier's relaxation exp(E_v/kT - c) "
                    "(Sec. II B, below Eq. 11) or exp(Q_R/kT)/k0 (Eq. 6) leaves a double's range; the one-body model "
                    "is computed above it",
                    at.temperature_K, T_min));
}

double mean_interval_s(std::span<const double> values, const Loading& at, double sigma0_MPa) {
  check_loading(values, at);
  return mean_interval<1, double>(constants<1>(values, sigma0_MPa, at.rate_per_s), at).t_mean_s;
}

double mean_interval_paper_s(std::span<const double> values, const Loading& at, double sigma0_MPa, int n) {
  check_loading(values, at);
  const Params<double> p(values.data());
  const double T = at.temperature_K;
  if (!(biased_barrier_eV(p, at.law, T, sigma0_MPa, at.rate_per_s, 0.0) > 0)) return 0;
  const double t_c = barrier_zero_s(p, at, sigma0_MPa), t_lo = 1e-20;
  if (t_c <= t_lo) return 0;
  if (n < 1) throw std::invalid_argument("mean_interval_paper_s: no subintervals");
  const RateTerms<double> terms(p, at.reading(), T);
  auto k = [&](double t) { return std::exp(terms.log_rate(sigma0_MPa, at.rate_per_s, t)); };
  // P(t) = k exp(-integral k) (Eq. 30), integral k by the same trapezoids (0 below 1e-20 s).
  double t_prev = t_lo, k_prev = k(t_lo), H = 0, tP_prev = t_lo * k_prev, mean = 0;
  for (int i = 1; i <= n; ++i) {
    const double t = t_lo * std::pow(t_c / t_lo, double(i) / n), ki = k(t);
    H += 0.5 * (k_prev + ki) * (t - t_prev);
    const double tP = t * ki * std::exp(-H);
    mean += 0.5 * (tP_prev + tP) * (t - t_prev);  // Eq. 32
    t_prev = t, k_prev = ki, tP_prev = tP;
  }
  return mean;
}

FlowStress flow_stress(std::span<const double> values, const Loading& at) {
  if (auto fast = flow_stress_asymptotic(values, at)) return *fast;
  // 1e-10: m within ~1e-7 of the exact value, as the expansion gives it (1e-8 leaves up to 3e-5)
  return flow_stress_adaptive(values, at, 1e-10);
}

FlowStress flow_stress_adaptive(std::span<const double> values, const Loading& at, double tolerance) {
  check_loading(values, at);
  const Params<double> p(values.data());
  const double a = strain_per_event(p), target = a / at.rate_per_s;
  const double hi_limit = athermal_stress_MPa(p, at);
  const double kT_over_b = kT_eV(at.temperature_K) / (omega_eV_per_MPa(p) / 2);
  int evaluations = 0;
  // F(sigma_0) = ln(t_mean / t_target), decreasing in sigma_0: a rise of sigma_0 by E rho dEps
  // brings the barrier's end, and the events, forward by about a whole interval. Each evaluation
  // also gives dF/d ln(rate), for m at the root.
  struct Evaluation {
    double sigma0, F, dF_dsigma, dF_dlnrate, t_mean, survival;
  } last{};
  auto F = [&](double sigma0) -> std::pair<double, double> {
    ++evaluations;
    auto s = constants<2>(values, sigma0, at.rate_per_s);
    s.sigma0.v[0] = 1, s.rate.v[1] = at.rate_per_s;
    const auto r = mean_interval<2, double>(s, at, tolerance);
    if (!(r.t_mean_s > 0)) {  // at or beyond the athermal stress
      last = {sigma0, -800.0, -1 / (p.E_MPa * a), 0.0, 0.0, 1.0};
    } else {
      last = {sigma0,          std::log(r.t_mean_s / target), r.d[0] / r.t_mean_s, r.d[1] / r.t_mean_s + 1, r.t_mean_s,
              r.survival_at_tc};
    }
    return {last.F, last.dF_dsigma};
  };
  auto newton = [&](double guess, double lo, double hi) {
    std::uintmax_t iterations = 100;
    return boost::math::tools::newton_raphson_iterate(F, guess, lo, hi, 32, iterations);
  };
  // Start from the closed form less Euler's gamma times 2kT/Omega: the mean of the waiting time
  // lies that far from its mode when dQ/dt is small (docs/models/onebody.md), so Newton needs two
  // or three steps.
  constexpr double kEulerGamma = boost::math::constants::euler<double>();
  const double cf = closed_form(p, at.reading(), at.temperature_K, at.rate_per_s).flow_stress_MPa;
  const double guess =
      std::isfinite(cf) && cf < hi_limit ? cf - kEulerGamma * 2 * kT_over_b : hi_limit - 10 * kT_over_b;
  const double reach = 10 * kT_over_b + p.E_MPa * a;
  double root = newton(guess, guess - reach, std::min(guess + reach, hi_limit));
  if (!(std::abs(last.F) < 1e-6)) {
    // Far from the guess: bracket the root by doubling steps, then Newton inside the bracket.
    double lo = guess, hi = guess, step = kT_over_b;
    auto f_lo = F(lo);
    for (int i = 0; f_lo.first < 0; ++i) {
      if (i > 200 || !std::isfinite(lo))
        throw InputError("one-body flow stress: no steady flow below the athermal stress");
      hi = lo, lo -= step, step *= 2, f_lo = F(lo);
    }
    if (hi == lo) {  // F(guess) >= 0: the root is above
      auto f_hi = f_lo;
      for (int i = 0; f_hi.first > 0; ++i) {
        if (i > 200) throw InputError("one-body flow stress: no root below the athermal stress");
        lo = hi, hi = std::min(hi + step, hi_limit), step *= 2, f_hi = F(hi);
      }
    }
    root = newton(0.5 * (lo + hi), lo, hi);
  }
  // m from the last evaluation, which Newton made a step of < 1e-9 relative from the root.
  if (std::abs(last.sigma0 - root) > 1e-9 * (std::abs(root) + kT_over_b)) F(root);
  const double slope = -last.dF_dlnrate / last.dF_dsigma;  // implicit-function theorem
  return {root, slope, slope / root, last.t_mean, evaluations, last.survival};
}

double flow_stress_paper_MPa(std::span<const double> values, const Loading& at, int n) {
  check_loading(values, at);
  const Params<double> p(values.data());
  const double target = strain_per_event(p) / at.rate_per_s;
  const double kT_over_b = kT_eV(at.temperature_K) / (omega_eV_per_MPa(p) / 2);
  // The trapezoids under-resolve the waiting-time peak (docs/models/onebody.md), so their mean
  // interval is not monotone in sigma_0 and falls to 0 once t_c is far beyond the peak: walk
  // down from the closed form in steps of kT/b to the first bracket, then bisect.
  const double cf = closed_form(p, at.reading(), at.temperature_K, at.rate_per_s).flow_stress_MPa;
  double hi = std::isfinite(cf) ? cf + 5 * kT_over_b : athermal_stress_MPa(p, at);
  double lo = hi - kT_over_b;
  for (int i = 0; mean_interval_paper_s(values, at, lo, n) < target; ++i) {
    if (i > 1000) throw InputError("one-body flow stress (paper recipe): no bracket");
    hi = lo, lo -= kT_over_b;
  }
  while (hi - lo > 1e-6 * std::abs(hi)) {  // bisection
    const double mid = 0.5 * (lo + hi);
    (mean_interval_paper_s(values, at, mid, n) < target ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

FlowStressGradient flow_stress_gradient(std::span<const double> values, const Loading& at) {
  constexpr int N = kSlots + 1;  // every slot and sigma_0
  const double root = flow_stress(values, at).sigma0_MPa;
  auto s = constants<N>(values, root, at.rate_per_s);
  for (int k = 0; k < kSlots; ++k) s.values[k].v[k] = 1;
  s.sigma0.v[kSlots] = 1;
  const auto r = mean_interval<N>(s, at);
  const Params<Jet<N>> pj(s.values.data());
  const Jet<N> ln_a = log(strain_per_event(pj));
  FlowStressGradient g{root, {}};
  const double dF_dsigma = r.d[kSlots] / r.t_mean_s;
  for (int k = 0; k < kSlots; ++k) g.dsigma0[k] = -(r.d[k] / r.t_mean_s - ln_a.v[k]) / dF_dsigma;
  return g;
}

}  // namespace glassfit::onebody
