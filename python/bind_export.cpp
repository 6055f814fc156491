// SPDX-License-Identifier: BSD-3-Clause
// export_prony(): a model's relaxation modulus as a Prony series for Abaqus or ANSYS, as
// `glassfit export` writes it.
#include <pybind11/stl.h>

#include <fmt/format.h>
#include <optional>

#include "arrays.h"
#include "bindings.h"
#include "glassfit/core/error.h"
#include "glassfit/io/fe_export.h"
#include "glassfit/models/prony/interconvert.h"
#include "model_values.h"

namespace py = pybind11;

namespace glassfit::python {
namespace {

std::string export_prony(const std::string& model_name, const py::object& params, const std::string& format,
                         const py::object& poisson, const py::object& wlf, const py::object& shift_report,
                         const py::object& window, const py::dict& options, const py::object& analysis_window,
                         double per_decade, bool free_times) {
  if (format != "abaqus" && format != "ansys")
    throw InputError(fmt::format("format must be abaqus or ansys, not '{}'", format));
  const auto [model, values] = model_and_values(model_name, params, options);
  std::optional<WlfShift> shift;
  if (!wlf.is_none() && !shift_report.is_none()) throw InputError("give shift_report or wlf, not both");
  if (!shift_report.is_none()) shift = wlf_from_shift_report(to_text(shift_report, "shift_report"));
  if (!wlf.is_none()) {
    const auto t = to_numbers(wlf, "wlf", 3, "(T_ref_K, C1, C2_K)");
    const double T = t[0], C1 = t[1], C2 = t[2];
    if (!(T > 0)) throw InputError("wlf: T_ref must be above absolute zero (K)");
    shift = WlfShift{T, C1, C2};
  }
  std::optional<prony::ExportWindow> w;
  if (!window.is_none()) {
    const auto t = to_numbers(window, "window", 3, "(temperature_K, t_min_s, t_max_s)");
    const double T = t[0], lo = t[1], hi = t[2];
    if (!(T > 0)) throw InputError("window: the temperature must be above absolute zero (K)");
    w = prony::ExportWindow{T, lo, hi, per_decade, free_times};
  }
  const auto exported = prony::export_series(*model, values, w);
  std::vector<std::string> provenance = {"glassfit export (python)"};
  if (!exported.note.empty()) provenance.push_back(exported.note);
  PronySeries series = exported.series;
  if (!analysis_window.is_none()) {  // as `glassfit export --window`
    const auto t = to_numbers(analysis_window, "analysis_window", 2, "(t_lo_s, t_hi_s)");
    const auto kept = prony::restrict_to_window(series, t[0], t[1], "analysis_window");
    provenance.push_back(kept.note);
    series = kept.series;
  }
  const std::optional<double> nu =
      poisson.is_none() ? std::nullopt : std::optional<double>(to_number(poisson, "poisson"));
  return format == "abaqus" ? abaqus_block(series, shift, nu, provenance) : ansys_block(series, shift, nu, provenance);
}

}  // namespace

void bind_export(py::module_& m) {
  m.def("export_prony", &export_prony, py::arg("model"), py::kw_only(), py::arg("params") = py::none(),
        py::arg("format") = "abaqus", py::arg("poisson") = py::none(), py::arg("wlf") = py::none(),
        py::arg("shift_report") = py::none(), py::arg("window") = py::none(), py::arg("options") = py::dict(),
        py::arg("analysis_window") = py::none(), py::arg("per_decade") = 1.0, py::arg("free_times") = false,
        "A model's relaxation modulus as a Prony series block for Abaqus (*VISCOELASTIC, TIME=PRONY)\n"
        "or ANSYS (TB,PRONY), as `glassfit export` writes it. params as for predict(); poisson: nu\n"
        "for the shear and bulk split; wlf: (T_ref [K], C1, C2 [K]) or shift_report: a shift\n"
        "report.json (refused when it judged its WLF law not valid; a caution comment when the law\n"
        "does not describe its shifts); window: (temperature [K], t_lo [s], t_hi [s]) to convert a\n"
        "non-Prony model; analysis_window: (t_lo [s], t_hi [s]) of reduced time, as --window: terms\n"
        "faster than t_lo dropped, slower than t_hi folded into the long-time modulus. per_decade and\n"
        "free_times: the interconversion's relaxation times per decade, and whether they are fitted too\n"
        "(as --per-decade, --free-times).");
}

}  // namespace glassfit::python
