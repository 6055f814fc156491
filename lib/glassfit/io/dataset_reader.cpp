// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/dataset_reader.h"

#include <algorithm>

#include "glassfit/core/error.h"
#include "glassfit/io/eplexor.h"
#include "glassfit/io/text_file.h"
#include "glassfit/io/trios.h"

namespace glassfit {

namespace {

bool is_legacy_excel(std::string_view bytes) { return bytes.rfind("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0) == 0; }

// The first line that is not a '#' comment: a CSV file's header.
std::string_view header_line(std::string_view bytes) {
  while (!bytes.empty() && bytes.front() == '#') bytes.remove_prefix(std::min(bytes.size(), bytes.find('\n') + 1));
  return bytes.substr(0, bytes.find('\n'));
}

}  // namespace

bool looks_like_data(std::string_view bytes) {
  if (is_legacy_excel(bytes) || is_trios_text(bytes)) return true;
  // A CSV header has commas and no '=' (a TOML key line has '=', a table header no comma).
  const auto header = header_line(bytes);
  return header.find(',') != std::string_view::npos && header.find('=') == std::string_view::npos;
}

Dataset read_dataset(const std::string& path) {
  const std::string bytes = read_text_file(path, "cannot open file", kMaxInputBytes, /*text=*/false);
  if (is_legacy_excel(bytes)) return parse_eplexor(bytes, path);
  check_text(bytes, path);
  if (is_trios_text(bytes)) return parse_trios(bytes, path);
  // A CSV header has a comma (a one-column file has no use); anything else is no layout we know.
  const auto header = header_line(bytes);
  if (!header.empty() && header.find(',') == std::string_view::npos)
    throw InputError(path +
                     ": not a layout glassfit reads (expected CSV with 'quantity [unit]' headers, a TRIOS text "
                     "export or an Eplexor .xls; docs/data-format.md)");
  return parse_csv(bytes, path);
}

}  // namespace glassfit
