// SPDX-License-Identifier: BSD-3-Clause
// The fitting engine: spec validation, parameter recovery on synthetic data, covariance against
// a finite-difference Hessian of an independently written chi^2, and an unidentifiable spec.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <array>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "glassfit/core/error.h"
#include "error_of.h"
#include "release_only.h"
#include "glassfit/fit/fit_outputs.h"
#include "glassfit/fit/fitter.h"
#include "glassfit/fit/spec.h"
#include "glassfit/models/hc/dma.h"

using namespace glassfit;

namespace {
const std::string kData = std::string(GLASSFIT_DATA_DIR) + "/la60ni15al25-synthetic/";
const std::string kDmaNoise = R"(residual = "noise"
noise_relative = 0.003
loss_residual = "noise"
loss_noise_relative = 0.01
loss_noise_absolute = 2.0
)";

std::string spec_text(const std::string& file, const std::string& params, const std::string& extra = "") {
  return "model = \"hc\"\n" + extra + "[[dataset]]\nfile = \"" + file + "\"\n" + kDmaNoise + "[parameters]\n" + params;
}

std::string error_of(const std::string& text) {
  return test::error_of([&] { parse_fit_spec(text, "/tmp/spec.toml"); });
}

// The ten free HC parameters of the isochronal DMA fits, with their wide bounds, started at
// `start` (E_u, E_r, U_beta, tau_beta0, A_an, A_vp, chi_Tg, a1, t0, B).
std::string wide_bounds(const std::array<double, 10>& start) {
  static constexpr std::array<const char*, 10> names = {"E_u",  "E_r",    "U_beta", "tau_beta0", "A_an",
                                                        "A_vp", "chi_Tg", "a1",     "t0",        "B"};
  static constexpr std::array<const char*, 10> bounds = {
      "min = 1e4, max = 6e4",    "min = 1e4, max = 6e4",   "min = 5e4, max = 1.5e5", "min = 1e-18, max = 1e-8",
      "min = 1e-7, max = 1e-3",  "min = 1e-7, max = 1e-3", "min = 0.1, max = 1",     "min = 0, max = 0.02",
      "min = 1e-10, max = 1e-2", "min = 0.05, max = 2"};
  std::string s;
  for (size_t i = 0; i < names.size(); ++i)
    s += fmt::format("{} = {{ start = {}, {} }}\n", names[i], start[i], bounds[i]);
  return s;
}

// The isochronal DMA fit with U_beta and E_u free, the rest at their defaults.
FitSpec two_parameter_spec() {
  return parse_fit_spec(
      spec_text(kData + "dma_isochronal.csv",
                "U_beta = { start = 83000, min = 5e4, max = 1.5e5 }\nE_u = { start = 33000, min = 1e4, max = 6e4 }\n"),
      "s.toml");
}

const FittedParameter& param(const FitResult& r, const std::string& name) {
  for (const auto& p : r.parameters)
    if (p.name == name) return p;
  throw std::runtime_error("no parameter " + name);
}
}  // namespace

TEST(FitSpec, BadSpecsAreOneLineErrors) {
  const std::string f = kData + "dma_isochronal.csv";
  EXPECT_NE(error_of("model = \"nope\"\n").find("unknown model 'nope'"), std::string::npos);
  EXPECT_NE(error_of(spec_text(f, "E_u = { start = 33000 }\nfoo = 1\n")).find("unknown parameter 'foo'"),
            std::string::npos);
  EXPECT_NE(error_of(spec_text(f, "E_u = { start = 33000, min = 5e4, max = 1e4 }\n")).find("min 50000 > max 10000"),
            std::string::npos);
  EXPECT_NE(error_of(spec_text(f, "E_u = { start = 3300, min = 1e4, max = 5e4 }\n")).find("start 3300 is outside"),
            std::string::npos);
  EXPECT_NE(error_of(spec_text(f, "E_u = { start = 23100 }\nE_r = { start = 39780 }\n"))
                .find("E_r = 39780 MPa must be below E_u"),
            std::string::npos);
  EXPECT_NE(error_of(spec_text(f, "chi_Tg = { start = 0 }\n")).find("outside its physical range"), std::string::npos);
  EXPECT_NE(error_of(spec_text("/nonexistent.csv", "E_u = { start = 33000 }\n")).find("not found"), std::string::npos);
  EXPECT_NE(error_of(spec_text(f, "E_u = 33000\n")).find("every parameter is fixed"), std::string::npos);
  EXPECT_NE(error_of(spec_text(f, "E_u = { start = 33000, bogus = 1 }\n")).find("unknown key 'bogus'"),
            std::string::npos);
  EXPECT_NE(error_of("model = \"hc\"\n[parameters]\nE_u = { start = 1 }\n").find("no [[dataset]]"), std::string::npos);
  // line numbers point at the offending entry
  EXPECT_EQ(error_of(spec_text(f, "E_u = { start = 33000 }\nB = { start = -1 }\n")).rfind("/tmp/spec.toml:", 0), 0u);
}

TEST(FitSpec, DatasetLackingItsColumnsIsAnError) {
  const auto dir = std::filesystem::temp_directory_path() / "glassfit_fit_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "bad.csv") << "temperature [K],frequency [Hz],storage_modulus [MPa]\n300,1,30000\n";
  try {
    parse_fit_spec(spec_text((dir / "bad.csv").string(), "E_u = { start = 33000 }\n"), "s.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no 'loss_modulus' column"), std::string::npos) << e.what();
  }
}

TEST(Fit, RecoversTruthFromPerturbedStartOnIsochronalDma) {
  // Start 10 % off (0.3 decade for log-scale parameters); truth is truth.txt.
  const std::string params = wide_bounds({36000, 28000, 9.0e4, 4e-13, 3e-5, 0.75e-5, 0.44, 0.0021, 1.2e-6, 0.33});
  const auto spec = parse_fit_spec(spec_text(kData + "dma_isochronal.csv", params), "s.toml");
  EXPECT_FALSE(spec.options.scale_covariance);  // stated noise: the covariance is not rescaled
  const auto r = run_fit(spec);
  ASSERT_TRUE(r.converged) << r.termination;
  const std::map<std::string, double> truth = {
      {"E_u", 33000},   {"E_r", 30600},   {"U_beta", 83120}, {"tau_beta0", 1.86e-13},
      {"A_an", 1.5e-5}, {"A_vp", 1.5e-5}, {"chi_Tg", 0.4},   {"a1", 0.00231},
      {"t0", 6e-7},     {"B", 0.3}};
  for (const auto& [name, value] : truth) {
    const auto& p = param(r, name);
    ASSERT_TRUE(std::isfinite(p.stderr_value)) << name;
    EXPECT_LT(std::abs(p.value - value), 3 * p.stderr_value) << name << " = " << p.value << " ± " << p.stderr_value;
  }
  EXPECT_GT(r.chi2_reduced, 0.9);
  EXPECT_LT(r.chi2_reduced, 1.2);
  EXPECT_TRUE(r.weak_combinations.empty());
}

TEST(Fit, CovarianceMatchesFiniteDifferenceHessian) {
  // Two free parameters; chi^2 written here from predict_dma and the noise model, independently
  // of the fitter's residual code. For a least-squares optimum cov = 2 H^-1, H = d2 chi^2.
  const auto spec = two_parameter_spec();
  const auto r = run_fit(spec);
  ASSERT_TRUE(r.converged);
  const auto& ex = spec.datasets[0].experiment;
  std::vector<DmaPoint> pts;
  for (size_t i = 0; i < ex.frequency_Hz.size(); ++i) pts.push_back({ex.temperature_K[i], ex.frequency_Hz[i]});
  auto chi2 = [&](double U, double E) {
    auto p = hc_params_from(ParameterSet(hc_parameter_table()));
    p.U_beta = U, p.E_u = E;
    const auto pred = predict_dma(p, pts);
    double c = 0;
    for (size_t i = 0; i < pts.size(); ++i) {
      c += std::pow((pred[i].storage_MPa - ex.storage_MPa[i]) / (0.003 * ex.storage_MPa[i]), 2);
      c += std::pow((pred[i].loss_MPa - ex.loss_MPa[i]) / std::hypot(0.01 * ex.loss_MPa[i], 2.0), 2);
    }
    return c;
  };
  const double U = param(r, "U_beta").value, E = param(r, "E_u").value;
  const double hU = 2.0, hE = 0.5;
  Eigen::Matrix2d H;
  H(0, 0) = (chi2(U + hU, E) - 2 * chi2(U, E) + chi2(U - hU, E)) / (hU * hU);
  H(1, 1) = (chi2(U, E + hE) - 2 * chi2(U, E) + chi2(U, E - hE)) / (hE * hE);
  H(0, 1) = H(1, 0) =
      (chi2(U + hU, E + hE) - chi2(U + hU, E - hE) - chi2(U - hU, E + hE) + chi2(U - hU, E - hE)) / (4 * hU * hE);
  const Eigen::Matrix2d cov = 2 * H.inverse();
  EXPECT_NEAR(param(r, "U_beta").stderr_value, std::sqrt(cov(0, 0)), 0.02 * std::sqrt(cov(0, 0)));
  EXPECT_NEAR(param(r, "E_u").stderr_value, std::sqrt(cov(1, 1)), 0.02 * std::sqrt(cov(1, 1)));
  const double rho = cov(0, 1) / std::sqrt(cov(0, 0) * cov(1, 1));
  EXPECT_NEAR(r.correlation[0][1], rho, 0.02);
}

TEST(Fit, ModelStandardErrorIsTheGradientThroughTheParameterCovariance) {
  // The confidence band's model_stderr (from the fitter's Jacobian) against an independent path:
  // finite differences of predict_dma in the two parameters through the reported standard errors
  // and correlation, var = g^T Sigma g.
  const auto spec = two_parameter_spec();
  const auto r = run_fit(spec);
  ASSERT_TRUE(r.converged);
  const auto& ex = spec.datasets[0].experiment;
  const auto& df = r.datasets[0];
  const size_t n = ex.frequency_Hz.size();
  ASSERT_EQ(df.model_stderr.size(), 2 * n);
  std::vector<DmaPoint> pts;
  for (size_t i = 0; i < n; ++i) pts.push_back({ex.temperature_K[i], ex.frequency_Hz[i]});
  const double U = param(r, "U_beta").value, E = param(r, "E_u").value, hU = 1.0, hE = 0.25;
  auto predict = [&](double u, double e) {
    auto p = hc_params_from(ParameterSet(hc_parameter_table()));
    p.U_beta = u, p.E_u = e;
    return predict_dma(p, pts);
  };
  const auto up = predict(U + hU, E), um = predict(U - hU, E), ep = predict(U, E + hE), em = predict(U, E - hE);
  const double sU = param(r, "U_beta").stderr_value, sE = param(r, "E_u").stderr_value, rho = r.correlation[0][1];
  double worst = 0;
  for (size_t i = 0; i < n; ++i)
    for (int part = 0; part < 2; ++part) {
      auto value = [&](const std::vector<DmaPrediction>& v) { return part ? v[i].loss_MPa : v[i].storage_MPa; };
      const double gU = (value(up) - value(um)) / (2 * hU), gE = (value(ep) - value(em)) / (2 * hE);
      const double var = gU * gU * sU * sU + gE * gE * sE * sE + 2 * gU * gE * rho * sU * sE;
      const double se = df.model_stderr[part * n + i];
      ASSERT_TRUE(std::isfinite(se));
      worst = std::max(worst, std::abs(se - std::sqrt(var)) / std::sqrt(var));
    }
  EXPECT_LT(worst, 1e-3);
}

TEST(Fit, UnidentifiableProductIsReportedNotFatal) {
  // At a single temperature tau_beta0 and U_beta enter only through tau_beta0 exp(U_beta/RT).
  const auto dir = std::filesystem::temp_directory_path() / "glassfit_fit_test";
  std::filesystem::create_directories(dir);
  {
    std::ifstream src(kData + "dma_isothermal.csv");
    std::ofstream dst(dir / "one_temperature.csv");
    std::string line;
    while (std::getline(src, line))
      if (line.rfind("#", 0) == 0 || line.rfind("temperature", 0) == 0 || line.rfind("402,", 0) == 0)
        dst << line << "\n";
  }
  const auto spec = parse_fit_spec(spec_text((dir / "one_temperature.csv").string(),
                                             "U_beta = { start = 83000, min = 5e4, max = 1.5e5 }\n"
                                             "tau_beta0 = { start = 2e-13, min = 1e-18, max = 1e-8 }\n"),
                                   "s.toml");
  const auto r = run_fit(spec);
  ASSERT_EQ(r.weak_combinations.size(), 1u);
  EXPECT_NE(r.weak_combinations[0].find("U_beta"), std::string::npos);
  EXPECT_NE(r.weak_combinations[0].find("tau_beta0"), std::string::npos);
  EXPECT_TRUE(std::isnan(param(r, "U_beta").stderr_value));
  EXPECT_TRUE(std::isnan(param(r, "tau_beta0").stderr_value));
  EXPECT_LT(r.chi2_reduced, 2.0);  // the fit itself is fine
}

namespace {
// A start far from the truth: U_beta +30 %, tau_beta0 and t0 a decade off, the rest 10-30 %.
const std::string kFarStart = wide_bounds({25000, 22000, 1.08e5, 1.86e-12, 1.5e-4, 1.5e-6, 0.3, 0.003, 6e-6, 0.39});
}  // namespace

TEST(Fit, TimeScaleScanBringsAFarStartToTheOptimum) {
  // From kFarStart both loss peaks lie outside the data: a local fit alone (no scan, no bound
  // escape) ends far off; the decade scan of tau_beta0 and t0 puts them back and the fit
  // reaches the optimum.
  const auto with = parse_fit_spec(spec_text(kData + "dma_isochronal.csv", kFarStart), "s.toml");
  const auto without = parse_fit_spec(
      spec_text(kData + "dma_isochronal.csv", kFarStart, "[fit]\nscan_time_scales = false\nescape_bounds = false\n"),
      "s.toml");
  const auto r_with = run_fit(with), r_without = run_fit(without);
  EXPECT_NEAR(r_with.chi2_reduced, 1.05, 0.1);
  EXPECT_GT(r_without.chi2_reduced, 100.0);
}

TEST(Fit, BoundEscapeLeavesAFlatBetaBackground) {
  // From this start (one of the Sobol starts in the bounds below) the local search ends with B
  // on its lower bound: a beta spectrum so broad that it is a flat background, and no beta peak
  // (cost ~9e4). Re-drawing the beta process and searching again reaches the optimum.
  const std::string start = wide_bounds({25625, 19375, 81250, 4.2e-13, 5.6e-4, 5.6e-6, 0.156, 0.00125, 3.2e-10, 1.88});
  const auto with = parse_fit_spec(spec_text(kData + "dma_isochronal.csv", start), "s.toml");
  const auto without =
      parse_fit_spec(spec_text(kData + "dma_isochronal.csv", start, "[fit]\nescape_bounds = false\n"), "s.toml");
  const auto r_without = run_fit(without);
  EXPECT_TRUE(param(r_without, "B").at_bound);
  EXPECT_GT(r_without.chi2_reduced, 100.0);
  EXPECT_EQ(r_without.multistart.escapes, 0);
  const auto r_with = run_fit(with);
  EXPECT_NEAR(r_with.chi2_reduced, 1.05, 0.1);
  EXPECT_FALSE(param(r_with, "B").at_bound);
  EXPECT_GE(r_with.multistart.escapes_improved, 1);
}

TEST(Fit, MultistartFromWideBoundsFindsTheOptimum) {
  // Sobol starts over wide bounds; tau_beta0 and t0 are drawn so that the loss peaks fall in the
  // data's time window on every other start, every start is scanned in decades of both before
  // and after its local fit, and a start that ends with a parameter on a bound re-draws that
  // parameter's process (twice at most). Without these 5 of 21 starts reached the optimum; with
  // the window rule and the scan 15 of 21; with the bound escape 21 of 21 (seed 1; 19 of 21 for
  // seed 2, 95 of 101 with multistart = 100). The issue asks for 90 %. Sanitizer builds run 4
  // starts (the same code paths, a fifth of the ~100 s there) and check the optimum only.
  const bool sanitized = kSanitizedBuild;
  const auto spec =
      parse_fit_spec(spec_text(kData + "dma_isochronal.csv", kFarStart,
                               sanitized ? "[fit]\nmultistart = 4\nseed = 1\n" : "[fit]\nmultistart = 20\nseed = 1\n"),
                     "s.toml");
  const auto r = run_fit(spec);
  EXPECT_EQ(r.multistart.starts, sanitized ? 5 : 21);
  if (!sanitized) EXPECT_GE(r.multistart.reached_best, 19);
  EXPECT_NEAR(r.chi2_reduced, 1.05, 0.1);  // the optimum found is the right one
}

TEST(Fit, ReportFromCodeIsTheCommandLinesReport) {
  // The shipped DMA fit, run in C++ and written by fit_outputs, gives the report.json that
  // `glassfit fit` wrote for fits/reference (same keys; values to 1e-8).
  const std::string root = GLASSFIT_SOURCE_DIR;
  const auto spec = read_fit_spec(root + "/fits/la60ni15al25_dma.toml");
  const auto out = fit_outputs(spec, run_fit(spec), {});
  const auto mine = nlohmann::json::parse(out.text_of("report.json"));
  std::ifstream in(root + "/fits/reference/la60ni15al25_dma/report.json");
  const auto cli = nlohmann::json::parse(in);
  for (const auto& [key, value] : cli.items()) EXPECT_TRUE(mine.contains(key)) << key;
  for (const auto& [name, p] : cli["parameters"].items()) {
    const auto& got = mine["parameters"][name]["value"];
    if (p["value"].is_null()) {  // an infinite default (sigma_1) is written as null
      EXPECT_TRUE(got.is_null()) << name;
      continue;
    }
    EXPECT_NEAR(got.get<double>(), p["value"].get<double>(), 1e-8 * std::abs(p["value"].get<double>())) << name;
  }
  EXPECT_NEAR(mine["cost"].get<double>(), cli["cost"].get<double>(), 1e-8 * cli["cost"].get<double>());
  EXPECT_EQ(mine["datasets"].size(), cli["datasets"].size());
}
