// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Kolmogorov-Smirnov distance between samples and a CDF, for the kMC sampling tests.
#include <algorithm>
#include <cmath>
#include <vector>

template <typename Cdf>
double ks_distance(std::vector<double> x, const Cdf& cdf) {
  std::sort(x.begin(), x.end());
  double d = 0;
  const double n = double(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    const double F = cdf(x[i]);
    d = std::max({d, std::abs(F - double(i) / n), std::abs(F - double(i + 1) / n)});
  }
  return d;
}

// Two-sample Kolmogorov-Smirnov distance: the largest gap between the empirical CDFs (ties are
// stepped over together, so discrete samples are compared at their values).
inline double ks_two_sample(std::vector<double> a, std::vector<double> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] == x) ++i;
    while (j < b.size() && b[j] == x) ++j;
    d = std::max(d, std::abs(double(i) / double(a.size()) - double(j) / double(b.size())));
  }
  return d;
}
