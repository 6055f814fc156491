// SPDX-License-Identifier: BSD-3-Clause
// shift(): `glassfit shift` on any readable file: shift factors, master curve, shift laws.
#include <fmt/format.h>
#include <pybind11/stl.h>

#include "arrays.h"
#include "bindings.h"
#include "glassfit/core/error.h"
#include "glassfit/mastercurve/relaxation_map_report.h"
#include "glassfit/mastercurve/shift_report.h"
#include "glassfit/models/registry.h"
#include "model_values.h"
#include "glassfit/io/dataset_reader.h"
#include "glassfit/io/eplexor.h"
#include "outputs.h"

namespace py = pybind11;

namespace glassfit::python {
namespace {

OutputSet shift(const std::string& path, double reference_K, const std::string& objective, bool vertical,
                int neighbours, const py::object& law_range, double temperature_tolerance, bool drop_nonpositive,
                const py::object& shifts_from, double law_tolerance) {
  ShiftRequest q;
  if (!(reference_K > 0)) throw InputError("reference_temperature must be above absolute zero (K)");
  if (!(temperature_tolerance > 0)) throw InputError("temperature_tolerance must be positive (K)");
  q.options.reference_K = reference_K;
  const auto named = shift_objective_named(objective);
  if (!named)
    throw InputError(fmt::format("objective must be 'moduli', 'storage' or 'tan-delta', not '{}'", objective));
  q.options.objective = *named;
  q.options.vertical = vertical;
  q.options.neighbours = neighbours;
  q.options.reference_tolerance_K = temperature_tolerance;
  if (py::isinstance<py::str>(law_range)) {
    const auto how = law_range.cast<std::string>();
    if (how != "auto" && how != "all")
      throw InputError(fmt::format("law_range must be 'auto', 'all' or (lowest_K, highest_K), not '{}'", how));
    q.law_range_all = how == "all";
  } else if (!law_range.is_none()) {
    const auto r = to_numbers(law_range, "law_range", 2, "(lowest_K, highest_K)");
    q.law_range_K = {r[0], r[1]};
  }
  if (!(law_tolerance > 0 && law_tolerance < 100))
    throw InputError(fmt::format("law_tolerance {:g}: give decades of aT, above 0 and below 100", law_tolerance));
  q.law_tolerance_decades = law_tolerance;
  q.temperature_tolerance_K = temperature_tolerance;
  q.drop_nonpositive = drop_nonpositive;
  if (!shifts_from.is_none()) {
    q.instrument_name = to_text(shifts_from, "shifts_from");
    q.instrument = read_eplexor_shifts(q.instrument_name);
  }
  q.input_name = path;
  q.command = "python: glassfit.shift";
  py::gil_scoped_release release;
  return shift_report(read_dataset(path), q);
}

// `glassfit relaxation-map`: the HC model's relaxation times against measured beta loss peaks
// (isochronal) and chi (isothermal), with params as predict takes them.
OutputSet relaxation_map(const std::string& isochronal, const std::string& isothermal, const py::object& params,
                         double half_width_K) {
  if (isochronal.empty() && isothermal.empty())
    throw InputError("relaxation_map needs isochronal and/or isothermal data");
  RelaxationMapRequest q;
  auto [model, values] = model_and_values("hc", params, py::dict());
  q.model = model, q.values = std::move(values);
  q.parameters_name = params.is_none()                   ? std::string("model defaults (Table 1)")
                      : py::isinstance<py::dict>(params) ? std::string("python: a dict of values")
                                                         : to_text(params, "params");
  if (!isochronal.empty()) q.isochronal = read_dataset(isochronal), q.isochronal_name = isochronal;
  if (!isothermal.empty()) q.isothermal = read_dataset(isothermal), q.isothermal_name = isothermal;
  q.half_width_K = half_width_K;
  q.command = "python: glassfit.relaxation_map";
  py::gil_scoped_release release;
  return relaxation_map_report(q);
}

}  // namespace

void bind_shift(py::module_& m) {
  m.def("_relaxation_map", &relaxation_map, py::arg("isochronal"), py::arg("isothermal"), py::arg("params"),
        py::arg("half_width_K"));
  m.def("_shift", &shift, py::arg("path"), py::arg("reference_temperature"), py::arg("objective") = "storage",
        py::arg("vertical") = false, py::arg("neighbours") = 2, py::arg("law_range") = py::none(),
        py::arg("temperature_tolerance") = 0.5, py::arg("drop_nonpositive") = false,
        py::arg("shifts_from") = py::none(), py::arg("law_tolerance") = 0.1);
}

}  // namespace glassfit::python
