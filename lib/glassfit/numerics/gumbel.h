// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The Gumbel spectrum of beta relaxation times (Hao et al., Eq. 24): in u = B ln(tau/tau_beta)
// the density is w(u) = exp(u - e^u), which integrates to 1 and has its mode at tau = tau_beta.
// Averages <f>_w are computed by composite Gauss–Legendre in u, refined where f changes
// (around the u at which tau equals the time or period of interest) so that the relative
// error stays below 1e-9 (tests/unit/test_gumbel.cpp checks against adaptive quadrature).
#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

#include "glassfit/numerics/inner_partials.h"
#include "glassfit/core/scalar.h"
#include "glassfit/numerics/panels.h"

namespace glassfit {

// The density w(u) = exp(u - e^u) (Eq. 24).
inline double gumbel_density(double u) { return std::exp(u - std::exp(u)); }

// Where the density is negligible: w(-46) < 1.1e-20 (mass below ~1e-20) and w(5) < 1e-62.
inline constexpr double kGumbelLo = -46.0;
inline constexpr double kGumbelHi = 5.0;

// Nodes in u for an average whose integrand changes near [u_lo, u_hi] (around the u at which
// tau equals the time or period of interest). There the integrand's singularities sit at
// distance pi B / 2 from the real axis: panels of width min(1, 1.9 B) (8-point Gauss–Legendre
// then errs by ~1e-10) cover [u_lo, u_hi] and two panels either side, and grow x1.5 away from
// it, where the singularities are farther than a panel's width. The density alone needs width
// <= 1 where e^u is not small (u > -2: it varies as e^{-e^u}), <= 2 down to -8, and, where
// w ~ e^u, widths growing to 8. About 170 nodes (440 before this rule, to the same accuracy:
// tests/unit/test_gumbel.cpp checks the Debye average, real and imaginary parts each, and the
// creep average to 1e-9 against adaptive quadrature, B = 0.05 to 2). 1.9 B suits a window
// centred on the singularities (they sit above a panel edge); where they may sit above a panel's
// middle (a window widened to whole cells, gumbel_debye.cpp), 1.5 B does as well as 1.9 B did.
inline std::vector<double> gumbel_edges(double B, double u_lo, double u_hi, double fine_per_B = 1.9) {
  auto cap = [](double u) { return u > -2.0 ? 1.0 : u > -8.0 ? 2.0 : std::min(8.0, 2.0 + 0.5 * (-8.0 - u)); };
  const double fine = std::min(1.0, fine_per_B * B);
  const double c_lo = std::clamp(u_lo - 2 * fine, kGumbelLo, kGumbelHi);
  const double c_hi = std::clamp(u_hi + 2 * fine, kGumbelLo, kGumbelHi);
  // Built in order (left walk, core, right walk), so no sort is needed.
  std::vector<double> e;
  e.reserve(64);
  for (double x = c_lo, h = fine; x > kGumbelLo;) {
    h = std::min(h * 1.5, cap(x));
    x = std::max(kGumbelLo, x - h);
    e.push_back(x);
  }
  std::reverse(e.begin(), e.end());
  for (double x = c_lo; x < c_hi - 1e-9; x += fine) e.push_back(x);
  e.push_back(c_hi);
  for (double x = c_hi, h = fine; x < kGumbelHi;) {
    h = std::min(h * 1.5, cap(x));
    x = std::min(kGumbelHi, x + h);
    e.push_back(x);
  }
  e.erase(std::unique(e.begin(), e.end(), [](double a, double b) { return b - a < 1e-9; }), e.end());
  return e;
}

inline std::vector<double> gumbel_edges(double B, double u_center) { return gumbel_edges(B, u_center, u_center); }

// <f>_w = int w(u) f(y(u)) du, where f depends on the parameters only through
// y = ln tau = ln tau_beta + u/B: the
// average and its derivatives by ln tau_beta and B are summed in plain doubles and put into
// the scalar type once (for ceres::Jet, derivatives flow through log_tau_beta and B; far cheaper
// than Jet arithmetic at every node, and exact). f(y) returns {value, d value/dy}, both double
// or both Complex<double>.
namespace detail {
template <typename V>
struct Partials {
  V value{}, d_log_tau{}, d_B{};
};
// A value and its partials by ln tau_beta and B, as the scalar T (inner_partials.h).
template <typename T>
T lift(double v, double d_log_tau, double d_B, const T& log_tau, const T& B) {
  if constexpr (std::is_same_v<T, double>) {
    return v;
  } else {
    inner_t<T> c(v);
    c.v[0] = d_log_tau, c.v[1] = d_B;
    return lift_inner(c, log_tau, B);
  }
}
}  // namespace detail

template <typename T, typename F>
auto gumbel_average_y(const T& B, const T& log_tau_beta, double u_center, F&& f) {
  using V = decltype(f(0.0).first);
  const double b = value_of(B), lt = value_of(log_tau_beta);
  detail::Partials<V> acc;
  quad::for_each_node(gumbel_edges(b, u_center), [&](double u, double h) {
    const double weight = h * gumbel_density(u);
    const auto [v, dv] = f(lt + u / b);
    acc.value += weight * v;
    acc.d_log_tau += weight * dv;
    acc.d_B += (-weight * u / (b * b)) * dv;
  });
  if constexpr (std::is_same_v<V, double>) {
    return detail::lift(acc.value, acc.d_log_tau, acc.d_B, log_tau_beta, B);
  } else {
    return Complex<T>{detail::lift(acc.value.re, acc.d_log_tau.re, acc.d_B.re, log_tau_beta, B),
                      detail::lift(acc.value.im, acc.d_log_tau.im, acc.d_B.im, log_tau_beta, B)};
  }
}

}  // namespace glassfit
