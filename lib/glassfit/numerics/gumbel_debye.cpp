// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/numerics/gumbel_debye.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "glassfit/numerics/gumbel.h"

namespace glassfit {

namespace {
// The node loop on arrays; AVX2 and baseline versions, chosen at load time.
__attribute__((target_clones("avx2", "default"))) DebyeAverage debye_sum(const double* __restrict u,
                                                                         const double* __restrict h, int n, double B,
                                                                         double log_tau_beta, double omega) {
  double re = 0, im = 0, dre = 0, dim = 0, bre = 0, bim = 0;
  const double inv_B = 1.0 / B, log_w = std::log(omega);
#pragma omp simd reduction(+ : re, im, dre, dim, bre, bim)
  for (int i = 0; i < n; ++i) {
    // weight h w(u), w(u) = exp(u - e^u) (Eq. 24); x = w tau = w tau_beta e^{u/B}
    const double weight = h[i] * std::exp(u[i] - std::exp(u[i]));
    // (the exponent is capped so that x stays finite: no infinities under -ffast-math)
    const double x = std::exp(std::min(700.0, log_w + log_tau_beta + u[i] * inv_B));
    // 1/(1 + i x) = (1 - i x)/(1 + x^2); d/dy (y = ln tau) = -i x/(1 + i x)^2
    //   = (-2 x^2 - i x (1 - x^2))/(1 + x^2)^2, written in z = min(x, 1/x) so nothing overflows.
    const bool big = x > 1.0;
    const double z = big ? 1.0 / x : x, q = 1.0 / (1.0 + z * z);
    const double f_re = big ? z * z * q : q;
    const double f_im = -z * q;
    const double d_re = -2.0 * z * z * q * q;
    const double d_im = (big ? z * (1.0 - z * z) : -z * (1.0 - z * z)) * q * q;
    re += weight * f_re;
    im += weight * f_im;
    dre += weight * d_re;
    dim += weight * d_im;
    const double du = -weight * u[i] * inv_B * inv_B;  // dy/dB = -u/B^2
    bre += du * d_re;
    bim += du * d_im;
  }
  return {re, im, dre, dim, bre, bim};
}
}  // namespace

DebyeAverage gumbel_debye_average(double B, double log_tau_beta, double omega_rad_s) {
  const double u_c = -B * (std::log(omega_rad_s) + log_tau_beta);
  thread_local std::vector<double> u, h;  // reused: no allocation per call
  quad::fill_nodes(gumbel_edges(B, u_c), u, h);
  return debye_sum(u.data(), h.data(), static_cast<int>(u.size()), B, log_tau_beta, omega_rad_s);
}

}  // namespace glassfit
