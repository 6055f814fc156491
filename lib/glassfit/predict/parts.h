// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The parts of predict_table (predict_table.h), one per kind of protocol: each fills the table's
// columns and plot and the temperature of every row. Internal to predict/.
#include <span>
#include <string>
#include <vector>

#include "glassfit/predict/predict_table.h"

namespace glassfit {

// What every part reads (the model, its values, the request, the moduli's column names, which
// say shear for a shear model, the plot title's start) and what it fills.
struct PredictParts {
  const Model& model;
  std::span<const double> values;
  const PredictRequest& q;
  const std::vector<double>& temperatures;
  const std::vector<double>& freqs;
  std::string stor, loss, title;
  bool thermal;
  PredictTable& t;
  std::vector<OutputColumn>& cols;
  PlotSpec& plot;
  std::vector<double>& row_T;  // the temperature of every row

  void dma();                // temperatures x frequencies (dma_parts.cpp)
  void master();             // the model's own master curve (dma_parts.cpp)
  void creep();              // under a stress history (time_parts.cpp)
  void strain_controlled();  // relaxation, constant-rate loading, strain or stress histories (time_parts.cpp)
};

}  // namespace glassfit
