#pragma once
// The HC model behind the model interface (models/model.h): its options, its fit kernel (the
// protocols templated on the scalar) and its fitting helpers.
#include <array>

#include "glassfit/models/hc/creep.h"
#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/params.h"
#include "glassfit/models/hc/strain_control.h"
#include "glassfit/models/model.h"

namespace glassfit::hc {

struct Options {
  Anelastic anelastic = Anelastic::Published;  // J*(i w)'s KWW term: Eq. 25b as printed, or exact
  double points_per_decade = 30;               // strain-controlled solver grid
};

// The residual side: every experiment as a function of the 15 table values, for double and Jet.
struct Kernel {
  static constexpr int kWidth = kHcParameterCount;
  Options options;

  template <typename T>
  bool evaluate(const T* values, const Condition& c, T* out) const {
    const HcParams<T> p = hc_params_from_array(values);
    if (!(value_of(p.E_r) < value_of(p.E_u))) return false;  // A_beta must stay positive
    switch (c.kind) {
      case Experiment::Dma: {
        const auto s = times(p, T(c.temperature_K));
        const auto E = complex_modulus(complex_compliance(p, s, T(c.omega_rad_s), options.anelastic));
        out[0] = E.re, out[1] = E.im;
        return true;
      }
      case Experiment::Creep: {
        const auto v = creep_strain_run(p, c.temperature_K, c.history, std::span<const double>(c.times));
        std::copy(v.begin(), v.end(), out);
        return true;
      }
      case Experiment::FlowStress:
        return false;  // not predicted (Model::predicts)
      default: {
        StrainControlOptions sc;
        sc.points_per_decade = options.points_per_decade;
        const auto v = solve_stress_t(p, c.temperature_K, c.program, std::span<const double>(c.times), sc);
        std::copy(v.begin(), v.end(), out);
        return true;
      }
    }
  }
};

ModelPtr make_model(const Options& options = {});

}  // namespace glassfit::hc
