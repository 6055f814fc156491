// SPDX-License-Identifier: BSD-3-Clause
// kMC catalogue: reproducible draws with the stated statistics, the barrier of Eq. 4 with its
// unit conversion, and rejection-free selection in proportion to the rates (chi-square).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "glassfit/kmc/catalog.h"

using namespace glassfit::kmc;

TEST(KmcCatalog, SameSeedSameCatalogueAndTheStatedStatistics) {
  // 32 x 32 lattice, M = 20 modes: 20480 modes, s = 0.05, Q0 ~ 4.0 +- 0.8 eV.
  const Grid g{32, 32};
  CatalogOptions o;
  const Catalog a(g, o), b(g, o);
  o.seed = 2;
  const Catalog c(g, o);
  double sum_e1 = 0, sum_e1sq = 0, sum_Q = 0, sum_Qsq = 0, differ = 0;
  const double n = double(g.size()) * o.modes;
  for (size_t v = 0; v < g.size(); ++v)
    for (int m = 0; m < o.modes; ++m) {
      const Mode& x = a.mode(v, m);
      EXPECT_EQ(x.strain.xx, b.mode(v, m).strain.xx);
      EXPECT_EQ(x.Q0_eV, b.mode(v, m).Q0_eV);
      EXPECT_EQ(x.strain.xx, -x.strain.yy);  // traceless
      differ += x.Q0_eV != c.mode(v, m).Q0_eV;
      sum_e1 += x.strain.xx, sum_e1sq += x.strain.xx * x.strain.xx;
      sum_Q += x.Q0_eV, sum_Qsq += x.Q0_eV * x.Q0_eV;
    }
  EXPECT_EQ(differ, n);  // another seed, another catalogue
  const double mean_e1 = sum_e1 / n, sd_e1 = std::sqrt(sum_e1sq / n - mean_e1 * mean_e1);
  const double mean_Q = sum_Q / n, sd_Q = std::sqrt(sum_Qsq / n - mean_Q * mean_Q);
  EXPECT_NEAR(mean_e1, 0.0, 4 * 0.05 / std::sqrt(n));
  EXPECT_NEAR(sd_e1, 0.05, 4 * 0.05 / std::sqrt(2 * n));
  EXPECT_NEAR(mean_Q, 4.0, 4 * 0.8 / std::sqrt(n));
  EXPECT_NEAR(sd_Q, 0.8, 4 * 0.8 / std::sqrt(2 * n));
  EXPECT_THROW(Catalog(g, CatalogOptions{.modes = 0}), std::invalid_argument);
}

TEST(KmcCatalog, BarrierUnderStressFollowsEq4) {
  // sigma : dEps counts the shear twice (tensor components); 1 MPa nm^3 = 6.2415e-3 eV.
  const Sym2 stress{100, -50, 30}, strain{0.05, -0.05, 0.02};
  EXPECT_DOUBLE_EQ(contract(stress, strain), 100 * 0.05 + (-50) * (-0.05) + 2 * 30 * 0.02);
  EXPECT_NEAR(kMPa_nm3_in_eV, 6.241509074460763e-3, 1e-12);
  const double V = 4.913;  // (1.7 nm)^3
  EXPECT_NEAR(activation_barrier_eV(4.0, stress, strain, V), 4.0 - 0.5 * 8.7 * V * 6.241509074460763e-3, 1e-12);
  EXPECT_DOUBLE_EQ(activation_barrier_eV(4.0, Sym2{}, strain, V), 4.0);  // no stress: G = Q
  // A mode aligned with the stress is favoured, the opposite one hindered.
  EXPECT_LT(activation_barrier_eV(4.0, stress, strain, V),
            activation_barrier_eV(4.0, stress, Sym2{-0.05, 0.05, -0.02}, V));
}

TEST(KmcCatalog, SelectionIsProportionalToTheRates) {
  // 200000 draws (mt19937_64, seed 3) over rates spanning four decades: chi-square with 5
  // degrees of freedom below 20.5 (p = 0.001); zero rates are never chosen.
  const std::vector<double> rates = {1e-3, 0.0, 0.5, 2.0, 10.0, 0.0, 7.5, 1e-1};
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> count(rates.size(), 0.0);
  const int draws = 200000;
  for (int i = 0; i < draws; ++i) count[choose_proportional(rates, u(rng))] += 1;
  double total = 0;
  for (double r : rates) total += r;
  double chi2 = 0;
  int cells = 0;
  for (size_t i = 0; i < rates.size(); ++i) {
    if (rates[i] == 0) {
      EXPECT_EQ(count[i], 0.0);
      continue;
    }
    const double expected = draws * rates[i] / total;
    chi2 += (count[i] - expected) * (count[i] - expected) / expected, ++cells;
  }
  EXPECT_EQ(cells, 6);
  EXPECT_LT(chi2, 20.5);
  EXPECT_THROW(choose_proportional({0.0, 0.0}, 0.5), std::invalid_argument);
  EXPECT_THROW(choose_proportional({1.0}, 1.0), std::invalid_argument);
}
