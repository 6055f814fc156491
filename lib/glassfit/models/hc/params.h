#pragma once
// Parameter table of the hierarchically correlated (HC) compliance model (Hao et al.).
// Defaults are the paper's Table 1 for La60Ni15Al25 (B = 0.3, which the table omits).
#include <array>
#include <span>

#include "glassfit/core/parameters.h"

namespace glassfit {

std::span<const ParameterSpec> hc_parameter_table();

// How J*(i w) treats the anelastic KWW term (Eq. 25b as published, or the exact transform).
enum class Anelastic { Published, Exact };

// Plain values, in table order, for the templated model functions.
template <typename T>
struct HcParams {
  T E_u, E_r, U_beta, tau_beta0, A_an, A_vp, chi_Tg, a1, t0, T_g, B, sigma_1, a_eps, H_d, S_d;
};

// From values in table order (the order of HcParams' fields).
template <typename T>
HcParams<T> hc_params_from_array(const T* v) {
  return {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14]};
}
inline constexpr int kHcParameterCount = 15;

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
    HcProcess::Alpha,      // a_eps
    HcProcess::Defects,    // H_d
    HcProcess::Defects,    // S_d
};

// From a complete, range-checked set; also checks the relations between parameters
// (E_r < E_u). Throws InputError.
HcParams<double> hc_params_from(const class ParameterSet& set);

}  // namespace glassfit
