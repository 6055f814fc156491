#pragma once
// Interconversion: the Prony series of any model's relaxation modulus E(t) at one temperature,
// fitted (weights >= 0, relative residuals) to E(t) sampled over a time window, with the
// relaxation times fixed at whole decades (per_decade per decade), as finite-element users
// expect: the weights are the non-negative least-squares optimum (numerics/nnls.h); with
// free_times the times are then fitted too, by Levenberg-Marquardt through the model's kernel.
#include <span>
#include <vector>

#include "glassfit/models/model.h"

namespace glassfit::prony {

struct Interconversion {
  ModelPtr model;                                     // the Prony series
  std::vector<double> values;                         // its parameters in table order
  std::vector<double> time_s, source_MPa, prony_MPa;  // the samples compared
  double rms_relative = 0, max_relative = 0;          // of the series against the source
};

// InputError: a window that is not 0 < t_lo < t_hi, a source that cannot give a relaxation
// modulus, or a modulus that is not positive anywhere in the window.
Interconversion interconvert(const Model& source, std::span<const double> values, double temperature_K, double t_lo_s,
                             double t_hi_s, double per_decade = 1.0, bool free_times = false,
                             int samples_per_decade = 10);

}  // namespace glassfit::prony
