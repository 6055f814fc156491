// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Parameter table of the hierarchically correlated (HC) compliance model (Hao et al.).
// Defaults are the paper's Table 1 for La60Ni15Al25 (sigma_1 and a2 included); B, H_d, S_d and
// V_act are not in it and are our choices (docs/models/hc.md says why).
#include <array>
#include <span>

#include "glassfit/core/parameters.h"

namespace glassfit {

std::span<const ParameterSpec> hc_parameter_table();

// How J*(i w) treats the anelastic KWW term (Eq. 25b as published, or the exact transform).
enum class Anelastic { Published, Exact };

// How stress shortens tau_beta under load: not at all (Eq. 8), Eq. 9 of Hao et al. (sigma_1), or
// the cosh boost of Liu & Fan (Eq. 1, V_act).
enum class StressBias { None, Hao, Cosh };

// chi(T): Eq. 22a/b (linear above T_g, the paper's choice) or Eq. 10 (proportional to C_d of Eq. 1).
enum class ChiLaw { Linear, Defects };

// Plain values, in table order, for the templated model functions.
template <typename T>
struct HcParams {
  T E_u, E_r, U_beta, tau_beta0, A_an, A_vp, chi_Tg, a1, t0, T_g, B, sigma_1, a2, H_d, S_d, V_act;
};

// From values in table order (the order of HcParams' fields).
template <typename T>
HcParams<T> hc_params_from_array(const T* v) {
  return {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]};
}
inline constexpr int kHcParameterCount = 16;

// Which part of Eq. 25a each parameter shapes, by table slot: the unrelaxed response, the beta
// process (Eqs. 8, 9, 24), the alpha process (anelastic KWW and viscoplastic terms, Eqs. 11b,
// 22) or the defect concentration (Eq. 1). A fit that ends with a parameter pinned on a bound
// re-draws the parameters of its process together (the bound escape, fit/local_search.cpp).
enum class HcProcess { Unrelaxed, Beta, Alpha, Defects };
inline constexpr std::array<HcProcess, kHcParameterCount> kHcProcess = {
    HcProcess::Unrelaxed,  // E_u
    HcProcess::Beta,       // E_r (A_beta = 1/E_r - 1/E_u)
    HcProcess::Beta,       // U_beta
    HcProcess::Beta,       // tau_beta0
    HcProcess::Alpha,      // A_an
    HcProcess::Alpha,      // A_vp
    HcProcess::Alpha,      // chi_Tg
    HcProcess::Alpha,      // a1
    HcProcess::Alpha,      // t0
    HcProcess::Alpha,      // T_g (where chi starts to rise)
    HcProcess::Beta,       // B
    HcProcess::Beta,       // sigma_1
    HcProcess::Alpha,      // a2
    HcProcess::Defects,    // H_d
    HcProcess::Defects,    // S_d
    HcProcess::Beta,       // V_act (cosh stress bias of tau_beta)
};

// From a complete, range-checked set; also checks the relations between parameters
// (E_r < E_u). Throws InputError.
HcParams<double> hc_params_from(const class ParameterSet& set);

}  // namespace glassfit
