// SPDX-License-Identifier: BSD-3-Clause
// TRIOS text exports read to the value: the first, a middle and the last row of each file,
// every column used, against the numbers in the file (data/trios-polymer/); malformed exports
// give one-line errors with file and line.
#include <gtest/gtest.h>

#include <cmath>

#include "error_of.h"
#include "glassfit/core/constants.h"
#include "glassfit/io/dataset_reader.h"
#include "glassfit/io/trios.h"
#include "glassfit/protocols/experiment.h"

using namespace glassfit;

namespace {

const std::string kDir = std::string(GLASSFIT_DATA_DIR) + "/trios-polymer/";

struct Row {
  size_t index;
  long line;
  double celsius, hertz, storage_MPa, loss_MPa;
  int set;
};

void expect_row(const Dataset& ds, const Row& r) {
  EXPECT_EQ(ds.line_of_row.at(r.index), r.line);
  EXPECT_NEAR(ds.require("temperature", "").values.at(r.index), r.celsius + 273.15, 1e-9);
  EXPECT_NEAR(ds.require("frequency", "").values.at(r.index), r.hertz, 1e-12 * r.hertz);
  EXPECT_DOUBLE_EQ(ds.require("storage_modulus", "").values.at(r.index), r.storage_MPa);
  EXPECT_DOUBLE_EQ(ds.require("loss_modulus", "").values.at(r.index), r.loss_MPa);
  EXPECT_DOUBLE_EQ(ds.require("set", "").values.at(r.index), r.set);
}

TEST(Trios, LimsExportFrequencySweepsToTheValue) {
  const auto ds = read_dataset(kDir + "frequency_sweep_tts.txt");
  ASSERT_EQ(ds.rows(), 340u);  // 20 steps (150 to -40 C) of 17 points
  // frequency from the Hz column; temperature in C; moduli in MPa as the file states
  expect_row(ds, {0, 104, 149.977996826172, 0.100000001490116, 0.010044287109375, 0.00328556372070312, 1});
  expect_row(ds, {169, 318, 60.0050010681152, 20, 0.12350425, 0.0879531015625, 10});
  expect_row(ds, {339, 538, -40.0110015869141, 20, 546.90528, -29.868376, 20});
  EXPECT_EQ(ds.comments.front(), "TRIOS LIMS export: frequency sweeps, shear moduli (G', G'')");
  EXPECT_EQ(ds.modulus, ModulusKind::Shear);
  bool instrument = false;
  for (const auto& c : ds.comments) instrument |= c == "Instrument type: AresG2";
  EXPECT_TRUE(instrument);
}

TEST(Trios, OlderTextExportReadsItsFrequencySweepAndNamesTheOtherSteps) {
  const auto ds = read_dataset(kDir + "multi_technique.txt");
  ASSERT_EQ(ds.rows(), 29u);
  // the step's Frequency column (Hz) is used; its angular frequency (rad/s) says the same
  expect_row(ds, {0, 204, 25.0062007904053, 100.000001872062, 0.017995853515625, -0.00116959899902344, 1});
  expect_row(ds, {14, 218, 25.0154991149902, 1.00000002782754, 0.016647947265625, 0.000874823364257812, 1});
  expect_row(ds, {28, 232, 25.0168991088867, 0.0100000005154347, 0.0148731943359375, 0.00138456420898437, 1});
  EXPECT_NEAR(628.318542480469 / (2 * kPi), 100.000001872062, 1e-6);
  bool amplitude = false, flow = false;
  for (const auto& c : ds.comments) {
    amplitude |= c.find("not read: Amplitude sweep - 1") != std::string::npos;
    flow |= c.find("not read: Flow ramp - 3") != std::string::npos;
  }
  EXPECT_TRUE(amplitude);
  EXPECT_TRUE(flow);
}

// A creep step (no frequency sweep in the file): step time, stress, strain in the file's units,
// and the dataset is a creep experiment.
TEST(Trios, CreepStepIsReadWithItsUnits) {
  const std::string text =
      "[Version]\nTA Instruments LIMS export format version\t0\n[Step]\nStep name\tConditioning\n"
      "[Step]\nStep name\tCreep - 2\nVariables\tStep time\tTemperature\tStress\tStrain\n"
      "Units\tmin\t°C\tkPa\t%\nData point\t0.5\t25\t50000\t0.1\nData point\t1\t25\t50000\t0.12\n"
      "Data point\t2\t25.01\t50000\t0.13\n";
  const auto ds = parse_trios(text, "creep.txt");
  ASSERT_EQ(ds.rows(), 3u);
  EXPECT_DOUBLE_EQ(ds.require("time", "").values[1], 60.0);
  EXPECT_DOUBLE_EQ(ds.require("stress", "").values[0], 50.0);
  EXPECT_DOUBLE_EQ(ds.require("strain", "").values[2], 0.0013);
  EXPECT_NEAR(ds.require("temperature", "").values[2], 273.15 + (25 + 25 + 25.01) / 3, 1e-9);  // the step's mean
  EXPECT_EQ(ds.line_of_row[0], 9);
  EXPECT_EQ(experiment_from(ds).kind, Experiment::Creep);
  bool skipped = false;
  for (const auto& c : ds.comments) skipped |= c == "step at line 3 not read: Conditioning";
  EXPECT_TRUE(skipped);
}

TEST(Trios, MalformedExportsAreOneLineErrors) {
  const std::string head = "[Version]\nTA Instruments LIMS export format version\t0\n";
  EXPECT_NE(test::error_of([&] {
              parse_trios(head +
                              "[Step]\nStep name\tFrequency sweep (20 C)\nVariables\tTemperature\tFrequency\t"
                              "Storage modulus\tLoss modulus\nData point\t20\t1\t2\t3\n",
                          "x.txt");
            }).find("x.txt:6: step 'Frequency sweep (20 C)' has data but no Units row"),
            std::string::npos);
  EXPECT_NE(test::error_of([&] {
              parse_trios(head +
                              "[Step]\nStep name\tFrequency sweep (20 C)\nVariables\tTemperature\tFrequency\t"
                              "Storage modulus\tLoss modulus\nUnits\t°C\tHz\tMPa\tfurlong\nData point\t20\t1\t2\t3\n",
                          "x.txt");
            }).find("column 'Loss modulus': unit 'furlong' is not a stress unit"),
            std::string::npos);
  EXPECT_NE(test::error_of([&] {
              parse_trios(head +
                              "[Step]\nStep name\tFrequency sweep (20 C)\nVariables\tTemperature\tFrequency\t"
                              "Storage modulus\tLoss modulus\nUnits\t°C\tHz\tMPa\tMPa\nData point\t20\t1\tx\t3\n",
                          "x.txt");
            }).find("x.txt:7: column 'Storage modulus': 'x' is not a number"),
            std::string::npos);
  EXPECT_NE(test::error_of([&] {
              parse_trios(head + "[Step]\nStep name\tAmplitude sweep\n", "x.txt");
            }).find("no frequency-sweep, creep or stress-relaxation step"),
            std::string::npos);
}

}  // namespace
