#pragma once
// Creep under a piecewise-constant stress history by Boltzmann superposition of J(t)
// (Eq. 25a): strain(t) = sum_j (sigma_j - sigma_{j-1}) J(t - t_j). Creep + recovery is the
// history 50@0,0@330. With a stress-biased tau_beta (sigma_1 set, Eq. 9), each increment's
// compliance uses |sigma_j|, the stress level the increment brings the sample to.
// A step at t_j acts for t > t_j: at a step time the strain is the one just before the step.
#include <span>
#include <vector>

#include "glassfit/core/grid.h"
#include "glassfit/models/hc_params.h"

namespace glassfit {

// Throws InputError when |stress| reaches sigma_1 (Eq. 9 has no meaning there).
std::vector<double> predict_creep_strain(const HcParams<double>& p, double temperature_K,
                                         std::span<const Step> stress_history, std::span<const double> times_s);

}  // namespace glassfit
