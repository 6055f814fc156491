// SPDX-License-Identifier: BSD-3-Clause
#include "export.h"

#include <cstdio>
#include <fmt/format.h>
#include <optional>

#include "glassfit/core/error.h"
#include "glassfit/core/grid.h"
#include "glassfit/core/units.h"
#include "glassfit/io/fe_export.h"
#include "glassfit/io/output_file.h"
#include "glassfit/io/params_toml.h"
#include "glassfit/io/provenance.h"
#include "glassfit/models/prony/interconvert.h"
#include "glassfit/models/registry.h"

namespace glassfit::cli {
namespace {

std::optional<WlfShift> shift_of(const ExportCommand& c) {
  if (!c.shift_report.empty() && !c.wlf.empty()) throw InputError("give --shift-report or --wlf, not both");
  if (!c.shift_report.empty()) return wlf_from_shift_report(c.shift_report);
  if (c.wlf.empty()) return std::nullopt;
  const auto a = c.wlf.find(','), b = c.wlf.find(',', a == std::string::npos ? a : a + 1);
  if (a == std::string::npos || b == std::string::npos || c.wlf.find(',', b + 1) != std::string::npos)
    throw InputError("--wlf: give T_ref,C1,C2 (e.g. 25C,17.4,51.6)");
  WlfShift w;
  w.T_ref_K = parse_quantity(c.wlf.substr(0, a), Dimension::Temperature, "--wlf T_ref");
  w.C1 = parse_quantity(c.wlf.substr(a + 1, b - a - 1), Dimension::Dimensionless, "--wlf C1");
  w.C2_K = parse_quantity(c.wlf.substr(b + 1), Dimension::Temperature, "--wlf C2", true);
  if (!(w.T_ref_K > 0)) throw InputError("--wlf: T_ref must be above absolute zero");
  return w;
}

}  // namespace

int run_export(const ExportCommand& c) {
  if (c.format != "abaqus" && c.format != "ansys")
    throw InputError(fmt::format("--format must be abaqus or ansys, not '{}'", c.format));
  ModelSetup setup;
  setup.options = c.model_options;
  // Read once: --params may be a pipe.
  const ParameterFileText params = c.params_file.empty() ? ParameterFileText{} : read_parameter_text(c.params_file);
  if (!c.params_file.empty()) setup.parameter_names = parameter_names(params);
  const ModelPtr model = make_model(c.model, setup);
  const ParameterSet set = c.params_file.empty()
                               ? ParameterSet(model->parameters())
                               : parse_parameters(params.text, params.path, model->parameters(), model->name());
  const auto values = model->values_from(set);
  std::optional<double> poisson;
  if (!c.poisson.empty()) poisson = parse_quantity(c.poisson, Dimension::Dimensionless, "--poisson");
  const auto shift = shift_of(c);
  if (shift && c.no_shift) throw InputError("--no-shift and a shift law (--shift-report or --wlf) contradict");

  std::vector<std::string> provenance = {software_description() + " export", "command: " + c.command_line};
  if (!c.params_file.empty())
    provenance.push_back(fmt::format("parameters: {} (sha256 {})", c.params_file, sha256_file(c.params_file)));
  std::optional<prony::ExportWindow> window;
  if (!c.temperature.empty() || !c.time.empty()) {
    if (c.temperature.empty() || c.time.empty())
      throw InputError("give both --temperature and --time (interconversion)");
    const auto [t_lo, t_hi] = parse_range(c.time, Dimension::Time, "--time", "1e-3:1e6, in s");
    window = prony::ExportWindow{parse_quantity(c.temperature, Dimension::Temperature, "--temperature"), t_lo, t_hi,
                                 c.per_decade, c.free_times};
    if (!(window->temperature_K > 0)) throw InputError("--temperature must be above absolute zero");
  }
  const auto exported = prony::export_series(*model, values, window);
  PronySeries series = exported.series;
  if (!exported.note.empty()) {
    provenance.push_back(exported.note);
    if (!c.quiet) std::fprintf(stderr, "%s\n", exported.note.c_str());
  }
  if (!c.window.empty()) {  // the analysis window: the card keeps the terms that relax inside it
    const auto [lo, hi] = parse_range(c.window, Dimension::Time, "--window", "1e-3:1e6, in s of reduced time");
    const auto kept = prony::restrict_to_window(series, lo, hi);
    series = kept.series;
    provenance.push_back(kept.note);
    if (!c.quiet) std::fprintf(stderr, "%s\n", kept.note.c_str());
  }
  const std::string text = c.format == "abaqus" ? abaqus_block(series, shift, poisson, provenance)
                                                : ansys_block(series, shift, poisson, provenance);
  if (c.output.empty())
    write_stdout(text);
  else
    write_file_atomically(c.output, text);
  if (shift && !shift->caution.empty()) std::fprintf(stderr, "warning: %s\n", shift->caution.c_str());
  // A card without its shift law is right only at the reference temperature: never silently.
  if (!shift && !c.no_shift)
    std::fprintf(stderr,
                 "warning: no shift law (--shift-report or --wlf): the card holds the series at its reference "
                 "temperature only, with no *TRS / TB,SHIFT; --no-shift says this is meant\n");
  return 0;
}

}  // namespace glassfit::cli
