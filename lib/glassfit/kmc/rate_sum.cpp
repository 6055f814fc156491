// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/rate_sum.h"

#include <cmath>

namespace glassfit::kmc {

__attribute__((target_clones("avx2", "default"))) RateSum rate_sum(const double* __restrict base,
                                                                   const double* __restrict a1,
                                                                   const double* __restrict a3, int modes, double p,
                                                                   double q) {
  double sum = 0, best = -1e300;  // no infinities under -ffast-math
#pragma omp simd reduction(+ : sum) reduction(max : best)
  for (int m = 0; m < modes; ++m) {
    const double x = base[m] + a1[m] * p + a3[m] * q;
    sum += std::exp(x);
    best = x > best ? x : best;
  }
  return {sum, best};
}

__attribute__((target_clones("avx2", "default"))) RateSum rate_sum_scaled(const double* __restrict base,
                                                                          const double* __restrict a1,
                                                                          const double* __restrict a3, int modes,
                                                                          double p, double q, double scale,
                                                                          double ln_k0) {
  const double shift = (1 - scale) * ln_k0;
  double sum = 0, best = -1e300;
#pragma omp simd reduction(+ : sum) reduction(max : best)
  for (int m = 0; m < modes; ++m) {
    const double x = scale * base[m] + shift + a1[m] * p + a3[m] * q;
    sum += std::exp(x);
    best = x > best ? x : best;
  }
  return {sum, best};
}

}  // namespace glassfit::kmc
