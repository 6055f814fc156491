// SPDX-License-Identifier: BSD-3-Clause
// The cross-check's comparison and spec, on hand-made inputs.
#include <gtest/gtest.h>

#include <cmath>

#include "error_of.h"
#include "glassfit/crosscheck/crosscheck.h"

using namespace glassfit;

namespace {

onebody::SrsMap two_by_two(double m00, double m01, double m10, double m11) {
  onebody::SrsMap map;
  map.temperatures_K = {300, 500}, map.rates_per_s = {1e-2, 1};
  for (const double m : {m00, m01, m10, m11}) {
    onebody::SrsCell cell{};
    cell.flow_stress_numerical_MPa = 1000 + m, cell.m_numerical = m;
    map.cells.push_back(cell);
  }
  return map;
}

}  // namespace

// Signs are compared cell by cell where both are defined: (300 K, 1e-2) both positive, (300 K, 1)
// both negative, (500 K, 1e-2) opposite, (500 K, 1) undefined on the kMC side: 2 of 3 agree. Each
// cell carries both sides' numbers from the matching grid point, whatever the order of the points.
// Resolved: |m_kmc| >= 2 s.e.: (300 K, 1e-2) at 10 s.e. and (500 K, 1e-2) at 2 s.e. count, (300 K, 1)
// at 4 s.e. too: 3 resolved, 2 agree.
TEST(Crosscheck, SignsAgreeCellByCell) {
  const double nan = std::nan("");
  const std::vector<kmc::SrsPoint> points = {{500, 1, {nan, nan}, 1500},
                                             {300, 1e-2, {0.01, 0.001}, 2000},
                                             {500, 1e-2, {-0.002, 0.001}, 1400},
                                             {300, 1, {-0.004, 0.001}, 2100}};
  const auto c = crosscheck::compare(points, two_by_two(0.02, -0.01, 0.005, 0.003));
  ASSERT_EQ(c.cells.size(), 4u);
  EXPECT_EQ(c.compared, 3);
  EXPECT_EQ(c.agree, 2);
  EXPECT_EQ(c.compared_resolved, 3);
  EXPECT_EQ(c.agree_resolved, 2);
  EXPECT_EQ(c.cells[1].temperature_K, 300);
  EXPECT_EQ(c.cells[1].rate_per_s, 1);
  EXPECT_EQ(c.cells[1].m_kmc, -0.004);
  EXPECT_EQ(c.cells[1].m_onebody, -0.01);
  EXPECT_EQ(c.cells[1].flow_kmc_MPa, 2100);
  EXPECT_EQ(c.cells[1].sigma0_MPa, 1000 - 0.01);
  // A sweep point missing from the grid is a bug, not a user error.
  EXPECT_THROW(crosscheck::compare({points[0]}, two_by_two(1, 1, 1, 1)), std::logic_error);
}

// The fit spec carries the kMC's own values: E its uniaxial modulus (E in plane stress), the
// catalogue's mean barrier as Q0's start, the lattice as `sites`, the runs' mean dEps; a
// softening run has no one-body counterpart.
TEST(Crosscheck, FitSpecTakesTheKmcsValues) {
  kmc::KmcConfig cfg;
  cfg.engine.elasticity.plane_strain = false;
  cfg.engine.grid = {32, 16};
  cfg.engine.stz_volume_nm3 = 4.913;
  std::vector<kmc::SweepRun> runs(2, kmc::SweepRun{300, 1e-3, 1, 1});
  runs[0].mean_dEps_xx = 0.09, runs[1].mean_dEps_xx = 0.11;
  const std::string s = crosscheck::onebody_fit_spec(cfg, runs, crosscheck::Options{}, "/x/flow_stress.csv");
  EXPECT_NE(s.find("E = { value = 88600.0000000000"), std::string::npos) << s;  // E, to rounding
  EXPECT_NE(s.find("Q0 = { start = 4, min = 0.40000000000000002, max = 40 }"), std::string::npos) << s;
  EXPECT_NE(s.find("V_STZ = { start = 4.9130000000000003"), std::string::npos) << s;
  EXPECT_NE(s.find("sites = { value = 512 }"), std::string::npos) << s;
  EXPECT_NE(s.find("dEps = { value = 0.10000000000000001 }"), std::string::npos) << s;
  EXPECT_NE(s.find("barrier = \"kww\""), std::string::npos) << s;
  cfg.engine.law = kmc::BarrierLaw::Softening;
  EXPECT_NE(test::error_of([&] { crosscheck::onebody_fit_spec(cfg, runs, {}, "f.csv"); }).find("softening"),
            std::string::npos);
}
