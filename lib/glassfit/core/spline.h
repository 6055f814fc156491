#pragma once
// Natural cubic interpolating spline through (x_k, y_k), x strictly increasing, 3+ points
// (2 points give the straight line). Evaluation is templated so that a ceres::Jet argument
// carries its derivative: the master-curve shifts are fitted through it. Boost's makima and
// pchip need four points and evaluate doubles only, hence this small one.
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
