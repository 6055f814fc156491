// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Writes CSV with `quantity [unit]` headers, atomically: a temporary file in the same folder,
// then rename, so an interrupted run never leaves a half-written result.
#include <string>
#include <vector>

#include "glassfit/io/output_file.h"

namespace glassfit {

struct OutputColumn {
  std::string header;  // "temperature [K]"
  std::vector<double> values;
  // A value that is not defined for a row (a run that never reached its flow-stress window)
  // may be NaN here and is written as `nan`; OutputSet::table then warns how many there are,
  // unless undefined_is_expected (the docs say when, e.g. no t_R for a time-independent barrier).
  // Anywhere else a non-finite value is a bug.
  bool may_be_undefined = false;
  bool undefined_is_expected = false;
};

// The CSV text: `# ` comment lines, the header, then rows with 10 significant digits. A
// non-finite value in a column not marked may_be_undefined throws std::logic_error (exit 1,
// reported as a bug): results are checked for finiteness before they get here.
std::string format_csv(const std::vector<std::string>& comments, const std::vector<OutputColumn>& columns);

void write_csv(const std::string& path, const std::vector<std::string>& comments,
               const std::vector<OutputColumn>& columns);

// Creates an output folder (and its parents) or throws an InputError that names it.
void create_output_dir(const std::string& dir);
// The path of `name` inside the output folder `dir`.
std::string in_dir(const std::string& dir, const std::string& name);

}  // namespace glassfit
