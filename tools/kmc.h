#pragma once
// `glassfit kmc`: one kMC run or a sweep, without CLI11 (which lives in glassfit.cpp only).
#include <string>

namespace glassfit::cli {

struct KmcCommand {
  std::string config, output_dir;
  bool resume = false;
  bool quiet = false;
  int threads = 0;  // 0: as the configuration says
  std::string command_line;
};
int run_kmc(const KmcCommand& c);

}  // namespace glassfit::cli
