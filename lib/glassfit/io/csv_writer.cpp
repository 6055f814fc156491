// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/csv_writer.h"

#include <filesystem>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "glassfit/core/error.h"

namespace glassfit {

std::string format_csv(const std::vector<std::string>& comments, const std::vector<OutputColumn>& columns) {
  std::string s;
  for (const auto& c : comments) s += "# " + c + "\n";
  for (size_t c = 0; c < columns.size(); ++c) s += (c ? "," : "") + columns[c].header;
  s += "\n";
  const size_t rows = columns.empty() ? 0 : columns[0].values.size();
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < columns.size(); ++c) {
      const double v = columns[c].values[r];
      if (!std::isfinite(v) && !(std::isnan(v) && columns[c].may_be_undefined))
        throw std::logic_error(
            fmt::format("column '{}', row {}: {} reached the CSV writer unchecked", columns[c].header, r + 1, v));
      if (std::isnan(v))
        s += c ? ",nan" : "nan";  // never "-nan"
      else
        s += fmt::format("{}{:.10g}", c ? "," : "", v);
    }
    s += "\n";
  }
  return s;
}

void write_csv(const std::string& path, const std::vector<std::string>& comments,
               const std::vector<OutputColumn>& columns) {
  write_file_atomically(path, format_csv(comments, columns));
}

void create_output_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError(fmt::format("{}: cannot create output folder: {}", dir, ec.message()));
}

std::string in_dir(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

}  // namespace glassfit
