// SPDX-License-Identifier: BSD-3-Clause
#include <gtest/gtest.h>

#include "glassfit/core/error.h"
#include "error_of.h"
#include "glassfit/io/csv.h"

using namespace glassfit;

namespace {
std::string error_of(const std::string& text) {
  return test::error_of([&] { parse_csv(text, "f.csv"); });
}
}  // namespace

TEST(Csv, ReadsUnitsCommentsAndConverts) {
  const auto ds =
      parse_csv("# a comment\ntemperature [C],time [ms],stress [GPa]\n25,1000,0.05\n26,2000,0.05\n", "f.csv");
  ASSERT_EQ(ds.rows(), 2u);
  EXPECT_EQ(ds.comments[0], "a comment");
  EXPECT_DOUBLE_EQ(ds.require("temperature", "").values[0], 298.15);
  EXPECT_DOUBLE_EQ(ds.require("time", "").values[1], 2.0);
  EXPECT_DOUBLE_EQ(ds.require("stress", "").values[0], 50.0);
  EXPECT_EQ(ds.line_of_row[0], 3);
}

TEST(Csv, PyviscoLayoutWithBom) {
  const auto ds = read_csv(std::string(GLASSFIT_DATA_DIR) + "/pyvisco-polymer/freq_user_raw.csv");
  EXPECT_EQ(ds.rows(), 210u);
  EXPECT_NEAR(ds.require("temperature", "").values[0], -49.9612 + 273.15, 1e-9);
  EXPECT_DOUBLE_EQ(ds.require("frequency", "").values[0], 0.1);
  EXPECT_NE(ds.find("storage_modulus"), nullptr);
  EXPECT_EQ(ds.runs().size(), 21u);  // one run per Set
  const auto td = read_csv(std::string(GLASSFIT_DATA_DIR) + "/pyvisco-polymer/time_user_raw.csv");
  EXPECT_EQ(td.runs().size(), 21u);  // times descend inside each set: accepted with a Set column
  EXPECT_NEAR(td.require("temperature", "").values[0], -49.9612 + 273.15, 1e-9);  // unit "°C"
}

TEST(Csv, CreepFileSplitsIntoTwoRuns) {
  const auto ds = read_csv(std::string(GLASSFIT_DATA_DIR) + "/la60ni15al25-synthetic/creep_recovery_430K.csv");
  const auto runs = ds.runs();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_DOUBLE_EQ(ds.require("stress", "").values[runs[1].begin], 50.0);
}

TEST(Csv, BadInputNamesFileLineAndColumn) {
  EXPECT_EQ(error_of(""), "f.csv: empty file (no header line)");
  EXPECT_EQ(error_of("# only comments\n"), "f.csv: empty file (no header line)");
  EXPECT_EQ(error_of("time [s],stress [MPa]\n"), "f.csv: no data rows after the header");
  EXPECT_NE(error_of("time,stress [MPa]\n1,2\n").find("f.csv:1: column 'time': missing unit"), std::string::npos);
  EXPECT_NE(error_of("time [fortnight]\n1\n").find("unknown unit 'fortnight'"), std::string::npos);
  EXPECT_NE(error_of("time [MPa]\n1\n").find("'MPa' is not a time unit"), std::string::npos);
  EXPECT_EQ(error_of("time [s],stress [MPa]\n1,2\n2,abc\n"), "f.csv:3: column 'stress [MPa]': 'abc' is not a number");
  EXPECT_EQ(error_of("time [s],stress [MPa]\n1,nan\n"), "f.csv:2: column 'stress [MPa]': 'nan' is not a finite number");
  EXPECT_EQ(error_of("time [s],stress [MPa]\n-1,2\n"), "f.csv:2: column 'time [s]': negative time -1 s");
  EXPECT_EQ(error_of("time [s],stress [MPa]\n1,2\n2\n"), "f.csv:3: expected 2 cells, found 1");
  EXPECT_EQ(error_of("time [s],stress [MPa]\n1,2\n2,\n"), "f.csv:3: column 'stress [MPa]': empty cell");
  EXPECT_NE(error_of("temperature [K]\n-3\n").find("not above absolute zero"), std::string::npos);
  EXPECT_NE(error_of("time [s],time [ms]\n1,2\n").find("duplicate column"), std::string::npos);
}

TEST(Csv, UnsortedTimeIsAnError) {
  const auto ds = parse_csv("time [s],stress [MPa]\n1,5\n3,5\n2,5\n", "f.csv");
  try {
    ds.runs();
    FAIL() << "unsorted time accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("f.csv:4: column 'time [s]': time 2 s is not sorted", 0), 0u) << e.what();
  }
  // A restart at or below the first time is a new test, not an error.
  EXPECT_EQ(parse_csv("time [s],stress [MPa]\n1,5\n3,5\n1,9\n2,9\n", "f.csv").runs().size(), 2u);
}

TEST(Csv, MissingColumnSaysWhatIsThere) {
  const auto ds = parse_csv("time [s],stress [MPa]\n1,5\n", "f.csv");
  try {
    ds.require("strain", "for creep");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "f.csv: no 'strain' column, needed for creep (columns: time [s], stress [MPa])");
  }
}

// A kMC sweep's flow_stress.csv marks runs without a flow stress as nan: those rows are left out
// and named; nan anywhere else is still an error.
TEST(Csv, FlowStressNanRowsAreLeftOutAndNamed) {
  const auto ds = parse_csv("temperature [K],strain_rate [1/s],flow_stress [MPa]\n300,1,500\n300,10,nan\n300,100,520\n",
                            "sweep.csv");
  ASSERT_EQ(ds.rows(), 2u);
  EXPECT_DOUBLE_EQ(ds.require("flow_stress", "").values[1], 520);
  EXPECT_EQ(ds.line_of_row[1], 4);
  EXPECT_EQ(ds.comments.back(), "1 row(s) without a flow stress (nan) left out: line 3");
  EXPECT_NE(error_of("temperature [K],strain_rate [1/s],flow_stress [MPa]\n300,nan,500\n").find("not a finite number"),
            std::string::npos);
  EXPECT_NE(error_of("temperature [K],strain_rate [1/s],flow_stress [MPa]\n300,1,nan\n")
                .find("no data rows with a "
                      "flow stress"),
            std::string::npos);
}
