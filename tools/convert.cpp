// SPDX-License-Identifier: BSD-3-Clause
#include "convert.h"

#include <fmt/format.h>

#include "glassfit/core/units.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/io/output_file.h"
#include "glassfit/io/dataset_reader.h"
#include "glassfit/io/provenance.h"

namespace glassfit::cli {

int run_convert(const ConvertCommand& c) {
  const Dataset ds = read_dataset(c.input);
  std::vector<std::string> comments = {
      fmt::format("{} convert: {} (sha256 {})", software_description(), c.input, sha256_file(c.input)),
      "command: " + c.command_line};
  for (const auto& line : ds.comments) comments.push_back(line);
  std::vector<OutputColumn> columns;
  for (const auto& col : ds.columns) {  // values are in internal units
    const auto unit = find_unit(col.unit);
    columns.push_back({modulus_column_name(col.quantity, ds.modulus) + " [" +
                           (unit ? std::string(internal_unit(unit->dimension)) : col.unit) + "]",
                       col.values});
  }
  if (c.output.empty())
    write_stdout(format_csv(comments, columns));
  else
    write_csv(c.output, comments, columns);
  return 0;
}

}  // namespace glassfit::cli
