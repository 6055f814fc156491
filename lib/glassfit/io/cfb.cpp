// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/cfb.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fmt/format.h>
#include <vector>

#include "glassfit/core/error.h"

namespace glassfit {
namespace {

constexpr uint32_t kEndOfChain = 0xFFFFFFFE;
constexpr uint32_t kLastRegularSector = 0xFFFFFFFA;
constexpr size_t kHeaderEntries = 109;  // DIFAT entries in the header ([MS-CFB] 2.2)
constexpr size_t kEntryBytes = 128;     // a directory entry ([MS-CFB] 2.6)

uint16_t u16(std::string_view b, size_t at) { return uint16_t(uint8_t(b[at]) | uint8_t(b[at + 1]) << 8); }
uint32_t u32(std::string_view b, size_t at) { return uint32_t(u16(b, at)) | uint32_t(u16(b, at + 2)) << 16; }

class CompoundFile {
 public:
  CompoundFile(std::string_view file, const std::string& path) : file_(file), path_(path) {
    static constexpr std::string_view kSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if (file.size() < 512 || file.substr(0, 8) != kSignature) fail("no compound-file header");
    if (u16(file, 0x1C) != 0xFFFE) fail("byte order mark");
    const uint16_t major = u16(file, 0x1A), shift = u16(file, 0x1E);
    if (!((major == 3 && shift == 9) || (major == 4 && shift == 12))) fail("version and sector size");
    if (u16(file, 0x20) != 6) fail("mini sector size");
    sector_ = size_t(1) << shift;
    if (file.size() < sector_) fail("shorter than its header");
    sectors_ = (file.size() - sector_ + sector_ - 1) / sector_;
    read_fat();
    directory_ = chain(u32(file, 0x30), SIZE_MAX, fat_, file_, sector_, sector_, "directory");
    if (directory_.size() < kEntryBytes || entry_type(0) != 5) fail("no root entry");
    const uint64_t mini_bytes = uint64_t(u32(file, 0x40)) * sector_;
    mini_fat_ = table(chain(u32(file, 0x3C), mini_bytes, fat_, file_, sector_, sector_, "mini FAT"));
    mini_stream_ = chain(u32(directory_, 0x74), entry_size(0), fat_, file_, sector_, sector_, "mini stream");
    cutoff_ = u32(file, 0x38);
  }

  std::optional<std::string> root_stream(std::string_view name) const {
    const size_t n = directory_.size() / kEntryBytes;
    std::vector<bool> seen(n, false);
    std::vector<uint32_t> todo{u32(directory_, 0x4C)};  // the root's child: its children's tree
    while (!todo.empty()) {
      const uint32_t e = todo.back();
      todo.pop_back();
      if (e > kLastRegularSector) continue;  // NOSTREAM
      if (e >= n) fail("a directory entry outside the directory");
      if (seen[e]) fail("a directory tree that loops");
      seen[e] = true;
      const size_t at = size_t(e) * kEntryBytes;
      todo.push_back(u32(directory_, at + 0x44)), todo.push_back(u32(directory_, at + 0x48));
      if (entry_type(e) != 2 || !same_name(e, name)) continue;
      const uint64_t size = entry_size(e);
      if (size < cutoff_) return chain(u32(directory_, at + 0x74), size, mini_fat_, mini_stream_, 0, 64, "stream");
      return chain(u32(directory_, at + 0x74), size, fat_, file_, sector_, sector_, "stream");
    }
    return std::nullopt;
  }

 private:
  [[noreturn]] void fail(std::string_view what) const {
    throw InputError(fmt::format("{}: not a readable legacy Excel file (damaged compound file: {})", path_, what));
  }

  static std::vector<uint32_t> table(std::string_view bytes) {
    std::vector<uint32_t> t(bytes.size() / 4);
    for (size_t i = 0; i < t.size(); ++i) t[i] = u32(bytes, 4 * i);
    return t;
  }

  // The FAT's sectors come from the header's 109 DIFAT entries, then a chain of DIFAT sectors.
  void read_fat() {
    const size_t count = u32(file_, 0x2C);
    if (count > sectors_) fail("more FAT sectors than the file has");
    std::vector<uint32_t> ids;
    for (size_t i = 0; i < kHeaderEntries && ids.size() < count; ++i) ids.push_back(u32(file_, 0x4C + 4 * i));
    std::vector<bool> seen(sectors_, false);
    for (uint32_t d = u32(file_, 0x44); ids.size() < count;) {
      if (d >= sectors_ || seen[d]) fail("DIFAT chain");
      seen[d] = true;
      const std::string_view s = file_.substr(sector_ * (d + 1), sector_);
      if (s.size() < sector_) fail("DIFAT sector past the end");
      for (size_t i = 0; i + 1 < sector_ / 4 && ids.size() < count; ++i) ids.push_back(u32(s, 4 * i));
      d = u32(s, sector_ - 4);
    }
    std::string bytes;
    for (const uint32_t id : ids) {
      if (id >= sectors_ || sector_ * (size_t(id) + 2) > file_.size()) fail("FAT sector past the end");
      bytes.append(file_.substr(sector_ * (id + 1), sector_));
    }
    fat_ = table(bytes);
  }

  // `size` bytes (SIZE_MAX: up to the end of the chain) of the chain from `start` through
  // `next`, unit-sized pieces of `space` from byte `base` on.
  std::string chain(uint32_t start, uint64_t size, const std::vector<uint32_t>& next, std::string_view space,
                    size_t base, size_t unit, std::string_view what) const {
    if (size != SIZE_MAX && size > space.size()) fail(fmt::format("{} larger than the file", what));
    std::string out;
    std::vector<bool> seen(next.size(), false);
    for (uint32_t s = start; out.size() < size && s != kEndOfChain; s = next[s]) {
      if (s >= next.size() || seen[s]) fail(fmt::format("{} chain", what));
      seen[s] = true;
      const size_t at = base + size_t(s) * unit, take = size_t(std::min<uint64_t>(unit, size - out.size()));
      if (at + take > space.size()) fail(fmt::format("{} past the end", what));
      out.append(space.substr(at, take));
    }
    if (size != SIZE_MAX && out.size() < size) fail(fmt::format("{} shorter than its size", what));
    return out;
  }

  int entry_type(size_t e) const { return uint8_t(directory_[e * kEntryBytes + 0x42]); }
  // A version-3 file's high size word may hold garbage ([MS-CFB] 2.6.3).
  uint64_t entry_size(size_t e) const {
    const size_t at = e * kEntryBytes + 0x78;
    return sector_ == 512 ? u32(directory_, at)
                          : uint64_t(u32(directory_, at)) | uint64_t(u32(directory_, at + 4)) << 32;
  }
  bool same_name(size_t e, std::string_view name) const {
    const size_t at = e * kEntryBytes, bytes = u16(directory_, at + 0x40);
    if (bytes != 2 * (name.size() + 1)) return false;
    for (size_t i = 0; i < name.size(); ++i) {
      const uint16_t c = u16(directory_, at + 2 * i);
      if (c > 0x7F || std::toupper(int(c)) != std::toupper(uint8_t(name[i]))) return false;
    }
    return true;
  }

  std::string_view file_;
  const std::string& path_;
  size_t sector_ = 512, sectors_ = 0;
  uint64_t cutoff_ = 4096;
  std::vector<uint32_t> fat_, mini_fat_;
  std::string directory_, mini_stream_;
};

}  // namespace

std::optional<std::string> cfb_root_stream(std::string_view file, std::string_view name, const std::string& path) {
  return CompoundFile(file, path).root_stream(name);
}

}  // namespace glassfit
