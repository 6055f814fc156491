// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// What a run ran on: file hashes, software and machine, for reports.
#include <string>
#include <string_view>

namespace glassfit {

// SHA-256 of a file's bytes as this process last read them, lower-case hex (OpenSSL).
// read_text_file records the digest of every read, so an input is hashed as it was used and
// never opened a second time (a FIFO's writer is gone by then; a file may have changed); a
// file not read yet is read now. Throws InputError if unreadable.
std::string sha256_file(const std::string& path);
// Records the digest of bytes just read from `path` (read_text_file calls it).
void record_read_sha256(const std::string& path, std::string_view bytes);
// SHA-256 of bytes in memory (a table before it is written), lower-case hex.
std::string sha256_text(std::string_view bytes);
// "glassfit 0.1.0, Ceres 2.1.0, g++ 12.2.0, Linux x86_64 (host)"
std::string software_description();

}  // namespace glassfit
