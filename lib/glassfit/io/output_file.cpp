// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/output_file.h"

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glassfit/core/error.h"

namespace glassfit {
namespace {

std::string reason(int err) { return std::strerror(err); }

// A fixed table of temporary paths (no allocation in the signal handler): a slot holds a
// path while its file exists and is not yet renamed.
constexpr int kSlots = 16;
constexpr size_t kPathMax = 4096;
char g_temp_path[kSlots][kPathMax];
std::atomic<bool> g_temp_used[kSlots];

// The process's umask, read once before main (reading it means setting it, which is not
// thread-safe, and a sweep writes from several threads).
const mode_t g_umask = [] {
  const mode_t m = ::umask(022);
  ::umask(m);
  return m;
}();

// Creates `path`'s content through a new temporary file in the same folder, then renames it
// over `path` (which is a regular file or does not exist).
void replace_regular(const std::string& path, std::string_view content) {
  TemporaryFile tmp(path + ".tmp", path);
  ::fchmod(tmp.fd(), 0666 & ~g_umask);  // mkstemp makes 0600; a result file gets the usual permissions
  write_all(tmp.fd(), content, path);
  tmp.close(path);
  if (::rename(tmp.path().c_str(), path.c_str()) != 0) {
    const int err = errno;
    throw InputError(fmt::format("{}: cannot write: {}", path, reason(err)));
  }
  tmp.release();
}

// A device or pipe: opened without blocking (a FIFO nobody reads is an error, not a hang),
// then written in blocking mode.
void write_through(const std::string& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    if (err == ENXIO) throw InputError(fmt::format("{}: no process reads this pipe", path));
    throw InputError(fmt::format("{}: cannot write: {}", path, reason(err)));
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  try {
    write_all(fd, content, path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) {
    const int err = errno;
    throw InputError(fmt::format("{}: write failed: {}", path, reason(err)));
  }
}

}  // namespace

TemporaryFile::TemporaryFile(const std::string& prefix, const std::string& what) : path_(prefix + "XXXXXX") {
  fd_ = ::mkstemp(path_.data());
  if (fd_ < 0) {
    const int err = errno;
    throw InputError(fmt::format("{}: cannot write: {}", what, reason(err)));
  }
  if (path_.size() + 1 > kPathMax) return;  // too long to register; still removed by the destructor
  for (int i = 0; i < kSlots; ++i) {
    bool expected = false;
    if (g_temp_used[i].compare_exchange_strong(expected, true)) {
      std::memcpy(g_temp_path[i], path_.c_str(), path_.size() + 1);
      slot_ = i;
      return;
    }
  }
}

TemporaryFile::~TemporaryFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!path_.empty()) ::unlink(path_.c_str());
  if (slot_ >= 0) g_temp_used[slot_].store(false);
}

void TemporaryFile::close(const std::string& what) {
  const int fd = fd_;
  fd_ = -1;
  if (fd >= 0 && ::close(fd) != 0) {
    const int err = errno;
    throw InputError(fmt::format("{}: write failed: {}", what, reason(err)));
  }
}

void TemporaryFile::release() {
  path_.clear();
  if (slot_ >= 0) g_temp_used[slot_].store(false);
  slot_ = -1;
}

void write_all(int fd, std::string_view content, const std::string& what) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      throw InputError(fmt::format("{}: write failed: {}", what, reason(err)));
    }
    content.remove_prefix(size_t(n));
  }
}

void write_stdout(std::string_view content) { write_all(STDOUT_FILENO, content, "standard output"); }

void write_file_atomically(const std::string& path, std::string_view content) {
  if (path.empty()) throw InputError("output path is empty");
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err != ENOENT) throw InputError(fmt::format("{}: cannot write: {}", path, reason(err)));
    return replace_regular(path, content);
  }
  std::string target = path;
  if (S_ISLNK(st.st_mode)) {
    // Follow the link: its target is what the user means.
    if (::stat(path.c_str(), &st) != 0) {
      const int err = errno;
      throw InputError(fmt::format("{}: symbolic link to a missing file ({}); not replaced", path, reason(err)));
    }
    if (S_ISREG(st.st_mode)) {
      char* real = ::realpath(path.c_str(), nullptr);
      if (!real) {
        const int err = errno;
        throw InputError(fmt::format("{}: cannot resolve the symbolic link: {}", path, reason(err)));
      }
      target = real;
      std::free(real);
    }
  }
  if (S_ISREG(st.st_mode)) return replace_regular(target, content);
  if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return write_through(path, content);
  if (S_ISDIR(st.st_mode)) throw InputError(fmt::format("{}: is a folder, not a file", path));
  if (S_ISBLK(st.st_mode))
    throw InputError(fmt::format("{}: is a block device; glassfit does not write to disks", path));
  throw InputError(fmt::format("{}: is not a regular file, device or pipe; not replaced", path));
}

void remove_temporary_files() noexcept {
  for (int i = 0; i < kSlots; ++i)
    if (g_temp_used[i].load()) ::unlink(g_temp_path[i]);
}

}  // namespace glassfit
