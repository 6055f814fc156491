#pragma once
// What a run ran on: file hashes, software and machine, for reports.
#include <string>

namespace glassfit {

// SHA-256 of a file's bytes, lower-case hex (OpenSSL). Throws InputError if unreadable.
std::string sha256_file(const std::string& path);
// "glassfit 0.1.0, Ceres 2.1.0, g++ 12.2.0, Linux x86_64 (host)"
std::string software_description();

}  // namespace glassfit
