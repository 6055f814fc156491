// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/predict/predict_table.h"

#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "glassfit/io/csv.h"
#include "glassfit/predict/parts.h"

namespace glassfit {
namespace {

// A value that over- or underflowed (NaN, inf) names its row's conditions and, where the model
// can say, the time scales there.
void check_finite_rows(const std::vector<OutputColumn>& cols, const Model& model, std::span<const double> values,
                       const std::vector<double>& row_temperature) {
  const size_t rows = cols.empty() ? 0 : cols[0].values.size();
  for (size_t r = 0; r < rows; ++r)
    for (const auto& col : cols) {
      if (std::isfinite(col.values[r])) continue;
      const double T = row_temperature[r];
      const std::string scales = std::isfinite(T) ? model.time_scales_at(values, T) : "";
      const auto& where = cols[std::isfinite(T) ? 1 : 0];  // frequency or time
      throw InputError(fmt::format("the model gives {} = {} at {}{} = {:g}: it over- or underflows there{}", col.header,
                                   col.values[r], std::isfinite(T) ? fmt::format("{} K, ", T) : "", where.header,
                                   where.values[r], scales.empty() ? "" : " (" + scales + ")"));
    }
}

}  // namespace

const char* protocol_name(PredictProtocol p) {
  switch (p) {
    case PredictProtocol::Dma:
      return "dma";
    case PredictProtocol::Master:
      return "master";
    case PredictProtocol::Creep:
      return "creep";
    case PredictProtocol::Relaxation:
      return "relaxation";
    case PredictProtocol::Tension:
      return "tension";
    case PredictProtocol::History:
      return "history";
  }
  return "?";
}

PredictProtocol protocol_named(const std::string& name) {
  for (const auto p : {PredictProtocol::Dma, PredictProtocol::Master, PredictProtocol::Creep,
                       PredictProtocol::Relaxation, PredictProtocol::Tension, PredictProtocol::History})
    if (name == protocol_name(p)) return p;
  throw InputError(fmt::format("unknown protocol '{}' (dma, master, creep, relaxation, tension, history)", name));
}

PredictTable predict_table(const Model& model, std::span<const double> values, const PredictRequest& q) {
  // a shear model's moduli say so (a shear Prony series predicts G', G'')
  const std::string stor = model_modulus_column("storage_modulus", model.modulus_kind()) + " [MPa]",
                    loss = model_modulus_column("loss_modulus", model.modulus_kind()) + " [MPa]";
  const Experiment kind = q.protocol == PredictProtocol::Master || q.protocol == PredictProtocol::Dma ? Experiment::Dma
                          : q.protocol == PredictProtocol::Creep      ? Experiment::Creep
                          : q.protocol == PredictProtocol::Relaxation ? Experiment::Relaxation
                          : q.protocol == PredictProtocol::History
                              ? (q.stress_path.empty() ? Experiment::StrainHistory : Experiment::StressHistory)
                              : Experiment::Tension;
  if (!model.predicts(kind))
    throw InputError(fmt::format("model {} cannot predict --protocol {}", model.name(), protocol_name(q.protocol)));
  if (q.temperatures_K.empty()) throw InputError("predict: no temperature");
  for (double f : q.frequencies_Hz)
    if (!(f > 0)) throw InputError(fmt::format("--frequency: {:g} Hz must be positive", f));
  PredictTable t;
  std::vector<double> row_T;
  PredictParts parts{model,
                     values,
                     q,
                     q.temperatures_K,
                     q.frequencies_Hz,
                     stor,
                     loss,
                     model.name() + " model",
                     model.uses_temperature(),
                     t,
                     t.columns,
                     t.plot,
                     row_T};
  switch (q.protocol) {
    case PredictProtocol::Dma:
      parts.dma();
      break;
    case PredictProtocol::Master:
      parts.master();
      break;
    case PredictProtocol::Creep:
      parts.creep();
      break;
    case PredictProtocol::Relaxation:
    case PredictProtocol::Tension:
    case PredictProtocol::History:
      parts.strain_controlled();
      break;
  }
  if (parts.thermal) t.columns.insert(t.columns.begin(), OutputColumn{"temperature [K]", row_T});
  check_finite_rows(t.columns, model, values, row_T);
  return t;
}

}  // namespace glassfit
