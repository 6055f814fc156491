// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/numerics/prony_step.h"

#include <algorithm>
#include <cmath>

namespace glassfit {

namespace {
__attribute__((target_clones("avx2", "default"))) void factors(double dt, const double* __restrict tau, int n,
                                                               double* __restrict decay, double* __restrict rise) {
#pragma omp simd
  for (int m = 0; m < n; ++m) {
    // dt/tau is capped at 700 so that e^{-x} stays a normal number (no denormals or infinities
    // under -ffast-math); e^{-700} = 1e-304 is 0 for every purpose here.
    const double x = std::min(700.0, dt / tau[m]);
    decay[m] = std::exp(-x);
    rise[m] = -std::expm1(-x);
  }
}
}  // namespace

void prony_step_factors(double dt_s, const double* tau_s, std::size_t n, double* decay, double* rise) {
  factors(dt_s, tau_s, static_cast<int>(n), decay, rise);
}

}  // namespace glassfit
