// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The envelope of a kMC checkpoint: a magic line, a format version, the payload's length and
// its SHA-256, then the payload (the engine's state). A flipped byte, a truncated file or a
// file of another version is refused on resume with a one-line reason, before any of the
// payload is trusted.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "glassfit/core/error.h"

namespace glassfit::kmc {

inline constexpr std::uint32_t kCheckpointVersion = 3;

// The payload wrapped in the envelope.
std::string seal_checkpoint(std::string_view payload);
// The payload of a sealed checkpoint, or an InputError "NAME: ..." saying what is wrong.
std::string_view open_checkpoint(std::string_view file, const std::string& name);

// The payload is the state's bytes in a fixed order. Every length read back is bounded by the
// bytes that remain, so a corrupt length cannot ask for memory the file does not hold.
class CheckpointWriter {
 public:
  template <typename T>
  void put(const T& x) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&x), sizeof(T));
  }
  template <typename T>
  void put_vector(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    put(std::uint64_t(v.size()));
    if (!v.empty()) out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void put_string(const std::string& s) {
    put(std::uint64_t(s.size()));
    out_ += s;
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class CheckpointReader {
 public:
  explicit CheckpointReader(std::string_view in) : in_(in) {}
  template <typename T>
  void get(T& x) {
    static_assert(std::is_trivially_copyable_v<T> && !std::is_same_v<T, bool>);
    if (in_.size() < sizeof(T)) throw InputError("kmc checkpoint: truncated state");
    std::memcpy(&x, in_.data(), sizeof(T));
    in_.remove_prefix(sizeof(T));
  }
  bool get_bool() {
    std::uint8_t b = 0;
    get(b);
    if (b > 1) throw InputError("kmc checkpoint: corrupt state (flag)");
    return b == 1;
  }
  template <typename T>
  void get_vector(std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::uint64_t n = 0;
    get(n);
    if (n > in_.size() / sizeof(T)) throw InputError("kmc checkpoint: corrupt state (impossible length)");
    v.resize(size_t(n));
    if (n > 0) std::memcpy(v.data(), in_.data(), size_t(n) * sizeof(T));
    in_.remove_prefix(size_t(n) * sizeof(T));
  }
  std::string get_string() {
    std::vector<char> c;
    get_vector(c);
    return std::string(c.begin(), c.end());
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

}  // namespace glassfit::kmc
