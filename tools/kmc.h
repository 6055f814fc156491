// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// `glassfit kmc`: one kMC run or a sweep, without CLI11 (which lives in glassfit.cpp only).
#include <string>

namespace glassfit::cli {

struct KmcCommand {
  std::string config, output_dir;
  bool resume = false;
  bool quiet = false;
  int threads = 0;  // 0: as the configuration says
  long task = -1;   // with task_given: run this grid point of the sweep alone
  bool task_given = false;
  bool slurm = false;                 // write the Slurm scripts of the sweep
  std::string partition, time_limit;  // for the Slurm scripts
  std::string merge_dir;              // `glassfit kmc merge OUTDIR`
  std::string command_line;
};
int run_kmc(const KmcCommand& c);
// `--slurm`: the sweep's scripts in c.output_dir; the merge job then runs `after_merge` (if any).
int kmc_slurm_scripts(const KmcCommand& c, const std::string& after_merge);

}  // namespace glassfit::cli
