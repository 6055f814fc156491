// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/provenance.h"

#include <ceres/version.h>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <optional>
#include <openssl/evp.h>
#include <sys/utsname.h>

#include "glassfit/core/error.h"
#include "glassfit/core/version.h"
#include "glassfit/io/text_file.h"

namespace glassfit {

namespace {

// Feeds `more(ctx)` into a SHA-256 and returns the lower-case hex digest.
template <typename Feed>
std::string sha256_of(Feed&& more) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  more(ctx);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, md, &len);
  EVP_MD_CTX_free(ctx);
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", md[i]);
  return hex;
}

std::mutex read_digests_mutex;
std::map<std::string, std::string>& read_digests() {
  static std::map<std::string, std::string> digests;  // path -> digest of its last read
  return digests;
}

std::optional<std::string> recorded_sha256(const std::string& path) {
  const std::lock_guard lock(read_digests_mutex);
  const auto it = read_digests().find(path);
  return it == read_digests().end() ? std::nullopt : std::optional<std::string>(it->second);
}

}  // namespace

void record_read_sha256(const std::string& path, std::string_view bytes) {
  std::string digest = sha256_text(bytes);
  const std::lock_guard lock(read_digests_mutex);
  read_digests()[path] = std::move(digest);
}

std::string sha256_file(const std::string& path) {
  if (auto digest = recorded_sha256(path)) return *digest;
  read_text_file(path, "cannot open file", kMaxInputBytes, /*text=*/false);  // records its digest
  return *recorded_sha256(path);
}

std::string sha256_text(std::string_view bytes) {
  return sha256_of([&](EVP_MD_CTX* ctx) { EVP_DigestUpdate(ctx, bytes.data(), bytes.size()); });
}

std::string software_description() {
  struct utsname u {};
  uname(&u);
  return fmt::format("glassfit {}, Ceres {}, g++ {}, {} {} {}", kVersion, CERES_VERSION_STRING, __VERSION__, u.sysname,
                     u.release, u.machine);
}

}  // namespace glassfit
