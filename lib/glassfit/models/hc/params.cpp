// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/hc/params.h"

#include <array>
#include <fmt/format.h>

#include "glassfit/core/error.h"

namespace glassfit {
namespace {

using D = Dimension;
const std::array<ParameterSpec, 16> kTable = {{
    {"E_u", D::Stress, "MPa", 33000, 0, kInf, false, false, false, "unrelaxed Young's modulus; J_el = 1/E_u"},
    {"E_r", D::Stress, "MPa", 30600, 0, kInf, false, false, false,
     "modulus relaxed by the beta process; A_beta = 1/E_r - 1/E_u (needs E_r < E_u)"},
    {"U_beta", D::Energy, "J/mol", 83120, 0, kInf, false, false, false, "activation energy of beta relaxation (Eq. 8)"},
    {"tau_beta0", D::Time, "s", 1.86e-13, 0, kInf, false, false, true,
     "pre-exponential time of beta relaxation (Eq. 8)"},
    {"A_an", D::Compliance, "1/MPa", 1.5e-5, 0, kInf, true, false, true, "anelastic compliance amplitude (Eq. 25)"},
    {"A_vp", D::Compliance, "1/MPa", 1.5e-5, 0, kInf, true, false, true, "viscoplastic compliance amplitude (Eq. 25)"},
    {"chi_Tg", D::Dimensionless, "-", 0.4, 0, 1, false, true, false, "correlation factor at and below T_g (Eq. 22a)"},
    {"a1", D::Dimensionless, "1/K", 0.00231, 0, kInf, true, false, false, "rise of chi per kelvin above T_g (Eq. 22b)"},
    {"t0", D::Time, "s", 6e-7, 0, kInf, false, false, true, "time scale of hierarchical correlation (Eq. 11b)"},
    {"T_g", D::Temperature, "K", 453, 0, kInf, false, false, false, "glass transition temperature"},
    {"B", D::Dimensionless, "-", 0.3, 0, kInf, false, false, false,
     "width parameter of the Gumbel beta spectrum, u = B ln(tau/tau_beta) (Eq. 24; not in Table 1)"},
    {"sigma_1", D::Stress, "MPa", 28000, 0, kInf, false, true, false,
     "stress of athermal crossing in the stress-biased tau_beta (Eq. 9, Table 1); inf = no bias (Eq. 8)"},
    {"a2", D::Dimensionless, "-", 1.8, 0, kInf, true, false, false,
     "rise of chi per unit anelastic strain, chi = chi(T) + a2 eps_an (Eq. 22c, Table 1); 0 = chi fixed"},
    {"H_d", D::Energy, "J/mol", 10465, 0, kInf, true, false, false,
     "formation enthalpy of a quasi-point defect in C_d (Eq. 1); not in the paper: our choice makes Eq. 10 "
     "rise like Eq. 22b at T_g"},
    {"S_d", D::Dimensionless, "-", 0.0, -kInf, kInf, false, false, false,
     "formation entropy of a quasi-point defect in units of R, in C_d (Eq. 1); not in the paper"},
    {"V_act", D::Dimensionless, "A^3", 60.0, 0, kInf, true, false, false,
     "activation volume of the cosh stress bias of tau_beta (Liu & Fan Eq. 1, ~60 A^3); stress_bias = cosh only"},
}};

}  // namespace

std::span<const ParameterSpec> hc_parameter_table() { return kTable; }

HcParams<double> hc_params_from(const ParameterSet& s) {
  HcParams<double> p{s["E_u"], s["E_r"], s["U_beta"], s["tau_beta0"], s["A_an"], s["A_vp"], s["chi_Tg"], s["a1"],
                     s["t0"],  s["T_g"], s["B"],      s["sigma_1"],   s["a2"],   s["H_d"],  s["S_d"],    s["V_act"]};
  if (!(p.E_r < p.E_u))
    throw InputError(fmt::format("parameter 'E_r': {:g} MPa must be below E_u = {:g} MPa (A_beta = 1/E_r - 1/E_u > 0)",
                                 p.E_r, p.E_u));
  return p;
}

}  // namespace glassfit
