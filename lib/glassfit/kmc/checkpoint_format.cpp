// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/checkpoint_format.h"

#include <cstring>
#include <fmt/format.h>
#include <openssl/evp.h>

#include "glassfit/core/error.h"

namespace glassfit::kmc {
namespace {

constexpr std::string_view kMagic = "glassfit kmc checkpoint\n";
constexpr size_t kDigest = 32;
constexpr size_t kHeader = kMagic.size() + sizeof(std::uint32_t) + sizeof(std::uint64_t) + kDigest;

std::string sha256(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(md), len);
}

template <typename T>
void append(std::string& out, T x) {
  out.append(reinterpret_cast<const char*>(&x), sizeof x);
}

}  // namespace

std::string seal_checkpoint(std::string_view payload) {
  std::string out(kMagic);
  append(out, kCheckpointVersion);
  append(out, std::uint64_t(payload.size()));
  out += sha256(payload);
  out.append(payload);
  return out;
}

std::string_view open_checkpoint(std::string_view file, const std::string& name) {
  if (file.size() < kMagic.size() || file.substr(0, kMagic.size()) != kMagic)
    throw InputError(fmt::format("{}: not a glassfit kmc checkpoint", name));
  if (file.size() < kHeader) throw InputError(fmt::format("{}: truncated checkpoint (header)", name));
  std::uint32_t version = 0;
  std::uint64_t length = 0;
  std::memcpy(&version, file.data() + kMagic.size(), sizeof version);
  std::memcpy(&length, file.data() + kMagic.size() + sizeof version, sizeof length);
  if (version != kCheckpointVersion)
    throw InputError(
        fmt::format("{}: checkpoint format version {}; this glassfit reads version {} (run again "
                    "without --resume)",
                    name, version, kCheckpointVersion));
  if (length != file.size() - kHeader)
    throw InputError(fmt::format("{}: truncated or extended checkpoint ({} payload bytes, header says {})", name,
                                 file.size() - kHeader, length));
  const std::string_view payload = file.substr(kHeader);
  if (sha256(payload) != file.substr(kHeader - kDigest, kDigest))
    throw InputError(
        fmt::format("{}: checkpoint is corrupt (its SHA-256 does not match; run again without --resume)", name));
  return payload;
}

}  // namespace glassfit::kmc
