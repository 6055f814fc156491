// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The Gumbel spectrum of beta relaxation times (Eq. 24) on fixed nodes, as a Prony series
//   <1 - exp(-t/tau)>_w = sum_m W_m (1 - exp(-t/tau_m)),
// for protocols that need the beta creep function at many times of one run (creep, the
// strain-controlled solver): the density is computed once per run instead of once per time.
// Nodes are fixed in u = B ln(tau/tau_beta), so tau_m depends on the parameters through
// ln tau_beta and B only (use inner_partials.h for cheap exact derivatives).
#include <algorithm>
#include <cmath>
#include <vector>

#include "glassfit/core/scalar.h"
#include "glassfit/numerics/gumbel.h"
#include "glassfit/numerics/panels.h"

namespace glassfit {

// Fixed Gumbel nodes as a Prony series: J_beta(t) = A_beta sum_m W_m (1 - exp(-t/tau_m)).
template <typename T>
struct Prony {
  std::vector<double> weight;
  std::vector<T> tau_s;
};

// The Gumbel average as a Prony series for times in [t_lo, t_hi] (t_lo > 0). The kernel
// 1 - e^{-t/tau} is analytic in a strip of half-width pi/2 in ln tau, so 8-point Gauss–Legendre
// panels one decade wide (at most 1 in u, for the density) are within ~1e-8 (tests/unit/
// test_protocols.cpp checks against the adaptive average); above 10 t_hi the panels grow.
// Modes faster than t_lo/50 have relaxed by t_lo (e^{-50}): they act as one node holding their
// mass, 1 - exp(-e^{u_cut}), at the cut.
template <typename T>
Prony<T> gumbel_prony(const T& B, const T& tau_beta_s, double t_lo, double t_hi) {
  using std::exp;
  Prony<T> pr;
  const double b = value_of(B), tb = value_of(tau_beta_s);
  const double u_cut = std::max(kGumbelLo, b * std::log(t_lo / (50.0 * tb)));
  if (u_cut >= kGumbelHi) {
    pr.weight.push_back(1.0);
    pr.tau_s.push_back(tau_beta_s * exp(T(u_cut) / B));
    return pr;
  }
  const double mass_below = -std::expm1(-std::exp(u_cut));
  if (mass_below > 1e-18) {
    pr.weight.push_back(mass_below);
    pr.tau_s.push_back(tau_beta_s * exp(T(u_cut) / B));
  }
  const double decade = std::min(1.0, b * std::log(10.0));
  const double u_slow = b * std::log(10.0 * t_hi / tb);
  quad::for_each_node(quad::graded_edges(u_cut, kGumbelHi, 1.0, decade, u_cut, u_slow), [&](double u, double h) {
    const double w = h * gumbel_density(u);
    if (w < 1e-18) return;
    pr.weight.push_back(w);
    pr.tau_s.push_back(tau_beta_s * exp(T(u) / B));
  });
  return pr;
}

// <1 - exp(-t/tau)>_w at one time t in [t_lo, t_hi] of the series.
template <typename T>
T prony_beta_creep(const Prony<T>& pr, double time_s) {
  using std::expm1;
  T sum(0.0);
  for (size_t m = 0; m < pr.weight.size(); ++m) sum += pr.weight[m] * -expm1(T(-time_s) / pr.tau_s[m]);
  return sum;
}

}  // namespace glassfit
