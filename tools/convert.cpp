// SPDX-License-Identifier: BSD-3-Clause
#include "convert.h"

#include "glassfit/io/csv_writer.h"
#include "glassfit/io/output_file.h"
#include "glassfit/io/dataset_csv.h"
#include "glassfit/io/dataset_reader.h"

namespace glassfit::cli {

int run_convert(const ConvertCommand& c) {
  const Dataset ds = read_dataset(c.input);
  const auto comments = convert_comments(ds, c.input, c.command_line);
  const auto columns = internal_columns(ds);
  if (c.output.empty())
    write_stdout(format_csv(comments, columns));
  else
    write_csv(c.output, comments, columns);
  return 0;
}

}  // namespace glassfit::cli
