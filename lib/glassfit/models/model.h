// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The model interface. A model declares once: its name and meaning, its parameter table, the
// relations between its parameters, which experiments it predicts (in doubles here, and
// templated on the scalar behind its fit kernel), and optionally its fitting helpers. predict,
// fit, reports, `glassfit models` and the docs read only this. How to add a model:
// docs/architecture.md.
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "glassfit/core/parameters.h"
#include "glassfit/protocols/condition.h"

namespace glassfit {

class Model;
class FitKernel;  // models/kernel.h: the model's residuals with its compile-time Jet width

// Optional help a model gives the fitter (fit/local_search.cpp, fit/multistart.cpp). Slots are
// positions in the parameter table.
struct FitHelpers {
  // Bound escape: a group per slot; when a fit ends with a parameter on a bound, the free
  // parameters of its group are drawn again. Empty: no bound escape.
  std::vector<int> process;
  // Time-scale prefactors (log scale, shared) moved together by whole decades before each local
  // fit: exactly two, or none (no scan).
  std::vector<int> time_scales;
  // Slots that must be shared for data_window_draw to apply (besides time_scales).
  std::vector<int> window_needs;
  // The fitted coordinate (log10 value) of time-scale slot k that puts its process at position
  // u in [0, 1) of the data's time window, given the other parameters as values (table order,
  // physical) and as fitted coordinates (log10 for log-scale ones).
  std::function<double(int k, double u, std::span<const double> values, std::span<const double> coords,
                       const DataWindow& window)>
      data_window_draw;
  // Slots free in a fit unless the spec fixes them (by default every parameter is fixed and a
  // spec names what to fit).
  std::vector<int> free_by_default;
  // Start values from the data for the parameters a spec does not set (values in table order,
  // pre-filled with the defaults). modulus_scaled[k]: dataset k's E' and E'' residuals are
  // scaled by |E*| (residual "complex") rather than each by itself.
  std::function<void(std::span<double> values, const std::vector<const ExperimentData*>& data,
                     const std::vector<bool>& modulus_scaled)>
      start_from_data;
  // Model order chosen by the fit (a Prony series' number of terms): the same model with
  // 1..max_order terms (which may depend on the data, scaled as for start_from_data); the fit
  // keeps the smallest order whose RMS scaled residual exceeds the best order's by at most
  // order_tolerance (with relative residuals: 0.01 = 1 % RMS misfit).
  int max_order = 0;
  std::function<std::shared_ptr<const Model>(int order, const std::vector<const ExperimentData*>& data,
                                             const std::vector<bool>& modulus_scaled)>
      with_order;
  double order_tolerance = 0.01;
};

// An extra output of a model's DMA prediction (e.g. the HC loss modulus split by process).
struct ExtraColumn {
  std::string header;  // "loss_modulus_beta [MPa]"
  std::string title;   // in a plot legend
  std::vector<double> values;
};

// The relaxation times of a model with a beta and an alpha process at one temperature (HC:
// tau_beta of Eq. 8, tau_max of Eq. 11b, chi of Eq. 22), which `glassfit relaxation-map` sets
// beside the times read off DMA data.
struct ProcessTimes {
  double tau_beta_s, tau_max_s, chi;
};

class Model {
 public:
  virtual ~Model() = default;
  virtual std::string name() const = 0;
  virtual std::string meaning() const = 0;  // one line
  virtual std::span<const ParameterSpec> parameters() const = 0;
  // Why complete values in table order break a relation between parameters (E_r < E_u);
  // empty when they do not.
  virtual std::string relation_violation(std::span<const double> values) const = 0;
  virtual bool predicts(Experiment kind) const = 0;
  // Why the model cannot be fitted to these data (e.g. an isothermal model to several
  // temperatures); empty when it can.
  virtual std::string data_problem(const ExperimentData& /*data*/) const { return {}; }
  // Whether the predictions depend on temperature (a Prony series does not: it is isothermal).
  virtual bool uses_temperature() const { return true; }
  // Whether a DMA dataset with no residual given scales E' and E'' by |E*| (residual "complex")
  // rather than each by itself: a model that cannot follow data inconsistent with
  // Kramers-Kronig would otherwise trade E' on the glassy plateau for a small, noisy E''.
  virtual bool dma_residual_complex_by_default() const { return false; }
  // Whether its moduli are tensile (E) or shear (G): data of the other kind need a Poisson ratio.
  virtual ModulusKind modulus_kind() const { return ModulusKind::Tensile; }
  // Values of c.outputs() in `out`. Throws InputError where the model has no meaning.
  virtual void predict(std::span<const double> values, const Condition& c, std::span<double> out) const = 0;
  // The relaxation modulus E(t) (MPa) at increasing times, for Prony interconversion and
  // finite-element export; the default solves a unit strain step.
  virtual std::vector<double> relaxation_modulus(std::span<const double> values, double temperature_K,
                                                 std::span<const double> times_s) const;
  // DMA outputs beyond E', E'' for `glassfit predict` (none by default).
  virtual std::vector<ExtraColumn> dma_extras(std::span<const double> /*values*/,
                                              std::span<const Condition> /*points*/) const {
    return {};
  }
  // Time-domain outputs beyond the predicted one for `glassfit predict`, one value per time of
  // c (HC: the elastic, beta, anelastic and viscoplastic strains and chi; none by default).
  virtual std::vector<ExtraColumn> time_extras(std::span<const double> /*values*/, const Condition& /*c*/) const {
    return {};
  }
  // The time scales behind a prediction at a temperature, to explain an overflow (may be empty).
  virtual std::string time_scales_at(std::span<const double> /*values*/, double /*temperature_K*/) const { return {}; }
  // Beta and alpha relaxation times, for models that have those processes.
  virtual std::optional<ProcessTimes> process_times(std::span<const double> /*values*/,
                                                    double /*temperature_K*/) const {
    return std::nullopt;
  }
  virtual const FitKernel& kernel() const = 0;
  virtual FitHelpers fit_helpers() const { return {}; }

  // Slot of a parameter, or -1.
  int slot(const std::string& parameter) const;
  // Default values in table order.
  std::vector<double> defaults() const;
  // Values in table order from a complete set of this model (InputError on a broken relation).
  std::vector<double> values_from(const ParameterSet& set) const;
  // Names of the parameters, comma separated (for messages).
  std::string parameter_names() const;
};

using ModelPtr = std::shared_ptr<const Model>;

}  // namespace glassfit
