#pragma once
// The report of `glassfit relaxation-map`: the HC relaxation times read off DMA data (beta loss
// peaks of isochronal sweeps, Eq. 8; chi and tau_max from isothermal sweeps, Eqs. 26-27) beside
// the model's lines for a parameter set: tables, report.json, plots and a summary.
#include <optional>
#include <string>

#include "glassfit/io/csv.h"
#include "glassfit/io/output_set.h"
#include "glassfit/models/hc/params.h"

namespace glassfit::hc {

struct RelaxationMapRequest {
  std::optional<Dataset> isochronal, isothermal;  // at least one
  std::string isochronal_name, isothermal_name;  // as the user named them
  HcParams<double> parameters;
  std::string parameters_name = "model defaults (Table 1)";
  double half_width_K = 20;  // of the window around each beta loss peak
  std::string command;
};

// Files: beta_peaks.csv, chi.csv, chi.png, relaxation_map.png, report.json.
OutputSet relaxation_map_report(const RelaxationMapRequest& request);

}  // namespace glassfit::hc
