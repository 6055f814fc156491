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
};

// The CSV text: `# ` comment lines, the header, then rows with 10 significant digits.
std::string format_csv(const std::vector<std::string>& comments, const std::vector<OutputColumn>& columns);

void write_csv(const std::string& path, const std::vector<std::string>& comments,
               const std::vector<OutputColumn>& columns);

// Creates an output folder (and its parents) or throws an InputError that names it.
void create_output_dir(const std::string& dir);
// The path of `name` inside the output folder `dir`.
std::string in_dir(const std::string& dir, const std::string& name);

}  // namespace glassfit
