// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// A dataset read from any instrument file as our CSV (`glassfit convert`, Python's
// Dataset.to_csv): every column in internal units under its `quantity [unit]` header, the
// modulus kind in the moduli's names, the input's provenance and comments on top.
#include <string>
#include <vector>

#include "glassfit/io/csv.h"
#include "glassfit/io/csv_writer.h"

namespace glassfit {

// The columns in internal units, named as our CSV names them.
std::vector<OutputColumn> internal_columns(const Dataset& ds);

// The comment lines: software, input and its SHA-256, command, then the dataset's own comments.
std::vector<std::string> convert_comments(const Dataset& ds, const std::string& input, const std::string& command);

}  // namespace glassfit
