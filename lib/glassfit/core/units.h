// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Units at the boundary: every CSV column says `quantity [unit]`; values are converted to the
// internal units MPa, s, K, Hz, J/mol, 1/s, 1/MPa and dimensionless on reading.
#include <optional>
#include <string>
#include <string_view>

namespace glassfit {

enum class Dimension { Stress, Time, Temperature, Frequency, Dimensionless, StrainRate, Energy, Compliance };

std::string_view dimension_name(Dimension d);
std::string_view internal_unit(Dimension d);

// internal = scale * value + offset
struct Unit {
  Dimension dimension;
  double scale;
  double offset;
  double to_internal(double v) const { return scale * v + offset; }
};

// Looks a unit up by its spelling (`MPa`, `GPa`, `°C`, `C`, `-`, `1/s`, `kJ/mol`, ...).
std::optional<Unit> find_unit(std::string_view text);

// The canonical name of a quantity (`T` -> `temperature`, `E_stor` -> `storage_modulus`,
// `f` -> `frequency`), or the trimmed input unchanged when it has no alias.
std::string canonical_quantity(std::string_view name);

// The dimension a known quantity must carry; empty for free-form quantities.
std::optional<Dimension> expected_dimension(std::string_view canonical);

// "25C", "268.15 K", "-5 °C", "300" -> internal units. A bare number is taken as internal.
// With `difference`, a unit's offset is not applied (a step of 10 °C is 10 K).
// Throws InputError naming `what` on a bad number or a unit of the wrong dimension.
double parse_quantity(std::string_view text, Dimension dim, const std::string& what, bool difference = false);

}  // namespace glassfit
