#pragma once
// Parameter table of the hierarchically correlated (HC) compliance model (Hao et al.).
// Defaults are the paper's Table 1 for La60Ni15Al25 (B = 0.3, which the table omits).
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

// From a complete, range-checked set; also checks the relations between parameters
// (E_r < E_u). Throws InputError.
HcParams<double> hc_params_from(const class ParameterSet& set);

}  // namespace glassfit
