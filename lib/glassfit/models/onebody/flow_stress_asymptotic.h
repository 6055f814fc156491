// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The one-body flow stress (flow_stress.h) without an ODE: the load term makes the hazard
// k(t) = exp(b sigma_0/kT) h(t) exp(lambda t), lambda = b E rate / kT, and lambda t ~ bE rho dEps/kT
// (~ 10^3 with the paper's values) is the large parameter of an asymptotic expansion. The
// cumulative hazard is H = exp(b sigma_0/kT + lambda t) J(t), J = integral_0^t h(t') e^(-lambda(t-t')),
// whose asymptotic series sum_n (-1)^n h^(n)(t)/lambda^(n+1) has terms that first fall like
// (beta/(lambda t))^n (then grow: the last kept term is checked); the time as a
// series in v = ln H then gives the mean interval from the moments of the Gumbel density
// e^(v - e^v) (complete, or incomplete where the barrier vanishes first). Derivation and error
// bounds: docs/models/onebody.md ("The fast flow stress").
#include <optional>
#include <span>

#include "glassfit/models/onebody/flow_stress.h"

namespace glassfit::onebody {

// sigma_0, d sigma_0 / d ln rate (exact derivatives of the expansion, implicit-function theorem)
// and the mean interval; nullopt where the expansion's own bounds (truncated terms, the far history,
// the cosh activation's tail) do not keep the mean interval within 1e-13 relative: the caller then
// integrates (flow_stress_adaptive).
std::optional<FlowStress> flow_stress_asymptotic(std::span<const double> values, const Loading& at);

}  // namespace glassfit::onebody
