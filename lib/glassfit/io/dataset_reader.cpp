#include "glassfit/io/dataset_reader.h"

#include <algorithm>

#include "glassfit/core/error.h"
#include "glassfit/io/eplexor.h"
#include "glassfit/io/text_file.h"
#include "glassfit/io/trios.h"

namespace glassfit {

bool looks_like_data(std::string_view bytes) {
  if (bytes.rfind("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0) == 0 || is_trios_text(bytes)) return true;
  while (!bytes.empty() && bytes.front() == '#') bytes.remove_prefix(std::min(bytes.size(), bytes.find('\n') + 1));
  // A CSV header has commas and no '=' (a TOML key line has '=', a table header no comma).
  const auto header = bytes.substr(0, bytes.find('\n'));
  return header.find(',') != std::string_view::npos && header.find('=') == std::string_view::npos;
}

Dataset read_dataset(const std::string& path) {
  const std::string bytes = read_text_file(path, "cannot open file", kMaxInputBytes, /*text=*/false);
  if (bytes.rfind("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0) == 0) return parse_eplexor(bytes, path);  // legacy Excel
  check_text(bytes, path);
  if (is_trios_text(bytes)) return parse_trios(bytes, path);
  // A CSV header has a comma (a one-column file has no use); anything else is no layout we know.
  std::string_view rest = bytes;
  while (!rest.empty() && rest.front() == '#') rest.remove_prefix(std::min(rest.size(), rest.find('\n') + 1));
  const auto header = rest.substr(0, rest.find('\n'));
  if (!header.empty() && header.find(',') == std::string_view::npos)
    throw InputError(path +
                     ": not a layout glassfit reads (expected CSV with 'quantity [unit]' headers, a TRIOS text "
                     "export or an Eplexor .xls; docs/data-format.md)");
  return parse_csv(bytes, path);
}

}  // namespace glassfit
