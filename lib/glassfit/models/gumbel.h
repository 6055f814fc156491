#pragma once
// The Gumbel spectrum of beta relaxation times (Hao et al., Eq. 24): in u = B ln(tau/tau_beta)
// the density is w(u) = exp(u - e^u), which integrates to 1 and has its mode at tau = tau_beta.
// Averages <f>_w are computed by composite Gauss–Legendre in u, refined where f changes
// (around the u at which tau equals the time or period of interest) so that the relative
// error stays below 1e-8 (tests/unit/test_gumbel.cpp checks against adaptive quadrature).
#include <cmath>
#include <type_traits>

#include "glassfit/core/scalar.h"
#include "glassfit/models/panels.h"

namespace glassfit {

// The density w(u) = exp(u - e^u) (Eq. 24).
inline double gumbel_density(double u) { return std::exp(u - std::exp(u)); }

// Where the density is negligible: w(-46) < 1.1e-20 (mass below ~1e-20) and w(5) < 1e-62.
inline constexpr double kGumbelLo = -46.0;
inline constexpr double kGumbelHi = 5.0;

// Nodes in u for an average whose integrand changes near u = u_center; the integrand's own
// scale in u is B (its singularities sit at distance pi B / 2 from the real axis).
// The density itself needs panels of width <= 1 where e^u is not small (u > -8); below, where
// w ~ e^u, width 2 suffices.
// Fine panels over [u_lo, u_hi] (plus 8 fine widths either side), graded outside.
inline std::vector<double> gumbel_edges(double B, double u_lo, double u_hi) {
  const double fine = std::min(0.5, 1.2 * B);
  std::vector<double> e = quad::graded_edges(kGumbelLo, kGumbelHi, 2.0, fine, u_lo - 8 * fine, u_hi + 8 * fine);
  for (double u = -8.0; u < kGumbelHi; u += 1.0) e.push_back(u);
  std::sort(e.begin(), e.end());
  e.erase(std::unique(e.begin(), e.end(), [](double a, double b) { return b - a < 0.05; }), e.end());
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
inline double lift(double v, double, double, double, double) { return v; }
template <typename T, int N>
ceres::Jet<T, N> lift(double v, double dlt, double dB, const ceres::Jet<T, N>& log_tau, const ceres::Jet<T, N>& B) {
  ceres::Jet<T, N> out(v);
  out.v = log_tau.v * dlt + B.v * dB;
  return out;
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
