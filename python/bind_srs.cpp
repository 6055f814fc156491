// SPDX-License-Identifier: BSD-3-Clause
// srs_map(): the one-body model's strain-rate-sensitivity map, as `glassfit srs` makes it.
#include <pybind11/stl.h>

#include "arrays.h"
#include "bindings.h"
#include "glassfit/core/error.h"
#include "glassfit/models/onebody/model.h"
#include "glassfit/models/onebody/srs_report.h"
#include "glassfit/models/registry.h"
#include "model_values.h"
#include "outputs.h"

namespace py = pybind11;

namespace glassfit::python {
namespace {

OutputSet srs(const py::object& params, const py::object& temperature, const py::object& strain_rate,
              const py::dict& options, unsigned threads) {
  const auto [model, values] = model_and_values("onebody", params, options);
  onebody::SrsRequest q;
  q.temperatures_K = to_vector(temperature, "temperature", Dimension::Temperature);
  q.rates_per_s = to_vector(strain_rate, "strain_rate", Dimension::StrainRate);
  q.threads = threads;
  onebody::SrsRunInfo info;
  info.command = "python: glassfit.srs_map";
  py::gil_scoped_release release;
  const auto map = onebody::srs_map(values, onebody::reading_of(*model), q);
  return onebody::srs_outputs(map, values, info);
}

}  // namespace

void bind_srs(py::module_& m) {
  m.def("_srs_map", &srs, py::arg("params") = py::none(), py::arg("temperature") = py::none(),
        py::arg("strain_rate") = py::none(), py::arg("options") = py::dict(), py::arg("threads") = 0u);
}

}  // namespace glassfit::python
