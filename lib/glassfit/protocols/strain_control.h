#pragma once
// Strain-controlled protocols: the stress sigma(t) that solves
//   strain(t) = int_0^t J(t - s) dsigma(s),   strain(t) = strain_step + strain_rate * t,
// which is stress relaxation (a step at t = 0, rate 0) and constant-strain-rate loading
// (no step). sigma is taken piecewise linear in time on a log-spaced grid (merged with the
// requested times) and each interval's slope is solved for in turn (product integration):
//   * the Gumbel beta term, discretised on fixed quadrature nodes, is a Prony series whose
//     hereditary integral is updated recursively, O(N M);
//   * the viscoplastic term t/tau_max integrates sigma exactly;
//   * the KWW anelastic term uses its exact time integral, O(N^2).
// tau_beta is not stress-biased here (Eq. 8); sigma_1 applies to creep only.
// Accuracy: 1e-4 relative with the default 100 points per decade wherever sigma is above
// 1e-6 of its initial value (tests/unit/test_protocols.cpp shows the convergence). Below
// 1e-9 of the peak stress the result would be cancellation noise and is reported as 0.
#include <span>
#include <vector>

#include "glassfit/models/hc_params.h"

namespace glassfit {

struct StrainProgram {
  double strain_step = 0.0;      // applied at t = 0, -
  double strain_rate_per_s = 0.0;
};

struct StrainControlOptions {
  double points_per_decade = 100.0;
  double decades_before_first = 4.0;  // the grid starts this many decades before the first time
};

// Stress (MPa) at each requested time (s, > 0, increasing).
std::vector<double> solve_stress(const HcParams<double>& p, double temperature_K, StrainProgram program,
                                 std::span<const double> times_s, const StrainControlOptions& options = {});

}  // namespace glassfit
