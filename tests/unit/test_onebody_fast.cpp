// SPDX-License-Identifier: BSD-3-Clause
// The one-body flow stress by its asymptotic expansion (flow_stress_asymptotic.h) against the
// adaptive integral at 1e-12 over the paper's map, for every barrier law, activation and attempt
// rate; and the truncated Taylor arithmetic it rests on against series known in closed form.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "glassfit/models/onebody/flow_stress.h"
#include "glassfit/models/onebody/flow_stress_asymptotic.h"
#include "glassfit/models/onebody/model.h"
#include "glassfit/numerics/taylor_series.h"

namespace glassfit {
namespace {

TEST(TaylorSeries, ExpLogAndReciprocalMatchTheirClosedForms) {
  // exp(u) = sum u^k / k!, log(1 + u) = sum (-1)^(k+1) u^k / k, 1 / (1 - u) = sum u^k
  auto u = taylor::constant<double, 8>(0.0);
  u[1] = 1;
  auto one_plus_u = u, one_minus_u = u;
  one_plus_u[0] = 1, one_minus_u[0] = 1, one_minus_u[1] = -1;
  const auto e = taylor::exp(u), l = taylor::log(one_plus_u), r = taylor::reciprocal(one_minus_u);
  double factorial = 1;
  for (int k = 0; k <= 8; ++k) {
    if (k) factorial *= k;
    EXPECT_NEAR(e[k], 1 / factorial, 1e-15) << k;
    EXPECT_NEAR(l[k], k ? (k % 2 ? 1.0 : -1.0) / k : 0.0, 1e-15) << k;
    EXPECT_NEAR(r[k], 1.0, 1e-15) << k;
  }
  // exp(log(a)) = a for a series with every coefficient set
  taylor::Series<double, 8> a;
  for (int k = 0; k <= 8; ++k) a[k] = 1.5 + 0.3 * k - 0.05 * k * k;
  const auto back = taylor::exp(taylor::log(a));
  for (int k = 0; k <= 8; ++k) EXPECT_NEAR(back[k], a[k], 1e-13) << k;
}

TEST(TaylorSeries, InversionGivesTheCatalanNumbers) {
  // w = u + u^2 inverts to u = (sqrt(1 + 4w) - 1)/2 = sum (-1)^(k+1) C_(k-1) w^k (Catalan numbers)
  auto c = taylor::constant<double, 9>(0.0);
  c[1] = 1, c[2] = 1;
  const auto u = taylor::invert(c);
  const double catalan[] = {1, 1, 2, 5, 14, 42, 132, 429, 1430};
  EXPECT_EQ(u[0], 0.0);
  for (int k = 1; k <= 9; ++k) EXPECT_NEAR(u[k], (k % 2 ? 1 : -1) * catalan[k - 1], 1e-9) << k;
}

}  // namespace

namespace onebody {
namespace {

std::vector<double> values_with_beta(double beta) {
  std::vector<double> v(kSlots);
  for (int k = 0; k < kSlots; ++k) v[k] = parameter_table()[k].default_value;
  v[kBeta] = beta;
  return v;
}

// sigma_0 and d sigma_0 / d ln rate against the adaptive root with the ODE held to 1e-12, at 16
// cells spanning the paper's map (300-500 K, 1e-5 to 1e5 /s). The default adaptive tolerance
// (1e-8) leaves m up to 3e-5 from this reference; the expansion stays within 3e-8 of it.
TEST(OneBodyFast, ExpansionMatchesTightAdaptiveIntegralOverThePapersMap) {
  struct Law {
    double beta;
    Barrier barrier;
  };
  for (const Law law :
       {Law{0.6, Barrier::Kww}, Law{1.0, Barrier::Kww}, Law{1.3, Barrier::Kww}, Law{1.0, Barrier::TimeIndependent}})
    for (const auto activation : {Activation::Exp, Activation::Cosh})
      for (const auto attempt : {AttemptRate::Printed, AttemptRate::PerSite}) {
        const auto v = values_with_beta(law.beta);
        int expanded = 0, cells = 0;
        for (double T : {300.0, 366.0, 433.0, 500.0})
          for (double rate : {1e-5, 1e-1, 1e2, 1e5}) {
            const Loading at{law.barrier, T, rate, activation, attempt};
            const auto fast = flow_stress_asymptotic(v, at);
            ++cells;
            if (!fast) continue;
            ++expanded;
            const auto ref = flow_stress_adaptive(v, at, 1e-12);
            const auto where = ::testing::Message() << "beta " << law.beta << " " << T << " K " << rate << " /s "
                                                    << int(activation) << int(attempt);
            EXPECT_NEAR(fast->sigma0_MPa / ref.sigma0_MPa, 1.0, 1e-9) << where;
            EXPECT_NEAR(fast->dsigma0_dlnrate_MPa, ref.dsigma0_dlnrate_MPa, 1e-7 * std::abs(ref.sigma0_MPa)) << where;
            EXPECT_NEAR(fast->mean_interval_s / ref.mean_interval_s, 1.0, 1e-9) << where;
            EXPECT_NEAR(fast->survival_at_tc, ref.survival_at_tc, 1e-8) << where;
          }
        // the exp activation is expanded everywhere on the map; the cosh one where 2w/kT > 35
        if (activation == Activation::Exp) EXPECT_EQ(expanded, cells) << law.beta << int(attempt);
        if (activation == Activation::Cosh && attempt == AttemptRate::Printed) EXPECT_GE(expanded, cells - 2);
      }
}

// Down to the coldest temperature the model accepts (50.05 K with the paper's values) the
// barrier's factor g = 1 + (Delta eta/eta0)(...) passes 1e154, where a Jet's reciprocal squares it
// into an overflow: the slope (and m) must still be the integral's.
TEST(OneBodyFast, SlopeHoldsWhereTheBarrierFactorIsHuge) {
  for (double beta : {0.6, 1.3})
    for (double T : {50.1, 60.0, 75.0})
      for (double rate : {1e-5, 1.0}) {
        const auto v = values_with_beta(beta);
        const Loading at{Barrier::Kww, T, rate};
        const auto fast = flow_stress_asymptotic(v, at);
        ASSERT_TRUE(fast.has_value()) << beta << " " << T << " K " << rate << " /s";
        const auto ref = flow_stress_adaptive(v, at, 1e-12);
        EXPECT_NEAR(fast->sigma0_MPa / ref.sigma0_MPa, 1.0, 1e-9) << beta << " " << T << " K " << rate;
        EXPECT_NEAR(fast->dsigma0_dlnrate_MPa, ref.dsigma0_dlnrate_MPa, 1e-7 * std::abs(ref.sigma0_MPa))
            << beta << " " << T << " K " << rate;
      }
}

// Where the expansion declines (the cosh activation's tail matters when sigma_0 is low), the
// flow stress is still computed, by the adaptive integral.
TEST(OneBodyFast, DeclinedCellsFallBackToTheIntegral) {
  const auto v = values_with_beta(1.3);
  const Loading at{Barrier::Kww, 500, 1e-5, Activation::Cosh, AttemptRate::PerSite};
  ASSERT_FALSE(flow_stress_asymptotic(v, at).has_value());
  const auto ref = flow_stress_adaptive(v, at, 1e-10);
  EXPECT_EQ(flow_stress(v, at).sigma0_MPa, ref.sigma0_MPa);
}

}  // namespace
}  // namespace onebody
}  // namespace glassfit
