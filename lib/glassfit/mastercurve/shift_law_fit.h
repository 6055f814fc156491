// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Fits of the shift laws (models/shift_laws.h) to measured log10 a_T(T), by generalised least
// squares with the shift factors' own covariance, so that the reference segment (no error)
// and the correlations between neighbouring shifts are weighted as they are; each fit is then
// judged: is it physically valid, and does it describe the shifts?
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace glassfit {

struct ShiftLawFit {
  std::string law;  // arrhenius | wlf | vft
  std::vector<std::string> names, units;
  std::vector<double> values, stderrs;  // stderr scaled by sqrt(chi2_reduced)
  double chi2 = 0, chi2_reduced = 0, aic = 0;
  bool converged = false;
  double log_aT(double T_K) const;  // the fitted law
  double reference_K = 0;

  // The judgement (docs/master-curves.md, "Which law").
  bool valid = false;  // physical: Ea > 0; WLF C1, C2 > 0, 0 K < T_ref - C2 < every T; VFT B > 0, 0 K < T0 < every T
  std::string invalid_why;                      // empty when valid
  double rms_decades = 0, largest_decades = 0;  // unweighted residuals of log10 aT
  int sign_runs = 0;                            // runs of one sign among the residuals
  double runs_p = 1;                            // one-sided p of so few runs (Wald-Wolfowitz), 1 below 6 points
  double chi2_p = 1;                            // P(chi2 >= observed) for the fit's degrees of freedom
  bool describes = false;                       // valid, and rms <= tolerance or chi2 consistent (p >= 0.01)
  std::string verdict;                          // one line: why it does or does not describe the shifts
};

// Below this rms misfit (decades of a_T) a law describes the shifts whatever its chi2_red: the
// shifts' own standard errors can be 0.001 decades, and 0.1 decades (26 % in time) is below what
// an FE analysis resolves.
inline constexpr double kDefaultLawToleranceDecades = 0.1;

// All three laws, judged and ranked: those that describe the shifts first, then the other valid
// ones, then the invalid; by AIC within each group. Needs at least three temperatures.
std::vector<ShiftLawFit> fit_shift_laws(const std::vector<double>& temperature_K, const std::vector<double>& log_aT,
                                        const Eigen::MatrixXd& covariance, double reference_K,
                                        double tolerance_decades = kDefaultLawToleranceDecades);

// The law range chosen when the user gives none: among the runs of consecutive temperatures
// that hold the reference (the temperature nearest T_ref) and at least `min_points` of them,
// the widest in which a law describes the shifts (ties: the smaller rms misfit). found = false
// when no such run exists; the laws are then fitted to every temperature.
struct LawRange {
  size_t first = 0, last = 0;  // indices into the temperatures, inclusive
  std::vector<ShiftLawFit> laws;
  bool found = false;
};
LawRange choose_law_range(const std::vector<double>& temperature_K, const std::vector<double>& log_aT,
                          const Eigen::MatrixXd& covariance, double reference_K,
                          double tolerance_decades = kDefaultLawToleranceDecades, size_t min_points = 5);

}  // namespace glassfit
