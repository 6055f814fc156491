// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// `glassfit srs`: the one-body model's flow stress and SRS map over temperatures x strain rates,
// without CLI11.
#include <string>
#include <utility>
#include <vector>

namespace glassfit::cli {

struct SrsCommand {
  std::string params_file;  // empty: the table's defaults
  std::vector<std::pair<std::string, std::string>> model_options;
  std::string temperature = "300:500:10";
  std::string strain_rate = "1e-5:1e5:50log";
  std::string output_dir;
  unsigned threads = 0;
  bool quiet = false;
  std::string command_line;
};

int run_srs(const SrsCommand& c);

}  // namespace glassfit::cli
