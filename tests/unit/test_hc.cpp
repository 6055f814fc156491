// SPDX-License-Identifier: BSD-3-Clause
// The HC model (Hao et al.): analytic limits, Eq. 25a <-> 25b consistency by numerical
// Laplace–Carson transform, exact derivatives, and the trends the paper reports.
#include <gtest/gtest.h>

#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/quadrature/ooura_fourier_integrals.hpp>
#include <cmath>

#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/dma.h"

using namespace glassfit;

namespace {
HcParams<double> table1() { return hc_params_from(ParameterSet(hc_parameter_table())); }
double rel(Complex<double> a, Complex<double> b) {
  return std::hypot(a.re - b.re, a.im - b.im) / std::hypot(b.re, b.im);
}
}  // namespace

TEST(Hc, ConstantComplianceLimit) {
  auto p = table1();
  p.A_an = p.A_vp = 0;
  p.E_r = p.E_u * (1 - 1e-14);  // A_beta -> 0
  const auto s = hc::times(p, 400.0);
  for (double t : {1e-6, 1.0, 1e6}) EXPECT_NEAR(hc::compliance(p, s, t) * p.E_u, 1.0, 1e-12);
  const auto E = hc::complex_modulus(hc::complex_compliance(p, s, 2 * kPi));
  EXPECT_NEAR(E.re, p.E_u, 1e-8 * p.E_u);
  EXPECT_NEAR(E.im, 0.0, 1e-8 * p.E_u);
}

TEST(Hc, NarrowSpectrumIsASingleDebyeMode) {
  auto p = table1();
  p.A_an = p.A_vp = 0;
  p.B = 500;  // the Gumbel spectrum in ln tau has width pi/(sqrt(6) B) = 0.0026
  const auto s = hc::times(p, 350.0);
  for (double wt : {0.1, 1.0, 10.0}) {
    const double w = wt / s.tau_beta;
    const auto J = hc::complex_compliance(p, s, w);
    const auto debye = Complex<double>(1.0 / p.E_u) + hc::a_beta(p) * (Complex<double>(1.0) / Complex<double>{1.0, wt});
    EXPECT_LT(rel(J, debye), 1e-4) << wt;
  }
}

TEST(Hc, ChiOneMakesTheAnelasticTermDebye) {
  auto p = table1();
  p.chi_Tg = 1.0;
  const auto s = hc::times(p, 300.0);
  EXPECT_DOUBLE_EQ(s.chi, 1.0);
  EXPECT_DOUBLE_EQ(s.tau_max, s.tau_beta);  // Eq. 11b with chi = 1
  EXPECT_DOUBLE_EQ(s.tau_an, s.tau_max);    // Eq. 17b with chi = 1
  const double w = 1.0 / s.tau_an;
  const auto an = kww_carson_exact(w * s.tau_an, s.chi);
  EXPECT_LT(rel(an, Complex<double>(1.0) / Complex<double>{1.0, 1.0}), 1e-9);
}

TEST(Hc, TimeAndFrequencyDomainsAgree) {
  // J*(i w) with the exact KWW transform must equal the Laplace–Carson transform of J(t)
  // (Eq. 25a), computed here by Ooura's Fourier quadrature of the decaying part of J(t);
  // A_vp t/tau_max transforms to A_vp/(i w tau_max) exactly and is left out of both.
  auto p = table1();
  p.A_vp = 0;
  for (double T : {350.0, 430.0, 480.0}) {
    const auto s = hc::times(p, T);
    const double J_inf = 1.0 / p.E_r + p.A_an;
    auto decaying = [&](double t) { return J_inf - hc::compliance(p, s, t); };
    boost::math::quadrature::ooura_fourier_cos<double> cosine(1e-12);
    boost::math::quadrature::ooura_fourier_sin<double> sine(1e-12);
    for (double f : {0.01, 1.0, 100.0}) {
      const double w = 2 * kPi * f;
      const double C = cosine.integrate(decaying, w).first, S = sine.integrate(decaying, w).first;
      const Complex<double> lc{J_inf - w * S, -w * C};
      const auto J = hc::complex_compliance(p, s, w, Anelastic::Exact);
      EXPECT_LT(rel(J, lc), 1e-6) << "T " << T << " f " << f;
    }
  }
}

TEST(Hc, IntegratedComplianceMatchesQuadrature) {
  const auto p = table1();
  for (double T : {330.0, 470.0}) {
    const auto s = hc::times(p, T);
    for (double t : {1e-3, 1.0, 100.0}) {
      double ref = 0;
      // log-spaced pieces, to follow J's structure from 0 to t
      double a = 0;
      for (double b = t * 1e-12; a < t; a = b, b = std::min(t, b * 3))
        ref += boost::math::quadrature::gauss<double, 30>::integrate([&](double u) { return hc::compliance(p, s, u); },
                                                                     a, b);
      EXPECT_NEAR(hc::compliance_integral(p, s, t), ref, 1e-8 * ref) << T << " " << t;
    }
  }
}

TEST(Hc, JetDerivativesMatchFiniteDifferences) {
  using J = ceres::Jet<double, 3>;
  const auto p = table1();
  HcParams<J> pj{J(p.E_u), J(p.E_r), J(p.U_beta), J(p.tau_beta0, 0), J(p.A_an), J(p.A_vp), J(p.chi_Tg, 1), J(p.a1),
                 J(p.t0),  J(p.T_g), J(p.B, 2),   J(p.sigma_1),      J(p.a2),   J(p.H_d),  J(p.S_d),       J(p.V_act)};
  const double T = 470, w = 2 * kPi;
  for (auto mode : {Anelastic::Published, Anelastic::Exact}) {
    const auto sj = hc::times(pj, J(T));
    const auto Ej = hc::complex_modulus(hc::complex_compliance(pj, sj, J(w), mode));
    auto loss = [&](HcParams<double> q) {
      return hc::complex_modulus(hc::complex_compliance(q, hc::times(q, T), w, mode)).im;
    };
    auto fd = [&](double HcParams<double>::*field, double h) {
      auto a = p, b = p;
      a.*field -= h, b.*field += h;
      return (loss(b) - loss(a)) / (2 * h);
    };
    EXPECT_NEAR(Ej.im.v[0], fd(&HcParams<double>::tau_beta0, 1e-19), 1e-5 * std::abs(Ej.im.v[0]));
    EXPECT_NEAR(Ej.im.v[1], fd(&HcParams<double>::chi_Tg, 1e-7), 1e-5 * std::abs(Ej.im.v[1]));
    EXPECT_NEAR(Ej.im.v[2], fd(&HcParams<double>::B, 1e-7), 1e-5 * std::abs(Ej.im.v[2]) + 1e-9);
  }
}

TEST(Hc, PaperTrendsAtOneHertz) {
  // Hao et al. report, at 1 Hz: E' ~ 33 GPa at room temperature, a beta loss peak near 360 K
  // and the alpha loss peak near 480 K.
  const auto p = table1();
  std::vector<DmaPoint> pts;
  for (double T = 300; T <= 550; T += 1) pts.push_back({T, 1.0});
  const auto pred = predict_dma(p, pts);
  EXPECT_NEAR(pred[0].storage_MPa, 33000, 0.03 * 33000);
  // alpha peak: global maximum of E''
  size_t alpha = 0;
  for (size_t i = 0; i < pred.size(); ++i)
    if (pred[i].loss_MPa > pred[alpha].loss_MPa) alpha = i;
  EXPECT_NEAR(pts[alpha].temperature_K, 480, 15);
  // beta peak: maximum of E'' after removing the alpha tail, seen as a maximum of the beta
  // term's own contribution -A_beta Im<1/(1 + i w tau)> in 320-420 K.
  size_t beta = 0;
  double best = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    const auto s = hc::times(p, pts[i].temperature_K);
    const double u_c = -p.B * std::log(2 * kPi * s.tau_beta);
    const double loss = -gumbel_average_y(p.B, std::log(s.tau_beta), u_c, [&](double y) {
      return std::pair{(Complex<double>(1.0) / Complex<double>{1.0, 2 * kPi * std::exp(y)}).im, 0.0};
    });
    if (loss > best) best = loss, beta = i;
  }
  EXPECT_NEAR(pts[beta].temperature_K, 360, 20);
  RecordProperty("beta_peak_K", std::to_string(pts[beta].temperature_K));
  RecordProperty("alpha_peak_K", std::to_string(pts[alpha].temperature_K));
}

TEST(Hc, StressBiasShortensTauBeta) {
  auto p = table1();
  p.sigma_1 = 1000;
  EXPECT_LT(hc::tau_beta(p, 400.0, 100.0), hc::tau_beta(p, 400.0));
  EXPECT_DOUBLE_EQ(hc::tau_beta(p, 400.0, 0.0), hc::tau_beta(p, 400.0));
  // Eq. 9 by hand at sigma = sigma_1/2: exponent scaled by (1/2)^(3/2).
  const double expect = p.tau_beta0 * std::exp(p.U_beta / (kGasConstant_J_per_molK * 400.0) * std::pow(0.5, 1.5));
  EXPECT_NEAR(hc::tau_beta(p, 400.0, 500.0), expect, 1e-12 * expect);
}

TEST(Hc, ChiTemperatureAndStrainDependence) {
  auto p = table1();
  EXPECT_DOUBLE_EQ(hc::chi(p, 300.0), 0.4);
  EXPECT_NEAR(hc::chi(p, 473.0), 0.4 + 0.00231 * 20, 1e-15);
  EXPECT_NEAR(hc::chi_strained(0.4, 10.0, 0.01), 0.5, 1e-15);   // Eq. 22c
  EXPECT_NEAR(hc::chi_strained(0.4, 10.0, -0.01), 0.5, 1e-15);  // unloading in compression: |eps_an|
  EXPECT_DOUBLE_EQ(hc::chi_strained(0.4, 10.0, 1.0), 1.0);      // capped at the Debye limit
  EXPECT_DOUBLE_EQ(hc::chi_strained(0.4, 0.0, 0.01), 0.4);      // a2 = 0: Eq. 22a/b
}

TEST(Hc, DefectConcentrationIsEq1FrozenBelowTg) {
  auto p = table1();
  p.H_d = 50e3, p.S_d = 2;
  EXPECT_DOUBLE_EQ(hc::defect_concentration(p, 300.0), hc::defect_concentration(p, p.T_g));
  EXPECT_GT(hc::defect_concentration(p, 500.0), hc::defect_concentration(p, p.T_g));
  // Eq. 1 by hand, and its dilute limit exp(S) exp(-H/RT) where that is small.
  const double x = std::exp(-2.0) * std::exp(50e3 / (kGasConstant_J_per_molK * 500));
  EXPECT_NEAR(hc::defect_concentration(p, 500.0), 1 / (1 + x), 1e-15);
  EXPECT_NEAR(hc::defect_concentration(p, 500.0), 1 / x, 0.01 / x);
  p.H_d = 0, p.S_d = 0;
  EXPECT_DOUBLE_EQ(hc::defect_concentration(p, 500.0), 0.5);  // the Fermi form's midpoint
}

TEST(Hc, ChiOfEq10AgreesWithEq22bNearTg) {
  // Our default H_d = 10465 J/mol makes chi = const C_d (Eq. 10) rise like Eq. 22b at T_g:
  // d ln C_d/dT = H_d (1 - C_d)/(R T_g^2) = a1/chi_Tg.
  const auto p = table1();
  EXPECT_DOUBLE_EQ(hc::chi(p, 400.0, ChiLaw::Defects), p.chi_Tg);  // frozen below T_g
  const double slope = (hc::chi(p, p.T_g + 0.01, ChiLaw::Defects) - hc::chi(p, p.T_g, ChiLaw::Defects)) / 0.01;
  EXPECT_NEAR(slope, p.a1, 1e-3 * p.a1);
  EXPECT_NEAR(hc::chi(p, 473.0, ChiLaw::Defects), hc::chi(p, 473.0), 0.01);
}

TEST(Hc, CoshStressBiasLimits) {
  auto p = table1();
  const double T = 430;
  EXPECT_EQ(hc::log_stress_bias(p, StressBias::Cosh, T, 0.0), 0.0);  // tau -> 0: f = 1
  // Small stress: ln cosh x = x^2/2 - x^4/12 + ...
  const double s = 1.0, x = s / std::sqrt(3.0) * p.V_act * hc::kMPaA3_over_kB_K / T;
  EXPECT_NEAR(-hc::log_stress_bias(p, StressBias::Cosh, T, s), x * x / 2 - x * x * x * x / 12, 1e-6 * x * x * x * x);
  // Large stress: ln cosh x -> x - ln 2 without overflow; the sign of the stress does not matter.
  const double big = 1e5, xb = big / std::sqrt(3.0) * p.V_act * hc::kMPaA3_over_kB_K / T;
  EXPECT_NEAR(-hc::log_stress_bias(p, StressBias::Cosh, T, -big), xb - std::log(2.0), 1e-9 * xb);
  // Liu & Fan's V_act = 60 A^3 at 300 K and a shear stress of 100 MPa: x = 1.449, cosh = 2.25.
  p.V_act = 60;
  EXPECT_NEAR(std::exp(-hc::log_stress_bias(p, StressBias::Cosh, 300.0, 100.0 * std::sqrt(3.0))),
              std::cosh(100e6 * 60e-30 / (1.380649e-23 * 300)), 1e-12);
  // Eq. 9 by hand, and none.
  EXPECT_NEAR(hc::log_stress_bias(p, StressBias::Hao, T, 300.0),
              p.U_beta / (kGasConstant_J_per_molK * T) * (std::pow(1 - 300.0 / p.sigma_1, 1.5) - 1), 1e-12);
  EXPECT_EQ(hc::log_stress_bias(p, StressBias::None, T, 300.0), 0.0);
}

TEST(Hc, IntegratedComplianceJetDerivatives) {
  using J = ceres::Jet<double, 2>;
  const auto p = table1();
  HcParams<J> pj{J(p.E_u), J(p.E_r), J(p.U_beta), J(p.tau_beta0, 0), J(p.A_an), J(p.A_vp), J(p.chi_Tg), J(p.a1),
                 J(p.t0),  J(p.T_g), J(p.B, 1),   J(p.sigma_1),      J(p.a2),   J(p.H_d),  J(p.S_d),    J(p.V_act)};
  const double T = 360;
  for (double t : {1e-6, 1e-2, 10.0}) {  // x = t/tau_beta from ~1e-6 (series branch) to ~1e3
    const J I = hc::compliance_integral(pj, hc::times(pj, J(T)), J(t));
    auto at = [&](double HcParams<double>::*field, double v) {
      auto q = p;
      q.*field = v;
      return hc::compliance_integral(q, hc::times(q, T), t);
    };
    const double d_tau = (at(&HcParams<double>::tau_beta0, p.tau_beta0 * (1 + 1e-6)) -
                          at(&HcParams<double>::tau_beta0, p.tau_beta0 * (1 - 1e-6))) /
                         (2e-6 * p.tau_beta0);
    const double d_B = (at(&HcParams<double>::B, p.B + 1e-6) - at(&HcParams<double>::B, p.B - 1e-6)) / 2e-6;
    EXPECT_NEAR(I.v[0], d_tau, 1e-5 * std::abs(d_tau)) << t;
    EXPECT_NEAR(I.v[1], d_B, 1e-5 * std::abs(d_B) + 1e-15) << t;
  }
}
