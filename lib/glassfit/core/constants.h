// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Physical constants in glassfit's internal units (MPa, s, K, Hz, J/mol; eV for STZ barriers).
#include <numbers>

namespace glassfit {
inline constexpr double kGasConstant_J_per_molK = 8.314462618;  // CODATA 2018
inline constexpr double kPi = std::numbers::pi;
inline constexpr double kBoltzmann_eV_per_K = 8.617333262e-5;  // CODATA 2018
}  // namespace glassfit
