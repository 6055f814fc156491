// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// What a fit is: the model, the datasets with their residual scales, per parameter its start,
// bounds, fixed or free, log scale, shared or one per dataset, and the options of the search.
// Built from a TOML file (read_fit_spec; format: docs/fit-spec.md) or in code (docs/library.md):
// datasets from arrays, options typed. run_fit (fit/fitter.h) checks a spec built in code as
// the reader checks a file.
#include <atomic>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "glassfit/core/parameters.h"
#include "glassfit/models/model.h"
#include "glassfit/protocols/experiment.h"

namespace glassfit {

struct ParameterChoice {
  std::string name;
  double start;         // internal units
  double lower, upper;  // fitting bounds (default: the physical range)
  bool fixed;
  bool log_scale;    // fit log10(value)
  bool per_dataset;  // one value per dataset instead of one shared value
};

// A parameter's fitted coordinate (log10 of the value on a log scale) and back, and its bounds
// in that coordinate (a log-scale parameter bounded at 0 is unbounded below).
double to_fitted(const ParameterChoice& c, double value);
double from_fitted(const ParameterChoice& c, double x);
double fitted_lower(const ParameterChoice& c);
double fitted_upper(const ParameterChoice& c);
// A standard error in fitted coordinates (through d log10 v = dv / (v ln 10) for a log-scale parameter).
double fitted_stderr(const ParameterChoice& c, double value, double stderr_value);

// The residual of a point is (model - data) / scale, where the scale is
//   Relative: |data|;  Absolute: 1 (measured units);  Noise: sqrt((relative |data|)^2 + absolute^2);
//   Column: sigma[row], the uncertainty of each row (measured units; from a file's column);
//   Complex: |E*| = sqrt(E'^2 + E''^2) of the row for both E' and E'' (DMA; Relative otherwise),
//   so that a small, noisy E'' on the glassy plateau does not outweigh E' there.
enum class ResidualKind { Relative, Absolute, Noise, Column, Complex };
// The spec's name of a kind ("relative", "complex", ...).
const char* residual_kind_name(ResidualKind kind);
struct ResidualScale {
  ResidualKind kind = ResidualKind::Relative;
  bool given = false;                 // named in the spec (else the model's default may apply)
  double relative = 0, absolute = 0;  // Noise
  std::string column;                 // Column: the file's column, for messages
  std::vector<double> sigma;          // Column: one per dataset row
};

struct FitDataset {
  std::string name;  // as the spec wrote the file, or a label given in code
  std::string file;  // the file read ("" when built in code)
  ExperimentData experiment;
  std::vector<long> line_of_row;  // file line of each row, for messages (may be empty)
  double weight = 1.0;
  ResidualScale scale;       // the measured column (strain or stress), or E' for DMA
  ResidualScale loss_scale;  // DMA: E''
  bool log_moduli = false;   // DMA: compare log E', log E''
  // Converts shear moduli to tensile ones or back, E = 2 (1 + nu) G, when the data's kind is not
  // the model's; NaN: not given (then such data are refused).
  double poisson_ratio = std::numeric_limits<double>::quiet_NaN();
  // What the file says of itself (an instrument's set-up, geometry, run date; a CSV's comments).
  std::vector<std::string> metadata;
};

enum class Loss { None, Huber, Cauchy };
// Confidence intervals beside the standard errors: none, or profile likelihood (fit/profile.h).
enum class Intervals { None, Profile };

struct FitOptions {
  Loss loss = Loss::None;
  double loss_scale = 1.0;
  int multistart = 0;  // additional starts drawn in the bounds (Sobol)
  std::uint64_t seed = 1;
  int max_iterations = 500;      // per local fit
  bool scan_time_scales = true;  // decade scan of the model's time scales before each local fit
  bool escape_bounds = true;     // re-draw the process of a parameter pinned on a bound
  bool scale_covariance = true;  // multiply the covariance by chi2_reduced
  Intervals intervals = Intervals::None;
  // Set from another thread to stop the fit: every local search ends at its next iteration and
  // run_fit throws Interrupted. Not owned; null: never.
  const std::atomic<bool>* cancel = nullptr;
};

struct FitSpec {
  std::string path;  // the spec file ("" when built in code)
  ModelPtr model;
  std::vector<std::pair<std::string, std::string>> model_options;  // as given, for the report
  std::vector<FitDataset> datasets;
  std::vector<ParameterChoice> parameters;    // the model's whole table, in table order
  std::vector<std::string> parameters_given;  // names the spec set (kept when the fit changes the model's order)
  FitOptions options;
};

// Every parameter at its default (or, when datasets are given and the model can, a start from
// the data), bounds its physical range; fixed unless the model frees it by default.
std::vector<ParameterChoice> default_choices(const Model& model, const std::vector<FitDataset>* datasets = nullptr);
// The choice of a parameter by name (InputError naming the model's parameters).
ParameterChoice& choice(FitSpec& spec, const std::string& name);
// Whether the residual scales are stated noise (then chi2_reduced tests them and the
// covariance is not rescaled by default).
bool states_noise(const std::vector<FitDataset>& datasets);

// Converts a dataset's moduli (DMA, relaxation modulus) to `kind` with its poisson_ratio,
// E = 2 (1 + nu) G. InputError when the kinds differ and no ratio is given, or for time-domain
// shear data (stress and strain) with a tensile model.
void convert_moduli(FitDataset& d, ModulusKind kind);

// Checks a spec as the reader does (InputError): starts in bounds and physical ranges, log scale
// with positive bounds, a free parameter, a dataset the model can predict, relations at the start.
void check_fit_spec(const FitSpec& spec);

// Reads the spec and its datasets. Throws InputError: unknown model or parameter, min > max,
// start outside bounds, log scale with a bound <= 0, no free parameter, no dataset, a bad key,
// a bad dataset file.
// What a model's data-driven helpers (start_from_data, with_order) take from a fit's datasets:
// each one's experiment, and whether its E', E'' residuals are scaled by |E*|.
struct HelperData {
  std::vector<const ExperimentData*> data;
  std::vector<bool> modulus_scaled;
};
HelperData helper_data(const std::vector<FitDataset>& datasets);

FitSpec read_fit_spec(const std::string& path);
// The spec (TOML text) that fits one data file with a model, as `glassfit fit DATA --model NAME`
// makes it: its options, the parameters to free (else the model's default) and the dataset's
// residual (else the default); the data path absolute.
std::string fit_spec_for_data(const std::string& data_path, const std::string& model,
                              const std::vector<std::pair<std::string, std::string>>& model_options,
                              const std::vector<std::string>& free, const std::string& residual);
// The text of a spec file; InputError "PATH: a data file, not a fit spec ..." when it is one
// (CSV, TRIOS, .xls), or not text.
std::string read_fit_spec_text(const std::string& path);
// Datasets already in memory (arrays from Python, parsed as CSV text), by the name a spec's
// `file` gives them; a name found here is not looked for on disk.
using InMemoryDatasets = std::map<std::string, Dataset>;
FitSpec parse_fit_spec(const std::string& text, const std::string& path, const InMemoryDatasets* in_memory = nullptr);

}  // namespace glassfit
