// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/hc/model.h"

#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/models/autodiff_kernel.h"
#include "glassfit/models/hc/dma.h"

namespace glassfit::hc {

LoadPath load_path_of(const Condition& c) {
  switch (c.kind) {
    case Experiment::Creep:
      return stress_steps_path(c.history);
    case Experiment::StrainHistory:
    case Experiment::StressHistory: {
      LoadPath path;
      path.control = c.kind == Experiment::StressHistory ? LoadPath::Control::Stress : LoadPath::Control::Strain;
      path.nodes = c.history;
      return path;
    }
    default:
      return strain_program_path(c.program.strain_step, c.program.strain_rate_per_s,
                                 c.times.empty() ? 0.0 : c.times.back());
  }
}

namespace {

// Slots of the HC table (params.cpp) that the fitting helpers name.
constexpr int kU = 2, kTauBeta0 = 3, kT0 = 8;

HcParams<double> params_of(std::span<const double> v) { return hc_params_from_array(v.data()); }

class HcModel final : public Model {
 public:
  explicit HcModel(const Options& o) : kernel_(Kernel{o}), options_(o) {}
  std::string name() const override { return "hc"; }
  std::string meaning() const override {
    return "hierarchically correlated compliance model (Hao et al.); defaults: Table 1, La60Ni15Al25";
  }
  std::span<const ParameterSpec> parameters() const override { return hc_parameter_table(); }
  std::string relation_violation(std::span<const double> v) const override {
    if (v[1] < v[0]) return {};
    return fmt::format("E_r = {:g} MPa must be below E_u = {:g} MPa (A_beta = 1/E_r - 1/E_u > 0)", v[1], v[0]);
  }
  bool predicts(Experiment kind) const override { return kind != Experiment::FlowStress; }
  void predict(std::span<const double> values, const Condition& c, std::span<double> out) const override {
    if (!kernel_.kernel().evaluate(values.data(), c, out.data())) throw InputError(relation_violation(values));
  }
  std::vector<ExtraColumn> dma_extras(std::span<const double> values,
                                      std::span<const Condition> points) const override {
    std::vector<DmaPoint> pts;
    for (const auto& c : points) pts.push_back({c.temperature_K, c.omega_rad_s / (2 * kPi)});
    const auto p = params_of(values);
    const auto pred = predict_dma(p, pts, options_.anelastic);
    const auto parts = predict_dma_loss_parts(p, pts, options_.anelastic);
    ExtraColumn beta{"loss_modulus_beta [MPa]", "E'' beta", {}};
    ExtraColumn alpha{"loss_modulus_alpha [MPa]", "E'' alpha (anelastic + viscoplastic)", {}};
    ExtraColumn tan{"tan_delta [-]", "tan delta", {}};
    for (size_t i = 0; i < pts.size(); ++i) {
      beta.values.push_back(parts[i].beta_MPa);
      alpha.values.push_back(parts[i].alpha_MPa);
      tan.values.push_back(pred[i].tan_delta);
    }
    return {beta, alpha, tan};
  }
  std::vector<ExtraColumn> time_extras(std::span<const double> values, const Condition& c) const override {
    if (c.kind == Experiment::Dma || c.kind == Experiment::FlowStress) return {};
    const auto r = solve_load_history(params_of(values), c.temperature_K, load_path_of(c), std::span(c.times),
                                      kernel_.kernel().history_options());
    return {{"strain_elastic [-]", "elastic", r.elastic},
            {"strain_beta [-]", "beta", r.beta},
            {"strain_anelastic [-]", "anelastic", r.anelastic},
            {"strain_viscoplastic [-]", "viscoplastic", r.viscoplastic},
            {"chi [-]", "chi", r.chi}};
  }
  std::string time_scales_at(std::span<const double> values, double T) const override {
    const auto s = times(params_of(values), T, options_.chi_law);
    return fmt::format(
        "tau_beta = {:.3g} s, tau_max = {:.3g} s, chi = {:.3g}; check tau_beta0, U_beta, t0, chi_Tg, "
        "A_an, A_vp and the conditions",
        s.tau_beta, s.tau_max, s.chi);
  }
  std::optional<ProcessTimes> process_times(std::span<const double> values, double T) const override {
    const auto s = times(params_of(values), T, options_.chi_law);
    return ProcessTimes{s.tau_beta, s.tau_max, s.chi};
  }
  const FitKernel& kernel() const override { return kernel_; }

  FitHelpers fit_helpers() const override {
    FitHelpers h;
    for (const auto group : kHcProcess) h.process.push_back(static_cast<int>(group));
    h.time_scales = {kTauBeta0, kT0};
    h.window_needs = {kU};
    h.data_window_draw = [](int k, double u, std::span<const double> values, std::span<const double> x,
                            const DataWindow& w) {
      // tau_beta (Eq. 8) or tau_max (Eq. 11b) at the median data temperature placed at u in the
      // data's time window widened by a decade either side.
      const double lo = w.log10_lo - 1, hi = w.log10_hi + 1, T_ref = w.median_temperature_K;
      const double c = 1.0 / (kGasConstant_J_per_molK * T_ref * std::log(10.0));
      const double log_tau_beta_ref = x[kTauBeta0] + values[kU] * c;
      if (k == kTauBeta0) return (lo + (hi - lo) * u) - values[kU] * c;
      const double chi = std::min(0.999, hc::chi(params_of(values), T_ref));  // Eq. 22b: a draw's guide only
      const double log_tau_max = lo + (hi - lo) * u;
      return (log_tau_beta_ref - chi * log_tau_max) / (1 - chi);
    };
    return h;
  }

 private:
  AutoDiffKernel<Kernel> kernel_;
  Options options_;
};

}  // namespace

ModelPtr make_model(const Options& options) { return std::make_shared<HcModel>(options); }

}  // namespace glassfit::hc

#include "glassfit/models/hc/register.h"

namespace glassfit::hc {

namespace {

template <typename E>
E choice(const ModelSetup& setup, const std::string& option, const std::string& fallback,
         std::initializer_list<std::pair<const char*, E>> choices) {
  const std::string v = model_option(setup, option, fallback);
  std::string names;
  for (const auto& [name, e] : choices) {
    if (v == name) return e;
    names += (names.empty() ? "\"" : ", \"") + std::string(name) + "\"";
  }
  throw InputError(fmt::format("model hc option '{}' must be one of {}, not '{}'", option, names, v));
}

ModelPtr from_setup(const ModelSetup& setup) {
  check_model_options(setup, "hc", {"anelastic", "points_per_decade", "stress_bias", "chi_law"});
  Options o;
  o.anelastic = choice<Anelastic>(setup, "anelastic", "published",
                                  {{"published", Anelastic::Published}, {"exact", Anelastic::Exact}});
  o.stress_bias = choice<StressBias>(
      setup, "stress_bias", "hao", {{"hao", StressBias::Hao}, {"cosh", StressBias::Cosh}, {"none", StressBias::None}});
  o.chi_law = choice<ChiLaw>(setup, "chi_law", "linear", {{"linear", ChiLaw::Linear}, {"defects", ChiLaw::Defects}});
  o.points_per_decade = model_option_number(setup, "hc", "points_per_decade", 30);
  if (!(o.points_per_decade >= 1)) throw InputError("model hc option 'points_per_decade' must be at least 1");
  return make_model(o);
}

}  // namespace

ModelEntry registry_entry() {
  return {"hc", "hierarchically correlated compliance model (Hao et al.); defaults: Table 1, La60Ni15Al25",
          "anelastic: \"published\" (Eq. 25b as printed, default) or \"exact\" (the exact KWW transform) for "
          "J*(i w)\n"
          "stress_bias: how a load shortens tau_beta in creep, relaxation, tension and strain histories: \"hao\" "
          "(Eq. 9 with sigma_1, default), \"cosh\" (Liu & Fan Eq. 1, cosh(tau V_act / k T), tau = sigma/sqrt(3)) "
          "or \"none\" (Eq. 8)\n"
          "chi_law: chi(T) by \"linear\" (Eq. 22a/b, default) or \"defects\" (Eq. 10: chi_Tg C_d(T)/C_d(T_g), "
          "C_d of Eq. 1)\n"
          "points_per_decade: grid of the time-domain solvers (default 30)",
          from_setup};
}

}  // namespace glassfit::hc
