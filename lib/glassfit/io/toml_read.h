// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Reading TOML inputs (fit specs, kMC configurations) with errors that name file and line:
// parse, refuse unknown keys, fetch typed values.
#include <set>
#include <string>
#include <type_traits>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "glassfit/core/error.h"

namespace glassfit::toml_read {

struct Ctx {
  std::string path;
  [[noreturn]] void fail(const toml::node& n, const std::string& what) const {
    throw InputError(located(path, static_cast<long>(n.source().begin.line), "", what));
  }
  [[noreturn]] void fail(const std::string& what) const { throw InputError(path + ": " + what); }
};

inline toml::table parse(const std::string& text, const std::string& path) {
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
}

inline void check_keys(const Ctx& c, const toml::table& t, const std::set<std::string>& allowed,
                       const std::string& where) {
  for (const auto& [k, v] : t) {
    if (!allowed.count(std::string(k.str()))) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      c.fail(v, fmt::format("unknown key '{}' in {} (allowed: {})", k.str(), where, list));
    }
  }
}

// The value of `key`, or `fallback` when it is absent; a value of another type is an error.
// An integer must be written as one: toml++ would convert 1e41 to an integer by a cast whose
// result is undefined (found by fuzzing).
template <typename V>
V get(const Ctx& c, const toml::table& t, const std::string& key, V fallback) {
  const auto* n = t.get(key);
  if (!n) return fallback;
  if constexpr (std::is_integral_v<V> && !std::is_same_v<V, bool>)
    if (!n->is_integer()) c.fail(*n, fmt::format("'{}' must be an integer", key));
  if (auto v = n->value<V>()) return *v;
  c.fail(*n, fmt::format("'{}' has the wrong type", key));
}

// An integer key in [lo, hi], or `fallback`; outside is an error at the key's line, never a
// silent clamp or wrap.
inline long integer_in(const Ctx& c, const toml::table& t, const std::string& key, long fallback, long lo, long hi) {
  const long v = long(get<int64_t>(c, t, key, fallback));
  if (v < lo || v > hi) c.fail(*t.get(key), fmt::format("'{}' = {} is outside {}..{}", key, v, lo, hi));
  return v;
}

}  // namespace glassfit::toml_read
