// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// `glassfit crosscheck`: a kMC sweep, the one-body model fitted to it, both SRS maps side by side.
#include <string>
#include <vector>

namespace glassfit::cli {

struct CrosscheckCommand {
  std::string config, output_dir;
  std::vector<std::string> fit{"Q0", "V_STZ"};
  double compare_temperature_K = 0;  // 0: the sweep's highest
  double rho = 0.25;
  std::string attempt_rate = "printed";
  bool slurm = false;
  std::string partition, time_limit;
  bool quiet = false;
  std::string command_line;
};
int run_crosscheck(const CrosscheckCommand& c);

}  // namespace glassfit::cli
