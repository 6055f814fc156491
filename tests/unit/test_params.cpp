// SPDX-License-Identifier: BSD-3-Clause
#include <gtest/gtest.h>

#include <cmath>

#include "glassfit/core/error.h"
#include "error_of.h"
#include "glassfit/io/params_toml.h"
#include "glassfit/models/hc/params.h"

using namespace glassfit;

namespace {
std::string error_of(const std::string& text) {
  return test::error_of([&] { hc_params_from(parse_parameters(text, "p.toml", hc_parameter_table(), "hc")); });
}
}  // namespace

TEST(Params, DefaultsAreTable1) {
  const auto p = hc_params_from(ParameterSet(hc_parameter_table()));
  EXPECT_EQ(p.E_u, 33000);
  EXPECT_EQ(p.tau_beta0, 1.86e-13);
  EXPECT_EQ(p.B, 0.3);
  EXPECT_EQ(p.sigma_1, 28000);  // Table 1, Eq. 9
  EXPECT_EQ(p.a2, 1.8);         // Table 1, Eq. 22c
}

TEST(Params, ReadsValuesAndUnits) {
  const auto set = parse_parameters("model = \"hc\"\nE_u = \"33.5 GPa\"\nchi_Tg = 0.45\nU_beta = \"80 kJ/mol\"\n",
                                    "p.toml", hc_parameter_table(), "hc");
  EXPECT_DOUBLE_EQ(set["E_u"], 33500);
  EXPECT_DOUBLE_EQ(set["chi_Tg"], 0.45);
  EXPECT_DOUBLE_EQ(set["U_beta"], 80000);
}

TEST(Params, ShippedTable1FileMatchesTruth) {
  const auto set = read_parameter_file(std::string(GLASSFIT_SOURCE_DIR) + "/data/la60ni15al25/table1.toml",
                                       hc_parameter_table(), "hc");
  EXPECT_DOUBLE_EQ(set["E_r"], 30600);
  EXPECT_DOUBLE_EQ(set["t0"], 6e-7);
  EXPECT_DOUBLE_EQ(set["B"], 0.3);
}

TEST(Params, ImpossibleValuesAreRefused) {
  EXPECT_NE(error_of("chi_Tg = 0\n").find("p.toml:1: parameter 'chi_Tg': 0 - is outside its physical range (0, 1]"),
            std::string::npos);
  EXPECT_NE(error_of("chi_Tg = 1.2\n").find("outside its physical range"), std::string::npos);
  EXPECT_NE(error_of("B = -0.3\n").find("parameter 'B'"), std::string::npos);
  EXPECT_NE(error_of("E_r = 40000\n").find("must be below E_u"), std::string::npos);
  EXPECT_NE(error_of("foo = 1\n").find("p.toml:1: unknown parameter 'foo'"), std::string::npos);
  EXPECT_NE(error_of("E_u = \"33 Hz\"\n").find("not a stress unit"), std::string::npos);
  EXPECT_NE(error_of("model = \"srs\"\n").find("not 'hc'"), std::string::npos);
  EXPECT_NE(error_of("E_u = [1]\n").find("must be a number"), std::string::npos);
  EXPECT_NE(error_of("E_u = = 3\n").find("p.toml:1:"), std::string::npos);
}
