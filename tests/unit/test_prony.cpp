// SPDX-License-Identifier: BSD-3-Clause
// The Prony series model: its closed forms against quadrature, parameter recovery, the NNLS
// start against the Kuhn-Tucker conditions, order selection, interconversion, and the Abaqus
// and ANSYS blocks re-read by an independent parser.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <random>
#include <sstream>

#include "error_of.h"
#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "glassfit/fit/fitter.h"
#include "glassfit/io/fe_export.h"
#include "glassfit/models/prony/interconvert.h"
#include "glassfit/models/prony/model.h"
#include "glassfit/models/registry.h"
#include "glassfit/numerics/nnls.h"

using namespace glassfit;

namespace {

// E_inf = 100, weights 300, 500, 200 MPa at 1e-2, 1, 1e2 s.
const std::vector<double> kTimes = {1e-2, 1.0, 1e2};
const std::vector<double> kValues = {100, 300, 500, 200, 1e-2, 1.0, 1e2};

ModelPtr three_terms() {
  prony::Options o;
  o.times_s = kTimes;
  return prony::make_model(o);
}

double E_of_t(double t) {
  double E = kValues[0];
  for (int i = 0; i < 3; ++i) E += kValues[1 + i] * std::exp(-t / kValues[4 + i]);
  return E;
}

// Composite Simpson on [a, b] in log t (the integrands span decades).
template <class F>
double log_simpson(F f, double a, double b, int n = 4000) {
  const double la = std::log(a), lb = std::log(b), h = (lb - la) / n;
  double s = 0;
  for (int i = 0; i <= n; ++i) {
    const double x = la + i * h, t = std::exp(x);
    s += (i == 0 || i == n ? 1 : i % 2 ? 4 : 2) * f(t) * t;
  }
  return s * h / 3;
}

}  // namespace

// Composite Simpson on [a, b] with n (even) intervals.
template <class F>
double simpson(F f, double a, double b, int n) {
  const double h = (b - a) / n;
  double s = 0;
  for (int i = 0; i <= n; ++i) s += (i == 0 || i == n ? 1 : i % 2 ? 4 : 2) * f(a + i * h);
  return s * h / 3;
}

TEST(Prony, ComplexModulusIsTheFourierTransformOfTheRelaxationModulus) {
  // E*(i w) = E_inf + i w int_0^inf (E(t) - E_inf) exp(-i w t) dt, by quadrature on [0, 3000 s]
  // (the slowest term has decayed by e^-30 there), fine steps where the fast term decays.
  const auto model = three_terms();
  for (double w : {1e-3, 0.3, 7.0}) {
    Condition c;
    c.omega_rad_s = w;
    double out[2];
    model->predict(kValues, c, out);
    auto transform = [&](auto trig) {
      auto f = [&](double t) { return (E_of_t(t) - kValues[0]) * trig(w * t); };
      return simpson(f, 0, 1, 100000) + simpson(f, 1, 3000, 1200000);
    };
    const double re = transform([](double x) { return std::sin(x); });
    const double im = transform([](double x) { return std::cos(x); });
    EXPECT_NEAR(out[0], kValues[0] + w * re, 1e-4 * out[0]) << w;
    EXPECT_NEAR(out[1], w * im, 1e-4 * out[0]) << w;
  }
}

TEST(Prony, RampStressIsTheIntegralOfTheRelaxationModulus) {
  // sigma(t) = step E(t) + rate int_0^t E(s) ds.
  const auto model = three_terms();
  Condition c;
  c.kind = Experiment::Tension;
  c.program = {0.002, 1e-3};
  c.times = {0.05, 3.0, 400.0};
  std::vector<double> out(3);
  model->predict(kValues, c, out);
  for (size_t i = 0; i < c.times.size(); ++i) {
    const double integral = log_simpson([](double s) { return E_of_t(s); }, 1e-12, c.times[i]);
    EXPECT_NEAR(out[i], 0.002 * E_of_t(c.times[i]) + 1e-3 * integral, 1e-8 * out[i]);
  }
}

TEST(Prony, NnlsSatisfiesTheKuhnTuckerConditions) {
  std::mt19937 rng(7);
  std::normal_distribution<double> N;
  Eigen::MatrixXd A(40, 12);
  Eigen::VectorXd b(40);
  Eigen::VectorXd x_true(12);
  for (int j = 0; j < 12; ++j) x_true(j) = N(rng);  // about half negative: the bound binds
  for (int i = 0; i < 40; ++i)
    for (int j = 0; j < 12; ++j) A(i, j) = N(rng);
  for (int i = 0; i < 40; ++i) b(i) = A.row(i).dot(x_true) + 0.1 * N(rng);
  const Eigen::VectorXd x = nnls(A, b);
  const Eigen::VectorXd w = A.transpose() * (b - A * x);
  int active = 0;
  for (int j = 0; j < 12; ++j) {
    EXPECT_GE(x(j), 0);
    if (x(j) > 0) {
      EXPECT_NEAR(w(j), 0, 1e-9);  // stationary in the free coordinates
    } else {
      EXPECT_LE(w(j), 1e-9);  // no descent into the feasible side
      ++active;
    }
  }
  EXPECT_GT(active, 0);  // the bound matters in this draw
}

namespace {

FitSpec spec_for(const ExperimentData& ex, const ModelPtr& model) {
  FitSpec spec;
  FitDataset d;
  d.name = "synthetic";
  d.experiment = ex;
  spec.model = model;
  spec.datasets = {d};
  spec.parameters = default_choices(*model, &spec.datasets);
  return spec;
}

ExperimentData relaxation_data() {
  ExperimentData ex;
  ex.kind = Experiment::Relaxation;
  TestRun run;
  run.strain_step = 1.0;
  for (int i = 0; i <= 60; ++i) {
    const double t = std::pow(10.0, -3 + 0.1 * i);
    run.time_s.push_back(t), run.measured.push_back(E_of_t(t)), run.rows.push_back(i);
  }
  ex.runs = {run};
  return ex;
}

}  // namespace

TEST(Prony, FitInCodeRecoversTheSeries) {
  // A fit built in code (no files): relaxation data from the series, the same relaxation times.
  const auto r = run_fit(spec_for(relaxation_data(), three_terms()));
  ASSERT_TRUE(r.converged) << r.termination;
  for (size_t k = 0; k < 4; ++k) EXPECT_NEAR(r.parameters[k].value, kValues[k], 1e-8 * kValues[k]) << k;
  EXPECT_EQ(r.parameter("E_2").value, r.values()[2]);
  EXPECT_LT(r.datasets[0].rms_relative, 1e-10);
}

TEST(Prony, FreeTimesAreRecoveredFromAPerturbedStart) {
  auto spec = spec_for(relaxation_data(), three_terms());
  for (size_t k = 4; k < 7; ++k) spec.parameters[k].fixed = false, spec.parameters[k].start *= 1.6;
  const auto r = run_fit(spec);
  ASSERT_TRUE(r.converged) << r.termination;
  for (size_t k = 0; k < 7; ++k) EXPECT_NEAR(r.parameters[k].value, kValues[k], 1e-6 * kValues[k]) << k;
}

// A relaxation test over 1e-2..1e4 s from E(t) = 50 + sum 100 exp(-t/tau), fitted with the
// model's terms option ("auto" or "minimal") at one time per decade and a tolerance of 1e-6.
FitResult fit_with_terms(const std::string& terms, const std::vector<double>& taus) {
  ExperimentData ex;
  ex.kind = Experiment::Relaxation;
  TestRun run;
  run.strain_step = 1.0;
  for (int i = 0; i <= 60; ++i) {
    const double t = std::pow(10.0, -2 + 0.1 * i);
    double E = 50;
    for (double tau : taus) E += 100 * std::exp(-t / tau);
    run.time_s.push_back(t), run.measured.push_back(E), run.rows.push_back(i);
  }
  ex.runs = {run};
  ModelSetup setup;
  setup.options = {{"terms", terms}, {"per_decade", "1"}, {"auto_tolerance", "1e-6"}};
  setup.window = data_window({&ex});
  return run_fit(spec_for(ex, make_model("prony", setup)));
}

TEST(Prony, AutoOrderKeepsTheFewestTermsThatFit) {
  // Data from 3 terms log-spaced over the window; the candidates of 1..N terms are log-spaced over
  // the same window, so 3 terms fit exactly and fewer do not.
  const auto r = fit_with_terms("auto", prony::spaced_times(3, -2, 4));
  EXPECT_EQ(r.chosen_order, 3);
  EXPECT_EQ(r.orders.size(), 7u);  // 6 decades at one per decade: 7 terms at most
  EXPECT_GT(r.orders[1].rms_residual, 1e-3);
  EXPECT_LT(r.orders[2].rms_residual, 1e-7);
}

TEST(Prony, MinimalTermsFindTheTimesTheDataWereMadeWith) {
  // Data from 3 of the 7 whole-decade times over 1e-2..1e4 s; backward elimination from the
  // 7-term series keeps exactly those 3 at order 3 (the others carry no weight), and fewer do not fit.
  const std::vector<double> truth = {1e-1, 1e1, 1e3};
  const auto r = fit_with_terms("minimal", truth);
  ASSERT_EQ(r.chosen_order, 3);
  EXPECT_GT(r.orders[1].rms_residual, 1e-3);
  EXPECT_LT(r.orders[2].rms_residual, 1e-7);
  const auto series = prony::series_of(*r.model, r.values());
  ASSERT_EQ(series.tau_s.size(), 3u);
  for (size_t k = 0; k < 3; ++k) {
    EXPECT_NEAR(series.tau_s[k], truth[k], 1e-9 * truth[k]);
    EXPECT_NEAR(series.E[k], 100, 1e-6);
  }
  EXPECT_NEAR(series.E_inf, 50, 1e-6);
  // Each order's candidate is a subset of the next: elimination drops one term at a time.
  Eigen::MatrixXd A = Eigen::MatrixXd::Random(40, 6).cwiseAbs();
  const Eigen::VectorXd b = A * Eigen::VectorXd::LinSpaced(6, 1, 2);
  const auto subsets = prony::minimal_subsets(A, b);
  ASSERT_EQ(subsets.size(), 5u);
  for (size_t k = 0; k + 1 < subsets.size(); ++k) {
    EXPECT_EQ(subsets[k].size(), k + 1);
    for (int j : subsets[k])
      EXPECT_NE(std::find(subsets[k + 1].begin(), subsets[k + 1].end(), j), subsets[k + 1].end());
  }
}

TEST(Prony, AWindowDropsFastTermsAndFoldsSlowOnes) {
  PronySeries full;
  full.E_inf = 10;
  full.E = {100, 100, 100};
  full.tau_s = {1e-3, 1, 1e3};
  const auto w = prony::restrict_to_window(full, 0.1, 10);
  EXPECT_EQ(w.dropped, 1);
  EXPECT_EQ(w.folded, 1);
  ASSERT_EQ(w.series.E.size(), 1u);
  EXPECT_DOUBLE_EQ(w.series.E_inf, 110);
  EXPECT_DOUBLE_EQ(w.series.tau_s[0], 1);
  // The largest change is at the window's end, where the folded term has begun to relax.
  const double t = 10, E = 10 + 100 * (std::exp(-t / 1e-3) + std::exp(-t / 1) + std::exp(-t / 1e3));
  const double kept = 110 + 100 * std::exp(-t / 1);
  EXPECT_NEAR(w.largest_relative, std::abs(kept - E) / E, 1e-12);
  EXPECT_NE(test::error_of([&] { prony::restrict_to_window(full, 10, 1); }).find("0 < start < end"), std::string::npos);
  EXPECT_NE(test::error_of([&] { prony::restrict_to_window(full, 2, 3); }).find("holds none"), std::string::npos);
}

TEST(Prony, InterconversionOfAPronySeriesIsItself) {
  const auto model = three_terms();
  const auto ic = prony::interconvert(*model, kValues, 300, 1e-3, 1e3);
  EXPECT_LT(ic.max_relative, 1e-6);
  EXPECT_EQ(ic.model->parameters().size(), 1u + 2 * 7);  // 1e-3 to 1e3 s at whole decades
}

TEST(Prony, InterconversionOfTheHcModel) {
  const auto hc = make_model("hc");
  const auto ic = prony::interconvert(*hc, hc->defaults(), 430, 1e-3, 1e3, 2, true);
  EXPECT_LT(ic.rms_relative, 1e-3);  // the HC E(t) within 0.1 % by 13 free terms
}

TEST(Prony, InterconversionRefusesAModelWithoutRelaxationModulus) {
  struct NoRelaxation final : Model {
    ModelPtr inner = prony::make_model({Modulus(), kTimes, false});
    static inline prony::Modulus Modulus() { return prony::Modulus::Tensile; }
    std::string name() const override { return "dma-only"; }
    std::string meaning() const override { return ""; }
    std::span<const ParameterSpec> parameters() const override { return inner->parameters(); }
    std::string relation_violation(std::span<const double>) const override { return {}; }
    bool predicts(Experiment k) const override { return k == Experiment::Dma; }
    void predict(std::span<const double> v, const Condition& c, std::span<double> out) const override {
      inner->predict(v, c, out);
    }
    const FitKernel& kernel() const override { return inner->kernel(); }
  };
  NoRelaxation m;
  EXPECT_NE(
      test::error_of([&] { prony::interconvert(m, kValues, 300, 1e-3, 1e3); }).find("cannot give a relaxation modulus"),
      std::string::npos);
}

namespace {

// An independent reading of the exported blocks: E(t) = E0 (1 - sum g_i (1 - exp(-t/tau_i))).
struct Reread {
  double E0 = 0;
  std::vector<double> g, tau;
  double T_ref = 0, C1 = 0, C2 = 0;
  double at(double t) const {
    double s = 1;
    for (size_t i = 0; i < g.size(); ++i) s -= g[i] * (1 - std::exp(-t / tau[i]));
    return E0 * s;
  }
};

std::vector<double> numbers(const std::string& line) {
  std::vector<double> v;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) v.push_back(std::stod(cell));
  return v;
}

Reread reread_abaqus(const std::string& text) {
  Reread r;
  std::stringstream in(text);
  std::string line, block;
  while (std::getline(in, line)) {
    if (line.rfind("**", 0) == 0) continue;
    if (line[0] == '*') {
      block = line;
      continue;
    }
    const auto v = numbers(line);
    if (block == "*ELASTIC, MODULI=INSTANTANEOUS") r.E0 = v[0];
    if (block == "*VISCOELASTIC, TIME=PRONY") r.g.push_back(v[0]), r.tau.push_back(v[2]);
    if (block == "*TRS, DEFINITION=WLF") r.T_ref = v[0], r.C1 = v[1], r.C2 = v[2];
  }
  return r;
}

Reread reread_ansys(const std::string& text) {
  Reread r;
  std::stringstream in(text);
  std::string line, table;
  while (std::getline(in, line)) {
    if (line.rfind("MP,EX,1,", 0) == 0) r.E0 = std::stod(line.substr(8));
    if (line.rfind("TB,", 0) == 0) table = line;
    if (line.rfind("TBDATA,", 0) != 0) continue;
    auto v = numbers(line.substr(7));
    v.erase(v.begin());  // the starting location
    if (table == "TB,PRONY,1,,7,SHEAR")
      for (size_t k = 0; k + 1 < v.size(); k += 2) r.g.push_back(v[k]), r.tau.push_back(v[k + 1]);
    if (table == "TB,SHIFT,1,,3,WLF") r.T_ref = v[0], r.C1 = v[1], r.C2 = v[2];
  }
  return r;
}

}  // namespace

TEST(Prony, ExportedBlocksReproduceTheSeries) {
  // A 7-term series (from the interconversion of a fitted-like curve) through both writers.
  const auto ic = prony::interconvert(*three_terms(), kValues, 300, 1e-3, 1e3);
  const PronySeries s = prony::series_of(*ic.model, ic.values);
  const WlfShift wlf{298.15, 17.44, 51.6};
  for (const bool abaqus : {true, false}) {
    const std::string text = abaqus ? abaqus_block(s, wlf, 0.35, {"test"}) : ansys_block(s, wlf, 0.35, {"test"});
    const Reread r = abaqus ? reread_abaqus(text) : reread_ansys(text);
    ASSERT_EQ(r.g.size(), 7u) << text;
    for (double t : {1e-4, 1e-2, 0.7, 30.0, 1e3, 1e5})
      EXPECT_NEAR(r.at(t), ic.model->relaxation_modulus(ic.values, 300, std::vector<double>{t})[0], 1e-6 * r.E0)
          << (abaqus ? "abaqus " : "ansys ") << t;
    EXPECT_EQ(r.T_ref, 298.15);
    EXPECT_EQ(r.C1, 17.44);
    EXPECT_EQ(r.C2, 51.6);
  }
}

TEST(Prony, BadSeriesAreOneLineErrors) {
  EXPECT_NE(test::error_of([] { prony::make_model({}); }).find("at least one term"), std::string::npos);
  EXPECT_NE(test::error_of([] {
              prony::make_model({prony::Modulus::Tensile, {1.0, -2.0}, false});
            }).find("must be positive"),
            std::string::npos);
  ModelSetup s;
  s.options = {{"terms", "0"}};
  EXPECT_NE(test::error_of([&] { make_model("prony", s); }).find("'terms' must be"), std::string::npos);
  s.options = {{"anelastic", "exact"}};
  EXPECT_NE(test::error_of([&] { make_model("prony", s); }).find("has no option 'anelastic'"), std::string::npos);
  // Creep is not predicted; several temperatures are not one master curve.
  EXPECT_FALSE(three_terms()->predicts(Experiment::Creep));
  ExperimentData ex;
  ex.kind = Experiment::Dma;
  ex.temperature_K = {300, 310};
  ex.frequency_Hz = {1, 1};
  ex.storage_MPa = ex.loss_MPa = {1, 1};
  EXPECT_NE(three_terms()->data_problem(ex).find("isothermal"), std::string::npos);
}

TEST(Prony, ProfileIntervalsOfALinearModelAreTheStandardErrorIntervals) {
  // At fixed times the series is linear in its weights: with absolute residuals the cost is
  // exactly quadratic, so the profile interval is value +- sqrt(q) stderr (q = 1, 3.8415).
  ExperimentData ex = relaxation_data();
  std::mt19937 rng(3);
  std::normal_distribution<double> noise(0.0, 2.0);
  for (double& v : ex.runs[0].measured) v += noise(rng);
  auto spec = spec_for(ex, three_terms());
  spec.datasets[0].scale.kind = ResidualKind::Absolute;
  spec.options.intervals = Intervals::Profile;
  const auto r = run_fit(spec);
  ASSERT_TRUE(r.converged) << r.termination;
  ASSERT_EQ(r.intervals.size(), 4u);  // E_inf, E_1..E_3 (the times are fixed)
  for (const auto& iv : r.intervals) {
    const auto& p = r.parameter(iv.name);
    ASSERT_TRUE(iv.lo68.bounded && iv.hi68.bounded && iv.lo95.bounded && iv.hi95.bounded) << iv.name;
    const double se = p.stderr_value, z95 = std::sqrt(3.841459);
    EXPECT_NEAR(iv.lo68.value, p.value - se, 1e-6 * se) << iv.name;
    EXPECT_NEAR(iv.hi68.value, p.value + se, 1e-6 * se) << iv.name;
    EXPECT_NEAR(iv.lo95.value, p.value - z95 * se, 1e-6 * se) << iv.name;
    EXPECT_NEAR(iv.hi95.value, p.value + z95 * se, 1e-6 * se) << iv.name;
  }
}

TEST(Prony, ProfileEndsOfANonlinearFitAreWhereARefitRisesByTheQuantile) {
  // Free relaxation times make the cost nonlinear. The profile's warm-started trials and
  // secant steps are checked against an independent full fit with the parameter held at each
  // reported end: there chi2 must have risen by q chi2_reduced (q = 1, 3.8415).
  ExperimentData ex = relaxation_data();
  std::mt19937 rng(5);
  std::normal_distribution<double> noise(0.0, 0.01);
  for (double& v : ex.runs[0].measured) v *= 1 + noise(rng);
  auto spec = spec_for(ex, three_terms());
  for (size_t k = 4; k < 7; ++k) spec.parameters[k].fixed = false;
  spec.options.intervals = Intervals::Profile;
  const auto r = run_fit(spec);
  ASSERT_TRUE(r.converged) << r.termination;
  ASSERT_EQ(r.intervals.size(), 7u);
  for (const auto& iv : r.intervals) {
    for (const auto& [end, q] : {std::pair{iv.lo68, 1.0}, {iv.hi68, 1.0}, {iv.lo95, 3.841459}, {iv.hi95, 3.841459}}) {
      ASSERT_TRUE(end.bounded) << iv.name;
      FitSpec held = spec;
      held.options.intervals = Intervals::None;
      for (size_t k = 0; k < held.parameters.size(); ++k) held.parameters[k].start = r.values()[k];
      auto& c = choice(held, iv.name);
      c.start = end.value, c.fixed = true;
      const auto refit = run_fit(held);
      EXPECT_NEAR((refit.chi2 - r.chi2) / r.chi2_reduced, q, 5e-3 * q) << iv.name << " at " << end.value;
    }
  }
}
