// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// TOML parameter files: `name = value` in the parameter's unit, or `name = "33 GPa"` with a unit;
// optionally `model = "NAME"` and a [model_options] table.
// Unknown names and values outside a parameter's physical range are errors.
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "glassfit/core/parameters.h"

namespace glassfit {

// Starts from the table's defaults and overrides what the file gives. A `model = "hc"` key is
// accepted and checked against `model_name`.
ParameterSet read_parameter_file(const std::string& path, std::span<const ParameterSpec> table,
                                 const std::string& model_name);
// The parameter names a file gives (every key but `model` and `model_options`), for models sized
// by them.
std::vector<std::string> parameter_file_names(const std::string& path);
// The file's [model_options] table (name = "value"), e.g. barrier = "time_independent".
std::vector<std::pair<std::string, std::string>> parameter_file_options(const std::string& path);
// A parameter file read once (a pipe or FIFO cannot be read twice), for the names, the options
// and the values: parameter_names, parameter_options and parse_parameters(text, path, ...).
struct ParameterFileText {
  std::string path, text;
};
ParameterFileText read_parameter_text(const std::string& path);
std::vector<std::string> parameter_names(const ParameterFileText& file);
std::vector<std::pair<std::string, std::string>> parameter_options(const ParameterFileText& file);
ParameterSet parse_parameters(const std::string& text, const std::string& name, std::span<const ParameterSpec> table,
                              const std::string& model_name);

}  // namespace glassfit
