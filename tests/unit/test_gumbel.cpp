// The Gumbel beta spectrum (Eq. 24): normalisation, mode, and the composite rule the model
// uses (gumbel_average_y, here with tau_beta = 1 so that y = ln r) against Boost's adaptive
// Gauss–Kronrod quadrature (an independent integrator).
#include <gtest/gtest.h>

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <cmath>

#include "glassfit/models/gumbel.h"

using namespace glassfit;

namespace {
double reference(double B, const std::function<double(double)>& f) {
  // f of r = tau/tau_beta; integrate w(u) f(exp(u/B)) du on [-60, 6] in pieces.
  double sum = 0;
  for (double a = -60; a < 6; a += 1.0) {
    sum += boost::math::quadrature::gauss_kronrod<double, 31>::integrate(
        [&](double u) { return gumbel_density(u) * f(std::exp(u / B)); }, a, a + 1.0, 12, 1e-13);
  }
  return sum;
}
}  // namespace

TEST(Gumbel, WeightsIntegrateToOne) {
  for (double B : {0.05, 0.3, 1.0, 3.0})
    for (double uc : {-30.0, -5.0, 0.0, 3.0})
      EXPECT_NEAR(gumbel_average_y(B, 0.0, uc, [](double) { return std::pair{1.0, 0.0}; }), 1.0, 1e-12) << B << " " << uc;
}

TEST(Gumbel, ModeIsAtTauBeta) {
  // w'(u) = w (1 - e^u) vanishes at u = 0, i.e. tau = tau_beta.
  const double h = 1e-6;
  EXPECT_GT(gumbel_density(0), gumbel_density(h));
  EXPECT_GT(gumbel_density(0), gumbel_density(-h));
}

TEST(Gumbel, DebyeAverageMatchesAdaptiveQuadrature) {
  double worst = 0;
  for (double B : {0.1, 0.3, 1.0}) {
    for (double lw = -12; lw <= 12; lw += 1.5) {  // log10(w tau_beta)
      const double wt = std::pow(10.0, lw);
      const double uc = -B * std::log(wt);
      const auto got = gumbel_average_y(B, 0.0, uc, [&](double y) {
        return std::pair{Complex<double>(1.0) / Complex<double>{1.0, wt * std::exp(y)}, Complex<double>{}};
      });
      const double re = reference(B, [&](double r) { return 1.0 / (1.0 + wt * wt * r * r); });
      const double im = reference(B, [&](double r) { return -wt * r / (1.0 + wt * wt * r * r); });
      const double err = std::hypot(got.re - re, got.im - im) / std::hypot(re, im);
      worst = std::max(worst, err);
      EXPECT_LT(err, 1e-8) << "B " << B << " log10(w tau) " << lw;
    }
  }
  RecordProperty("worst_relative_error", std::to_string(worst));
}

TEST(Gumbel, CreepAverageMatchesAdaptiveQuadrature) {
  for (double B : {0.1, 0.3, 1.0}) {
    for (double lt = -10; lt <= 10; lt += 2.5) {  // log10(t / tau_beta)
      const double x = std::pow(10.0, lt);
      const double got =
          gumbel_average_y(B, 0.0, B * std::log(x), [&](double y) { return std::pair{1.0 - std::exp(-x * std::exp(-y)), 0.0}; });
      const double ref = reference(B, [&](double r) { return 1.0 - std::exp(-x / r); });
      EXPECT_NEAR(got, ref, 1e-8 * ref) << "B " << B << " log10(t/tau) " << lt;
    }
  }
}
