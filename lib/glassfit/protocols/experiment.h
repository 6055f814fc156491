// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// A dataset knows its experiment: the controlled columns define the protocol, the measured
// column is what a fit compares with.
//   temperature + frequency + storage/loss modulus        -> DMA (E' and E'' measured)
//   temperature + time + stress + strain, stress stepwise  -> creep (strain measured); the
//       stress column's history per run gives the steps (a change between two rows is a step
//       at the earlier row's time: that row is still at the old stress)
//   temperature + time + strain + stress, strain constant   -> stress relaxation (stress measured)
//   temperature + time + strain + stress, strain = rate * t -> constant-rate loading
//   temperature + time + strain + stress, any other strain   -> strain history (load, hold,
//       unload): the strain is linear between rows, from 0 at t = 0 (stress measured)
//   the same with a comment line "control: stress"         -> stress history: the stress linear
//       between rows, from 0 at t = 0 (strain measured)
//   time + relaxation_modulus                               -> stress relaxation after a unit
//       strain step (E(t) measured), e.g. a master curve
//   temperature + strain_rate + flow_stress                 -> steady flow stress per row (a kMC
//       sweep's flow_stress.csv, or lab flow stresses); flow stress measured
// Temperature may be missing (an isothermal master curve): it is then NaN, and only a model
// that does not use temperature (a Prony series) can be fitted to the data.
#include <string>
#include <vector>

#include "glassfit/core/grid.h"
#include "glassfit/io/csv.h"

namespace glassfit {

enum class Experiment { Dma, Creep, Relaxation, Tension, FlowStress, StrainHistory, StressHistory };
const char* experiment_name(Experiment e);

// One test: a run of rows at one temperature.
struct TestRun {
  double temperature_K = 0;
  std::vector<double> time_s;        // creep/relaxation/tension
  std::vector<Step> stress_history;  // creep; strain history: the strain at each row's time
  double strain_step = 0;            // relaxation
  bool modulus = false;              // relaxation modulus data: the small-strain limit
  double strain_rate_per_s = 0;      // tension
  std::vector<double> measured;      // strain (creep) or stress (others)
  std::vector<size_t> rows;          // dataset row of each point
};

struct ExperimentData {
  Experiment kind;
  std::string path;
  ModulusKind modulus = ModulusKind::Unknown;  // of the measured moduli (DMA, relaxation modulus)
  // DMA and flow stress: one point per row
  std::vector<double> temperature_K, frequency_Hz, storage_MPa, loss_MPa;
  std::vector<double> strain_rate_per_s, flow_stress_MPa;
  // time-domain tests
  std::vector<TestRun> runs;
  size_t points() const;  // measured values (DMA counts E' and E'' separately)
  size_t rows() const;    // dataset rows (DMA, flow stress: one per point; otherwise every run's rows)
  bool has_temperature() const;
};

// Throws InputError naming the file and the columns it lacks or the rule it breaks.
ExperimentData experiment_from(const Dataset& ds);

}  // namespace glassfit
