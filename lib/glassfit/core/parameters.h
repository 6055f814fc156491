// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Models are data: each model declares its parameters once in a table of ParameterSpec.
// CLI help, parameter files, reports and docs all read that table.
#include <limits>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "glassfit/core/units.h"

namespace glassfit {

struct ParameterSpec {
  std::string name;
  Dimension dimension;  // checked when a file gives the value with a unit
  std::string unit;     // internal unit, as shown to users
  double default_value;
  double lower;  // physical range: value must satisfy lower <(=) v <(=) upper
  double upper;
  bool lower_inclusive;
  bool upper_inclusive;
  bool log_scale;       // fitted on a log scale (spans decades)
  std::string meaning;  // one line
};

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// Name -> value (internal units), always complete for its model.
class ParameterSet {
 public:
  ParameterSet() = default;
  explicit ParameterSet(std::span<const ParameterSpec> table);  // defaults

  double operator[](const std::string& name) const;          // throws InputError for unknown names
  void set(const std::string& name, double value);           // unknown name or out of range: InputError
  const ParameterSpec& spec(const std::string& name) const;  // unknown name: InputError
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  const std::map<std::string, double>& values() const { return values_; }
  std::span<const ParameterSpec> table() const { return table_; }

 private:
  std::span<const ParameterSpec> table_;
  std::map<std::string, double> values_;
};

// A parameter's value from text in the parameter's own unit ("4.0" for an eV parameter) or with
// a unit of its dimension ("386 kJ/mol"), converted to the parameter's unit. InputError naming
// `what` for a bad number or unit.
double parse_parameter(const ParameterSpec& spec, std::string_view text, const std::string& what);

// Why `value` is outside the physical range of `spec`, or empty when it is inside.
std::string range_violation(const ParameterSpec& spec, double value);
// "(0, 1]" style text for help and docs.
std::string range_text(const ParameterSpec& spec);

}  // namespace glassfit
