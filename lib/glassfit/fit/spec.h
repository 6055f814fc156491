#pragma once
// Fit specifications (TOML): which model, which datasets, how each residual is scaled, and
// per parameter its start, bounds, fixed or free, log scale, shared or one per dataset.
// Format and a full example: docs/fit-spec.md.
#include <cstdint>
#include <string>
#include <vector>

#include "glassfit/core/parameters.h"

namespace glassfit {

struct ParameterChoice {
  std::string name;
  double start;         // internal units
  double lower, upper;  // fitting bounds (default: the physical range)
  bool fixed;
  bool log_scale;       // fit log10(value)
  bool per_dataset;     // one value per dataset instead of one shared value
};

// The residual of a point is (model - data) / scale, where the scale is
//   relative: |data|;  absolute: 1 (measured units);  noise: sqrt((rel |data|)^2 + abs^2);
//   column: the value of an uncertainty column (measured units).
struct ResidualScale {
  std::string kind = "relative";  // relative | absolute | noise | column
  double relative = 0, absolute = 0;  // for noise
  std::string column;                 // for column
};

struct DatasetSpec {
  std::string file;  // as resolved (relative to the spec's folder)
  std::string file_as_written;
  double weight = 1.0;
  ResidualScale scale;       // the measured column (strain or stress), or E' for DMA
  ResidualScale loss_scale;  // DMA: E''
  bool log_moduli = false;   // DMA: compare log E', log E''
};

struct FitSpec {
  std::string path;
  std::string model;  // "hc"
  std::string anelastic = "published";
  std::vector<DatasetSpec> datasets;
  std::vector<ParameterChoice> parameters;  // the whole table, in table order
  std::string loss = "none";                // none | huber | cauchy
  double loss_scale = 1.0;
  int multistart = 0;  // additional starts drawn in the bounds (Sobol)
  std::uint64_t seed = 1;
  int max_iterations = 500;       // per local fit
  bool scan_time_scales = true;  // decade scan of tau_beta0 and t0 before each local fit
  bool escape_bounds = true;     // re-draw the process of a parameter pinned on a bound
  bool scale_covariance = true;  // multiply the covariance by chi2_reduced
  bool scale_covariance_given = false;
};

// Throws InputError: unknown model or parameter, min > max, start outside bounds, log scale
// with a bound <= 0, no free parameter, no dataset, a bad key.
FitSpec read_fit_spec(const std::string& path);
FitSpec parse_fit_spec(const std::string& text, const std::string& path);

}  // namespace glassfit
