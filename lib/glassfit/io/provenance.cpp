#include "glassfit/io/provenance.h"

#include <ceres/version.h>
#include <fmt/format.h>
#include <fstream>
#include <openssl/evp.h>
#include <sys/utsname.h>

#include "glassfit/core/error.h"
#include "glassfit/core/version.h"

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

}  // namespace

std::string sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open file");
  return sha256_of([&](EVP_MD_CTX* ctx) {
    char buf[1 << 16];
    while (in) {
      in.read(buf, sizeof buf);
      EVP_DigestUpdate(ctx, buf, static_cast<size_t>(in.gcount()));
    }
  });
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
