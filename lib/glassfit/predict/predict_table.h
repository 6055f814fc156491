// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// What a model says for one experiment, as the table and plot `glassfit predict` writes:
// DMA (any set of temperatures x frequencies), the model's master curve at one temperature,
// creep under a stress history, stress relaxation, constant-rate loading and any strain history
// (load, hold, unload). Time-domain tables carry the model's extra columns (HC: strain parts, chi). Every value is
// checked before it is returned: an over- or underflow is an InputError naming its row.
#include <span>
#include <string>
#include <vector>

#include "glassfit/core/grid.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/io/plot.h"
#include "glassfit/models/model.h"

namespace glassfit {

enum class PredictProtocol { Dma, Master, Creep, Relaxation, Tension, History };
const char* protocol_name(PredictProtocol p);
// The protocol of a name ("dma", "master", "creep", "relaxation", "tension", "history"); InputError otherwise.
PredictProtocol protocol_named(const std::string& name);

struct PredictRequest {
  PredictProtocol protocol = PredictProtocol::Dma;
  std::vector<double> temperatures_K;  // one NaN for a model without temperature
  std::vector<double> frequencies_Hz;  // dma, master
  std::vector<Step> stress_history;    // creep, MPa at s
  std::vector<double> times_s;         // creep, relaxation, tension (increasing, > 0 for the latter two)
  StrainProgram program;               // relaxation (step), tension (rate)
  std::vector<Step> strain_path;       // history: strain at s, linear between (0 at t = 0) ...
  std::vector<Step> stress_path;       // ... or stress (MPa) at s: one of the two
};

struct PredictTable {
  std::vector<OutputColumn> columns;  // temperature first when the model uses it
  std::vector<std::string> notes;     // comment lines about the columns
  PlotSpec plot;
};

// InputError when the model cannot predict the protocol's experiment, or a value over- or underflows.
PredictTable predict_table(const Model& model, std::span<const double> values, const PredictRequest& request);

}  // namespace glassfit
