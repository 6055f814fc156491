#pragma once
// Creep under a piecewise-constant stress history by Boltzmann superposition of J(t)
// (Eq. 25a): strain(t) = sum_j (sigma_j - sigma_{j-1}) J(t - t_j). Creep + recovery is the
// history 50@0,0@330. With a stress-biased tau_beta (sigma_1 set, Eq. 9), each increment's
// compliance uses |sigma_j|, the stress level the increment brings the sample to.
// A step at t_j acts for t > t_j: at a step time the strain is the one just before the step.
#include <span>
#include <vector>

#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/core/grid.h"
#include "glassfit/models/hc.h"
#include "glassfit/models/hc_params.h"

namespace glassfit {

// Strain at one time under a stress history (templated for exact derivatives). step_times[j]
// holds hc::times at |sigma_j|.
template <typename T>
T creep_strain_at(const HcParams<T>& p, std::span<const hc::Times<T>> step_times, std::span<const Step> history,
                  double time_s) {
  T strain(0.0);
  double previous = 0.0;
  for (size_t j = 0; j < history.size(); ++j) {
    // A step at t_j acts for t > t_j: the value at a step time is the one just before it.
    const double dt = time_s - history[j].time_s;
    if (dt <= 0) break;
    strain += T(history[j].value - previous) * hc::compliance(p, step_times[j], T(dt));
    previous = history[j].value;
  }
  return strain;
}

template <typename T>
std::vector<hc::Times<T>> creep_step_times(const HcParams<T>& p, double temperature_K, std::span<const Step> history) {
  std::vector<hc::Times<T>> out;
  for (const auto& st : history) {
    if (std::abs(st.value) >= value_of(p.sigma_1))
      throw InputError(fmt::format("stress {:g} MPa reaches sigma_1 = {:g} MPa, where Eq. 9 has no meaning", st.value,
                                   value_of(p.sigma_1)));
    out.push_back(hc::times(p, T(temperature_K), T(std::abs(st.value))));
  }
  return out;
}

// Throws InputError when |stress| reaches sigma_1 (Eq. 9 has no meaning there).
std::vector<double> predict_creep_strain(const HcParams<double>& p, double temperature_K,
                                         std::span<const Step> stress_history, std::span<const double> times_s);

}  // namespace glassfit
