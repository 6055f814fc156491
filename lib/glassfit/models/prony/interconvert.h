// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Interconversion: the Prony series of any model's relaxation modulus E(t) at one temperature,
// fitted (weights >= 0, relative residuals) to E(t) sampled over a time window, with the
// relaxation times fixed at whole decades (per_decade per decade), as finite-element users
// expect: the weights are the non-negative least-squares optimum (numerics/nnls.h); with
// free_times the times are then fitted too, by Levenberg-Marquardt through the model's kernel.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "glassfit/io/fe_export.h"
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

// What a finite-element export writes for a model: a Prony model's own series, or the series
// interconverted from another model's E(t) at `temperature_K` over [t_lo_s, t_hi_s] (then `note`
// says how close it is). InputError: a window given for a Prony model, or missing for another.
struct ExportSeries {
  PronySeries series;
  std::string note;  // empty for a Prony model
};
struct ExportWindow {
  double temperature_K, t_lo_s, t_hi_s, per_decade = 1.0;
  bool free_times = false;
};
ExportSeries export_series(const Model& model, std::span<const double> values,
                           const std::optional<ExportWindow>& window);

// The series an analysis over reduced times [t_lo_s, t_hi_s] needs: terms with tau_i < t_lo_s
// have relaxed before it starts and are dropped (E_0 loses them); terms with tau_i > t_hi_s do
// not relax within it and join E_inf. `largest_relative` is max |E_kept(t) - E(t)| / E(t) over
// the window (20 samples per decade and both ends): what this costs there. InputError: a window
// that is not 0 < t_lo < t_hi, or one that keeps no term (the message names `option`).
struct WindowedSeries {
  PronySeries series;
  int dropped = 0, folded = 0;
  double largest_relative = 0;
  std::string note;  // one line for the card and the user: terms kept, E_0 before and after, the error
};
WindowedSeries restrict_to_window(const PronySeries& series, double t_lo_s, double t_hi_s,
                                  const std::string& option = "--window");

}  // namespace glassfit::prony
