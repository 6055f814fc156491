// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/hc/strain_control.h"

namespace glassfit {

std::vector<double> solve_stress(const HcParams<double>& p, double temperature_K, StrainProgram program,
                                 std::span<const double> times_s, const StrainControlOptions& options) {
  return solve_stress_t(p, temperature_K, program, times_s, options);
}

}  // namespace glassfit
