#include "glassfit/io/dataset_reader.h"

#include "glassfit/core/error.h"
#include "glassfit/io/eplexor.h"
#include "glassfit/io/text_file.h"
#include "glassfit/io/trios.h"

namespace glassfit {

Dataset read_dataset(const std::string& path) {
  const std::string bytes = read_text_file(path, "cannot open file", kMaxInputBytes, /*text=*/false);
  if (bytes.rfind("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0) == 0) return read_eplexor(path);  // legacy Excel
  check_text(bytes, path);
  if (is_trios_text(bytes)) return parse_trios(bytes, path);
  return parse_csv(bytes, path);
}

}  // namespace glassfit
