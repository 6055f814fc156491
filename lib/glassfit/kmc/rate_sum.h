// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The hot loop of the kMC: the rate sum of one voxel's modes, sum_m exp(x_m) with
// x_m = base_m + a1_m p + a3_m q (ln of k0 exp(-(Q0 - w)/kT)), and the largest x_m. With a
// barrier scale s (Wang et al.'s softened barrier s Q0), x_m = s base_m + (1 - s) ln k0 + a1_m p + a3_m q.
namespace glassfit::kmc {

struct RateSum {
  double sum, max_log;
};

// Compiled with -ffast-math so that exp is vectorised (glibc's libmvec, within 4 ulp of std::exp)
// and cloned for AVX2; the result is the same for any thread count, but may differ in the last
// bits between CPUs with and without AVX2. Inputs must be finite.
RateSum rate_sum(const double* base, const double* a1, const double* a3, int modes, double p, double q);
RateSum rate_sum_scaled(const double* base, const double* a1, const double* a3, int modes, double p, double q,
                        double scale, double ln_k0);

}  // namespace glassfit::kmc
