// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Fits a model jointly to any mix of experiments with Ceres (Levenberg-Marquardt, exact
// derivatives by automatic differentiation through the model's kernel). The fitter knows no
// model by name: problem assembly (problem.h), multistart (multistart.h), the local search with
// the model's helpers (local_search.h) and the statistics (statistics.h) each have a file.
#include <string>
#include <vector>

#include "glassfit/fit/multistart.h"
#include "glassfit/fit/spec.h"

namespace glassfit {

// "A_an", or "A_an@2" for dataset 2 (dataset counted from 0 here, shown from 1).
std::string parameter_label(const std::string& name, int dataset);

struct FittedParameter {
  std::string name;  // the model's parameter name
  int dataset = -1;  // -1: shared; else the dataset (from 0) this value belongs to
  std::string unit;
  double value = 0;
  double stderr_value = 0;  // NaN when not determined (fixed, or in a null space)
  bool fixed = false;
  bool at_bound = false;
  std::string label() const;  // "A_an", or "A_an@2" for dataset 2 (from 1)
};

struct DatasetFit {
  std::string file;  // the dataset's name as the spec wrote it
  std::string kind;
  size_t points = 0;
  double cost = 0;                      // 1/2 sum of squared scaled residuals
  double rms_residual = 0;              // RMS of the scaled residuals (what is minimised)
  double rms_relative = 0;              // RMS of (model - data)/data where |data| > 1e-6 of the largest |data|
  double r2 = 0;                        // 1 - SS_res/SS_tot on the measured values
  std::vector<double> measured, model;  // DMA: E' then E''; else strain (creep) or stress
  // Standard error of the model at each point from the parameters' covariance (linearised,
  // J C J^T; the directions fill_statistics reports as weak are left out): a 95 % confidence
  // band is model +- 1.96 model_stderr. NaN where it could not be computed.
  std::vector<double> model_stderr;
  // A band that replaces model +- 1.96 model_stderr in the fit plots when set (same layout as
  // model), e.g. the central 95 % of the model over posterior draws (glassfit.sample), and what
  // the plots call it.
  std::vector<double> band_low, band_high;
  std::string band_label;
};

// One model order tried when the fit chooses it (a Prony series' number of terms).
struct OrderFit {
  int order = 0;
  double cost = 0, rms_residual = 0;  // RMS of the scaled residuals
  bool converged = false;
};

// A profile-likelihood interval (fit/profile.h): where the chi2 rises by the chi-square quantile.
struct ProfileEnd {
  double value = 0;
  bool bounded = false;  // false: the cost never rose enough within the parameter's bounds
};

struct ProfileInterval {
  std::string name;
  double value = 0;  // at the optimum
  ProfileEnd lo68, hi68, lo95, hi95;
  std::vector<double> trial, delta_chi2;  // the profile: parameter values and the chi2 rise there
};

struct FitResult {
  ModelPtr model;  // the model fitted (the chosen order's, when the fit chooses it)
  std::vector<FittedParameter> parameters;
  std::vector<std::string> free_names;           // labels of the free parameters (correlation order)
  std::vector<std::vector<double>> correlation;  // over free parameters
  std::vector<std::string> weak_combinations;    // poorly determined directions, if any
  double cost = 0, chi2 = 0, chi2_reduced = 0, aic = 0, bic = 0;
  size_t points = 0, free = 0;
  bool converged = false;
  int iterations = 0;
  std::string termination;
  std::vector<DatasetFit> datasets;
  Multistart multistart;
  std::vector<OrderFit> orders;            // every order tried, when the fit chooses it; else empty
  std::vector<ProfileInterval> intervals;  // with [fit] intervals = "profile"
  double order_tolerance = 0;
  int chosen_order = 0;

  // The fitted value of a parameter (shared, or of one dataset); InputError when absent.
  const FittedParameter& parameter(const std::string& name, int dataset = -1) const;
  // Values in the model's table order for one dataset (its own value where per dataset).
  std::vector<double> values(int dataset = 0) const;
};

// Checks the spec (check_fit_spec) and fits; when the model lets the fit choose its order
// (FitHelpers::max_order), fits every order and keeps the smallest whose RMS scaled residual is
// within the model's tolerance of the best. InputError on a spec or data the model cannot use.
FitResult run_fit(const FitSpec& spec, const Progress& progress = {});

}  // namespace glassfit
