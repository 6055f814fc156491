// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The master-curve report of `glassfit shift`: shift factors, the shift laws over a temperature
// range, warnings, the master-curve and shift-factor tables, report.json, plots and a summary.
#include <optional>
#include <string>
#include <utility>

#include "glassfit/mastercurve/shift.h"
#include "glassfit/mastercurve/shift_law_fit.h"
#include "glassfit/io/eplexor.h"
#include "glassfit/io/csv.h"
#include "glassfit/io/output_set.h"

namespace glassfit {

struct ShiftRequest {
  ShiftOptions options;
  // The laws are fitted over law_range_K, over every temperature (law_range_all), or by default
  // over the widest run of temperatures around T_ref that a valid law describes (choose_law_range).
  std::optional<std::pair<double, double>> law_range_K;
  bool law_range_all = false;
  double law_tolerance_decades = kDefaultLawToleranceDecades;  // rms misfit a law may have and still describe
  double temperature_tolerance_K = 0.5;  // rows within this of a segment's first temperature join it
  bool drop_nonpositive = false;         // leave out rows with a modulus <= 0 (with a warning)
  // An instrument's own shifts (an Eplexor Shiftlist) to set beside ours, and where they came from.
  std::optional<InstrumentShifts> instrument;
  std::string instrument_name;
  std::string input_name;  // as the user named the data, for the report
  std::string command;     // recorded in every output
};

// Files: shift_factors.csv, master_curve.csv, master_curve.png, shift_factors.png,
// van_gurp_palmen.png (frequency data), report.json. InputError on data that cannot be shifted.
OutputSet shift_report(const Dataset& data, const ShiftRequest& request);

}  // namespace glassfit
