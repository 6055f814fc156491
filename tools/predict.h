// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// `glassfit predict` without CLI11 (which is slow to compile and lives in glassfit.cpp only).
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace glassfit::cli {

struct PredictOptions {
  std::string model = "hc";
  std::string params_file;  // empty: the model's defaults
  std::string protocol;
  std::string temperature, frequency, stress, time, strain, strain_rate, max_strain, strain_path, stress_path;
  std::vector<std::pair<std::string, std::string>> model_options;  // name = value, as given
  int points = 200;
  std::string output;  // empty: stdout
  std::string plot;
  std::string command_line;
};

int run_predict(const PredictOptions& options);
int run_models(const std::string& only, bool markdown);

}  // namespace glassfit::cli
