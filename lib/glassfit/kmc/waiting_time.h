// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Waiting times of a rejection-free kMC whose total rate changes continuously while it waits
// (the load ramps, barriers relax): the next event comes at tau with
//   Lambda(tau) = int_0^tau k_tot(t) dt = E,  E = -ln(xi) ~ Exp(1),
// which is exact for any k_tot(t) >= 0. The paper's scheme freezes the rates at the last event,
// tau = E / k_tot(0); `frozen_waiting_time` gives it for comparison.
#include <functional>

namespace glassfit::kmc {

// Solves Lambda(tau) = E for tau in (0, t_max], integrating the rate (1/s, t in s since now)
// with adaptive Gauss-Kronrod over doubling steps and bracketing the root with TOMS 748.
// Returns +infinity when Lambda(t_max) < E: no event before t_max. Relative accuracy rel_tol.
double waiting_time(const std::function<double(double)>& rate_per_s, double E, double t_max, double rel_tol = 1e-10);

inline double frozen_waiting_time(double rate_per_s, double E) { return E / rate_per_s; }

}  // namespace glassfit::kmc
