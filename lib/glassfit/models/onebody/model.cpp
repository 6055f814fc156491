// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/onebody/model.h"

#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/models/autodiff_kernel.h"
#include "glassfit/models/onebody/register.h"

namespace glassfit::onebody {
namespace {

using D = Dimension;

// Table order is the Slot enum (onebody.h). The physical ranges are wide but finite: beyond
// them (an STZ of 1e300 nm^3, a KWW exponent of 1e-300) the model's scales leave a double's range
// and nothing physical is lost (docs/models/onebody.md).
const ParameterSpec kTable[] = {
    {"E", D::Stress, "MPa", 88600, 0, 1e7, false, true, false, "Young's modulus (Sec. II D: 88.6 GPa)"},
    {"Q0", D::Energy, "eV", 4.0, 0, 100, false, true, false,
     "mean stress-free barrier right after a transformation, Q(0) (Sec. II D)"},
    {"E_v", D::Energy, "eV", 3.28, 0, 100, true, true, false,
     "activation energy of the viscosity ratio Delta eta/eta0 = exp(E_v/kT - c) (Eq. 11)"},
    {"c", D::Dimensionless, "-", 60.45, -1e4, 1e4, true, true, false,
     "constant of the viscosity ratio exp(E_v/kT - c) (Eq. 11)"},
    {"Q_R", D::Energy, "eV", 1.2, 0, 100, false, true, false,
     "activation energy of the relaxation time t_R = exp(Q_R/kT)/k0 (Eq. 6)"},
    {"beta", D::Dimensionless, "-", 1.0, 0.1, 10, true, true, false,
     "KWW exponent of the barrier's relaxation (Eq. 11): <1 stretched, >1 compressed"},
    {"rho", D::Dimensionless, "-", 0.25, 0, 1, false, true, false,
     "fraction of sites that transform, N_d/(N_x N_y) (Eq. 26; App. A: 1/4)"},
    {"dEps", D::Dimensionless, "-", 0.1, 0, 1, false, true, false,
     "mean transformation strain along the load (Eq. 26; App. B: 0.1)"},
    {"V_STZ", D::Dimensionless, "nm^3", 1.7 * 1.7 * 1.7, 1e-3, 1e4, true, true, true,
     "STZ volume, d^3 with d = 1.7 nm; Omega = dEps V_STZ (Eq. 31)"},
    {"M", D::Dimensionless, "-", 20, 1, 1e6, true, true, false, "deformation modes per STZ (Sec. II D)"},
    {"sites", D::Dimensionless, "-", 256 * 256, 1, 1e12, true, true, false,
     "lattice sites N_x N_y (256 x 256); N_d = rho N_x N_y"},
    {"k0", D::StrainRate, "1/s", 1e13, 1, 1e20, true, true, true,
     "attempt frequency of Eqs. 3 and 6 (not stated in the paper: our default)"},
};
static_assert(std::size(kTable) == kSlots);

class OneBodyModel final : public Model {
 public:
  explicit OneBodyModel(const Reading& reading) : kernel_(Kernel{reading}) {}
  std::string name() const override { return "onebody"; }
  std::string meaning() const override {
    return fmt::format("one-body steady-flow STZ model (Niiyama et al. Sec. IV), {} barrier{}, k0_bar = {}",
                       reading().law == Barrier::Kww ? "KWW-relaxing" : "time-independent",
                       reading().activation == Activation::Cosh ? ", cosh activation (Liu & Fan)" : "",
                       reading().attempt == AttemptRate::Printed ? "M N_d per second" : "M N_d k0");
  }
  std::span<const ParameterSpec> parameters() const override { return kTable; }
  std::string relation_violation(std::span<const double>) const override { return {}; }
  bool predicts(Experiment kind) const override { return kind == Experiment::FlowStress; }
  std::string data_problem(const ExperimentData& data) const override {
    if (!data.has_temperature()) return "the one-body model needs the temperature of every flow stress";
    return {};
  }
  void predict(std::span<const double> values, const Condition& c, std::span<double> out) const override {
    if (c.kind != Experiment::FlowStress)
      throw InputError(fmt::format("the one-body model predicts flow stresses, not {}", experiment_name(c.kind)));
    out[0] = flow_stress(values, loading_at(reading(), c.temperature_K, c.program.strain_rate_per_s)).sigma0_MPa;
  }
  std::vector<double> relaxation_modulus(std::span<const double>, double, std::span<const double>) const override {
    throw InputError("the one-body model has no relaxation modulus: it predicts steady flow stresses");
  }
  const FitKernel& kernel() const override { return kernel_; }
  FitHelpers fit_helpers() const override {
    FitHelpers h;
    // rho is left fixed: its offset trades almost exactly against Q0's (docs/models/onebody.md)
    h.free_by_default = {kQ0, kVstz};
    if (reading().law == Barrier::Kww) h.free_by_default = {kQ0, kQR, kBeta, kVstz};
    return h;
  }
  const Reading& reading() const { return kernel_.kernel().reading; }

 private:
  AutoDiffKernel<Kernel> kernel_;
};

ModelPtr from_setup(const ModelSetup& setup) {
  check_model_options(setup, "onebody", {"barrier", "activation", "attempt_rate"});
  const std::string b = model_option(setup, "barrier", "kww");
  if (b != "kww" && b != "time_independent")
    throw InputError(fmt::format("model onebody option 'barrier': '{}' is not kww or time_independent", b));
  const std::string a = model_option(setup, "activation", "exp");
  if (a != "exp" && a != "cosh")
    throw InputError(fmt::format("model onebody option 'activation': '{}' is not exp or cosh", a));
  const std::string k = model_option(setup, "attempt_rate", "printed");
  if (k != "printed" && k != "per_site")
    throw InputError(fmt::format("model onebody option 'attempt_rate': '{}' is not printed or per_site", k));
  return make_model({b == "kww" ? Barrier::Kww : Barrier::TimeIndependent,
                     a == "cosh" ? Activation::Cosh : Activation::Exp,
                     k == "printed" ? AttemptRate::Printed : AttemptRate::PerSite});
}

}  // namespace

std::span<const ParameterSpec> parameter_table() { return kTable; }

ModelPtr make_model(const Reading& reading) { return std::make_shared<OneBodyModel>(reading); }

namespace {
const OneBodyModel& one_body(const Model& model) {
  const auto* m = dynamic_cast<const OneBodyModel*>(&model);
  if (!m) throw InputError(fmt::format("model {} is not the one-body model", model.name()));
  return *m;
}
}  // namespace

Reading reading_of(const Model& model) { return one_body(model).reading(); }

ModelEntry registry_entry() {
  return {"onebody",
          "one-body strain-rate-sensitivity model (Niiyama et al.): steady flow stress against rate and "
          "temperature; defaults: the paper's Zr-based glass",
          "barrier: \"kww\" (Q(t) of Eq. 11, default) or \"time_independent\" (the relaxed barrier at all times, "
          "Sec. II D)\n"
          "activation: \"exp\" (the forward hop over the tilted barrier, Eq. 31, default) or \"cosh\" (Liu & "
          "Fan Eq. 1: exp(-Q/kT) cosh(sigma Omega/2kT), forward and backward hops averaged; the closed forms "
          "of Sec. V are for exp only)\n"
          "attempt_rate: \"printed\" (k0_bar = M N_d per second, Eq. 31 as printed, default) or \"per_site\" "
          "(k0_bar = M N_d k0, the sum of the kMC's attempt rates; sigma_0 lower by (2kT/Omega) ln(k0 s))",
          from_setup};
}

}  // namespace glassfit::onebody
