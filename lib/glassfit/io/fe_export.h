// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Finite-element input blocks for a Prony series and the shift law of its master curve, as
// users paste them into their decks:
//   Abaqus: *ELASTIC, MODULI=INSTANTANEOUS (when a Poisson ratio is given),
//           *VISCOELASTIC, TIME=PRONY (g_i, k_i, tau_i: normalised weights), *TRS, DEFINITION=WLF
//   ANSYS:  MP,EX / MP,PRXY (when a Poisson ratio is given), TB,PRONY (SHEAR, and BULK for a
//           tensile series; a_i, tau_i pairs), TB,SHIFT,,,3,WLF
// Units are glassfit's (MPa, s, K); the header comment says so.
#include <optional>
#include <string>
#include <vector>

namespace glassfit {

struct PronySeries {
  double E_inf = 0;              // MPa
  std::vector<double> E, tau_s;  // weights (MPa) and relaxation times
  bool shear = false;            // G(t) rather than E(t)
  double instantaneous() const;  // E_inf + sum E_i
};

// log10 aT = -C1 (T - T_ref) / (C2 + T - T_ref)
struct WlfShift {
  double T_ref_K = 0, C1 = 0, C2_K = 0;
  std::string caution;  // from a shift report whose WLF law does not describe its shifts; else empty
};

// The WLF law that 'glassfit shift' fitted, from its report.json. InputError naming the file
// when it has none, or when the report judged it not valid (T_ref - C2 at or below 0 K or above
// a fitted temperature); a law that is valid but does not describe the shifts comes with a caution.
WlfShift wlf_from_shift_report(const std::string& path);

std::string abaqus_block(const PronySeries& series, const std::optional<WlfShift>& shift,
                         const std::optional<double>& poisson, const std::vector<std::string>& provenance);
std::string ansys_block(const PronySeries& series, const std::optional<WlfShift>& shift,
                        const std::optional<double>& poisson, const std::vector<std::string>& provenance);

}  // namespace glassfit
