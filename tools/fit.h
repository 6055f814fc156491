// SPDX-License-Identifier: BSD-3-Clause
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace glassfit::cli {

struct FitCommand {
  std::string input;  // a fit spec (TOML), or with `model` a data file
  std::string outdir;
  // Fit a data file without a spec: the spec these make is written to OUTDIR/spec.toml and printed.
  std::string model;
  std::vector<std::string> free;                                   // parameters to fit (else the model's default)
  std::vector<std::pair<std::string, std::string>> model_options;  // [model_options]
  std::string residual;                                            // the dataset's residual (else the default)
  std::string command_line;
  bool quiet = false;
};

// `glassfit fit SPEC -o OUTDIR` or `glassfit fit DATA --model NAME -o OUTDIR`: 0 converged, 3
// fitted but not converged (report still written).
int run_fit_command(const FitCommand& c);

}  // namespace glassfit::cli
