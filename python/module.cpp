// SPDX-License-Identifier: BSD-3-Clause
// glassfit._glassfit: the C++ core for Python. Errors keep the command line's one-line
// messages: an input error is glassfit.InputError (a ValueError), anything else a RuntimeError
// that says it is a bug.
#include <pybind11/pybind11.h>

#include "bindings.h"
#include "outputs.h"
#include "glassfit/core/error.h"
#include "glassfit/core/version.h"

namespace py = pybind11;

PYBIND11_MODULE(_glassfit, m) {
  m.doc() = "glassfit's C++ core (models, predictions, datasets, fits); see docs/python.md.";
  m.attr("__version__") = glassfit::kVersion;
  static py::exception<glassfit::InputError> input_error(m, "InputError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const glassfit::InputError& e) {
      input_error(e.what());
    }
  });
  glassfit::python::bind_models(m);
  glassfit::python::bind_data(m);
  glassfit::python::bind_fit(m);
  glassfit::python::bind_problem(m);
  glassfit::python::bind_outputs(m);
  glassfit::python::bind_shift(m);
  glassfit::python::bind_srs(m);
  glassfit::python::bind_kmc(m);
  glassfit::python::bind_export(m);
}
