// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/core/parameters.h"

#include <cmath>
#include <cstdlib>
#include <fmt/format.h>

#include "glassfit/core/error.h"

namespace glassfit {

ParameterSet::ParameterSet(std::span<const ParameterSpec> table) : table_(table) {
  for (const auto& p : table_) values_[p.name] = p.default_value;
}

double ParameterSet::operator[](const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) throw InputError("unknown parameter '" + name + "'");
  return it->second;
}

void ParameterSet::set(const std::string& name, double value) {
  if (auto why = range_violation(spec(name), value); !why.empty()) throw InputError("parameter '" + name + "': " + why);
  values_[name] = value;
}

const ParameterSpec& ParameterSet::spec(const std::string& name) const {
  for (const auto& p : table_)
    if (p.name == name) return p;
  std::string known;
  for (const auto& p : table_) known += (known.empty() ? "" : ", ") + p.name;
  throw InputError("unknown parameter '" + name + "' (this model has: " + known + ")");
}

double parse_parameter(const ParameterSpec& spec, std::string_view text, const std::string& what) {
  const double internal = parse_quantity(text, spec.dimension, what);
  const std::string s(text);
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  const bool bare = end && std::string_view(end).find_first_not_of(" \t") == std::string_view::npos;
  const auto own = find_unit(spec.unit);
  if (bare || !own || own->dimension != spec.dimension) return internal;
  return (internal - own->offset) / own->scale;
}

std::string range_text(const ParameterSpec& s) {
  auto num = [](double v) { return std::isinf(v) ? std::string(v < 0 ? "-inf" : "inf") : fmt::format("{:g}", v); };
  return fmt::format("{}{}, {}{}", s.lower_inclusive ? "[" : "(", num(s.lower), num(s.upper),
                     s.upper_inclusive ? "]" : ")");
}

std::string range_violation(const ParameterSpec& s, double v) {
  if (std::isnan(v)) return "value is NaN";
  const bool low_ok = s.lower_inclusive ? v >= s.lower : v > s.lower;
  const bool high_ok = s.upper_inclusive ? v <= s.upper : v < s.upper;
  if (low_ok && high_ok) return {};
  return fmt::format("{:g} {} is outside its physical range {} ({})", v, s.unit, range_text(s), s.meaning);
}

}  // namespace glassfit
