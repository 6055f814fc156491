// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The hierarchically correlated (HC) compliance model of Hao, Lyu, Pineda, Pelletier, Wang,
// Yang, Qiao, "A hierarchically correlated flow defect model for metallic glass".
// Every function is templated on the scalar type (double for prediction, ceres::Jet for exact
// derivatives in fitting) and cites the equation it implements. Units: MPa, s, K, J/mol.
// Times and frequencies are data: derivatives flow from the parameters, not from t or w.
#include <algorithm>
#include <cmath>

#include "glassfit/core/constants.h"
#include "glassfit/core/scalar.h"
#include "glassfit/numerics/gumbel.h"
#include "glassfit/numerics/gumbel_debye.h"
#include "glassfit/models/hc/params.h"
#include "glassfit/numerics/kww.h"

#include <boost/math/special_functions/gamma.hpp>

namespace glassfit::hc {

using std::exp;
using std::log;
using std::log1p;
using std::pow;

// Defect concentration of Eq. 1 (Fermi form, per mole: Delta H_F/k -> H_d/R, Delta S_F/k -> S_d)
//   C_d = 1 / (1 + exp(-S_d) exp(H_d / (R T_f))),  T_f = max(T, T_g):
// in equilibrium above T_g, frozen at C_d(T_g) below (Sec. 3.1).
template <typename T>
T defect_concentration(const HcParams<T>& p, const T& temperature_K) {
  const T Tf = value_of(temperature_K) > value_of(p.T_g) ? temperature_K : p.T_g;
  return T(1.0) / (T(1.0) + exp(p.H_d / (T(kGasConstant_J_per_molK) * Tf) - p.S_d));
}

// chi(T) capped at 1, the uncorrelated (Debye) limit beyond which the model has no meaning.
//   Linear:  chi_Tg at and below T_g, chi_Tg + a1 (T - T_g) above (Eq. 22a/b);
//   Defects: chi = const C_d (Eq. 10) with const = chi_Tg / C_d(T_g), so both laws agree at T_g.
template <typename T>
T chi(const HcParams<T>& p, const T& temperature_K, ChiLaw law = ChiLaw::Linear) {
  if (law == ChiLaw::Defects) {
    const T c = p.chi_Tg * defect_concentration(p, temperature_K) / defect_concentration(p, p.T_g);
    return value_of(c) < 1.0 ? c : T(1.0);
  }
  if (value_of(temperature_K) <= value_of(p.T_g)) return p.chi_Tg;
  const T c = p.chi_Tg + p.a1 * (temperature_K - p.T_g);
  return value_of(c) < 1.0 ? c : T(1.0);
}

// chi(T, eps_an) = chi(T) + a2 |eps_an| (Eq. 22c; eps_an the anelastic strain, a plain number,
// not percent: docs/models/hc.md shows both readings against Fig. 10). Capped at 1.
template <typename T>
T chi_strained(const T& chi_T, const T& a2, const T& eps_an) {
  const T c = chi_T + a2 * (value_of(eps_an) < 0 ? -eps_an : eps_an);
  return value_of(c) < 1.0 ? c : T(1.0);
}

// tau_beta = tau_beta0 exp(U_beta / (R T)) (Eq. 8).
template <typename T>
T tau_beta(const HcParams<T>& p, const T& temperature_K) {
  // U times 1/(RT), not U/(RT): a ceres::Jet divides by multiplying with the reciprocal, and the
  // double and Jet evaluations of one point must agree bit for bit for the DMA memo
  // (gumbel_debye.cpp) to serve a Jacobian from the residuals just computed.
  return p.tau_beta0 * exp(p.U_beta * (T(1.0) / (T(kGasConstant_J_per_molK) * temperature_K)));
}

// 1 MPa A^3 over Boltzmann's constant, K: (1e6 Pa)(1e-30 m^3) / k_B.
inline constexpr double kMPaA3_over_kB_K = 1e-24 / 1.380649e-23;

// ln(tau_beta(sigma) / tau_beta(0)) under the stress |sigma| (MPa), <= 0:
//   Hao:  U_beta/(R T) ((1 - |sigma|/sigma_1)^(3/2) - 1)  (Eq. 9), needs |sigma| < sigma_1;
//   Cosh: -ln cosh(tau V_act / (k T))  (Liu & Fan Eq. 1 with kappa* = 1, so no bias at rest),
//         tau = |sigma|/sqrt(3), the von Mises equivalent shear stress of a uniaxial stress.
template <typename T>
T log_stress_bias(const HcParams<T>& p, StressBias law, const T& temperature_K, const T& stress_MPa) {
  const T s = value_of(stress_MPa) < 0 ? -stress_MPa : stress_MPa;
  if (law == StressBias::Hao) {
    if (std::isinf(value_of(p.sigma_1))) return T(0.0);
    return p.U_beta / (T(kGasConstant_J_per_molK) * temperature_K) * (pow(T(1.0) - s / p.sigma_1, 1.5) - T(1.0));
  }
  if (law == StressBias::Cosh) {
    const T x = s / std::sqrt(3.0) * p.V_act * kMPaA3_over_kB_K / temperature_K;
    return -(x + log1p(exp(T(-2.0) * x)) - T(std::log(2.0)));  // ln cosh x without overflow, x >= 0
  }
  return T(0.0);
}

// Stress-biased tau_beta = tau_beta0 exp(U_beta/(R T) (1 - sigma/sigma_1)^(3/2)) (Eq. 9).
// Needs 0 <= sigma < sigma_1; sigma_1 = inf reduces to Eq. 8.
template <typename T>
T tau_beta(const HcParams<T>& p, const T& temperature_K, const T& stress_MPa) {
  return tau_beta(p, temperature_K) * exp(log_stress_bias(p, StressBias::Hao, temperature_K, stress_MPa));
}

// tau_max = (tau_beta / t0^(1 - chi))^(1/chi) (Eq. 11b), through logarithms: for a small chi
// the power overflows to inf (a frozen alpha process, which the terms below handle) instead
// of inf/inf = NaN.
template <typename T>
T log_tau_max(const T& log_tau_beta, const T& chi_value, const T& t0_s) {
  return (log_tau_beta - (T(1.0) - chi_value) * log(t0_s)) / chi_value;
}
template <typename T>
T tau_max(const T& tau_beta_s, const T& chi_value, const T& t0_s) {
  return exp(log_tau_max(T(log(tau_beta_s)), chi_value, t0_s));
}

// tau_an = chi^(1/chi) tau_max (Eq. 17b), as exp(ln chi / chi + ln tau_max): chi^(1/chi)
// underflows to 0 for chi < 0.01 while tau_max overflows, and 0 * inf would be NaN.
template <typename T>
T log_tau_an(const T& chi_value, const T& log_tau_max_s) {
  return log(chi_value) / chi_value + log_tau_max_s;
}
template <typename T>
T tau_an(const T& chi_value, const T& tau_max_s) {
  return exp(log_tau_an(chi_value, T(log(tau_max_s))));
}

// The relaxation times at one temperature, unloaded (Eqs. 8, 11b, 17b, 22).
template <typename T>
struct Times {
  T chi, tau_beta, tau_max, tau_an;
};

template <typename T>
Times<T> times(const HcParams<T>& p, const T& temperature_K, ChiLaw chi_law = ChiLaw::Linear) {
  Times<T> s;
  s.chi = chi(p, temperature_K, chi_law);
  s.tau_beta = tau_beta(p, temperature_K);
  s.tau_max = tau_max(s.tau_beta, s.chi, p.t0);
  s.tau_an = tau_an(s.chi, s.tau_max);
  return s;
}

template <typename T>
T a_beta(const HcParams<T>& p) {
  return T(1.0) / p.E_r - T(1.0) / p.E_u;
}

// The anelastic KWW creep function 1 - exp(-(t/tau_an)^chi) (Eq. 25a), t > 0, given ln tau_an:
// (t/tau_an)^chi as exp(chi (ln t - ln tau_an)), one exp for a Jet instead of a pow.
template <typename T>
T kww_creep(const T& chi, const T& log_tau_an, double time_s) {
  return -expm1(-exp(chi * (T(std::log(time_s)) - log_tau_an)));
}

// Creep compliance (Eq. 25a), 1/MPa, given the beta average <1 - exp(-t/tau)>_w and ln tau_an:
// J(t) = 1/E_u + A_beta <1 - exp(-t/tau)>_w + A_an (1 - exp(-(t/tau_an)^chi)) + A_vp t/tau_max
template <typename T>
T compliance_from_beta(const HcParams<T>& p, const Times<T>& s, const T& log_tau_an, double time_s,
                       const T& beta_average) {
  return T(1.0) / p.E_u + a_beta(p) * beta_average + p.A_an * kww_creep(s.chi, log_tau_an, time_s) +
         p.A_vp * T(time_s) / s.tau_max;
}

// Creep compliance (Eq. 25a) at one time, the beta average by adaptive quadrature.
template <typename T>
T compliance(const HcParams<T>& p, const Times<T>& s, const T& time_s) {
  if (value_of(time_s) <= 0.0) return T(1.0) / p.E_u;
  const double u_c = value_of(p.B) * std::log(value_of(time_s) / value_of(s.tau_beta));
  // <1 - e^{-t/tau}>, tau = e^y: d/dy = -(t/tau) e^{-t/tau}
  const double t = value_of(time_s);
  const T beta = gumbel_average_y(p.B, T(log(s.tau_beta)), u_c, [t](double y) {
    const double x = t * std::exp(-y);
    return std::pair{-std::expm1(-x), -x * std::exp(-x)};
  });
  return compliance_from_beta(p, s, T(log(s.tau_an)), t, beta);
}

// Lower incomplete gamma gamma(a, x) for double and Jet (derivatives in a and x), in double
// precision (Boost would otherwise promote to long double, several times slower).
inline double lower_gamma(double a, double x) {
  using namespace boost::math::policies;
  return boost::math::tgamma_lower(a, x, policy<promote_double<false>>());
}
template <typename T, int N>
ceres::Jet<T, N> lower_gamma(const ceres::Jet<T, N>& a, const ceres::Jet<T, N>& x) {
  const double av = value_of(a), xv = value_of(x), h = 1e-6 * std::max(1.0, av);
  ceres::Jet<T, N> out(lower_gamma(av, xv));
  const double d_da = (lower_gamma(av + h, xv) - lower_gamma(av - h, xv)) / (2 * h);
  const double d_dx = std::pow(xv, av - 1) * std::exp(-xv);
  out.v = a.v * d_da + x.v * d_dx;
  return out;
}

// Integrated compliance I(t) = int_0^t J(u) du (from Eq. 25a term by term), 1/MPa s: needed
// by the strain-controlled protocols, whose stress is piecewise linear in time.
//   beta: <t - tau (1 - e^{-t/tau})>_w;  KWW: t - (tau_an/chi) gamma(1/chi, (t/tau_an)^chi)
template <typename T>
T compliance_integral(const HcParams<T>& p, const Times<T>& s, const T& time_s) {
  if (value_of(time_s) <= 0.0) return T(0.0);
  const double u_c = value_of(p.B) * std::log(value_of(time_s) / value_of(s.tau_beta));
  // <t - tau (1 - e^{-x})>, x = t/tau = t e^{-y}: d/dy = -tau (1 - e^{-x} - x e^{-x})
  const double t = value_of(time_s);
  const T beta = gumbel_average_y(p.B, T(log(s.tau_beta)), u_c, [t](double y) {
    const double tau = std::exp(y), x = t / tau;
    // tau (x - 1 + e^{-x}) and tau (1 - e^{-x} - x e^{-x}), by series at small x (cancellation).
    if (x < 1e-3)
      return std::pair{tau * x * x * (0.5 - x / 6 + x * x / 24 - x * x * x / 120),
                       -tau * x * x * (0.5 - x / 3 + x * x / 8 - x * x * x / 30)};
    return std::pair{tau * (x - 1 + std::exp(-x)), -tau * (-std::expm1(-x) - x * std::exp(-x))};
  });
  const T an = time_s - s.tau_an / s.chi * lower_gamma(T(1.0) / s.chi, pow(time_s / s.tau_an, s.chi));
  return time_s / p.E_u + a_beta(p) * beta + p.A_an * an + p.A_vp * time_s * time_s / (T(2.0) * s.tau_max);
}

// The terms of the complex compliance (Eq. 25b), 1/MPa, w in rad/s: unrelaxed 1/E_u, beta
// A_beta <1/(1 + i w tau)>_w, and alpha = anelastic A_an K(w tau_an) + viscoplastic
// A_vp / (i w tau_max), with K the published first term (i w tau_an)^(-chi) or the exact KWW
// transform. Their sum is J*; the loss compliance is additive, which the beta/alpha
// decomposition of E'' relies on.
template <typename T>
struct ComplianceTerms {
  Complex<T> unrelaxed, beta, alpha;
  Complex<T> total() const { return unrelaxed + beta + alpha; }
};

template <typename T>
ComplianceTerms<T> complex_compliance_terms(const HcParams<T>& p, const Times<T>& s, const T& omega_rad_s,
                                            Anelastic anelastic = Anelastic::Published) {
  // <1/(1 + i w tau)>_w and its derivatives in doubles (gumbel_debye.h), lifted once.
  const T log_tau_beta = log(s.tau_beta);
  const DebyeAverage a = gumbel_debye_average(value_of(p.B), value_of(log_tau_beta), value_of(omega_rad_s));
  const Complex<T> beta{detail::lift(a.re, a.d_lt_re, a.d_B_re, log_tau_beta, p.B),
                        detail::lift(a.im, a.d_lt_im, a.d_B_im, log_tau_beta, p.B)};
  const T Omega = omega_rad_s * s.tau_an;
  const Complex<T> an =
      anelastic == Anelastic::Exact ? kww_carson_exact(Omega, s.chi) : kww_carson_published(Omega, s.chi);
  const T vp = p.A_vp / (omega_rad_s * s.tau_max);
  return {Complex<T>(T(1.0) / p.E_u), a_beta(p) * beta, Complex<T>{p.A_an * an.re, p.A_an * an.im - vp}};
}

// Complex compliance J*(i w) (Eq. 25b), 1/MPa, w in rad/s: the sum of the terms above.
template <typename T>
Complex<T> complex_compliance(const HcParams<T>& p, const Times<T>& s, const T& omega_rad_s,
                              Anelastic anelastic = Anelastic::Published) {
  return complex_compliance_terms(p, s, omega_rad_s, anelastic).total();
}

// Complex modulus E* = 1/J* = E' + i E'' (MPa), as conj(J/s) / |J/s|^2 / s with s the larger
// part of J: |J|^2 would overflow for a compliance above 1e154 /MPa (a fluid-like glass) where
// E* itself is still a number. A non-finite J gives NaN, never a silent 0.
template <typename T>
Complex<T> complex_modulus(const Complex<T>& J) {
  const double s = std::max(std::abs(value_of(J.re)), std::abs(value_of(J.im)));
  if (!std::isfinite(s)) return Complex<T>(T(std::nan("")), T(std::nan("")));
  const T re = J.re / s, im = J.im / s;
  const T norm = re * re + im * im;
  return Complex<T>(re / norm / s, -im / norm / s);
}

// tan(delta) of the alpha process alone, (w tau_max)^(-chi) (Eq. 26/27): the paper's
// high-temperature approximation; the full model's tan(delta) is E''/E'.
template <typename T>
T tan_delta_alpha(const Times<T>& s, const T& omega_rad_s) {
  return pow(omega_rad_s * s.tau_max, -s.chi);
}

}  // namespace glassfit::hc
