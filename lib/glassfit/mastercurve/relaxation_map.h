// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Relaxation times read off DMA data for the HC model (docs/master-curves.md):
//  - beta-peak temperatures of isochronal loss curves E''(T), one per frequency, with
//    tau_beta ~ 1/(2 pi f) at the peak, fitted to Arrhenius (Eq. 8) for U_beta and tau_beta0;
//  - chi(T) and tau_max(T) from the slope and intercept of ln tan(delta) vs ln w of
//    isothermal sweeps, tan(delta) = (w tau_max)^(-chi) (Eq. 26-27).
#include <string>
#include <vector>

#include "glassfit/io/csv.h"

namespace glassfit {

struct LossPeak {
  double frequency_Hz, temperature_K, temperature_stderr_K, tau_s;
  double loss_MPa;  // E'' at the peak
  long line;        // file line of the highest point
};

// The beta peak of each isochronal E''(T) curve (rows grouped by frequency): the lowest-
// temperature local maximum of E'' that stands out of the noise, refined by a quadratic fit
// through the points within `half_width_K` of it. A curve without one is an InputError naming it.
std::vector<LossPeak> beta_loss_peaks(const Dataset& isochronal, double half_width_K = 20);

struct ArrheniusFit {
  double U_J_per_mol, U_stderr;
  double log10_tau0_s, log10_tau0_stderr;  // tau0 in s
  double chi2_reduced;
};
// ln tau = ln tau0 + U/(R T_peak), weighted by the peak temperatures' standard errors.
ArrheniusFit fit_peak_arrhenius(const std::vector<LossPeak>& peaks);

struct ChiEstimate {
  double temperature_K;
  int points;
  double chi, chi_stderr;
  double log10_tau_max_s, log10_tau_max_stderr;
  double r_squared;
  // The slope method holds where the alpha process dominates tan(delta): a straight line
  // (R^2 >= 0.99) with 0 < chi <= 1. Elsewhere (beta-dominated) chi and tau_max mean nothing.
  bool alpha_dominated() const { return r_squared >= 0.99 && chi > 0 && chi <= 1; }
};
// One line fit per isothermal sweep (rows grouped by temperature, within 0.5 K).
std::vector<ChiEstimate> chi_from_isothermal(const Dataset& isothermal);

}  // namespace glassfit
