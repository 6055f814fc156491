// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Laplace–Carson transform of the anelastic KWW creep function 1 - exp(-(t/tau)^chi) at
// s = i w, as a function of Omega = w tau. Hao et al. (Eq. 25b) keep the first term of the
// high-frequency series only: (i Omega)^(-chi). The exact transform:
//   * |Omega^-chi| <= 1/2: the convergent series
//       sum_{n>=1} (-1)^(n+1) Gamma(n chi + 1)/n! (i Omega)^(-n chi)
//     (term-by-term Laplace transform of the exponential series of exp(-(t/tau)^chi));
//   * otherwise: the Laplace–Carson integral along the ray t = r tau e^{-i pi/4}
//       J* = Z int_0^inf e^{-Z r} (1 - exp(-r^chi e^{-i chi pi/4})) dr,  Z = Omega e^{i pi/4},
//     which equals the real-axis integral (Cauchy) and neither oscillates nor decays slowly,
//     integrated by composite Gauss–Legendre in ln r.
// Accuracy: 1e-6 relative for Omega in [1e-8, 1e8] (tests/unit/test_kww.cpp checks it against
// Ooura's Fourier quadrature of the time-domain function).
#include <cmath>

#include "glassfit/core/constants.h"
#include "glassfit/core/scalar.h"
#include "glassfit/numerics/panels.h"

namespace glassfit {

// The published term (Eq. 25b): (i Omega)^(-chi).
template <typename T>
Complex<T> kww_carson_published(const T& Omega, const T& chi) {
  return cpow_polar(Omega, T(kPi / 2), -chi);
}

template <typename T>
Complex<T> kww_carson_exact(const T& Omega, const T& chi) {
  using std::exp;
  using std::log;
  using std::pow;
  const double Om = value_of(Omega), c = value_of(chi);
  if (std::pow(Om, -c) <= 0.5) {
    // Series in z = (i Omega)^(-chi); terms fall at least as 2^-n.
    const Complex<T> z = cpow_polar(Omega, T(kPi / 2), -chi);
    Complex<T> zn = z, sum{};
    T n_fact(1.0);
    for (int n = 1; n <= 80; ++n) {
      const T coef = tgamma_s(T(double(n)) * chi + T(1.0)) / n_fact;
      const Complex<T> term = coef * zn;
      sum += (n % 2 == 1) ? term : Complex<T>(-term.re, -term.im);
      if (value_of(coef) * std::pow(std::pow(Om, -c), n) < 1e-17) break;
      zn = zn * z;
      n_fact = n_fact * T(double(n + 1));
    }
    return sum;
  }
  const double theta = kPi / 4;
  const Complex<T> Z{Omega * T(std::cos(kPi / 2 - theta)), Omega * T(std::sin(kPi / 2 - theta))};
  const T c_cos = cos(chi * T(theta)), c_sin = sin(chi * T(theta));
  // Range in y = ln r: below y_lo the integrand ~ |Z| r^(1+chi) is negligible; above y_hi,
  // |e^{-Z r}| < e^-45. Fine panels where either factor turns over and oscillates: near
  // r ~ 1/|Z| (phase Im(Z) r) and for r^chi up to ~40 (phase r^chi sin(chi theta)).
  const double y_lo = std::min(0.0, -std::log(Om)) - 32.0;
  const double y_hi = std::log(45.0 / (Om * std::cos(kPi / 2 - theta)));
  std::vector<double> edges = quad::graded_edges(y_lo, y_hi, 1.0, 0.15, -std::log(Om) - 1.5, y_hi);
  const std::vector<double> kww_fine = quad::graded_edges(y_lo, y_hi, 1.0, 0.4, -1.5, std::log(40.0) / c);
  edges.insert(edges.end(), kww_fine.begin(), kww_fine.end());
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end(), [](double a, double b) { return b - a < 1e-9; }), edges.end());
  Complex<T> sum{};
  quad::for_each_node(edges, [&](double y, double h) {
    const double r = std::exp(y);
    // 1 - exp(-r^chi e^{-i chi theta})
    const T rc = pow(T(r), chi);
    const Complex<T> phi = cexp(Complex<T>{-rc * c_cos, rc * c_sin});
    const Complex<T> one_minus_phi{T(1.0) - phi.re, -phi.im};
    const Complex<T> ez = cexp(Complex<T>{-Z.re * T(r), -Z.im * T(r)});
    sum += T(h * r) * (ez * one_minus_phi);
  });
  return Z * sum;
}

}  // namespace glassfit
