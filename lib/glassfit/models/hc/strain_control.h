// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Strain-controlled protocols: the stress sigma(t) that solves
//   strain(t) = int_0^t J(t - s) dsigma(s),   strain(t) = strain_step + strain_rate * t,
// which is stress relaxation (a step at t = 0, rate 0) and constant-strain-rate loading
// (no step). sigma is taken piecewise linear in time on a log-spaced grid (merged with the
// requested times) and each interval's slope is solved for in turn (product integration):
//   * the Gumbel beta term, discretised on fixed quadrature nodes, is a Prony series whose
//     hereditary integral is updated recursively, O(N M);
//   * the viscoplastic term t/tau_max integrates sigma exactly;
//   * the KWW anelastic term uses its exact time integral for the last few intervals and
//     Taylor moments of blocks of older ones (kww_history.h), O(N log N).
// This is the linear response (tau_beta of Eq. 8, chi fixed); with a stress bias or Eq. 22c the
// model uses the nonlinear solver of load_history.h.
// Accuracy: 1e-4 relative with the default 30 points per decade wherever sigma is above
// 1e-6 of its initial value (tests/unit/test_protocols.cpp shows the convergence). Below
// 1e-9 of the peak stress the result would be cancellation noise and is reported as 0.
#include <span>
#include <vector>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/numerics/inner_partials.h"
#include "glassfit/numerics/gumbel_prony.h"
#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/params.h"
#include "glassfit/numerics/kww_history.h"
#include "glassfit/numerics/prony_history.h"
#include "glassfit/numerics/prony_step.h"
#include "glassfit/protocols/condition.h"

namespace glassfit {

struct StrainControlOptions {
  double points_per_decade = 30.0;
  double decades_before_first = 4.0;  // the grid starts this many decades before the first time
  ChiLaw chi_law = ChiLaw::Linear;
};

namespace detail {

constexpr double kResolutionFloor = 1e-9;
// A run needs ~500 steps (slow decay) to ~2500 (a fast Maxwell decay resolved to 1e-7).
constexpr size_t kMaxSteps = 1'000'000;

}  // namespace detail

// The solver, templated on the scalar so that a fit gets exact derivatives (ceres::Jet).
template <typename T>
std::vector<T> solve_stress_t(const HcParams<T>& p, double temperature_K, StrainProgram program,
                              std::span<const double> times_s, const StrainControlOptions& options) {
  using std::abs;
  using std::exp;
  using std::pow;
  if (times_s.empty()) return {};
  for (size_t i = 0; i < times_s.size(); ++i)
    if (!(times_s[i] > 0) || (i > 0 && !(times_s[i] > times_s[i - 1])))
      throw InputError("strain-controlled protocol: times must be positive and increasing");
  if (!(options.points_per_decade >= 1)) throw InputError("points per decade must be at least 1");

  using std::log;
  const auto s = hc::times(p, T(temperature_K), options.chi_law);
  const double t_start = times_s.front() * std::pow(10.0, -options.decades_before_first);
  // The Prony nodes depend on the parameters through ln tau_beta and B only (inner_partials.h).
  using I = inner_t<T>;
  const T log_tau_beta = log(s.tau_beta);
  const Prony<I> pr = gumbel_prony(inner_var(p.B, 1), exp(inner_var(log_tau_beta, 0)), t_start, times_s.back());
  double weight_sum = 0;
  for (double w : pr.weight) weight_sum += w;
  const T A_beta = hc::a_beta(p);
  const T J_el = T(1.0) / p.E_u;
  const T vp = p.A_vp / s.tau_max;
  // KWW creep function g and its integral G.
  const T log_tau_an = log(s.tau_an);
  auto g = [&](double t) { return t <= 0 ? T(0.0) : hc::kww_creep(s.chi, log_tau_an, t); };
  auto G = [&](double t) {
    return t <= 0 ? T(0.0) : T(t) - s.tau_an / s.chi * hc::lower_gamma(T(1.0) / s.chi, pow(T(t) / s.tau_an, s.chi));
  };

  // int_a^b g: exact via G near the present; for an interval short against its distance
  // (b - a < a / 8) 2-point Gauss–Legendre of the smooth g is within ~1e-9 relative and
  // avoids the incomplete gamma function, which dominates the O(N^2) cost.
  auto kww_interval = [&](double a, double b) {
    if (b - a > 0.125 * a) return G(b) - G(a);
    const double mid = 0.5 * (a + b), half = 0.5 * (b - a), x = half / std::sqrt(3.0);
    return T(half) * (g(mid - x) + g(mid + x));
  };
  const size_t M = pr.weight.size();
  const T sigma0 = T(program.strain_step) / J_el;  // the instantaneous response is elastic
  PronyHistory<T> h(M, sigma0);                    // h_m = int e^{-(t-s)/tau_m} dsigma(s)
  T sigma = sigma0;                                // at the end of the last step
  // Time steps: log-spaced from well before the first request and never past a request; while
  // the stress is significant (above 1e-7 of its largest value) a step may change it by at
  // most 0.25/points_per_decade relative (0.8 % at the default), which resolves fast decays
  // (a viscoplastic Maxwell decay exp(-t/tau_M) then gets steps of tau_M/120, where the
  // trapezoidal error, ~(dt/tau_M)^2 per step, stays below 1e-4 overall) and lets the step grow
  // again once the stress settles (steady viscous flow under constant strain rate).
  const double ratio = std::pow(10.0, 1.0 / options.points_per_decade);
  const double max_change = 0.25 / options.points_per_decade;
  double t_next = t_start;
  double dt_allowed = kInf;
  double sigma_scale = std::abs(value_of(sigma0));
  T sigma_integral(0.0);  // int_0^t sigma ds, for the viscoplastic term
  std::vector<T> out;
  out.reserve(times_s.size());
  size_t next_request = 0;
  double t_prev = 0.0;
  std::vector<I> decay(M), gain(M);
  std::vector<double> tau_value(M), decay_value(M), rise_value(M);
  for (size_t m = 0; m < M; ++m) tau_value[m] = value_of(pr.tau_s[m]);
  KwwHistory<T> kww;
  for (size_t n = 1; next_request < times_s.size(); ++n) {
    const double t = std::min(t_next, times_s[next_request]), dt = t - t_prev;
    // strain(t) = c0 + c1 * slope_n; collect both parts term by term.
    T c0(0.0), c1(0.0);
    // Elastic: sigma_n / E_u with sigma_n = sigma_{n-1} + slope dt.
    c0 += J_el * sigma;
    c1 += J_el * T(dt);
    // Beta (Prony): A_beta sum W_m [sigma_n - e^{-dt/tau} h_m - slope tau (1 - e^{-dt/tau})].
    prony_step_factors(dt, tau_value.data(), M, decay_value.data(), rise_value.data());
    I beta1(0.0);
    for (size_t m = 0; m < M; ++m) {
      if constexpr (std::is_same_v<I, double>) {
        decay[m] = decay_value[m];
        gain[m] = pr.tau_s[m] * rise_value[m];  // tau (1 - e^{-dt/tau})
      } else {
        // d/dtau: d e^{-x} = -e^{-x} dx and d(1 - e^{-x}) = e^{-x} dx, x = dt/tau.
        const I x = I(dt) / pr.tau_s[m];
        decay[m] = I(decay_value[m]);
        decay[m].v = -decay_value[m] * x.v;
        I rise(rise_value[m]);
        rise.v = decay_value[m] * x.v;
        gain[m] = pr.tau_s[m] * rise;
      }
      beta1 += pr.weight[m] * (I(dt) - gain[m]);
    }
    const T beta0 = T(weight_sum) * sigma - h.decayed(pr.weight, decay, log_tau_beta, p.B);
    c0 += A_beta * beta0;
    c1 += A_beta * lift_inner(beta1, log_tau_beta, p.B);
    // Viscoplastic: A_vp/tau_max * int_0^t sigma.
    c0 += vp * (sigma_integral + T(dt) * sigma);
    c1 += vp * T(0.5 * dt * dt);
    // Anelastic KWW: sigma0 g(t) + sum_k slope_k [G(t - t_{k-1}) - G(t - t_k)], the sum by
    // blocks of past intervals (kww_history.h).
    const T an0 = sigma0 * g(t) +
                  kww.evaluate(t, s.chi, log_tau_an, [&](double a, double b) { return kww_interval(t - b, t - a); });
    c0 += p.A_an * an0;
    c1 += p.A_an * G(dt);

    const T target(program.strain_step + program.strain_rate_per_s * t);
    const T slope = (target - c0) / c1;
    const T sigma_prev = sigma;
    sigma += slope * T(dt);
    kww.append(t_prev, t, slope);
    kww.coarsen(t);
    const double sn = value_of(sigma), sp = value_of(sigma_prev);
    // Parameters far outside the model's range (e.g. tau_max of 1e-50 s) make the stress
    // overflow or the step vanish: an error, never a hang (a fit then rejects the step).
    if (!std::isfinite(sn))
      throw InputError(
          fmt::format("strain-controlled protocol at {:g} K: the stress is not finite at t = {:g} s "
                      "(tau_max = {:g} s, tau_an = {:g} s): parameters outside what the solver resolves",
                      temperature_K, t, value_of(s.tau_max), value_of(s.tau_an)));
    sigma_scale = std::max(sigma_scale, std::abs(sn));
    const double change = std::abs(sn - sp) / std::max(std::abs(sn), 1e-7 * sigma_scale);
    if (std::abs(sn) > 1e-7 * sigma_scale && change > 0)
      dt_allowed = std::min(2.0 * dt, dt * max_change / change);
    else
      dt_allowed = 2.0 * dt;
    t_next = t + std::min(t * (ratio - 1), dt_allowed);
    if (!(t_next > t) || n > detail::kMaxSteps)
      throw InputError(
          fmt::format("strain-controlled protocol at {:g} K: more than {} time steps or a vanishing step "
                      "at t = {:g} s (tau_max = {:g} s): parameters outside what the solver resolves",
                      temperature_K, detail::kMaxSteps, t, value_of(s.tau_max)));
    sigma_integral += T(0.5 * dt) * (sigma_prev + sigma);
    h.update(decay, gain, slope);
    while (next_request < times_s.size() && std::abs(times_s[next_request] - t) <= 1e-12 * t) {
      // Below 1e-9 of the peak stress the result is cancellation noise (about 1e-10 of the
      // peak in double precision): report the stress as fully relaxed instead.
      out.push_back(std::abs(sn) < detail::kResolutionFloor * sigma_scale ? T(0.0) : sigma);
      ++next_request;
    }
    t_prev = t;
  }
  return out;
}

// Stress (MPa) at each requested time (s, > 0, increasing).
std::vector<double> solve_stress(const HcParams<double>& p, double temperature_K, StrainProgram program,
                                 std::span<const double> times_s, const StrainControlOptions& options = {});

}  // namespace glassfit
