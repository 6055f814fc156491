// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// A model and its parameter values from Python arguments: options (a dict of strings) and params
// (None: the defaults; a dict of values in internal units; or a parameter file's path).
#include <pybind11/pybind11.h>

#include <string>
#include <utility>
#include <vector>

#include "glassfit/models/registry.h"

namespace glassfit::python {

ModelSetup setup_of(const pybind11::dict& options, const std::vector<std::string>& parameter_names);
std::pair<ModelPtr, std::vector<double>> model_and_values(const std::string& name, const pybind11::object& params,
                                                          const pybind11::dict& options);

}  // namespace glassfit::python
