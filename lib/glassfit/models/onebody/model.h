// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The one-body SRS model behind the model interface (models/model.h): its parameter table, the
// fit kernel (sigma_0 by the numerical solution, derivatives by the implicit-function theorem at
// the root) and the factory.
#include <array>
#include <span>
#include <type_traits>

#include "glassfit/core/parameters.h"
#include "glassfit/core/scalar.h"
#include "glassfit/models/model.h"
#include "glassfit/models/onebody/flow_stress.h"

namespace glassfit::onebody {

// The table: Niiyama et al. Sec. II D and IV A values; k0 is not in the paper (docs).
std::span<const ParameterSpec> parameter_table();

struct Kernel {
  static constexpr int kWidth = kSlots;
  Reading reading;

  template <typename T>
  bool evaluate(const T* values, const Condition& c, T* out) const {
    if (c.kind != Experiment::FlowStress) return false;  // not predicted (Model::predicts)
    std::array<double, kSlots> v;
    for (int k = 0; k < kSlots; ++k) v[k] = value_of(values[k]);
    const Loading at = loading_at(reading, c.temperature_K, c.program.strain_rate_per_s);
    if constexpr (std::is_same_v<T, double>) {
      out[0] = flow_stress(v, at).sigma0_MPa;
    } else {
      // d sigma_0/d values by the implicit-function theorem, chained to the Jet's directions.
      const auto g = flow_stress_gradient(v, at);
      out[0] = T(g.sigma0_MPa);
      for (int k = 0; k < kSlots; ++k) out[0].v += g.dsigma0[k] * values[k].v;
    }
    return true;
  }
};

ModelPtr make_model(const Reading& reading = {});
// The readings (law, activation, attempt rate) of a one-body model (InputError when the model is
// not the one-body model).
Reading reading_of(const Model& model);

}  // namespace glassfit::onebody
