// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/dataset_csv.h"

#include <fmt/format.h>

#include "glassfit/core/units.h"
#include "glassfit/io/provenance.h"

namespace glassfit {

std::vector<OutputColumn> internal_columns(const Dataset& ds) {
  std::vector<OutputColumn> columns;
  for (const auto& col : ds.columns) {  // values are in internal units
    const auto unit = find_unit(col.unit);
    columns.push_back({modulus_column_name(col.quantity, ds.modulus) + " [" +
                           (unit ? std::string(internal_unit(unit->dimension)) : col.unit) + "]",
                       col.values});
  }
  return columns;
}

std::vector<std::string> convert_comments(const Dataset& ds, const std::string& input, const std::string& command) {
  std::vector<std::string> comments = {
      fmt::format("{} convert: {} (sha256 {})", software_description(), input, sha256_file(input)),
      "command: " + command};
  comments.insert(comments.end(), ds.comments.begin(), ds.comments.end());
  return comments;
}

}  // namespace glassfit
