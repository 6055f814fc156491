// SPDX-License-Identifier: BSD-3-Clause
// The one-body model at the edges of its inputs: below the temperature where its relaxation
// scales leave a double's range (50 K with the paper's values) it refuses with one line; just
// above, the barrier is frozen and the flow stress is finite and rate-independent, as the T -> 0
// limit has it; absurd rates, temperatures and parameters are refused, never a Boost error.
#include <gtest/gtest.h>

#include <cmath>

#include "error_of.h"
#include "glassfit/core/constants.h"
#include "glassfit/models/onebody/flow_stress.h"
#include "glassfit/models/onebody/model.h"
#include "glassfit/models/onebody/srs_map.h"

namespace glassfit::onebody {
namespace {

std::vector<double> paper_values() {
  std::vector<double> v(kSlots);
  for (int k = 0; k < kSlots; ++k) v[k] = parameter_table()[k].default_value;
  return v;
}

TEST(OneBodyLimits, ColdTemperaturesAreRefusedWithTheirLimit) {
  const auto v = paper_values();
  // exp(E_v/kT - c) reaches exp(700) at T = E_v / (k (700 + c))
  const double T_min = v[kEv] / (kBoltzmann_eV_per_K * (700 + v[kC]));
  EXPECT_NEAR(T_min, 50.05, 0.01);
  for (const double T : {1e-3, 1.0, 10.0, 30.0, 50.0}) {
    const auto e = test::error_of([&] { flow_stress(v, {Barrier::Kww, T, 1.0}); });
    EXPECT_NE(e.find("below 50.05 K the barrier's relaxation"), std::string::npos) << T << ": " << e;
  }
  // Just above: frozen relaxation, the barrier stays at Q0; sigma_0 is finite, below the
  // athermal 2 Q0 / Omega, and flat in the rate.
  const Loading slow{Barrier::Kww, 51, 1e-5, Activation::Exp, AttemptRate::PerSite};
  Loading fast = slow;
  fast.rate_per_s = 1e3;
  const auto a = flow_stress(v, slow), b = flow_stress(v, fast);
  const double athermal = 2 * v[kQ0] / omega_eV_per_MPa(Params<double>(v.data()));
  EXPECT_TRUE(std::isfinite(a.sigma0_MPa));
  EXPECT_LT(a.sigma0_MPa, athermal);
  EXPECT_GT(a.sigma0_MPa, 0);
  EXPECT_NEAR(a.sigma0_MPa, b.sigma0_MPa, 1e-6 * a.sigma0_MPa);
}

TEST(OneBodyLimits, AbsurdRatesTemperaturesAndParametersAreRefused) {
  const auto v = paper_values();
  SrsRequest q;
  q.temperatures_K = {300};
  q.rates_per_s = {1e300};
  EXPECT_NE(test::error_of([&] { srs_map(v, Reading{}, q); }).find("strain rate 1e+300 1/s is outside 1e-15 to 1e+09"),
            std::string::npos);
  q.rates_per_s = {1};
  q.temperatures_K = {1e300};
  EXPECT_NE(test::error_of([&] { srs_map(v, Reading{}, q); }).find("at most 10000 K"), std::string::npos);
  q.temperatures_K = {10};
  EXPECT_NE(test::error_of([&] { srs_map(v, Reading{}, q); }).find("below 50.05 K"), std::string::npos);
  // The parameters' physical ranges keep their scales inside a double.
  ParameterSet set(parameter_table());
  EXPECT_NE(test::error_of([&] { set.set("V_STZ", 1e300); }).find("outside its physical range [0.001, 10000]"),
            std::string::npos);
  EXPECT_NE(test::error_of([&] { set.set("beta", 1e-300); }).find("outside its physical range [0.1, 10]"),
            std::string::npos);
  // Every cell of the map at the edges of what is allowed is finite or an announced nan.
  q.temperatures_K = {51, 1e4};
  q.rates_per_s = {1e-15, 1e9};
  const auto map = srs_map(v, Reading{}, q);
  for (const auto& c : map.cells) {
    EXPECT_TRUE(std::isfinite(c.flow_stress_numerical_MPa));
    EXPECT_TRUE(std::isfinite(c.dsigma0_dlnrate_MPa));
    EXPECT_FALSE(std::isinf(c.flow_stress_closed_form_MPa));
  }
}

}  // namespace
}  // namespace glassfit::onebody
