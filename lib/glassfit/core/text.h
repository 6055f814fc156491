// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Small text helpers shared by the readers.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace glassfit {

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits at every `sep`; n separators give n + 1 pieces (untrimmed).
inline std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// User text as it may appear in a one-line message: control bytes and invalid UTF-8 as \xNN
// (a NUL cannot cut the message, raw bytes never reach the terminal), and at most `max_chars`
// characters of it, with "... (N bytes)" after a cut (a 1 MB cell does not make a 1 MB line).
inline std::string printable(std::string_view s, size_t max_chars = 80) {
  std::string out;
  size_t chars = 0, i = 0;
  auto hex = [&](unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", unsigned(b));
    out += buf;
  };
  while (i < s.size() && chars < max_chars) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    bool valid = len > 0 && i + len <= s.size();
    for (size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
    if (!valid) {
      hex(b), ++i;
    } else if (len == 1 && (b < 0x20 || b == 0x7F)) {
      hex(b), ++i;
    } else {
      out.append(s.substr(i, len)), i += len;
    }
    ++chars;
  }
  if (i < s.size()) out += "... (" + std::to_string(s.size()) + " bytes)";
  return out;
}

}  // namespace glassfit
