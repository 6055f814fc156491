// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The Debye average over the Gumbel beta spectrum (Eq. 24/25b), <1/(1 + i w tau)>_w, with its
// derivatives by ln tau_beta and B, in doubles: the inner loop of every DMA evaluation. The
// same composite rule as gumbel_average_y (gumbel_edges), with the node loop written so that
// the compiler vectorises its exps (gumbel_debye.cpp is built with -ffast-math for libmvec).
namespace glassfit {

struct DebyeAverage {
  double re = 0, im = 0;            // <1/(1 + i x)>, x = w tau
  double d_lt_re = 0, d_lt_im = 0;  // d/d ln tau_beta
  double d_B_re = 0, d_B_im = 0;    // d/dB
};

DebyeAverage gumbel_debye_average(double B, double log_tau_beta, double omega_rad_s);

}  // namespace glassfit
