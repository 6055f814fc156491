// SPDX-License-Identifier: BSD-3-Clause
// Master curves: the spline, shift laws, shift-factor recovery on synthetic sweeps with known
// Arrhenius shifts (frequency, time and vertical), the real polymer set, bad input; the
// relaxation-time analysis (beta peaks, chi slopes) and the beta/alpha loss decomposition.
#include <gtest/gtest.h>

#include <ceres/jet.h>
#include <cmath>
#include <fmt/format.h>
#include <random>
#include <string>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "error_of.h"
#include "glassfit/numerics/spline.h"
#include "glassfit/numerics/curve_fit.h"
#include "glassfit/mastercurve/relaxation_map.h"
#include "glassfit/mastercurve/shift.h"
#include "glassfit/mastercurve/shift_law_fit.h"
#include "glassfit/io/csv.h"
#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/params.h"
#include "glassfit/models/shift_laws.h"
#include "glassfit/models/hc/dma.h"

using namespace glassfit;

namespace {
const std::string kShared = std::string(GLASSFIT_DATA_DIR);

// A generalised Maxwell (Prony) solid, written here independently of the library: the
// material whose sweeps the tests shift. E' = E_inf + sum E_i (w tau_i)^2/(1 + (w tau_i)^2),
// E'' = sum E_i w tau_i/(1 + (w tau_i)^2), E(t) = E_inf + sum E_i exp(-t/tau_i).
struct Prony {
  double E_inf = 10;
  std::vector<double> E = {300, 800, 1500, 2500, 2000, 1200}, tau = {1e2, 1e0, 1e-2, 1e-4, 1e-6, 1e-8};
  std::pair<double, double> moduli(double w) const {
    double e1 = E_inf, e2 = 0;
    for (size_t i = 0; i < E.size(); ++i) {
      const double x = w * tau[i];
      e1 += E[i] * x * x / (1 + x * x), e2 += E[i] * x / (1 + x * x);
    }
    return {e1, e2};
  }
  double relaxation(double t) const {
    double e = E_inf;
    for (size_t i = 0; i < E.size(); ++i) e += E[i] * std::exp(-t / tau[i]);
    return e;
  }
};

const double kEa = 150e3, kTref = 300;
double true_log_aT(double T) { return kEa / (kGasConstant_J_per_molK * std::log(10.0)) * (1 / T - 1 / kTref); }
double true_log_bT(double T) { return std::log10(kTref / T); }  // an entropy-elastic-like vertical factor

// Sweeps 0.1-100 Hz (10 points) at 260-340 K every 10 K, 0.5 % noise on E', 2 % on E''.
std::string synthetic_sweeps(bool time_domain, bool vertical, unsigned seed) {
  Prony m;
  std::mt19937 rng(seed);
  std::normal_distribution<double> n1(0, 0.005), n2(0, 0.02);
  std::string csv = time_domain ? "temperature [K],time [s],relaxation_modulus [MPa]\n"
                                : "temperature [K],frequency [Hz],storage_modulus [MPa],loss_modulus [MPa]\n";
  for (double T = 260; T <= 340; T += 10) {
    const double aT = std::pow(10.0, true_log_aT(T)), b = vertical ? std::pow(10.0, true_log_bT(T)) : 1.0;
    for (int k = 0; k < 10; ++k) {
      const double f = 0.1 * std::pow(1000.0, k / 9.0);
      if (time_domain) {
        const double t = 1 / f;  // t_reduced = t / aT
        csv += fmt::format("{},{:.8g},{:.8g}\n", T, t, m.relaxation(t / aT) / b * (1 + n1(rng)));
      } else {
        const auto [e1, e2] = m.moduli(2 * kPi * f * aT);
        csv += fmt::format("{},{:.8g},{:.8g},{:.8g}\n", T, f, e1 / b * (1 + n1(rng)), e2 / b * (1 + n2(rng)));
      }
    }
  }
  return csv;
}

void expect_recovered(const ShiftResult& r, bool vertical) {
  ASSERT_EQ(r.temperature_K.size(), 9u);
  EXPECT_TRUE(r.converged);
  for (size_t i = 0; i < r.temperature_K.size(); ++i) {
    const double T = r.temperature_K[i];
    if (T == kTref) {
      EXPECT_NEAR(r.log_aT[i], 0.0, 1e-12);
      EXPECT_NEAR(r.log_aT_stderr[i], 0.0, 1e-12);
      continue;
    }
    EXPECT_GT(r.log_aT_stderr[i], 0.0);
    EXPECT_LT(r.log_aT_stderr[i], 0.1) << T;
    EXPECT_LT(std::abs(r.log_aT[i] - true_log_aT(T)), 3.5 * r.log_aT_stderr[i] + 1e-3)
        << T << " K: " << r.log_aT[i] << " +- " << r.log_aT_stderr[i] << " vs " << true_log_aT(T);
    if (vertical) EXPECT_LT(std::abs(r.log_bT[i] - true_log_bT(T)), 3.5 * r.log_bT_stderr[i] + 1e-3) << T;
  }
}

using test::error_of;

}  // namespace

TEST(Spline, InterpolatesNodesLinesAndSmoothFunctionsWithExactJetDerivative) {
  std::vector<double> x, y, lin;
  for (int k = 0; k <= 40; ++k) x.push_back(0.1 * k), y.push_back(std::sin(x.back())), lin.push_back(3 - 2 * x.back());
  const NaturalSpline s(x, y), l(x, lin);
  for (size_t k = 0; k < x.size(); ++k) EXPECT_NEAR(s(x[k]), y[k], 1e-14);
  for (double u = 0.05; u < 4; u += 0.1) EXPECT_NEAR(l(u), 3 - 2 * u, 1e-13);    // natural spline keeps lines
  for (double u = 0.5; u < 3.5; u += 0.1) EXPECT_NEAR(s(u), std::sin(u), 2e-5);  // interior, h = 0.1
  // The Jet derivative is the spline's own derivative: compare with a central difference.
  for (double u : {0.73, 1.5, 2.96}) {
    const ceres::Jet<double, 1> j = s(ceres::Jet<double, 1>(u, 0));
    EXPECT_NEAR(j.v[0], (s(u + 1e-6) - s(u - 1e-6)) / 2e-6, 1e-7);
    EXPECT_NEAR(j.v[0], std::cos(u), 1e-3);
  }
  EXPECT_THROW(NaturalSpline({1, 1, 2}, {0, 1, 2}), std::invalid_argument);
}

// The windowed cardinal weights equal the spline through each unit vector (the O(n^2) way the
// master-curve covariance used to get them), on uneven knots, near the ends and in the middle.
TEST(Spline, WindowedCardinalWeightsEqualUnitVectorSplines) {
  std::vector<double> x = {0.0};
  for (int k = 1; k < 300; ++k) x.push_back(x.back() + 0.05 + 0.5 * std::abs(std::sin(1.7 * k)));
  const NaturalSpline any(x, std::vector<double>(x.size(), 0.0));
  std::vector<double> w;
  double worst = 0;
  for (const double u : {0.0, 0.3, x[1] + 1e-3, x[150] + 0.01, x[298] - 0.02, x.back()}) {
    const size_t first = any.cardinal(u, w);
    for (size_t l = 0; l < x.size(); ++l) {
      std::vector<double> e(x.size(), 0.0);
      e[l] = 1;
      const double exact = NaturalSpline(x, e)(u);
      const double windowed = l >= first && l < first + w.size() ? w[l - first] : 0.0;
      worst = std::max(worst, std::abs(exact - windowed));
    }
  }
  EXPECT_LT(worst, 1e-14);
  // A short window is visibly truncated: the test can fail.
  EXPECT_GT(any.cardinal(x[150] + 0.01, w, 2), size_t(146));
  std::vector<double> e(x.size(), 0.0);
  e[146] = 1;
  EXPECT_GT(std::abs(NaturalSpline(x, e)(x[150] + 0.01)), 1e-6);
}

TEST(ShiftLaws, LimitsAndTheWlfVftIdentity) {
  EXPECT_DOUBLE_EQ(shift_law::arrhenius(100e3, 300.0, 300.0), 0.0);
  // Arrhenius: ln a_T = Ea/R (1/T - 1/Tref); log10 is that over ln 10.
  EXPECT_NEAR(shift_law::arrhenius(100e3, 280.0, 300.0) * std::log(10.0),
              100e3 / kGasConstant_J_per_molK * (1 / 280.0 - 1 / 300.0), 1e-12);
  EXPECT_GT(shift_law::wlf(17.44, 51.6, 290.0, 300.0), 0.0);  // colder: slower
  const double B = 900, T0 = 220, Tref = 300;
  for (double T : {240.0, 280.0, 300.0, 350.0})
    EXPECT_NEAR(shift_law::vft(B, T0, T, Tref), shift_law::wlf(B / (Tref - T0), Tref - T0, T, Tref), 1e-12);
  // Far above T0, VFT tends to Arrhenius with Ea = B R ln 10 (T/(T - T0))^2 at the reference:
  // check the slope d log a_T / d(1/T) at Tref against -B (Tref/(Tref - T0))^2 numerically.
  const double h = 1e-3, slope = (shift_law::vft(B, T0, Tref + h, Tref) - shift_law::vft(B, T0, Tref - h, Tref)) /
                                 (1 / (Tref + h) - 1 / (Tref - h));
  EXPECT_NEAR(slope, B * std::pow(Tref / (Tref - T0), 2), 1e-3 * slope);
}

TEST(CurveFit, StraightLineMatchesClosedFormLeastSquares) {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6}, yv = {2.1, 3.9, 6.2, 7.8, 10.1, 12.2};
  Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(yv.data(), 6);
  const Eigen::MatrixXd W = Eigen::MatrixXd::Identity(6, 6);
  auto line = [&](const auto* p, auto* f) {
    for (size_t i = 0; i < 6; ++i) f[i] = p[0] + p[1] * x[i];
  };
  const auto fit = curve_fit(line, y, W, {0.0, 1.0}, {-INFINITY, -INFINITY}, {INFINITY, INFINITY});
  // Closed form: slope = Sxy/Sxx, var(slope) = s^2/Sxx with s^2 = SSE/(n-2).
  double mx = 3.5, my = 0, sxx = 0, sxy = 0;
  for (double v : yv) my += v / 6;
  for (size_t i = 0; i < 6; ++i) sxx += (x[i] - mx) * (x[i] - mx), sxy += (x[i] - mx) * (yv[i] - my);
  const double b = sxy / sxx, a = my - b * mx;
  double sse = 0;
  for (size_t i = 0; i < 6; ++i) sse += std::pow(yv[i] - a - b * x[i], 2);
  EXPECT_NEAR(fit.values[1], b, 1e-9);
  EXPECT_NEAR(fit.values[0], a, 1e-9);
  EXPECT_NEAR(fit.stderr_of(1), std::sqrt(sse / 4 / sxx), 1e-9);
  EXPECT_EQ(fit.dof, 4);
}

TEST(Shift, RecoversKnownArrheniusShiftsFromFrequencySweeps) {
  for (unsigned seed : {1u, 2u}) {
    const auto in = shift_input_from(parse_csv(synthetic_sweeps(false, false, seed), "sweeps.csv"));
    for (auto objective : {ShiftObjective::Storage, ShiftObjective::Moduli, ShiftObjective::TanDelta}) {
      ShiftOptions o;
      o.reference_K = kTref;
      o.objective = objective;
      const auto r = shift_master_curve(in, o);
      SCOPED_TRACE(fmt::format("seed {} objective {}", seed, int(objective)));
      expect_recovered(r, false);
      // The shift law: Arrhenius returns the activation energy within its standard error.
      const auto laws = fit_shift_laws(r.temperature_K, r.log_aT, r.log_aT_covariance, kTref);
      for (const auto& law : laws)
        if (law.law == "arrhenius")
          EXPECT_LT(std::abs(law.values[0] - kEa), 3.5 * law.stderrs[0] + 500) << law.values[0];
    }
  }
}

TEST(Shift, StandardErrorsMatchTheScatterOverManySeeds) {
  // z = (estimate - truth)/stderr over 30 noise draws x 8 shifts: rms z near 1 when the stated
  // errors are honest (measured 0.88 storage, 1.10 moduli; the plain Gauss-Newton covariance,
  // which takes the splines as exact, gave 1.90).
  for (auto objective : {ShiftObjective::Storage, ShiftObjective::Moduli}) {
    double sum = 0;
    int count = 0;
    for (unsigned seed = 100; seed < 130; ++seed) {
      ShiftOptions o;
      o.reference_K = kTref;
      o.objective = objective;
      const auto r = shift_master_curve(shift_input_from(parse_csv(synthetic_sweeps(false, false, seed), "s.csv")), o);
      for (size_t i = 0; i < r.temperature_K.size(); ++i)
        if (r.temperature_K[i] != kTref) {
          const double z = (r.log_aT[i] - true_log_aT(r.temperature_K[i])) / r.log_aT_stderr[i];
          sum += z * z, ++count;
        }
    }
    const double rms_z = std::sqrt(sum / count);
    EXPECT_GT(rms_z, 0.75) << int(objective);
    EXPECT_LT(rms_z, 1.3) << int(objective);
    std::printf("objective %d: rms z = %.3f over %d shifts\n", int(objective), rms_z, count);
  }
}

TEST(Shift, RecoversShiftsFromRelaxationCurvesAndVerticalShifts) {
  ShiftOptions o;
  o.reference_K = kTref;
  expect_recovered(shift_master_curve(shift_input_from(parse_csv(synthetic_sweeps(true, false, 3), "t.csv")), o),
                   false);
  o.vertical = true;
  o.objective = ShiftObjective::Moduli;
  expect_recovered(shift_master_curve(shift_input_from(parse_csv(synthetic_sweeps(false, true, 4), "v.csv")), o), true);
}

TEST(Shift, ReferenceBetweenMeasuredTemperaturesIsInterpolated) {
  const auto in = shift_input_from(parse_csv(synthetic_sweeps(false, false, 5), "s.csv"));
  ShiftOptions o;
  o.reference_K = 305;  // between 300 and 310 K
  const auto r = shift_master_curve(in, o);
  for (size_t i = 0; i < r.temperature_K.size(); ++i) {
    const double expected = true_log_aT(r.temperature_K[i]) - 0.5 * (true_log_aT(300) + true_log_aT(310));
    EXPECT_LT(std::abs(r.log_aT[i] - expected), 3.5 * r.log_aT_stderr[i] + 1e-3) << r.temperature_K[i];
    EXPECT_GT(r.log_aT_stderr[i], 0.0);  // no measured segment sits at the reference
  }
}

TEST(Shift, PolymerMasterCurveIsSmoothAcrossAll21Temperatures) {
  const auto in = shift_input_from(read_csv(kShared + "/pyvisco-polymer/freq_user_raw.csv"));
  ASSERT_EQ(in.segments.size(), 21u);
  ShiftOptions o;
  o.reference_K = 298.15;
  const auto r = shift_master_curve(in, o);
  EXPECT_TRUE(r.converged);
  EXPECT_LT(r.rms_mismatch, 0.01);  // measured 0.0046 decades of E'
  for (const auto& p : r.neighbours) EXPECT_LT(p.rms, 0.02) << p.temperature1_K;
  for (size_t i = 1; i < r.log_aT.size(); ++i) EXPECT_LT(r.log_aT[i], r.log_aT[i - 1]);  // slower when colder
  // The relaxation-modulus file holds the same measurements in time (t = 1/f): same shifts.
  const auto rt = shift_master_curve(shift_input_from(read_csv(kShared + "/pyvisco-polymer/time_user_raw.csv")), o);
  for (size_t i = 0; i < r.log_aT.size(); ++i) EXPECT_NEAR(rt.log_aT[i], r.log_aT[i], 1e-6);
}

TEST(Shift, BadInputIsAnErrorNamingTheProblem) {
  const std::string head = "temperature [K],frequency [Hz],storage_modulus [MPa],loss_modulus [MPa]\n";
  const std::string one = head + "300,1,10,1\n300,2,11,1\n300,4,12,1\n";
  EXPECT_NE(error_of([&] {
              ShiftOptions o;
              o.reference_K = 300;
              shift_master_curve(shift_input_from(parse_csv(one, "one.csv")), o);
            }).find("one temperature only"),
            std::string::npos);
  const std::string two_points = one + "310,1,9,1\n310,2,10,1\n";
  EXPECT_NE(error_of([&] { shift_input_from(parse_csv(two_points, "few.csv")); }).find("few.csv:5:"),
            std::string::npos);
  const std::string apart = one + "310,1,100,1\n310,2,110,1\n310,4,120,1\n";  // no shared E' range
  ShiftOptions o;
  o.reference_K = 300;
  EXPECT_NE(
      error_of([&] { shift_master_curve(shift_input_from(parse_csv(apart, "a.csv")), o); }).find("non-overlapping"),
      std::string::npos);
  o.reference_K = 400;
  EXPECT_NE(
      error_of([&] { shift_master_curve(shift_input_from(parse_csv(apart, "a.csv")), o); }).find("outside the data"),
      std::string::npos);
  EXPECT_NE(error_of([&] {
              shift_input_from(parse_csv(head + "300,1,-10,1\n300,2,11,1\n300,4,12,1\n", "n.csv"));
            }).find("n.csv:2: column 'storage_modulus [MPa]'"),
            std::string::npos);
  // ... unless such rows are to be left out: then they are, and their lines are kept
  const auto dropped = shift_input_from(
      parse_csv(head + "300,1,-10,1\n300,2,11,1\n300,4,12,1\n300,8,13,0\n300,16,14,1\n", "n.csv"), 0.5, true);
  EXPECT_EQ(dropped.dropped_lines, (std::vector<long>{2, 5}));
  ASSERT_EQ(dropped.segments.size(), 1u);
  EXPECT_EQ(dropped.segments[0].x.size(), 3u);
  EXPECT_NE(error_of([&] {
              shift_input_from(parse_csv(head + "300,1,10,1\n300,1,11,1\n300,4,12,1\n", "d.csv"));
            }).find("same value twice"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              shift_input_from(parse_csv("temperature [K],strain [-]\n300,1\n", "c.csv"));
            }).find("frequency column"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              fit_shift_laws({300, 310}, {0, -1}, Eigen::MatrixXd::Identity(2, 2), 300);
            }).find("at least 3"),
            std::string::npos);
}

TEST(LossDecomposition, BetaAndAlphaPartsAddUpToTheLossModulus) {
  auto p = hc_params_from(ParameterSet(hc_parameter_table()));
  std::vector<DmaPoint> pts;
  for (double T : {320.0, 430.0, 480.0})
    for (double f : {1e-4, 1.0, 1e4}) pts.push_back({T, f});
  const auto total = predict_dma(p, pts);
  const auto parts = predict_dma_loss_parts(p, pts);
  for (size_t i = 0; i < pts.size(); ++i) {
    EXPECT_NEAR(parts[i].beta_MPa + parts[i].alpha_MPa, total[i].loss_MPa, 1e-10 * total[i].loss_MPa);
    EXPECT_GT(parts[i].beta_MPa, 0.0);
    EXPECT_GT(parts[i].alpha_MPa, 0.0);
  }
  p.A_an = 0, p.A_vp = 0;  // no alpha process: the beta part is everything
  const auto t0 = predict_dma(p, pts);
  const auto p0 = predict_dma_loss_parts(p, pts);
  for (size_t i = 0; i < pts.size(); ++i) {
    EXPECT_NEAR(p0[i].beta_MPa, t0[i].loss_MPa, 1e-12 * t0[i].loss_MPa);
    EXPECT_EQ(p0[i].alpha_MPa, 0.0);
  }
}

TEST(RelaxationMap, BetaPeaksOfTheSyntheticIsochronalDataGiveUbetaWithin10Percent) {
  const auto data = read_csv(kShared + "/la60ni15al25-synthetic/dma_isochronal.csv");
  const auto peaks = beta_loss_peaks(data);
  ASSERT_EQ(peaks.size(), 5u);
  // Independent reference: where the model's own beta part of E'' peaks (truth = Table 1).
  const auto p = hc_params_from(ParameterSet(hc_parameter_table()));
  for (const auto& pk : peaks) {
    double best = 0, T_best = 0;
    for (double T = 330; T <= 430; T += 0.1) {
      const DmaPoint pt{T, pk.frequency_Hz};
      const double b = predict_dma_loss_parts(p, std::span<const DmaPoint>(&pt, 1))[0].beta_MPa;
      if (b > best) best = b, T_best = T;
    }
    EXPECT_LT(std::abs(pk.temperature_K - T_best), 4.0) << pk.frequency_Hz << " Hz";  // measured 0-3.4 K
    EXPECT_NEAR(pk.tau_s, 1 / (2 * kPi * pk.frequency_Hz), 1e-15);
  }
  for (size_t i = 1; i < peaks.size(); ++i) EXPECT_GT(peaks[i].temperature_K, peaks[i - 1].temperature_K);
  const auto arr = fit_peak_arrhenius(peaks);
  EXPECT_LT(std::abs(arr.U_J_per_mol - p.U_beta) / p.U_beta, 0.10);  // measured 78.1 vs 83.12 kJ/mol
  EXPECT_LT(std::abs(arr.log10_tau0_s - std::log10(p.tau_beta0)), 1.0);
}

TEST(RelaxationMap, ChiAndTauMaxFromSlopesExactOnTheirOwnLawAndCloseOnTheModel) {
  // tan(delta) = (w tau)^-chi exactly: the line fit returns chi and tau.
  std::string csv = "temperature [K],frequency [Hz],storage_modulus [MPa],loss_modulus [MPa]\n";
  for (double f = 0.01; f < 3; f *= 1.5)
    csv += fmt::format("470,{:.10g},1000,{:.12g}\n", f, 1000 * std::pow(2 * kPi * f * 0.7, -0.45));
  const auto e = chi_from_isothermal(parse_csv(csv, "exact.csv"));
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NEAR(e[0].chi, 0.45, 1e-9);
  EXPECT_NEAR(e[0].log10_tau_max_s, std::log10(0.7), 1e-8);
  EXPECT_TRUE(e[0].alpha_dominated());
  // The synthetic isothermal sweeps: above T_g the slope follows the model's chi(T) (Eq. 22b)
  // to 0.06 (the full E''/E' is not exactly Eq. 26); deep in the beta regime it is flagged.
  const auto p = hc_params_from(ParameterSet(hc_parameter_table()));
  const auto chis = chi_from_isothermal(read_csv(kShared + "/la60ni15al25-synthetic/dma_isothermal.csv"));
  ASSERT_EQ(chis.size(), 18u);
  for (const auto& c : chis) {
    if (c.temperature_K > p.T_g) {
      EXPECT_TRUE(c.alpha_dominated()) << c.temperature_K;
      EXPECT_NEAR(c.chi, hc::chi(p, c.temperature_K), 0.06) << c.temperature_K;
    }
    if (c.temperature_K < 400) EXPECT_FALSE(c.alpha_dominated()) << c.temperature_K;
  }
}

// The judgement of a shift law (shift_law_fit.h) on shifts with a known law.
namespace judgement {

// log10 aT of a WLF law (C1 = 10, C2 = 80 K at 300 K) at 260..360 K, with independent errors.
struct Shifts {
  std::vector<double> T, L;
  Eigen::MatrixXd C;
};
Shifts wlf_shifts(double sigma, double lo = 260, double hi = 360) {
  Shifts s;
  for (double T = lo; T <= hi + 1e-9; T += 10) s.T.push_back(T), s.L.push_back(shift_law::wlf(10.0, 80.0, T, 300));
  s.C = Eigen::MatrixXd::Identity(long(s.T.size()), long(s.T.size())) * sigma * sigma;
  for (size_t i = 0; i < s.T.size(); ++i)
    if (s.T[i] == 300) s.C(long(i), long(i)) = 1e-12;  // the reference: no error
  return s;
}

TEST(ShiftLawJudgement, AnExactWlfLawIsValidDescribesAndRanksFirst) {
  const auto s = wlf_shifts(0.01);
  const auto laws = fit_shift_laws(s.T, s.L, s.C, 300);
  ASSERT_TRUE(laws[0].law == "wlf" || laws[0].law == "vft") << laws[0].law;
  EXPECT_TRUE(laws[0].valid && laws[0].describes) << laws[0].verdict;
  EXPECT_LT(laws[0].rms_decades, 1e-6);
  const auto& wlf = laws[0].law == "wlf" ? laws[0] : laws[1];
  EXPECT_NEAR(wlf.values[0], 10.0, 1e-5);
  EXPECT_NEAR(wlf.values[1], 80.0, 1e-4);
  // Arrhenius bends the other way over 100 K of a WLF law: several decades off, many sigma.
  const auto& arr = laws.back();
  EXPECT_EQ(arr.law, "arrhenius");
  EXPECT_TRUE(arr.valid && !arr.describes) << arr.verdict;
  EXPECT_NE(arr.verdict.find("does not describe"), std::string::npos);
}

TEST(ShiftLawJudgement, AVogelTemperatureBelowZeroKelvinIsNotValid) {
  // Shifts of a WLF curve with C2 = 400 K at T_ref = 300 K (nearly straight in 1/T): the fit finds
  // that curve, whose Vogel temperature T_ref - C2 = -100 K is below absolute zero.
  Shifts s;
  for (double T = 260; T <= 340; T += 10) s.T.push_back(T), s.L.push_back(shift_law::wlf(50.0, 400.0, T, 300));
  s.C = Eigen::MatrixXd::Identity(long(s.T.size()), long(s.T.size())) * 1e-4;
  for (const auto& law : fit_shift_laws(s.T, s.L, s.C, 300))
    if (law.law != "arrhenius") {
      EXPECT_FALSE(law.valid) << law.law << " " << law.verdict;
      EXPECT_NE(law.verdict.find("absolute zero"), std::string::npos) << law.verdict;
    }
  // Shifts that rise with T: a negative activation energy, not valid either.
  Shifts up = wlf_shifts(0.01);
  for (double& l : up.L) l = -l;
  for (const auto& law : fit_shift_laws(up.T, up.L, up.C, 300)) EXPECT_FALSE(law.valid) << law.verdict;
}

TEST(ShiftLawJudgement, TheAutomaticRangeLeavesOutAGlassySideThatNoLawDescribes) {
  // WLF above 300 K; below it the shifts flatten (a glass: 0.1 decade per 10 K).
  auto s = wlf_shifts(0.01, 250, 360);
  for (size_t i = 0; i < s.T.size(); ++i)
    if (s.T[i] < 300) s.L[i] = 0.01 * (300 - s.T[i]);
  const auto all = choose_law_range(s.T, s.L, s.C, 300, 0.1, 5);
  ASSERT_TRUE(all.found);
  EXPECT_DOUBLE_EQ(s.T[all.last], 360);
  EXPECT_GE(s.T[all.first], 290);  // at most one glassy point next to the reference
  EXPECT_TRUE(all.laws[0].describes) << all.laws[0].verdict;
  // And on shifts that one law describes throughout, the range is all of them.
  const auto exact = wlf_shifts(0.01);
  const auto full = choose_law_range(exact.T, exact.L, exact.C, 300, 0.1, 5);
  EXPECT_TRUE(full.found);
  EXPECT_EQ(full.first, 0u);
  EXPECT_EQ(full.last, exact.T.size() - 1);
}

}  // namespace judgement
