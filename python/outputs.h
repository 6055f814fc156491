// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// What a command writes (an OutputSet: tables, texts such as report.json, plots), held for
// Python: tables as dicts of arrays, texts as strings, write(outdir) for the files themselves.
#include <pybind11/pybind11.h>

#include "glassfit/io/output_set.h"

namespace glassfit::python {

void bind_outputs(pybind11::module_& m);  // the class _Outputs

}  // namespace glassfit::python
