// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// One independent piece of an experiment, as a model is asked to predict it: a DMA point
// (E', E'' at one temperature and frequency) or a whole time-domain test (creep under a stress
// history, a strain-controlled run). Model-independent: every model reads the same conditions.
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "glassfit/core/grid.h"
#include "glassfit/protocols/experiment.h"

namespace glassfit {

// strain(t) = strain_step + strain_rate * t: stress relaxation (rate 0) or constant-rate loading.
struct StrainProgram {
  double strain_step = 0.0;  // applied at t = 0, -
  double strain_rate_per_s = 0.0;
};

struct Condition {
  Experiment kind = Experiment::Dma;
  double temperature_K = std::numeric_limits<double>::quiet_NaN();  // NaN: isothermal data with no temperature
  double omega_rad_s = 0;                                           // DMA
  std::vector<Step> history;  // creep: stress steps (MPa at s); strain/stress history: path nodes
  StrainProgram program;      // relaxation, tension, flow stress (rate)
  std::vector<double> times;  // time-domain: the times of the outputs, s
  // A modulus (response to a unit strain in the small-strain limit, e.g. E(t) data), not a test:
  // a nonlinear model answers with its linear response.
  bool linear_limit = false;
  // Values a model writes: DMA E' and E'' (MPa); flow stress (MPa); creep and stress history:
  // strain at each time; otherwise stress (MPa).
  size_t outputs() const { return kind == Experiment::Dma ? 2 : kind == Experiment::FlowStress ? 1 : times.size(); }
};

// A strain (or stress) path given by nodes (value at time_s): 0 at t = 0, linear between nodes,
// a node at the time of the one before it a jump, the last value held. The value just before t
// (a jump at t comes after it).
double path_value_before(std::span<const Step> nodes, double t);

// "430 K", or "isothermal" for data without a temperature (NaN), for legends.
std::string temperature_label(double temperature_K);

// The span of times the data probe, in log10 s (DMA: 1/omega), and their median temperature.
struct DataWindow {
  double log10_lo = std::numeric_limits<double>::infinity();
  double log10_hi = -std::numeric_limits<double>::infinity();
  double median_temperature_K = std::numeric_limits<double>::quiet_NaN();
  bool empty() const { return !(log10_lo <= log10_hi); }
};
DataWindow data_window(const std::vector<const ExperimentData*>& experiments);

}  // namespace glassfit
