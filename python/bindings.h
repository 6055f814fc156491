// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The pieces of the Python module glassfit._glassfit; each file binds one room of the library
// and only wires: every computation is the library's, as for the command line.
#include <pybind11/pybind11.h>

namespace glassfit::python {

void bind_models(pybind11::module_& m);   // models(), predict()
void bind_data(pybind11::module_& m);     // read_dataset()
void bind_fit(pybind11::module_& m);      // fit(), FitResult
void bind_problem(pybind11::module_& m);  // _Problem: chi2 at any free values, for samplers
void bind_shift(pybind11::module_& m);    // _shift(): master curves
void bind_srs(pybind11::module_& m);      // _srs_map(): the one-body SRS map
void bind_kmc(pybind11::module_& m);      // _Kmc, _kmc_sweep()
void bind_export(pybind11::module_& m);   // export_prony()

}  // namespace glassfit::python
