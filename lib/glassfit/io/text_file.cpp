// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/text_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glassfit/core/error.h"
#include "glassfit/io/provenance.h"

namespace glassfit {
namespace {

std::string mib(size_t bytes) { return fmt::format("{:.0f} MiB", double(bytes) / double(1 << 20)); }

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

void check_text(std::string_view text, const std::string& path) {
  const size_t nul = text.find('\0');
  if (nul == std::string_view::npos) return;
  const long line = 1 + long(std::count(text.begin(), text.begin() + long(nul), '\n'));
  throw InputError(fmt::format("{}:{}: not a text file (a NUL byte at byte {})", path, line, nul + 1));
}

std::string read_text_file(const std::string& path, std::string_view failure, size_t max_bytes, bool text_only) {
  // Non-blocking open: a FIFO without a writer must not hang the program.
  Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  if (fd.get() < 0) {
    const int err = errno;
    throw InputError(fmt::format("{}: {} ({})", path, failure, std::strerror(err)));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw InputError(fmt::format("{}: {}", path, failure));
  if (S_ISDIR(st.st_mode)) throw InputError(fmt::format("{}: is a folder, not a file", path));
  if (S_ISREG(st.st_mode) && size_t(st.st_size) > max_bytes)
    throw InputError(fmt::format("{}: {} is larger than the {} an input file may have", path, mib(size_t(st.st_size)),
                                 mib(max_bytes)));
  ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
  std::string text;
  if (S_ISREG(st.st_mode)) text.reserve(size_t(st.st_size));
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      throw InputError(fmt::format("{}: read failed: {}", path, std::strerror(err)));
    }
    if (n == 0) break;
    if (text.size() + size_t(n) > max_bytes)
      throw InputError(fmt::format("{}: more than the {} an input file may have", path, mib(max_bytes)));
    text.append(buf, size_t(n));
  }
  record_read_sha256(path, text);
  if (text_only) check_text(text, path);
  return text;
}

}  // namespace glassfit
