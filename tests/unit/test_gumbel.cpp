// SPDX-License-Identifier: BSD-3-Clause
// The Gumbel beta spectrum (Eq. 24): normalisation, mode, and the composite rule the model
// uses (gumbel_average_y, here with tau_beta = 1 so that y = ln r) against Boost's adaptive
// Gauss–Kronrod quadrature (an independent integrator).
#include <gtest/gtest.h>

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <cmath>

#include "glassfit/numerics/gumbel.h"
#include "glassfit/numerics/gumbel_debye.h"

using namespace glassfit;

namespace {
double reference(double B, const std::function<double(double)>& f) {
  // f of r = tau/tau_beta; integrate w(u) f(exp(u/B)) du on the model's range in unit pieces.
  // (Outside it the mass is below 1e-20; only for B >= 1 at |log10(w tau)| >= 10, where
  // w(u) r^-2 no longer decays at -inf, does the cut itself matter: up to 17 % at B = 2.)
  double sum = 0;
  for (double a = kGumbelLo; a < kGumbelHi; a += 1.0) {
    sum += boost::math::quadrature::gauss_kronrod<double, 31>::integrate(
        [&](double u) { return gumbel_density(u) * f(std::exp(u / B)); }, a, a + 1.0, 12, 1e-13);
  }
  return sum;
}
}  // namespace

TEST(Gumbel, WeightsIntegrateToOne) {
  for (double B : {0.05, 0.3, 1.0, 3.0})
    for (double uc : {-30.0, -5.0, 0.0, 3.0})
      EXPECT_NEAR(gumbel_average_y(B, 0.0, uc,
                                   [](double) {
                                     return std::pair{1.0, 0.0};
                                   }),
                  1.0, 1e-12)
          << B << " " << uc;
}

TEST(Gumbel, ModeIsAtTauBeta) {
  // w'(u) = w (1 - e^u) vanishes at u = 0, i.e. tau = tau_beta.
  const double h = 1e-6;
  EXPECT_GT(gumbel_density(0), gumbel_density(h));
  EXPECT_GT(gumbel_density(0), gumbel_density(-h));
}

TEST(Gumbel, DebyeAverageMatchesAdaptiveQuadrature) {
  double worst = 0;
  for (double B : {0.05, 0.1, 0.3, 1.0, 2.0}) {
    for (double lw = -12; lw <= 12; lw += 1.5) {  // log10(w tau_beta)
      const double wt = std::pow(10.0, lw);
      const double uc = -B * std::log(wt);
      const auto got = gumbel_average_y(B, 0.0, uc, [&](double y) {
        return std::pair{Complex<double>(1.0) / Complex<double>{1.0, wt * std::exp(y)}, Complex<double>{}};
      });
      const double re = reference(B, [&](double r) { return 1.0 / (1.0 + wt * wt * r * r); });
      const double im = reference(B, [&](double r) { return -wt * r / (1.0 + wt * wt * r * r); });
      // Each part on its own: E'' rests on the imaginary part even where it is tiny.
      const double err = std::max(std::abs(got.re - re) / std::abs(re), std::abs(got.im - im) / std::abs(im));
      worst = std::max(worst, err);
      EXPECT_LT(err, 1e-9) << "B " << B << " log10(w tau) " << lw;
    }
  }
  RecordProperty("worst_relative_error", std::to_string(worst));
}

TEST(Gumbel, CreepAverageMatchesAdaptiveQuadrature) {
  for (double B : {0.05, 0.1, 0.3, 1.0, 2.0}) {
    for (double lt = -10; lt <= 10; lt += 2.5) {  // log10(t / tau_beta)
      const double x = std::pow(10.0, lt);
      // expm1, and the reference scaled to O(1): at t/tau = 1e-10 both 1 - exp(-x) and the
      // integrator's absolute error floor would otherwise dominate.
      const double got = gumbel_average_y(B, 0.0, B * std::log(x), [&](double y) {
        return std::pair{-std::expm1(-x * std::exp(-y)), 0.0};
      });
      const double scale = std::min(1.0, x);
      const double ref = scale * reference(B, [&](double r) { return -std::expm1(-x / r) / scale; });
      EXPECT_NEAR(got, ref, 1e-9 * ref) << "B " << B << " log10(t/tau) " << lt;
    }
  }
}

TEST(Gumbel, VectorisedDebyeAverageHoldsAtExtremeTimes) {
  // ln(w tau_beta) beyond +-700, where w tau_beta itself leaves a double's range: the real part
  // (the imaginary one is below 1e-250 in all but one case) against adaptive quadrature with
  // x = e^(ln(w tau_beta) + u/B) in long double (r = tau/tau_beta would underflow); a NaN time
  // gives NaN.
  using L = long double;
  auto integrate = [](double B, double ln_wt, auto part) {
    double sum = 0;
    for (double a = kGumbelLo; a < kGumbelHi; a += 1.0)
      sum += boost::math::quadrature::gauss_kronrod<double, 31>::integrate(
          [&](double u) {
            const L x = std::exp(L(ln_wt) + L(u) / B);
            return gumbel_density(u) * double(part(x));
          },
          a, a + 1.0, 15, 1e-13);
    return sum;
  };
  for (double B : {0.01, 0.3})
    for (double ln_wt : {-745.0, -705.0, 705.0, 800.0}) {
      const double lt = std::log(3e-4) + 0.5 * ln_wt, w = std::exp(0.5 * ln_wt) / 3e-4;  // w tau_beta = e^ln_wt
      const auto fast = gumbel_debye_average(B, lt, w);
      const double re = integrate(B, ln_wt, [](L x) { return 1 / (1 + x * x); });
      const double im = integrate(B, ln_wt, [](L x) { return -x / (1 + x * x); });
      EXPECT_NEAR(fast.re, re, 1e-9 * std::abs(re)) << B << " " << ln_wt;
      if (std::abs(im) > 1e-250) EXPECT_NEAR(fast.im, im, 1e-9 * std::abs(im)) << B << " " << ln_wt;
    }
  EXPECT_TRUE(std::isnan(gumbel_debye_average(0.3, std::nan(""), 1.0).re));
}

TEST(Gumbel, VectorisedDebyeAverageMatchesAdaptiveQuadrature) {
  // gumbel_debye_average (-ffast-math, vectorised, node sets shared per cell of the refined
  // window) against the adaptive reference: the value and its derivatives by ln tau_beta,
  // <-i x/(1 + i x)^2>, and by B, <-i x/(1 + i x)^2 (-ln r / B)> (y = ln tau_beta + u/B), with
  // x = w tau up to e^500.
  for (double B : {0.01, 0.05, 0.3, 1.0, 2.0}) {
    for (double lw = -12; lw <= 12; lw += 1.5) {  // log10(w tau_beta)
      const double lt = std::log(3e-4), w = std::pow(10.0, lw) / 3e-4, wt = w * 3e-4;
      const auto fast = gumbel_debye_average(B, lt, w);
      // in long double: x^2 reaches e^1056
      using L = long double;
      auto x_of = [&](double r) { return L(wt) * L(r); };
      auto d_re = [&](double r) {
        const L x = x_of(r);
        return double(-2 * x * x / ((1 + x * x) * (1 + x * x)));
      };
      auto d_im = [&](double r) {
        const L x = x_of(r);
        return double(-x * (1 - x * x) / ((1 + x * x) * (1 + x * x)));
      };
      const double re = reference(B, [&](double r) { return double(1 / (1 + x_of(r) * x_of(r))); });
      const double im = reference(B, [&](double r) { return double(-x_of(r) / (1 + x_of(r) * x_of(r))); });
      const double lt_re = reference(B, d_re), lt_im = reference(B, d_im);
      // (r underflows to 0 far left, where x and the derivatives are 0)
      const double B_re = reference(B, [&](double r) { return r > 0 ? -std::log(r) / B * d_re(r) : 0.0; });
      const double B_im = reference(B, [&](double r) { return r > 0 ? -std::log(r) / B * d_im(r) : 0.0; });
      // each part of the value on its own (E'' rests on the imaginary part even where it is
      // tiny); each derivative pair to 1e-9 of its modulus
      EXPECT_NEAR(fast.re, re, 1e-9 * std::abs(re)) << B << " " << lw;
      EXPECT_NEAR(fast.im, im, 1e-9 * std::abs(im)) << B << " " << lw;
      EXPECT_LE(std::hypot(fast.d_lt_re - lt_re, fast.d_lt_im - lt_im), 1e-9 * std::hypot(lt_re, lt_im))
          << B << " " << lw;
      EXPECT_LE(std::hypot(fast.d_B_re - B_re, fast.d_B_im - B_im), 1e-9 * std::hypot(B_re, B_im)) << B << " " << lw;
      EXPECT_TRUE(std::isfinite(fast.re + fast.im + fast.d_lt_re + fast.d_lt_im + fast.d_B_re + fast.d_B_im));
    }
  }
}
