// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The per-step factors of a Prony hereditary integral (prony_history.h) for every node at once:
//   decay_m = e^{-dt/tau_m},   rise_m = 1 - e^{-dt/tau_m} (by expm1: exact where dt << tau_m).
// The node loop of the strain-controlled solver; prony_step.cpp is built with -ffast-math so
// that the compiler vectorises exp and expm1 (libmvec), about 4x fewer cycles than one call per
// node.
#include <cstddef>

namespace glassfit {

// tau_s: n relaxation times (> 0); decay, rise: n outputs.
void prony_step_factors(double dt_s, const double* tau_s, std::size_t n, double* decay, double* rise);

}  // namespace glassfit
