// SPDX-License-Identifier: BSD-3-Clause
// Eplexor legacy Excel exports read to the value: the first, a middle and the last row of each
// file's `Exported Data`, every column used, and the `Shiftlist` sheet, against the numbers in
// the files (data/eplexor-polymer/); damaged files give one-line errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "error_of.h"
#include "glassfit/io/dataset_reader.h"
#include "glassfit/fit/fitter.h"
#include "glassfit/fit/spec.h"
#include "glassfit/models/prony/model.h"
#include "glassfit/io/eplexor.h"

using namespace glassfit;

namespace {

const std::string kDir = std::string(GLASSFIT_DATA_DIR) + "/eplexor-polymer/";

struct Row {
  size_t index;
  double hertz, celsius, storage_MPa, loss_MPa, tan_delta;
};

void expect_row(const Dataset& ds, const std::string& frequency, const Row& r) {
  EXPECT_EQ(ds.line_of_row.at(r.index), long(r.index) + 3);  // Excel rows: names, units, data
  // the numbers as the file shows them to 10 digits
  auto near = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::abs(b); };
  EXPECT_PRED2(near, ds.require(frequency, "").values.at(r.index), r.hertz);
  EXPECT_NEAR(ds.require("temperature", "").values.at(r.index), r.celsius + 273.15, 1e-9);
  EXPECT_PRED2(near, ds.require("storage_modulus", "").values.at(r.index), r.storage_MPa);
  EXPECT_PRED2(near, ds.require("loss_modulus", "").values.at(r.index), r.loss_MPa);
  EXPECT_PRED2(near, ds.require("tan_delta", "").values.at(r.index), r.tan_delta);
}

TEST(Eplexor, RawTensileSweepsToTheValue) {
  const auto ds = read_dataset(kDir + "freq_Eplexor_raw.xls");
  ASSERT_EQ(ds.rows(), 210u);
  expect_row(ds, "frequency", {0, 0.1, -49.9612, 8097.175545, 93.07449045, 0.01149468601});
  expect_row(ds, "frequency", {104, 2.15443, 24.9719, 5807.084069, 305.2802793, 0.05257032198});
  expect_row(ds, "frequency", {209, 100, 100.001, 585.8391184, 223.41197, 0.3813537932});
  EXPECT_EQ(ds.comments.front(), "Eplexor export: tensile moduli (E', E'')");
  // the load columns, % to a fraction: row 3 of the file reads 0.02564488396 %, 6.548442533 MPa,
  // 0.001843344166 %, 0.1491921432 MPa
  EXPECT_NEAR(ds.require("static_strain", "").values[0], 0.02564488396e-2, 1e-14);
  EXPECT_NEAR(ds.require("static_stress", "").values[0], 6.548442533, 1e-9);
  EXPECT_NEAR(ds.require("dynamic_strain", "").values[0], 0.001843344166e-2, 1e-14);
  EXPECT_NEAR(ds.require("dynamic_stress", "").values[0], 0.1491921432, 1e-9);
  EXPECT_EQ(ds.comments.at(1), "header: Measurement type: | Temp. Freq. Sweep");
}

// The same measurements as the pyvisco CSV made from them, row for row.
TEST(Eplexor, RawSweepsEqualThePyviscoCsvMadeFromThem) {
  const auto xls = read_dataset(kDir + "freq_Eplexor_raw.xls");
  const auto csv = read_dataset(std::string(GLASSFIT_DATA_DIR) + "/pyvisco-polymer/freq_user_raw.csv");
  ASSERT_EQ(xls.rows(), csv.rows());
  for (const char* q : {"frequency", "temperature", "storage_modulus", "loss_modulus"})
    for (size_t i = 0; i < xls.rows(); ++i)
      ASSERT_NEAR(xls.require(q, "").values[i], csv.require(q, "").values[i],
                  1e-9 * std::abs(csv.require(q, "").values[i]) + 1e-9)
          << q << " row " << i;
}

TEST(Eplexor, ShearMasterCurveToTheValueWithItsShiftList) {
  const auto ds = read_dataset(kDir + "freq_Eplexor_master_shear.xls");
  ASSERT_EQ(ds.rows(), 183u);
  expect_row(ds, "reduced_frequency", {0, 4.786300923e-33, -30.00396, 0.9461344279, 0.07645392786, 0.08080662283});
  expect_row(ds, "reduced_frequency", {87, 3.01995172e-13, -30.00396, 6.298475622, 1.041819378, 0.1654081782});
  expect_row(ds, "reduced_frequency", {182, 1, -30.00396, 285.2459453, 139.9103831, 0.4904903484});
  EXPECT_EQ(ds.comments.front(), "Eplexor export (master curve): shear moduli (G', G'')");
  const auto s = read_eplexor_shifts(kDir + "freq_Eplexor_master_shear.xls");
  EXPECT_DOUBLE_EQ(s.reference_K, 243.15);
  EXPECT_DOUBLE_EQ(s.C1, 727.24);
  EXPECT_DOUBLE_EQ(s.C2_K, 2299.50);
  ASSERT_EQ(s.temperature_K.size(), 23u);
  EXPECT_NEAR(s.temperature_K.front(), 59.9847 + 273.15, 1e-9);
  EXPECT_NEAR(s.log10_aT.front(), -31.32, 1e-12);
  EXPECT_NEAR(s.temperature_K.back(), -49.73204 + 273.15, 1e-9);
  EXPECT_NEAR(s.log10_aT.back(), 11.76, 1e-12);
}

TEST(Eplexor, TensileShiftList) {
  const auto s = read_eplexor_shifts(kDir + "freq_Eplexor_master.xls");
  EXPECT_DOUBLE_EQ(s.reference_K, 298.15);
  EXPECT_DOUBLE_EQ(s.C1, 13.5);
  EXPECT_DOUBLE_EQ(s.C2_K, 141.19);
  ASSERT_EQ(s.temperature_K.size(), 21u);
  EXPECT_NEAR(s.temperature_K[10], 24.97374 + 273.15, 1e-9);
  EXPECT_NEAR(s.log10_aT[10], 0.0, 1e-12);
}

TEST(Eplexor, DamagedFilesAreOneLineErrors) {
  const auto dir = std::filesystem::temp_directory_path() / "glassfit_eplexor";
  std::filesystem::create_directories(dir);
  {
    std::ifstream in(kDir + "freq_Eplexor_raw.xls", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    std::ofstream(dir / "cut.xls", std::ios::binary) << bytes.substr(0, bytes.size() / 3);
  }
  const auto cut = test::error_of([&] { read_dataset((dir / "cut.xls").string()); });
  EXPECT_NE(cut.find("cut.xls: not a readable legacy Excel file"), std::string::npos) << cut;
  const auto no_list = test::error_of([&] { read_eplexor_shifts(kDir + "freq_Eplexor_raw.xls"); });
  EXPECT_NE(no_list.find("no 'Shiftlist' sheet (sheets: 'Exported Data', 'Data header')"), std::string::npos)
      << no_list;
}

}  // namespace

// Shear data and a tensile model need a Poisson ratio, E = 2 (1 + nu) G; a shear model takes
// them as they are.
namespace shear {

std::string spec(const std::string& model_lines, const std::string& dataset_lines) {
  return model_lines + "[[dataset]]\nfile = \"" + kDir + "freq_Eplexor_master_shear.xls\"\n" + dataset_lines;
}

TEST(Eplexor, ShearDataNeedAPoissonRatioForATensileModel) {
  // Unasked, a Prony series follows the data's kind: G_inf, G_i.
  EXPECT_EQ(parse_fit_spec(spec("model = \"prony\"\n", ""), "s.toml").model->modulus_kind(), ModulusKind::Shear);
  const auto e = test::error_of(
      [&] { parse_fit_spec(spec("model = \"prony\"\n[model_options]\nmodulus = \"tensile\"\n", ""), "s.toml"); });
  EXPECT_NE(e.find("s.toml: " + kDir +
                   "freq_Eplexor_master_shear.xls: shear moduli, and the model's are tensile: give poisson_ratio"),
            std::string::npos)
      << e;
  const auto raw = read_dataset(kDir + "freq_Eplexor_master_shear.xls");
  const auto converted = parse_fit_spec(spec("model = \"prony\"\n", "poisson_ratio = 0.35\n"), "s.toml");
  const auto& ex = converted.datasets[0].experiment;
  EXPECT_EQ(ex.modulus, ModulusKind::Tensile);
  EXPECT_DOUBLE_EQ(ex.storage_MPa[7], 2.7 * raw.require("storage_modulus", "").values[7]);
  EXPECT_DOUBLE_EQ(ex.loss_MPa[7], 2.7 * raw.require("loss_modulus", "").values[7]);
  const auto as_is = parse_fit_spec(spec("model = \"prony\"\n[model_options]\nmodulus = \"shear\"\n", ""), "s.toml");
  EXPECT_DOUBLE_EQ(as_is.datasets[0].experiment.storage_MPa[7], raw.require("storage_modulus", "").values[7]);
  const auto bad =
      test::error_of([&] { parse_fit_spec(spec("model = \"prony\"\n", "poisson_ratio = 0.7\n"), "s.toml"); });
  EXPECT_NE(bad.find("poisson_ratio must be in (-1, 0.5]"), std::string::npos) << bad;
}

}  // namespace shear

// A Prony fit of DMA data scales E' and E'' by |E*| unless the spec names a residual (other
// models keep relative residuals): on this shear master the relative residual puts G' 18 % high
// in its top decade, |E*| 9 % (docs/models/prony.md, "Residual").
TEST(Eplexor, PronyDefaultsToTheComplexModulusResidual) {
  using shear::spec;
  const auto plain = parse_fit_spec(spec("model = \"prony\"\n", ""), "s.toml");
  EXPECT_EQ(plain.datasets[0].scale.kind, ResidualKind::Complex);
  EXPECT_EQ(plain.datasets[0].loss_scale.kind, ResidualKind::Complex);
  const auto named = parse_fit_spec(spec("model = \"prony\"\n", "residual = \"relative\"\n"), "s.toml");
  EXPECT_EQ(named.datasets[0].scale.kind, ResidualKind::Relative);
  EXPECT_EQ(named.datasets[0].loss_scale.kind, ResidualKind::Relative);
  // The bias it removes, on the tensile master: mean (fit - data)/data of E' over the top decade
  // of frequency (measured +9.4 % relative, +0.2 % complex).
  auto top_decade_bias = [](const std::string& residual) {
    const auto f = parse_fit_spec("model = \"prony\"\n[model_options]\nper_decade = 1\n[[dataset]]\nfile = \"" + kDir +
                                      "freq_Eplexor_master.xls\"\n" + residual,
                                  "s.toml");
    const auto r = run_fit(f);
    const auto& ex = f.datasets[0].experiment;
    const auto series = prony::series_of(*f.model, r.values());
    const double top = *std::max_element(ex.frequency_Hz.begin(), ex.frequency_Hz.end());
    double sum = 0;
    int n = 0;
    for (size_t k = 0; k < ex.frequency_Hz.size(); ++k) {
      if (ex.frequency_Hz[k] < top / 10) continue;
      const double w = 2 * M_PI * ex.frequency_Hz[k];
      double E1 = series.E_inf;
      for (size_t i = 0; i < series.E.size(); ++i) {
        const double x = w * series.tau_s[i];
        E1 += series.E[i] * x * x / (1 + x * x);
      }
      sum += (E1 - ex.storage_MPa[k]) / ex.storage_MPa[k], ++n;
    }
    return sum / n;
  };
  const double relative = top_decade_bias("residual = \"relative\"\n"), complex = top_decade_bias("");
  EXPECT_GT(relative, 0.05);
  EXPECT_LT(std::abs(complex), 0.01);
}
