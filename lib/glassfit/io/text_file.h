// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// A whole input file as text, or an InputError "PATH: <failure>". Limits are decided before
// anything large is read: a folder, a file above kMaxInputBytes (checked before reading a
// regular file, and while reading a device or pipe such as /dev/zero) and a file with a NUL
// byte (not text) are refused.
#include <cstddef>
#include <string>
#include <string_view>

namespace glassfit {

inline constexpr size_t kMaxInputBytes = size_t(256) << 20;  // 256 MiB

// text = false: binary content (a checkpoint); the NUL check is skipped.
std::string read_text_file(const std::string& path, std::string_view failure = "cannot open file",
                           size_t max_bytes = kMaxInputBytes, bool text = true);

// The same checks on bytes already in memory (the fuzz harnesses and the Python reader).
void check_text(std::string_view text, const std::string& path);

}  // namespace glassfit
