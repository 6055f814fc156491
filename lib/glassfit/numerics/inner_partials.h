// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Loops in which many values depend on the parameters through two inner quantities only
// (e.g. chi and ln tau): with ceres::Jet scalars, carry those values as Jet<double, 2> (their
// derivatives by the two inner quantities) and lift into the full Jet once, instead of doing
// full-width Jet arithmetic at every step. With double scalars everything stays double.
#include <ceres/jet.h>

#include <type_traits>

namespace glassfit {

template <typename T>
struct InnerOf {
  using type = double;
};
template <typename T, int N>
struct InnerOf<ceres::Jet<T, N>> {
  using type = ceres::Jet<double, 2>;
};
template <typename T>
using inner_t = typename InnerOf<T>::type;

// The inner variable number `which` (0 or 1) standing for the full scalar x.
inline double inner_var(double x, int) { return x; }
template <typename T, int N>
ceres::Jet<double, 2> inner_var(const ceres::Jet<T, N>& x, int which) {
  return ceres::Jet<double, 2>(x.a, which);
}

// The full scalar of an inner value, given the full scalars x0, x1 of the inner variables.
inline double lift_inner(double c, double, double) { return c; }
template <typename T, int N>
ceres::Jet<T, N> lift_inner(const ceres::Jet<double, 2>& c, const ceres::Jet<T, N>& x0, const ceres::Jet<T, N>& x1) {
  ceres::Jet<T, N> out(c.a);
  out.v = c.v[0] * x0.v + c.v[1] * x1.v;
  return out;
}

// sum_k c_k m_k with inner c_k and full m_k, lifted once by result(x0, x1).
template <typename T>
class InnerDot {
 public:
  void add(const inner_t<T>& c, const T& m) {
    if constexpr (std::is_same_v<T, double>) {
      sum_ += c * m;
    } else {
      sum_.a += c.a * m.a;
      sum_.v += c.a * m.v;
      d0_ += c.v[0] * m.a;
      d1_ += c.v[1] * m.a;
    }
  }
  T result(const T& x0, const T& x1) const {
    if constexpr (std::is_same_v<T, double>) {
      return sum_;
    } else {
      T out = sum_;
      out.v += d0_ * x0.v + d1_ * x1.v;
      return out;
    }
  }

 private:
  T sum_{0.0};
  double d0_ = 0, d1_ = 0;
};

}  // namespace glassfit
