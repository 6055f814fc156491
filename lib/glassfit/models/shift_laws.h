// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Shift laws of time-temperature superposition: log10 of the horizontal shift factor a_T at
// temperature T relative to the reference T_ref (a_T > 1 below T_ref: a process that takes
// longer). Templated on the scalar for fitting with exact derivatives. Units: K, J/mol.
#include <cmath>
#include <string>
#include <vector>

#include "glassfit/core/constants.h"

namespace glassfit::shift_law {

// Arrhenius: log10 a_T = E_a / (R ln 10) (1/T - 1/T_ref).
template <typename T>
T arrhenius(const T& Ea_J_per_mol, double T_K, double Tref_K) {
  return Ea_J_per_mol / (kGasConstant_J_per_molK * std::log(10.0)) * (1.0 / T_K - 1.0 / Tref_K);
}

// WLF (Williams, Landel, Ferry, J. Am. Chem. Soc. 77, 3701 (1955), their Eq. 1 with the
// constants at T_ref): log10 a_T = -C1 (T - T_ref) / (C2 + T - T_ref). Needs C2 + T - T_ref > 0.
template <typename T>
T wlf(const T& C1, const T& C2_K, double T_K, double Tref_K) {
  return -C1 * (T_K - Tref_K) / (C2_K + (T_K - Tref_K));
}

// Vogel-Fulcher-Tammann, log10 tau = A + B/(T - T0), so
// log10 a_T = B (1/(T - T0) - 1/(T_ref - T0)). Needs T0 below every temperature.
// It is the WLF curve in other coordinates: C1 = B/(T_ref - T0), C2 = T_ref - T0.
template <typename T>
T vft(const T& B_K, const T& T0_K, double T_K, double Tref_K) {
  return B_K * (1.0 / (T_K - T0_K) - 1.0 / (Tref_K - T0_K));
}

// What a report and the docs say about each law's parameters.
struct LawParameter {
  std::string name, unit, meaning;
};
struct LawInfo {
  std::string name, formula;
  std::vector<LawParameter> parameters;
};
inline const std::vector<LawInfo>& laws() {
  static const std::vector<LawInfo> table = {
      {"arrhenius", "log10 aT = Ea/(R ln10) (1/T - 1/Tref)", {{"Ea", "J/mol", "activation energy"}}},
      {"wlf",
       "log10 aT = -C1 (T - Tref)/(C2 + T - Tref)",
       {{"C1", "-", "WLF C1 at Tref"}, {"C2", "K", "WLF C2 at Tref"}}},
      {"vft",
       "log10 aT = B (1/(T - T0) - 1/(Tref - T0))",
       {{"B", "K", "VFT B (log10 form)"}, {"T0", "K", "Vogel temperature"}}},
  };
  return table;
}

}  // namespace glassfit::shift_law
