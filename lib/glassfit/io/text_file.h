#pragma once
// A whole input file as text, or an InputError "PATH: <failure>" when it cannot be opened.
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "glassfit/core/error.h"

namespace glassfit {

inline std::string read_text_file(const std::string& path, std::string_view failure = "cannot open file") {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": " + std::string(failure));
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace glassfit
