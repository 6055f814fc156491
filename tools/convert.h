// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// `glassfit convert`: any data file glassfit reads, written as its CSV with units, so that a user
// sees what was read.
#include <string>

namespace glassfit::cli {

struct ConvertCommand {
  std::string input;
  std::string output;  // empty: standard output
  std::string command_line;
};

int run_convert(const ConvertCommand& c);

}  // namespace glassfit::cli
