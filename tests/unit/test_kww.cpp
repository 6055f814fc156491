// SPDX-License-Identifier: BSD-3-Clause
// The anelastic KWW term: exact Laplace–Carson transform vs Ooura's Fourier quadrature of the
// time-domain function, the chi = 1 (Debye) limit, the high-frequency limit, and derivatives.
#include <gtest/gtest.h>

#include <boost/math/quadrature/ooura_fourier_integrals.hpp>
#include <cmath>

#include "glassfit/numerics/kww.h"

using namespace glassfit;

namespace {
// J*(i W)/A = 1 - i W int_0^inf phi(x) e^{-i W x} dx with phi = exp(-x^chi), time in units of tau.
Complex<double> by_fourier_quadrature(double W, double chi) {
  boost::math::quadrature::ooura_fourier_cos<double> cosine(1e-13);
  boost::math::quadrature::ooura_fourier_sin<double> sine(1e-13);
  auto phi = [chi](double x) { return std::exp(-std::pow(x, chi)); };
  const double c = cosine.integrate(phi, W).first;  // int phi cos(W x)
  const double s = sine.integrate(phi, W).first;    // int phi sin(W x)
  // -i W (c - i s) = -W s - i W c
  return {1.0 - W * s, -W * c};
}
}  // namespace

TEST(Kww, ExactTransformMatchesFourierQuadrature) {
  for (double chi : {0.3, 0.4855, 0.7, 0.9}) {
    for (double lw = -3; lw <= 3; lw += 0.5) {
      const double W = std::pow(10.0, lw);
      const auto got = kww_carson_exact(W, chi);
      const auto ref = by_fourier_quadrature(W, chi);
      const double err = std::hypot(got.re - ref.re, got.im - ref.im) / std::hypot(ref.re, ref.im);
      EXPECT_LT(err, 1e-6) << "chi " << chi << " log10(w tau) " << lw;
    }
  }
}

TEST(Kww, DebyeLimitOverEightDecadesEitherWay) {
  // chi = 1: 1 - exp(-t/tau) has J*(i W) = 1/(1 + i W).
  for (double lw = -8; lw <= 8; lw += 0.25) {
    const double W = std::pow(10.0, lw);
    const auto got = kww_carson_exact(W, 1.0);
    const auto ref = Complex<double>(1.0) / Complex<double>{1.0, W};
    EXPECT_LT(std::hypot(got.re - ref.re, got.im - ref.im) / std::hypot(ref.re, ref.im), 1e-6) << lw;
  }
}

TEST(Kww, SeriesAndQuadratureAgreeAcrossTheSwitch) {
  // The switch is at W^-chi = 1/2; evaluate just either side and compare with a smooth change.
  for (double chi : {0.3, 0.5, 0.8}) {
    const double W = std::pow(2.0, 1.0 / chi);
    const auto a = kww_carson_exact(W * (1 - 1e-9), chi), b = kww_carson_exact(W * (1 + 1e-9), chi);
    EXPECT_LT(std::hypot(a.re - b.re, a.im - b.im) / std::hypot(a.re, a.im), 1e-7) << chi;
  }
}

TEST(Kww, LimitsAtExtremeFrequencies) {
  for (double chi : {0.3, 0.5, 0.9}) {
    // High frequency: Gamma(1 + chi) (i W)^-chi, the published term times Gamma(1 + chi).
    const double W = 1e8;
    const auto ex = kww_carson_exact(W, chi), pub = kww_carson_published(W, chi);
    // The next series term is smaller by ~Gamma(1 + 2 chi)/(2 Gamma(1 + chi)) W^-chi < W^-chi.
    const double g = std::tgamma(1 + chi);
    const double dev = std::hypot(ex.re - g * pub.re, ex.im - g * pub.im) / (g * std::hypot(pub.re, pub.im));
    EXPECT_LT(dev, std::pow(W, -chi)) << chi;
    EXPECT_GT(dev, 1e-3 * std::pow(W, -chi)) << chi;  // but it is there: the published term is not exact
    // Low frequency: the creep function has saturated: J* -> 1.
    const auto lo = kww_carson_exact(1e-8, chi);
    EXPECT_NEAR(lo.re, 1.0, 1e-6);
    EXPECT_NEAR(lo.im, 0.0, 1e-6);
  }
}

TEST(Kww, JetDerivativesMatchFiniteDifferences) {
  using J2 = ceres::Jet<double, 2>;
  for (double W : {0.05, 0.7, 30.0}) {
    const double chi = 0.55, h = 1e-6;
    const auto j = kww_carson_exact(J2(W, 0), J2(chi, 1));
    const auto dW = (kww_carson_exact(W * (1 + h), chi).re - kww_carson_exact(W * (1 - h), chi).re) / (2 * h * W);
    const auto dchi = (kww_carson_exact(W, chi + h).im - kww_carson_exact(W, chi - h).im) / (2 * h);
    EXPECT_NEAR(j.re.v[0], dW, 1e-5 * std::max(1.0, std::abs(dW))) << W;
    EXPECT_NEAR(j.im.v[1], dchi, 1e-5 * std::max(1.0, std::abs(dchi))) << W;
  }
}

TEST(Kww, LowFrequencyExpansionDownToOneInAHundredMillion) {
  // For W -> 0: J*/A = 1 - i W <t>/tau - W^2 <t^2>/2 + O(W^3), with the mean time int_0^inf exp(-x^chi) dx =
  // Gamma(1 + 1/chi). The imaginary part checks the contour quadrature to 1e-6 relative where
  // the Fourier reference cannot reach.
  for (double chi : {0.3, 0.5, 0.9}) {
    for (double W : {1e-8, 1e-7, 1e-6}) {
      const auto got = kww_carson_exact(W, chi);
      const double mean = std::tgamma(1 + 1 / chi);
      EXPECT_NEAR(got.im, -W * mean, 1e-6 * W * mean + 1e-3 * std::pow(W * mean, 2)) << chi << " " << W;
      // and 1 - Re = W^2 <t^2>/2 = W^2 Gamma(1 + 2/chi)/2 to leading order
      const double second = W * W * std::tgamma(1 + 2 / chi) / 2;
      EXPECT_NEAR(1.0 - got.re, second, 1e-2 * second + 1e-15) << chi << " " << W;
    }
  }
}
