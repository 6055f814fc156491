// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Every file glassfit writes goes through here. A regular file (or a new one) is replaced
// atomically: a temporary file beside it, every write checked, then rename, so a reader never
// sees half a result. Anything else is never replaced: a symlink is followed (its target is
// written as above, or written through when it is a device or pipe), a character device or
// FIFO is written through (-o /dev/stdout), and a folder, block device or socket is refused.
// Failures are InputErrors that name the path and the system's reason ("No space left on
// device"); exit 2 in the CLI.
#include <string>
#include <string_view>

namespace glassfit {

void write_file_atomically(const std::string& path, std::string_view content);

// Writes all of `content` to a file descriptor, retrying on EINTR and partial writes; throws an
// InputError naming `what` (a path, or "standard output") on failure.
void write_all(int fd, std::string_view content, const std::string& what);

// Standard output: every byte checked (a full disk, a closed descriptor or a closed pipe is an
// error, not a silent exit 0).
void write_stdout(std::string_view content);

// A new temporary file (mkstemp) named `prefix` + 6 random characters, open for writing, and
// removed when this object goes (unless released). While it exists, remove_temporary_files()
// (async-signal-safe, called by the program's SIGINT/SIGTERM handler) removes it too, so an
// interrupt leaves no temporary file behind.
class TemporaryFile {
 public:
  // On failure an InputError "`what`: cannot write: <reason>" (what: the file it stands in for).
  TemporaryFile(const std::string& prefix, const std::string& what);
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const std::string& path() const { return path_; }
  int fd() const { return fd_; }
  // Closes the descriptor; a failed close (a delayed write error) is an InputError naming `what`.
  void close(const std::string& what);
  // The file has been renamed away: nothing to remove any more.
  void release();

 private:
  std::string path_;
  int fd_ = -1;
  int slot_ = -1;
};

void remove_temporary_files() noexcept;

}  // namespace glassfit
