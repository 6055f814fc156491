// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Moments mu_k = int f(s) w^k ds of a block re-expanded in another block's variable
// w' = alpha w + beta (a shift and a scale, both plain numbers): the binomial expansion
//   mu'_j = sum_i binom(j, i) alpha^i beta^(j-i) mu_i,
// added to the parent's moments. Shared by the KWW hereditary histories (kww_history.h,
// kww_reduced_history.h), which merge blocks of past intervals this way.
#include <array>
#include <cstddef>

namespace glassfit {

template <typename T, std::size_t K>
void add_shifted_moments(const std::array<T, K>& child, double alpha, double beta, std::array<T, K>& parent) {
  static constexpr auto pascal = [] {  // binom(j, i), exact in doubles for j < K
    std::array<std::array<double, K>, K> b{};
    for (std::size_t j = 0; j < K; ++j) {
      b[j][0] = 1;
      for (std::size_t i = 1; i <= j; ++i) b[j][i] = b[j - 1][i - 1] + (i < j ? b[j - 1][i] : 0.0);
    }
    return b;
  }();
  std::array<double, K> alpha_pow, beta_pow;
  alpha_pow[0] = beta_pow[0] = 1.0;
  for (std::size_t j = 1; j < K; ++j) alpha_pow[j] = alpha_pow[j - 1] * alpha, beta_pow[j] = beta_pow[j - 1] * beta;
  for (std::size_t j = 0; j < K; ++j)
    for (std::size_t i = 0; i <= j; ++i) parent[j] += (pascal[j][i] * alpha_pow[i] * beta_pow[j - i]) * child[i];
}

}  // namespace glassfit
