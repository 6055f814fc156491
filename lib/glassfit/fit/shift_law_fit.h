#pragma once
// Fits of the shift laws (models/shift_laws.h) to measured log10 a_T(T), by generalised least
// squares with the shift factors' own covariance, so that the reference segment (no error)
// and the correlations between neighbouring shifts are weighted as they are.
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
};

// All three laws, best (lowest AIC) first. Needs at least three temperatures.
std::vector<ShiftLawFit> fit_shift_laws(const std::vector<double>& temperature_K, const std::vector<double>& log_aT,
                                        const Eigen::MatrixXd& covariance, double reference_K);

}  // namespace glassfit
