// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/config_json.h"

#include "glassfit/io/json_number.h"

namespace glassfit::kmc {

using nlohmann::json;

const char* law_name(BarrierLaw l) {
  return l == BarrierLaw::Kww ? "kww" : l == BarrierLaw::TimeIndependent ? "time-independent" : "softening";
}
const char* loading_name(Loading l) {
  return l == Loading::StrainRate ? "strain-rate"
         : l == Loading::Creep    ? "creep"
         : l == Loading::History  ? "history"
                                  : "relaxation";
}

namespace {
json segments_json(const std::vector<LoadSegment>& history) {
  json out = json::array();
  for (const LoadSegment& s : history)
    out.push_back({{"control", s.control == LoadSegment::Control::Strain ? "strain" : "stress"},
                   {"from", s.from},
                   {"to", s.to},
                   {"duration_s", s.duration_s}});
  return out;
}
}  // namespace

json config_json(const EngineConfig& c) {
  return {{"lattice",
           {{"nx", c.grid.nx},
            {"ny", c.grid.ny},
            {"stz_volume_nm3", c.stz_volume_nm3},
            {"plane", c.elasticity.plane_strain ? "strain" : "stress"}}},
          {"stz",
           {{"modes", c.catalog.modes},
            {"strain_sd", c.catalog.strain_sd},
            {"barrier_mean_eV", c.catalog.barrier_mean_eV},
            {"barrier_sd_eV", c.catalog.barrier_sd_eV},
            {"min_barrier_eV", c.catalog.min_barrier_eV},
            {"initial_eigenstrain_sd", c.initial_eigenstrain_sd},
            {"relax_after_initial_avalanche", c.relax_after_initial_avalanche}}},
          {"material", {{"youngs_modulus_MPa", c.elasticity.E_MPa}, {"poisson_ratio", c.elasticity.nu}}},
          {"dynamics",
           {{"clock_reset", c.clock_reset == ClockReset::Stencil ? "stencil" : "centre"},
            {"catalogue", c.catalogue == Catalogue::Redraw ? "redraw" : "fixed"},
            {"avalanche_mode", c.avalanche_mode == AvalancheMode::Rate ? "rate" : "lowest"}}},
          {"barrier",
           {{"law", law_name(c.law)},
            {"attempt_frequency_per_s", c.kww.k0_per_s},
            {"E_v_eV", c.kww.E_v_eV},
            {"c", c.kww.c},
            {"Q_R_eV", c.kww.Q_R_eV},
            {"beta", c.kww.beta},
            {"kappa_p", c.softening.kappa_p},
            {"kappa_t", c.softening.kappa_t},
            {"eta_max", c.softening.eta_max},
            {"activation_energy_eV", c.softening.Q_act_eV}}},
          {"loading",
           {{"mode", loading_name(c.loading)},
            {"strain_rate_per_s", c.strain_rate_per_s},
            {"final_strain", c.final_strain},
            {"final_plastic_strain", c.final_plastic_strain},
            {"stress_MPa", c.stress_MPa},
            {"strain", c.strain},
            {"duration_s", c.duration_s},
            {"geometry", c.geometry == Geometry::Shear ? "shear" : "uniaxial"},
            {"segments", segments_json(c.history)}}},
          {"time",
           {{"scheme", c.scheme == TimeScheme::Exact    ? "exact"
                       : c.scheme == TimeScheme::Frozen ? "frozen"
                                                        : "wang"},
            {"strain_step", c.strain_step},
            {"max_step_s", number_or_null(c.max_step_s)},
            {"defo_time_s", c.defo_time_s},
            {"avalanche", c.avalanche == AvalancheUpdate::Synchronous ? "synchronous" : "sequential"}}},
          {"run",
           {{"temperature_K", c.temperature_K},
            {"seed", c.catalog.seed},
            {"threads", c.threads},
            {"max_events", c.event_limit()},
            {"max_rate_passes", c.rate_pass_limit()},
            {"max_rejections", c.rejection_limit()},
            {"stress_update", c.stress_update == EngineConfig::StressUpdate::Kernels ? "kernels" : "fft"},
            {"engine", c.engine == EngineKind::Local ? "local" : "reference"}}}};
}

}  // namespace glassfit::kmc
