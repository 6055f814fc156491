// SPDX-License-Identifier: BSD-3-Clause
// The nonlinear HC solver (models/hc/load_history.h): its linear limit against the linear
// solvers, its derivatives against finite differences, stress control against strain control,
// and what Eqs. 9 and 22c do to creep, recovery and load-unload.
#include <gtest/gtest.h>

#include <ceres/jet.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <vector>

#include "glassfit/core/error.h"
#include "glassfit/core/parameters.h"
#include "glassfit/io/csv.h"
#include "glassfit/models/hc/creep.h"
#include "glassfit/models/hc/load_history.h"
#include "glassfit/models/hc/model.h"
#include "glassfit/models/hc/strain_control.h"
#include "glassfit/models/autodiff_kernel.h"
#include "glassfit/numerics/kww_reduced_history.h"

using namespace glassfit;

namespace {

HcParams<double> table1() { return hc_params_from(ParameterSet(hc_parameter_table())); }

// Table 1 with every parameter a derivative direction.
using FullJet = ceres::Jet<double, kHcParameterCount>;
HcParams<FullJet> table1_jets() {
  const auto p = table1();
  FullJet v[kHcParameterCount];
  for (int k = 0; k < kHcParameterCount; ++k) v[k] = FullJet((&p.E_u)[k], k);
  return hc_params_from_array(v);
}

// Linear: no bias in effect (a finite sigma_1 so large that Eq. 9's bias is 0) and a2 = 0. The
// nonlinear solver still runs (sigma_1 is finite).
HcParams<double> linear_limit() {
  auto p = table1();
  p.sigma_1 = 1e300, p.a2 = 0;
  return p;
}

std::vector<double> log_times(double lo, double hi, int n) {
  std::vector<double> t;
  for (int i = 0; i < n; ++i) t.push_back(lo * std::pow(hi / lo, i / double(n - 1)));
  return t;
}

double max_relative(const std::vector<double>& a, const std::vector<double>& b, double floor) {
  double worst = 0;
  for (size_t i = 0; i < a.size(); ++i)
    worst = std::max(worst, std::abs(a[i] - b[i]) / std::max(std::abs(b[i]), floor));
  return worst;
}

}  // namespace

TEST(LoadHistory, LinearLimitIsTheLinearSolvers) {
  const auto p = linear_limit();
  ASSERT_TRUE(nonlinear_response(p, StressBias::Hao));
  LoadHistoryOptions o;
  // Stress relaxation after a 0.002 step, below and above T_g, and constant-rate loading.
  for (double T : {350.0, 430.0, 470.0}) {
    const auto t = log_times(1e-2, 1e4, 40);
    const auto lin = solve_stress(p, T, {0.002, 0.0}, t);
    const auto non = solve_load_history(p, T, strain_program_path(0.002, 0.0, t.back()), t, o).stress_MPa;
    double peak = 0;
    for (double s : lin) peak = std::max(peak, std::abs(s));
    EXPECT_LT(max_relative(non, lin, 1e-4 * peak), 2e-4) << T;
  }
  const auto t = log_times(1.0, 300.0, 30);
  const auto lin = solve_stress(p, 430, {0.0, 3e-4}, t);
  const auto non = solve_load_history(p, 430, strain_program_path(0.0, 3e-4, t.back()), t, o).stress_MPa;
  EXPECT_LT(max_relative(non, lin, 1.0), 2e-4);
  // Creep and recovery (stress control) against Boltzmann superposition of J(t).
  const std::vector<Step> h = {{50, 0}, {0, 330}};
  std::vector<double> tc;
  for (double x = 1; x <= 660; x += 7) tc.push_back(x);
  const auto lc = predict_creep_strain(p, 430, h, tc);
  const auto nc = solve_load_history(p, 430, stress_steps_path(h), tc, o).strain;
  EXPECT_LT(max_relative(nc, lc, 1e-4), 2e-4);
}

TEST(LoadHistory, TheModelUsesTheLinearSolversExactlyWithoutBias) {
  // sigma_1 = inf and a2 = 0 (or stress_bias = none and a2 = 0): today's linear results, bit for bit.
  auto p = table1();
  p.sigma_1 = kInf, p.a2 = 0;
  const auto model = hc::make_model();
  std::vector<double> v = {p.E_u, p.E_r, p.U_beta, p.tau_beta0, p.A_an, p.A_vp, p.chi_Tg, p.a1,
                           p.t0,  p.T_g, p.B,      p.sigma_1,   p.a2,   p.H_d,  p.S_d,    p.V_act};
  Condition c;
  c.kind = Experiment::Creep;
  c.temperature_K = 430;
  c.history = {{50, 0}, {0, 330}};
  c.times = {10, 100, 330, 400, 660};
  std::vector<double> out(c.outputs());
  model->predict(v, c, out);
  const auto lin = predict_creep_strain(p, 430, c.history, c.times);
  for (size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], lin[i]);
  // With the defaults (sigma_1 = 28000 MPa, a2 = 1.8) the same test differs.
  v[11] = 28000, v[12] = 1.8;
  model->predict(v, c, out);
  EXPECT_GT(out[1], lin[1] * 1.01);
}

TEST(LoadHistory, StressControlInvertsStrainControl) {
  // A load-hold-unload strain path gives a stress; that stress, as a stress path, gives back the
  // strain: the two control modes share one solver but solve different equations.
  const auto p = table1();
  LoadHistoryOptions o;
  LoadPath strain_path;
  strain_path.nodes = {{0.01, 40.0}, {0.01, 100.0}, {0.0, 140.0}};
  std::vector<double> t;
  for (double x = 0.5; x <= 300; x += 0.5) t.push_back(x);
  const auto r = solve_load_history(p, 430, strain_path, t, o);
  LoadPath stress_path;
  stress_path.control = LoadPath::Control::Stress;
  for (size_t i = 0; i < t.size(); ++i) stress_path.nodes.push_back({r.stress_MPa[i], t[i]});
  const auto back = solve_load_history(p, 430, stress_path, t, o);
  for (size_t i = 0; i < t.size(); i += 20) {
    const double expect = t[i] <= 40 ? 0.01 * t[i] / 40 : t[i] <= 100 ? 0.01 : std::max(0.0, 0.01 * (140 - t[i]) / 40);
    EXPECT_NEAR(r.strain[i], expect, 1e-12) << t[i];
    EXPECT_NEAR(back.strain[i], expect, 2e-3 * 0.01) << t[i];
  }
}

TEST(LoadHistory, StrainPartsAddUp) {
  const auto p = table1();
  std::vector<double> t;
  for (double x = 10; x <= 300; x += 10) t.push_back(x);
  const auto r = solve_load_history(p, 430, strain_program_path(0, 3e-4, 300), t, {});
  for (size_t i = 0; i < t.size(); ++i) {
    EXPECT_NEAR(r.elastic[i] + r.beta[i] + r.anelastic[i] + r.viscoplastic[i], 3e-4 * t[i], 1e-12) << t[i];
    EXPECT_NEAR(r.chi[i], 0.4 + 1.8 * r.anelastic[i], 1e-12);  // Eq. 22c below T_g
    EXPECT_NEAR(r.elastic[i], r.stress_MPa[i] / p.E_u, 1e-15);
  }
}

TEST(LoadHistory, JetDerivativesMatchFiniteDifferences) {
  // Tension at 430 K and 3e-4 /s to 4 % (past the peak of the Table 1 curve) and a creep-recovery
  // test: d(output)/d(parameter) for the parameters of Eqs. 9, 11b and 22c.
  const auto p = table1();
  const double* base = &p.E_u;
  const auto pj = table1_jets();
  const int checked[] = {2, 4, 5, 6, 8, 11, 12};  // U_beta, A_an, A_vp, chi_Tg, t0, sigma_1, a2
  for (bool creep : {false, true}) {
    const std::vector<double> t =
        creep ? std::vector<double>{50, 200, 330, 400, 600} : std::vector<double>{20, 60, 133};
    const LoadPath path =
        creep ? stress_steps_path(std::vector<Step>{{50, 0}, {0, 330}}) : strain_program_path(0, 3e-4, 133);
    auto output = [&](const auto& q) {
      const auto r = solve_load_history(q, 430, path, t, {});
      return creep ? r.strain : r.stress_MPa;
    };
    const auto jet = output(pj);
    for (int k : checked) {
      auto a = p, b = p;
      const double h = 1e-6 * std::abs(base[k]);
      (&a.E_u)[k] -= h, (&b.E_u)[k] += h;
      const auto ya = output(a), yb = output(b);
      for (size_t i = 0; i < t.size(); ++i) {
        const double fd = (yb[i] - ya[i]) / (2 * h);
        // The Jet differentiates the scheme on its grid; the finite difference also sees the grid
        // move with the parameters (adaptive steps), a change of the order of the scheme's error.
        EXPECT_NEAR(jet[i].v[k], fd, 5e-4 * std::abs(fd) + 1e-9 * std::abs(jet[i].a) / std::abs(base[k]))
            << (creep ? "creep " : "tension ") << k << " at " << t[i];
      }
    }
  }
}

TEST(LoadHistory, BiasAndEq22cSpeedUpCreepAndSlowRecovery) {
  // Under load the clocks run fast; after unloading they slow down again, so the anelastic
  // strain recovers more slowly than it grew (the paper's remark in Sec. 5.2.2).
  auto p = table1();
  const std::vector<Step> h = {{50, 0}, {0, 330}};
  const std::vector<double> t = {330, 660};
  const auto lin = predict_creep_strain(linear_limit(), 430, h, t);
  const auto non = solve_load_history(p, 430, stress_steps_path(h), t, {});
  EXPECT_GT(non.strain[0], lin[0] * 1.01);
  // Recovered fraction of the strain reached at unloading after 330 s.
  EXPECT_LT((non.strain[0] - non.strain[1]) / non.strain[0], (lin[0] - lin[1]) / lin[0]);
}

TEST(LoadHistory, CoshBiasReducesToNoneAtZeroVolume) {
  auto p = table1();
  p.a2 = 0, p.V_act = 0;
  LoadHistoryOptions cosh, none;
  cosh.stress_bias = StressBias::Cosh, none.stress_bias = StressBias::None;
  const std::vector<double> t = {10, 100, 300};
  const auto path = strain_program_path(0, 3e-4, 300);
  const auto a = solve_load_history(p, 430, path, t, cosh).stress_MPa;
  const auto b = solve_load_history(p, 430, path, t, none).stress_MPa;
  for (size_t i = 0; i < t.size(); ++i) EXPECT_EQ(a[i], b[i]);
  p.V_act = 60;
  EXPECT_LT(solve_load_history(p, 430, path, t, cosh).stress_MPa[2], 0.9 * b[2]);  // faster flow, lower stress
}

TEST(LoadHistory, ResidualStrainAfterLoadUnloadRecovers) {
  // Strain-controlled load to 1.2 % and back to zero strain, then held there: the sample is
  // compressed back to its length, so the stress goes negative, and it relaxes toward 0 as the
  // anelastic strain recovers; the viscoplastic strain stays.
  const auto p = table1();
  LoadPath path;
  path.nodes = {{0.012, 40.0}, {0.0, 80.0}};
  const std::vector<double> t = {80, 200, 2000};
  const auto r = solve_load_history(p, 430, path, t, {});
  EXPECT_LT(r.stress_MPa[0], 0);
  EXPECT_GT(r.stress_MPa[2], r.stress_MPa[0]);
  EXPECT_GT(r.viscoplastic[0], 0);  // what no recovery removes
}

TEST(LoadHistory, BadPathsAreInputErrors) {
  const auto p = table1();
  LoadPath path;
  path.nodes = {{std::nan(""), 1.0}};
  const std::vector<double> t = {1.0};
  EXPECT_THROW(solve_load_history(p, 430, path, t, {}), InputError);
  path.nodes = {{0.01, 2.0}, {0.0, 1.0}};  // back in time
  EXPECT_THROW(solve_load_history(p, 430, path, t, {}), InputError);
  path.control = LoadPath::Control::Stress;
  path.nodes = {{30000, 0.0}};  // above sigma_1
  EXPECT_THROW(solve_load_history(p, 430, path, t, {}), InputError);
}

TEST(LoadHistory, DatasetsGiveStrainAndStressHistories) {
  // Load, hold, unload in strain (the stress varies, so not creep): neither constant nor
  // proportional to time, so a strain history.
  const auto strain_ds = parse_csv(
      "temperature [K],time [s],strain [-],stress [MPa]\n430,10,0.003,80\n430,40,0.012,283\n430,100,0.012,180\n"
      "430,140,0,-40\n",
      "s.csv");
  const auto sx = experiment_from(strain_ds);
  ASSERT_EQ(sx.kind, Experiment::StrainHistory);
  ASSERT_EQ(sx.runs.size(), 1u);
  EXPECT_EQ(sx.runs[0].stress_history.size(), 4u);
  EXPECT_EQ(sx.runs[0].stress_history[3].value, 0.0);
  // The same numbers with "control: stress": a stress path, the strain measured.
  const auto stress_ds = parse_csv(
      "# control: stress\ntemperature [K],time [s],strain [-],stress [MPa]\n430,10,0.003,75\n430,40,0.012,300\n"
      "430,100,0.012,300\n430,140,0,0\n",
      "p.csv");
  const auto px = experiment_from(stress_ds);
  ASSERT_EQ(px.kind, Experiment::StressHistory);
  EXPECT_EQ(px.runs[0].stress_history[1].value, 300.0);
  EXPECT_EQ(px.runs[0].measured[1], 0.012);
  // The model predicts its strain with the stress path through the nonlinear solver.
  const auto model = hc::make_model();
  Condition c;
  c.kind = px.kind, c.temperature_K = 430, c.history = px.runs[0].stress_history, c.times = px.runs[0].time_s;
  std::vector<double> out(c.outputs());
  model->predict(model->defaults(), c, out);
  LoadPath path;
  path.control = LoadPath::Control::Stress;
  path.nodes = c.history;
  const auto r = solve_load_history(table1(), 430, path, c.times, {});
  for (size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], r.strain[i]);
  EXPECT_GT(out[1], 300 / 33000.0);  // more than elastic
}

// The block moments of the KWW history (kww_reduced_history.h) against the sum over every piece
// by its exact integral, in value and in the derivatives carried by the pieces' positions, stress
// changes and the shape c: a history of 400 log-spaced pieces and 3 jumps on a reduced-time axis
// with derivatives, evaluated along the way with a drifting c (as chi follows the anelastic strain).
TEST(KwwReducedHistory, BlockMomentsMatchThePieceByPieceSum) {
  using J = ceres::Jet<double, 3>;
  auto g = [](const J& x, const J& c) { return x.a <= 0 ? J(0.0) : J(-expm1(-exp(c * log(x)))); };
  auto G = [](const J& x, const J& c) { return x.a <= 0 ? J(0.0) : J(x - hc::lower_gamma(1.0 / c, pow(x, c)) / c); };
  auto exact = [&](const J& x, const J& c, const J& a, const J& b, const J& ds) {
    if (!(b.a > a.a)) return J(ds * g(x - a, c));
    return J(ds / (b - a) * (G(x - a, c) - G(x - b, c)));
  };
  struct Piece {
    J a, b, ds;
  };
  std::vector<Piece> pieces;
  KwwReducedHistory<J> history;
  const J speed(1.3, 0);  // the clock's rate: positions depend on it (direction 0)
  J psi(0.0);
  int checks = 0;
  for (int n = 0; n < 400; ++n) {
    const double t = 1e-3 * std::pow(10.0, 5.0 * n / 400), dt = t * (std::pow(10.0, 5.0 / 400) - 1);
    const J ds = J(std::sin(0.05 * n) + 0.3, 1) * (dt / t);  // stress change, direction 1
    if (n % 150 == 7) {                                      // a jump
      pieces.push_back({psi, psi, J(2.0, 1)});
      history.append(psi, psi, J(2.0, 1));
    }
    const J next = psi + speed * dt;
    pieces.push_back({psi, next, ds});
    history.append(psi, next, ds);
    psi = next;
    history.coarsen(psi.a);
    if (n % 37 == 36) {
      const J x = psi + speed * (0.3 * dt), c(0.35 + 0.0002 * n, 2);  // shape, direction 2
      J direct(0.0);
      for (const auto& pc : pieces) direct += exact(x, c, pc.a, pc.b, pc.ds);
      const J blocks =
          history.evaluate(x, c, [&](const J& a, const J& b, const J& ds) { return exact(x, c, a, b, ds); });
      EXPECT_NEAR(blocks.a, direct.a, 1e-9 * std::abs(direct.a)) << n;
      // the series is cut where r^k < 1e-8; d/dc of its terms carries ln d besides (up to ~10 here)
      for (int k = 0; k < 3; ++k)
        EXPECT_NEAR(blocks.v[k], direct.v[k], 3e-7 * std::abs(direct.v[k]) + 1e-12) << n << " " << k;
      EXPECT_LT(history.blocks(), 60u) << n;  // O(log N), not one per piece
      ++checks;
    }
  }
  EXPECT_EQ(checks, 10);
}

// A jump far along the reduced-time axis, seen from a short distance d after it: the derivative
// by a parameter that scales every position (x and the jump move together) is that of
// g(d) = 1 - exp(-d^c) alone. It was lost to cancellation of order x/d (a Jet's expm1 and a
// series cut without regard to x/d): 27 % off at x = 1e10 before.
TEST(KwwReducedHistory, DerivativesHoldFarAlongTheAxis) {
  using J = ceres::Jet<double, 1>;
  const double c = 0.35, d = 3900;
  for (double P : {1e2, 1e6, 1e10}) {
    const J speed(1.0, 0);
    KwwReducedHistory<J> history;
    history.append(speed * P, speed * P, J(1.0));
    const J x = speed * (P + d);
    history.coarsen(x.a);
    const J H = history.evaluate(
        x, J(c), [](const J&, const J&, const J&) -> J { throw std::logic_error("the jump is admissible"); });
    const double g = -std::expm1(-std::pow(d, c)), dg = std::exp(-std::pow(d, c)) * c * std::pow(d, c - 1) * d;
    EXPECT_NEAR(H.a, g, 1e-15) << P;
    // what remains is rounding: x and the jump's position carry derivatives of ~x each, and
    // their difference is ~d (the direct sum subtracts them first)
    EXPECT_NEAR(H.v[0], dg, (1e-9 + 1e-15 * (P + d) / d) * std::abs(dg)) << P;
  }
}

// The nonlinear solver with the block moments against its piece-by-piece sum (the solver before
// them): Fig. 10's tension test with Table 1's sigma_1 and a2 and a creep-recovery test, values
// and Jacobian, to well inside the solver's 1e-4.
TEST(LoadHistory, BlockMomentsReproduceTheDirectSum) {
  const auto p = table1();
  const double* base = &p.E_u;
  const auto pj = table1_jets();
  LoadHistoryOptions direct;
  direct.kww_direct_sum = true;
  for (bool creep : {false, true}) {
    const auto t = creep ? log_times(1.0, 660.0, 40) : log_times(2.0, 333.0, 40);
    const LoadPath path =
        creep ? stress_steps_path(std::vector<Step>{{200, 0}, {0, 330}}) : strain_program_path(0, 3e-4, t.back());
    const auto fast = solve_load_history(pj, 430, path, t, {}), slow = solve_load_history(pj, 430, path, t, direct);
    const auto& a = creep ? fast.strain : fast.stress_MPa;
    const auto& b = creep ? slow.strain : slow.stress_MPa;
    for (size_t i = 0; i < t.size(); ++i) {
      EXPECT_NEAR(a[i].a, b[i].a, 2e-5 * std::abs(b[i].a)) << creep << " " << t[i];
      for (int k = 0; k < kHcParameterCount; ++k)
        EXPECT_NEAR(a[i].v[k], b[i].v[k], 1e-4 * std::abs(b[i].v[k]) + 1e-9 * std::abs(b[i].a) / std::abs(base[k]))
            << creep << " " << t[i] << " parameter " << k;
    }
  }
}

// A fit that frees few parameters differentiates with narrow Jets (autodiff_kernel.h,
// CompactCost): its residuals and Jacobian equal Ceres' full-width AutoDiffCostFunction's, on a
// tensile run through the nonlinear solver with sigma_1, a2 and log10 A_an free (a shared block
// and a dataset's own block).
TEST(CompactCost, JacobianEqualsTheFullWidthOne) {
  const hc::Kernel kernel;
  Piece piece;
  piece.condition.kind = Experiment::Tension;
  piece.condition.temperature_K = 430;
  piece.condition.program = {0.0, 3e-4};
  piece.condition.times = {20, 60, 100, 133};
  piece.data = {300, 450, 500, 520};
  piece.scale = {3, 4, 5, 6};
  const auto table = hc_parameter_table();
  constexpr int W = hc::Kernel::kWidth;
  Mapping map;
  map.source.assign(W, Mapping::Fixed), map.log.assign(W, 0);
  for (const auto& spec : table) map.constant.push_back(spec.default_value);
  map.constant.resize(W, 0.0);
  std::array<double, W> shared{}, local{};
  auto free_slot = [&](const char* name, Mapping::Source source, bool log) {
    const int k =
        int(std::find_if(table.begin(), table.end(), [&](const auto& s) { return s.name == name; }) - table.begin());
    map.source[k] = source, map.log[k] = log;
    (source == Mapping::Shared ? shared : local)[k] = log ? std::log10(map.constant[k]) : map.constant[k];
  };
  free_slot("sigma_1", Mapping::Shared, false);
  free_slot("a2", Mapping::Local, false);
  free_slot("A_an", Mapping::Shared, true);
  const int n = int(piece.data.size());
  const AutoDiffKernel<hc::Kernel> compact_kernel(kernel);
  std::unique_ptr<ceres::CostFunction> compact(compact_kernel.cost(piece, map, true));
  using Compact = CompactCost<hc::Kernel, 4>;
  ASSERT_NE(dynamic_cast<Compact*>(compact.get()), nullptr);
  ceres::AutoDiffCostFunction<PieceCost<hc::Kernel>, ceres::DYNAMIC, W, W> full(
      new PieceCost<hc::Kernel>{&kernel, &piece, &map, {}}, n);
  const double* x[] = {shared.data(), local.data()};
  std::vector<double> r1(n), r2(n), j1s(n * W), j1l(n * W), j2s(n * W), j2l(n * W);
  double* j1[] = {j1s.data(), j1l.data()};
  double* j2[] = {j2s.data(), j2l.data()};
  ASSERT_TRUE(compact->Evaluate(x, r1.data(), j1));
  ASSERT_TRUE(full.Evaluate(x, r2.data(), j2));
  for (int i = 0; i < n; ++i) EXPECT_EQ(r1[i], r2[i]);
  int nonzero = 0;
  for (int i = 0; i < n * W; ++i) {
    EXPECT_NEAR(j1s[i], j2s[i], 1e-12 * std::abs(j2s[i])) << i;
    EXPECT_NEAR(j1l[i], j2l[i], 1e-12 * std::abs(j2l[i])) << i;
    nonzero += (j2s[i] != 0) + (j2l[i] != 0);
  }
  EXPECT_EQ(nonzero, 3 * n);  // the three free columns, every residual
}
