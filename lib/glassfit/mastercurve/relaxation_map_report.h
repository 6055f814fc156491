// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The report of `glassfit relaxation-map`: relaxation times read off DMA data (beta loss peaks
// of isochronal sweeps; chi and tau_max from isothermal sweeps, HC Eqs. 26-27) beside the lines
// of a model with those processes (Model::process_times, e.g. HC Eqs. 8, 11b, 22) for one
// parameter set: tables, report.json, plots and a summary.
#include <optional>
#include <string>
#include <vector>

#include "glassfit/io/csv.h"
#include "glassfit/io/output_set.h"
#include "glassfit/models/model.h"

namespace glassfit {

struct RelaxationMapRequest {
  std::optional<Dataset> isochronal, isothermal;  // at least one
  std::string isochronal_name, isothermal_name;   // as the user named them
  ModelPtr model;                                 // one with process_times (InputError otherwise)
  std::vector<double> values;                     // its parameters, table order
  std::string parameters_name = "model defaults";
  double half_width_K = 20;  // of the window around each beta loss peak
  std::string command;
};

// Files: beta_peaks.csv, chi.csv, chi.png, relaxation_map.png, report.json.
OutputSet relaxation_map_report(const RelaxationMapRequest& request);

}  // namespace glassfit
