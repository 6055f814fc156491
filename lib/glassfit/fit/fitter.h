#pragma once
// Fits the HC model jointly to any mix of experiments with Ceres (Levenberg–Marquardt, exact
// derivatives by automatic differentiation through the templated model and protocols).
#include <functional>
#include <string>
#include <vector>

#include "glassfit/fit/spec.h"
#include "glassfit/io/csv.h"
#include "glassfit/protocols/experiment.h"

namespace glassfit {

struct FittedParameter {
  std::string name;  // "A_an" or, per dataset, "A_an@2" (dataset index from 1)
  std::string unit;
  double value = 0;
  double stderr_value = 0;  // NaN when not determined (fixed, or in a null space)
  bool fixed = false;
  bool at_bound = false;
};

struct DatasetFit {
  std::string file;
  std::string kind;
  size_t points = 0;
  double cost = 0;          // 1/2 sum of squared scaled residuals
  double rms_residual = 0;  // RMS of the scaled residuals (what is minimised)
  double rms_relative = 0;  // RMS of (model - data)/data where |data| > 1e-6 of the largest |data|
  double r2 = 0;            // 1 - SS_res/SS_tot on the measured values
  std::vector<double> measured, model;  // DMA: E' then E''; else strain (creep) or stress
};

struct Multistart {
  int starts = 0;
  int reached_best = 0;
  int escapes = 0, escapes_improved = 0;  // bound escapes tried (all starts) and those that lowered the cost
  std::vector<double> costs;  // final cost of every start, sorted
  std::vector<std::pair<double, double>> spread;  // per free parameter: min, max over starts at the best cost
};

struct FitResult {
  std::vector<FittedParameter> parameters;
  std::vector<std::string> free_names;
  std::vector<std::vector<double>> correlation;  // over free parameters
  std::vector<std::string> weak_combinations;    // poorly determined directions, if any
  double cost = 0, chi2 = 0, chi2_reduced = 0, aic = 0, bic = 0;
  size_t points = 0, free = 0;
  bool converged = false;
  int iterations = 0;
  std::string termination;
  std::vector<DatasetFit> datasets;
  Multistart multistart;
};

struct FitInput {
  Dataset dataset;
  ExperimentData experiment;
};

// Reads every dataset of a spec and tells its experiment (InputError on a bad file).
std::vector<FitInput> load_fit_inputs(const FitSpec& spec);

using Progress = std::function<void(int done, int total, double best_cost)>;

FitResult run_fit(const FitSpec& spec, const std::vector<FitInput>& inputs, const Progress& progress = {});

}  // namespace glassfit
