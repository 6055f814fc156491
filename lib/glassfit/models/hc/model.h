// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The HC model behind the model interface (models/model.h): its options, its fit kernel (the
// protocols templated on the scalar) and its fitting helpers.
#include <array>

#include "glassfit/models/hc/creep.h"
#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/load_history.h"
#include "glassfit/models/hc/params.h"
#include "glassfit/models/hc/strain_control.h"
#include "glassfit/models/model.h"

namespace glassfit::hc {

struct Options {
  Anelastic anelastic = Anelastic::Published;  // J*(i w)'s KWW term: Eq. 25b as printed, or exact
  double points_per_decade = 30;               // strain-controlled solver grid
  StressBias stress_bias = StressBias::Hao;    // how stress shortens tau_beta under load
  ChiLaw chi_law = ChiLaw::Linear;             // chi(T): Eq. 22a/b or Eq. 10
};

// The nonlinear solver's path for a time-domain condition: creep steps, a strain step and rate,
// or a strain history.
LoadPath load_path_of(const Condition& c);

// The residual side: every experiment as a function of the table's values, for double and Jet.
// Time-domain tests use the linear solvers unless the stress bias or Eq. 22c is active.
struct Kernel {
  static constexpr int kWidth = kHcParameterCount;
  // fits of up to 4 (e.g. sigma_1 and a2) or 12 (a DMA fit) parameters carry that many derivatives
  static constexpr std::array<int, 2> kCompactWidths = {4, 12};
  Options options;

  template <typename T>
  bool evaluate(const T* values, const Condition& c, T* out) const {
    const HcParams<T> p = hc_params_from_array(values);
    if (!(value_of(p.E_r) < value_of(p.E_u))) return false;  // A_beta must stay positive
    switch (c.kind) {
      case Experiment::Dma: {
        const auto s = times(p, T(c.temperature_K), options.chi_law);
        const auto E = complex_modulus(complex_compliance(p, s, T(c.omega_rad_s), options.anelastic));
        out[0] = E.re, out[1] = E.im;
        return true;
      }
      case Experiment::FlowStress:
        return false;  // not predicted (Model::predicts)
      default:
        break;
    }
    const std::span<const double> t(c.times);
    const bool path = c.kind == Experiment::StrainHistory || c.kind == Experiment::StressHistory;
    if (path || (!c.linear_limit && nonlinear_response(p, options.stress_bias))) {
      const auto r = solve_load_history(p, c.temperature_K, load_path_of(c), t, history_options());
      const auto& v = c.kind == Experiment::Creep || c.kind == Experiment::StressHistory ? r.strain : r.stress_MPa;
      std::copy(v.begin(), v.end(), out);
      return true;
    }
    if (c.kind == Experiment::Creep) {
      const auto v = creep_strain_run(p, c.temperature_K, c.history, t, options.chi_law);
      std::copy(v.begin(), v.end(), out);
      return true;
    }
    StrainControlOptions sc;
    sc.points_per_decade = options.points_per_decade;
    sc.chi_law = options.chi_law;
    const auto v = solve_stress_t(p, c.temperature_K, c.program, t, sc);
    std::copy(v.begin(), v.end(), out);
    return true;
  }

  LoadHistoryOptions history_options() const {
    LoadHistoryOptions o;
    o.points_per_decade = options.points_per_decade;
    o.stress_bias = options.stress_bias;
    o.chi_law = options.chi_law;
    return o;
  }
};

ModelPtr make_model(const Options& options = {});

}  // namespace glassfit::hc
