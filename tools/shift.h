// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// `glassfit shift` (master curves) and `glassfit relaxation-map` (relaxation times from DMA),
// without CLI11 (which lives in glassfit.cpp only).
#include <string>

namespace glassfit::cli {

struct ShiftCommand {
  std::string input, reference, output_dir;
  std::string objective = "storage";  // storage | moduli | tan-delta
  bool vertical = false;
  int neighbours = 2;
  std::string law_range = "auto";  // "lo:hi" in K (units accepted), "all", or "auto"
  double law_tolerance = 0.1;      // decades of aT: the rms misfit a law may have and still describe the shifts
  std::string tolerance = "0.5";   // K: rows within this of a segment's first temperature join it
  bool drop_nonpositive = false;
  std::string shifts_from;  // an Eplexor file with a Shiftlist sheet: compared with our shifts
  bool quiet = false;
  std::string command_line;
};
int run_shift(const ShiftCommand& c);

struct RelaxationMapCommand {
  std::string isochronal, isothermal, params_file, output_dir;
  double half_width_K = 20;
  bool quiet = false;
  std::string command_line;
};
int run_relaxation_map(const RelaxationMapCommand& c);

}  // namespace glassfit::cli
