#pragma once
// What a run ran on: file hashes, software and machine, for reports.
#include <string>
#include <string_view>

namespace glassfit {

// SHA-256 of a file's bytes, lower-case hex (OpenSSL). Throws InputError if unreadable.
std::string sha256_file(const std::string& path);
// SHA-256 of bytes in memory (a table before it is written), lower-case hex.
std::string sha256_text(std::string_view bytes);
// "glassfit 0.1.0, Ceres 2.1.0, g++ 12.2.0, Linux x86_64 (host)"
std::string software_description();

}  // namespace glassfit
