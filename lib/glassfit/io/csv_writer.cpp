#include "glassfit/io/csv_writer.h"

#include <filesystem>
#include <fmt/format.h>

#include "glassfit/core/error.h"

namespace glassfit {

std::string format_csv(const std::vector<std::string>& comments, const std::vector<OutputColumn>& columns) {
  std::string s;
  for (const auto& c : comments) s += "# " + c + "\n";
  for (size_t c = 0; c < columns.size(); ++c) s += (c ? "," : "") + columns[c].header;
  s += "\n";
  const size_t rows = columns.empty() ? 0 : columns[0].values.size();
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < columns.size(); ++c) s += fmt::format("{}{:.10g}", c ? "," : "", columns[c].values[r]);
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
