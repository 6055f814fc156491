// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The three faces of a fit result: report.json (machine-readable, keys listed in DESIGN.md),
// a summary table for people, and a parameter file that `glassfit predict` accepts.
#include <string>
#include <vector>

#include "glassfit/fit/fitter.h"

namespace glassfit {

struct RunInfo {
  std::string command;
  std::vector<std::string> dataset_sha256;  // in spec order
  std::string spec_sha256;
  double seconds = 0;
};

std::string report_json(const FitSpec& spec, const FitResult& r, const RunInfo& info);
std::string summary_table(const FitSpec& spec, const FitResult& r);
// Shared parameters only; a per-dataset parameter is written for dataset `dataset` (from 1).
std::string fitted_toml(const FitSpec& spec, const FitResult& r, int dataset = 1);

}  // namespace glassfit
