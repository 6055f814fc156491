// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/hc/creep.h"

namespace glassfit {

std::vector<double> predict_creep_strain(const HcParams<double>& p, double temperature_K, std::span<const Step> history,
                                         std::span<const double> times_s) {
  return creep_strain_run<double>(p, temperature_K, history, times_s);
}

}  // namespace glassfit
