#pragma once
// TOML parameter files: `name = value` in internal units, or `name = "33 GPa"` with a unit.
// Unknown names and values outside a parameter's physical range are errors.
#include <span>
#include <string>
#include <vector>

#include "glassfit/core/parameters.h"

namespace glassfit {

// Starts from the table's defaults and overrides what the file gives. A `model = "hc"` key is
// accepted and checked against `model_name`.
ParameterSet read_parameter_file(const std::string& path, std::span<const ParameterSpec> table,
                                 const std::string& model_name);
// The parameter names a file gives (every key but `model`), for models sized by them.
std::vector<std::string> parameter_file_names(const std::string& path);
ParameterSet parse_parameters(const std::string& text, const std::string& name, std::span<const ParameterSpec> table,
                              const std::string& model_name);

}  // namespace glassfit
