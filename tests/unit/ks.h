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
