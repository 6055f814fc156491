// SPDX-License-Identifier: BSD-3-Clause
#include "shift.h"

#include <fmt/format.h>
#include <iostream>

#include "glassfit/core/error.h"
#include "glassfit/core/units.h"
#include "glassfit/mastercurve/shift_report.h"
#include "glassfit/io/dataset_reader.h"
#include "glassfit/io/eplexor.h"
#include "glassfit/io/output_set.h"
#include "glassfit/io/params_toml.h"
#include "glassfit/mastercurve/relaxation_map_report.h"
#include "glassfit/models/registry.h"

namespace glassfit::cli {
int run_shift(const ShiftCommand& c) {
  ShiftRequest q;
  ShiftOptions& o = q.options;
  o.reference_K = parse_quantity(c.reference, Dimension::Temperature, "--reference-temperature");
  if (!(o.reference_K > 0)) throw InputError("--reference-temperature must be above absolute zero");
  const auto objective = shift_objective_named(c.objective);
  if (!objective)
    throw InputError(fmt::format("--objective must be 'moduli', 'storage' or 'tan-delta', not '{}'", c.objective));
  o.objective = *objective;
  o.vertical = c.vertical;
  o.neighbours = c.neighbours;
  q.temperature_tolerance_K = parse_quantity(c.tolerance, Dimension::Temperature, "--temperature-tolerance", true);
  if (!(q.temperature_tolerance_K > 0)) throw InputError("--temperature-tolerance must be positive");
  o.reference_tolerance_K = q.temperature_tolerance_K;  // -50C names the set measured at -49.96 C
  if (c.law_range == "all")
    q.law_range_all = true;
  else if (c.law_range != "auto")
    q.law_range_K =
        parse_range(c.law_range, Dimension::Temperature, "--law-range", "290:380 or 20C:100C; or auto, or all");
  if (!(c.law_tolerance > 0 && c.law_tolerance < 100))
    throw InputError(fmt::format("--law-tolerance {:g}: give decades of aT, above 0 and below 100", c.law_tolerance));
  q.law_tolerance_decades = c.law_tolerance;
  q.drop_nonpositive = c.drop_nonpositive;
  if (!c.shifts_from.empty()) q.instrument = read_eplexor_shifts(c.shifts_from), q.instrument_name = c.shifts_from;
  q.input_name = c.input;
  q.command = c.command_line;
  const OutputSet out = shift_report(read_dataset(c.input), q);
  write_output_set(c.output_dir, out);
  for (const auto& w : out.warnings) std::cerr << "warning: " << w << "\n";
  if (!c.quiet)
    std::cout << out.summary << "wrote " << c.output_dir
              << "/{shift_factors.csv, master_curve.csv, report.json, *.png}\n";
  return 0;
}

int run_relaxation_map(const RelaxationMapCommand& c) {
  if (c.isochronal.empty() && c.isothermal.empty())
    throw InputError("relaxation-map needs --isochronal and/or --isothermal data");
  RelaxationMapRequest q;
  q.model = make_model("hc");
  const ParameterSet set = c.params_file.empty() ? ParameterSet(q.model->parameters())
                                                 : read_parameter_file(c.params_file, q.model->parameters(), "hc");
  q.values = q.model->values_from(set);
  q.parameters_name = c.params_file.empty() ? std::string("model defaults (Table 1)") : c.params_file;
  if (!c.isochronal.empty()) q.isochronal = read_dataset(c.isochronal), q.isochronal_name = c.isochronal;
  if (!c.isothermal.empty()) q.isothermal = read_dataset(c.isothermal), q.isothermal_name = c.isothermal;
  q.half_width_K = c.half_width_K;
  q.command = c.command_line;
  const OutputSet out = relaxation_map_report(q);
  write_output_set(c.output_dir, out);
  for (const auto& w : out.warnings) std::cerr << "warning: " << w << "\n";
  if (!c.quiet)
    std::cout << out.summary << "wrote " << c.output_dir << "/{report.json, *.csv, relaxation_map.png"
              << (q.isothermal ? ", chi.png" : "") << "}\n";
  return 0;
}

}  // namespace glassfit::cli
