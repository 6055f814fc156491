// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Typed errors. InputError is the user's fault (bad file, bad option, impossible parameter):
// the CLI prints its one-line message and exits 2. Anything else is an internal fault (exit 1).
#include <stdexcept>
#include <string>

#include "glassfit/core/text.h"

namespace glassfit {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

// A long computation stopped on request (FitOptions::cancel set, e.g. by Ctrl-C in Python).
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(const std::string& message) : std::runtime_error(message) {}
};

// "file.csv:12: column 'time [s]': not a number" — each part omitted when unknown.
inline std::string located(const std::string& file, long line, const std::string& column, const std::string& what) {
  std::string out;
  if (!file.empty()) out += file + ":";
  if (line > 0) out += std::to_string(line) + ":";
  if (!out.empty()) out += " ";
  if (!column.empty()) out += "column '" + printable(column, 60) + "': ";
  return out + what;
}

}  // namespace glassfit
