// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Creep under a piecewise-constant stress history by Boltzmann superposition of J(t)
// (Eq. 25a): strain(t) = sum_j (sigma_j - sigma_{j-1}) J(t - t_j). Creep + recovery is the
// history 50@0,0@330. This is the linear response: with a stress bias of tau_beta or a chi that
// follows the anelastic strain (Eqs. 9, 22c) the model uses load_history.h instead.
// A step at t_j acts for t > t_j: at a step time the strain is the one just before the step.
#include <span>
#include <vector>

#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/core/grid.h"
#include "glassfit/numerics/inner_partials.h"
#include "glassfit/numerics/gumbel_prony.h"
#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/params.h"

namespace glassfit {

// Strain at every time of one run (times > 0, any order) under a stress history, templated
// for exact derivatives. Each step's beta term comes from one Prony series over the run's
// times after the step (gumbel_prony.h, within 1e-8 of the adaptive average), with derivatives
// through ln tau_beta and B only (inner_partials.h).
template <typename T>
std::vector<T> creep_strain_run(const HcParams<T>& p, double temperature_K, std::span<const Step> history,
                                std::span<const double> times_s, ChiLaw chi_law = ChiLaw::Linear) {
  using std::log;
  const hc::Times<T> s = hc::times(p, T(temperature_K), chi_law);
  std::vector<T> strain(times_s.size(), T(0.0));
  double previous = 0.0;
  for (size_t j = 0; j < history.size(); ++j) {
    // A step at t_j acts for t > t_j: the value at a step time is the one just before it.
    double t_lo = kInf, t_hi = 0;
    for (double t : times_s)
      if (t > history[j].time_s)
        t_lo = std::min(t_lo, t - history[j].time_s), t_hi = std::max(t_hi, t - history[j].time_s);
    if (t_hi == 0) continue;
    const T log_tau_beta = log(s.tau_beta), log_tau_an = log(s.tau_an);
    const auto pr = gumbel_prony(inner_var(p.B, 1), exp(inner_var(log_tau_beta, 0)), t_lo, t_hi);
    const T increment(history[j].value - previous);
    previous = history[j].value;
    for (size_t i = 0; i < times_s.size(); ++i) {
      const double dt = times_s[i] - history[j].time_s;
      if (dt <= 0) continue;
      const T beta = lift_inner(prony_beta_creep(pr, dt), log_tau_beta, p.B);
      strain[i] += increment * hc::compliance_from_beta(p, s, log_tau_an, dt, beta);
    }
  }
  return strain;
}

// The linear creep strain (no stress bias, chi fixed).
std::vector<double> predict_creep_strain(const HcParams<double>& p, double temperature_K,
                                         std::span<const Step> stress_history, std::span<const double> times_s);

}  // namespace glassfit
