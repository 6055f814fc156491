// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/core/units.h"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "glassfit/core/text.h"

namespace glassfit {
namespace {

struct NamedUnit {
  std::string_view name;
  Unit unit;
};

constexpr double kElectronVolt_J_per_mol = 96485.33212;  // N_A * e

const std::array kUnits = {
    NamedUnit{"MPa", {Dimension::Stress, 1.0, 0.0}},
    NamedUnit{"GPa", {Dimension::Stress, 1e3, 0.0}},
    NamedUnit{"kPa", {Dimension::Stress, 1e-3, 0.0}},
    NamedUnit{"Pa", {Dimension::Stress, 1e-6, 0.0}},
    NamedUnit{"s", {Dimension::Time, 1.0, 0.0}},
    NamedUnit{"ms", {Dimension::Time, 1e-3, 0.0}},
    NamedUnit{"us", {Dimension::Time, 1e-6, 0.0}},
    NamedUnit{"min", {Dimension::Time, 60.0, 0.0}},
    NamedUnit{"h", {Dimension::Time, 3600.0, 0.0}},
    NamedUnit{"K", {Dimension::Temperature, 1.0, 0.0}},
    NamedUnit{"C", {Dimension::Temperature, 1.0, 273.15}},
    NamedUnit{"°C", {Dimension::Temperature, 1.0, 273.15}},
    NamedUnit{"degC", {Dimension::Temperature, 1.0, 273.15}},
    NamedUnit{"Hz", {Dimension::Frequency, 1.0, 0.0}},
    NamedUnit{"kHz", {Dimension::Frequency, 1e3, 0.0}},
    NamedUnit{"rad/s", {Dimension::Frequency, 1.0 / (2.0 * kPi), 0.0}},
    NamedUnit{"-", {Dimension::Dimensionless, 1.0, 0.0}},
    NamedUnit{"1", {Dimension::Dimensionless, 1.0, 0.0}},
    NamedUnit{"%", {Dimension::Dimensionless, 0.01, 0.0}},
    NamedUnit{"1/s", {Dimension::StrainRate, 1.0, 0.0}},
    NamedUnit{"s^-1", {Dimension::StrainRate, 1.0, 0.0}},
    NamedUnit{"J/mol", {Dimension::Energy, 1.0, 0.0}},
    NamedUnit{"kJ/mol", {Dimension::Energy, 1e3, 0.0}},
    NamedUnit{"eV", {Dimension::Energy, kElectronVolt_J_per_mol, 0.0}},
    NamedUnit{"1/MPa", {Dimension::Compliance, 1.0, 0.0}},
    NamedUnit{"1/GPa", {Dimension::Compliance, 1e-3, 0.0}},
    NamedUnit{"1/Pa", {Dimension::Compliance, 1e6, 0.0}},
};

// The moduli's names that state their kind (pyvisco's E_/G_, our tensile_/shear_) are the same
// quantity: io/csv.h modulus_kind_of_name reads the kind from them.
const std::array<std::pair<std::string_view, std::string_view>, 18> kAliases = {{
    {"T", "temperature"},
    {"t", "time"},
    {"f", "frequency"},
    {"E_stor", "storage_modulus"},
    {"E_loss", "loss_modulus"},
    {"E_relax", "relaxation_modulus"},
    {"G_stor", "storage_modulus"},
    {"G_loss", "loss_modulus"},
    {"G_relax", "relaxation_modulus"},
    {"tensile_storage_modulus", "storage_modulus"},
    {"tensile_loss_modulus", "loss_modulus"},
    {"tensile_relaxation_modulus", "relaxation_modulus"},
    {"shear_storage_modulus", "storage_modulus"},
    {"shear_loss_modulus", "loss_modulus"},
    {"shear_relaxation_modulus", "relaxation_modulus"},
    {"Set", "set"},
    {"tan_delta", "tan_delta"},
    {"tand", "tan_delta"},
}};

const std::array<std::pair<std::string_view, Dimension>, 14> kQuantities = {{
    {"reduced_frequency", Dimension::Frequency},
    {"reduced_time", Dimension::Time},
    {"temperature", Dimension::Temperature},
    {"time", Dimension::Time},
    {"frequency", Dimension::Frequency},
    {"stress", Dimension::Stress},
    {"strain", Dimension::Dimensionless},
    {"storage_modulus", Dimension::Stress},
    {"loss_modulus", Dimension::Stress},
    {"relaxation_modulus", Dimension::Stress},
    {"tan_delta", Dimension::Dimensionless},
    {"strain_rate", Dimension::StrainRate},
    {"flow_stress", Dimension::Stress},
    {"set", Dimension::Dimensionless},
}};

}  // namespace

std::string_view dimension_name(Dimension d) {
  switch (d) {
    case Dimension::Stress:
      return "stress";
    case Dimension::Time:
      return "time";
    case Dimension::Temperature:
      return "temperature";
    case Dimension::Frequency:
      return "frequency";
    case Dimension::Dimensionless:
      return "dimensionless";
    case Dimension::StrainRate:
      return "strain rate";
    case Dimension::Energy:
      return "molar energy";
    case Dimension::Compliance:
      return "compliance";
  }
  return "?";
}

std::string_view internal_unit(Dimension d) {
  switch (d) {
    case Dimension::Stress:
      return "MPa";
    case Dimension::Time:
      return "s";
    case Dimension::Temperature:
      return "K";
    case Dimension::Frequency:
      return "Hz";
    case Dimension::Dimensionless:
      return "-";
    case Dimension::StrainRate:
      return "1/s";
    case Dimension::Energy:
      return "J/mol";
    case Dimension::Compliance:
      return "1/MPa";
  }
  return "?";
}

std::optional<Unit> find_unit(std::string_view text) {
  text = trim(text);
  for (const auto& u : kUnits)
    if (u.name == text) return u.unit;
  return std::nullopt;
}

std::string canonical_quantity(std::string_view name) {
  name = trim(name);
  for (const auto& [alias, canonical] : kAliases)
    if (alias == name) return std::string(canonical);
  return std::string(name);
}

std::optional<Dimension> expected_dimension(std::string_view canonical) {
  for (const auto& [q, d] : kQuantities)
    if (q == canonical) return d;
  return std::nullopt;
}

double parse_quantity(std::string_view text, Dimension dim, const std::string& what, bool difference) {
  const std::string_view s = trim(text);
  double v = 0.0;
  // from_chars does not accept a leading '+'.
  const std::string_view num = (!s.empty() && s.front() == '+') ? s.substr(1) : s;
  const auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
  if (ec != std::errc() || ptr == num.data()) throw InputError(what + ": '" + std::string(s) + "' is not a number");
  if (!std::isfinite(v)) throw InputError(what + ": '" + std::string(s) + "' is not finite");
  const std::string_view unit_text = trim(std::string_view(ptr, num.data() + num.size() - ptr));
  if (unit_text.empty()) return v;
  const auto unit = find_unit(unit_text);
  if (!unit) throw InputError(what + ": unknown unit '" + std::string(unit_text) + "'");
  if (unit->dimension != dim)
    throw InputError(what + ": unit '" + std::string(unit_text) + "' is not a " + std::string(dimension_name(dim)) +
                     " unit (expected e.g. " + std::string(internal_unit(dim)) + ")");
  return difference ? unit->scale * v : unit->to_internal(v);
}

}  // namespace glassfit
