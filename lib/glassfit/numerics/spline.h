// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Natural cubic interpolating spline through (x_k, y_k), x strictly increasing, 3+ points
// (2 points give the straight line). Evaluation is templated so that a ceres::Jet argument
// carries its derivative: the master-curve shifts are fitted through it. Boost's makima and
// pchip need four points and evaluate doubles only, hence this small one.
#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <vector>

#include "glassfit/core/scalar.h"

namespace glassfit {

class NaturalSpline {
 public:
  NaturalSpline() = default;
  NaturalSpline(std::vector<double> x, std::vector<double> y) : x_(std::move(x)), y_(std::move(y)) {
    const size_t n = x_.size();
    if (n < 2 || y_.size() != n) throw std::invalid_argument("NaturalSpline: needs 2+ points and equal lengths");
    for (size_t k = 1; k < n; ++k)
      if (!(x_[k] > x_[k - 1])) throw std::invalid_argument("NaturalSpline: x must increase strictly");
    // Second derivatives m_k with m_0 = m_{n-1} = 0: the tridiagonal system, Thomas algorithm.
    m_.assign(n, 0.0);
    if (n < 3) return;
    std::vector<double> c(n, 0.0), d(n, 0.0);
    for (size_t k = 1; k + 1 < n; ++k) {
      const double h0 = x_[k] - x_[k - 1], h1 = x_[k + 1] - x_[k];
      const double a = h0 / 6, b = (h0 + h1) / 3, cc = h1 / 6;
      const double rhs = (y_[k + 1] - y_[k]) / h1 - (y_[k] - y_[k - 1]) / h0;
      const double denom = b - a * c[k - 1];
      c[k] = cc / denom;
      d[k] = (rhs - a * d[k - 1]) / denom;
    }
    for (size_t k = n - 2; k >= 1; --k) m_[k] = d[k] - c[k] * m_[k + 1];
  }

  // The weights w_l with S(u) = sum_l w_l y_l (the cardinal functions at u), for l = first,
  // first + 1, ...: written to `weights`, returning `first`. S is linear in y: the interpolation
  // a y_k + b y_{k+1} plus the curvature terms, whose m = M^-1 D y comes from a tridiagonal M
  // with off-diagonal/diagonal ratio <= 1/2, so M^-1 decays at least 2x per knot. Solving only
  // on `window` knots either side of u leaves an error below 2^-window of the largest weight
  // (below 1e-20 for the default): the weights of one point in O(window), not O(n) per point,
  // which keeps the master curve's covariance linear in the data.
  size_t cardinal(double u, std::vector<double>& weights, size_t window = 64) const {
    const size_t n = x_.size(), k = interval(u);
    const double h = x_[k + 1] - x_[k], a = (x_[k + 1] - u) / h, b = (u - x_[k]) / h;
    const size_t first = k > window + 1 ? k - window - 1 : 0;
    const size_t last = std::min(n - 1, k + window + 2);
    weights.assign(last - first + 1, 0.0);
    weights[k - first] += a, weights[k + 1 - first] += b;
    if (n < 3) return first;
    // Interior knots r in [lo, hi] carry m_r; solve M z = g there (Thomas), z = 0 outside.
    const size_t lo = std::max<size_t>(1, first + 1), hi = std::min(n - 2, last - 1);
    if (lo > hi) return first;
    const size_t len = hi - lo + 1;
    std::vector<double> cp(len), dp(len);
    for (size_t i = 0; i < len; ++i) {
      const size_t r = lo + i;
      const double h0 = x_[r] - x_[r - 1], h1 = x_[r + 1] - x_[r];
      const double sub = h0 / 6, diag = (h0 + h1) / 3, sup = h1 / 6;
      const double g = r == k ? h * h / 6 * (a * a * a - a) : r == k + 1 ? h * h / 6 * (b * b * b - b) : 0.0;
      const double denom = i ? diag - sub * cp[i - 1] : diag;
      cp[i] = sup / denom;
      dp[i] = (g - (i ? sub * dp[i - 1] : 0.0)) / denom;
    }
    for (size_t i = len - 1; i-- > 0;) dp[i] -= cp[i] * dp[i + 1];
    // dS/dy_l += sum_r z_r D_rl, D the second-difference operator.
    for (size_t i = 0; i < len; ++i) {
      const size_t r = lo + i;
      const double h0 = x_[r] - x_[r - 1], h1 = x_[r + 1] - x_[r], z = dp[i];
      weights[r - 1 - first] += z / h0;
      weights[r - first] -= z * (1 / h0 + 1 / h1);
      weights[r + 1 - first] += z / h1;
    }
    return first;
  }

  double front() const { return x_.front(); }
  double back() const { return x_.back(); }

  // Value at x in [front, back] (outside: the end cubic continued, which callers avoid).
  template <typename T>
  T operator()(const T& x) const {
    const size_t k = interval(value_of(x));
    const double h = x_[k + 1] - x_[k];
    const T a = (T(x_[k + 1]) - x) / h, b = (x - T(x_[k])) / h;
    return a * y_[k] + b * y_[k + 1] + ((a * a * a - a) * m_[k] + (b * b * b - b) * m_[k + 1]) * (h * h / 6);
  }

 private:
  size_t interval(double x) const {
    size_t lo = 0, hi = x_.size() - 1;
    while (hi - lo > 1) {
      const size_t mid = (lo + hi) / 2;
      (x < x_[mid] ? hi : lo) = mid;
    }
    return lo;
  }
  std::vector<double> x_, y_, m_;
};

}  // namespace glassfit
