// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Activation-barrier laws Q(t) of an STZ, t the time since its last transformation, shared by
// the one-body SRS model and the kMC engine. Niiyama et al., "Negative strain-rate sensitivity
// in metallic glasses driven by rejuvenation-relaxation competition", Eq. 6 and 11. Energies in
// eV, temperatures in K, times in s. Each law gives Q and its first two time derivatives; Q is
// templated on the scalar so that fits get exact derivatives in the parameters.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "glassfit/core/constants.h"

namespace glassfit::barrier {

struct BarrierValue {
  double Q_eV, dQ_dt, d2Q_dt2;  // eV, eV/s, eV/s^2
};

// Viscosity relaxation: Delta eta / eta_0 = exp(E_v / kT - c) (Eq. 6a) and the relaxation time
// t_R = exp(Q_R / kT) / k0 (Eq. 6b). S is the scalar: double, or a ceres::Jet when the one-body
// model's fit differentiates the barrier in its parameters.
template <typename S>
struct BasicViscosityRelaxation {
  S Q0_eV = S(4.0);  // stress-free barrier right after a transformation
  S E_v_eV = S(3.28);
  S c = S(60.45);
  S Q_R_eV = S(1.2);
  S beta = S(1.0);       // KWW exponent (0.6, 1.0, 1.3 in the paper)
  S k0_per_s = S(1e13);  // attempt frequency: not stated in the paper; our choice (docs)
};
using ViscosityRelaxation = BasicViscosityRelaxation<double>;

template <typename S>
S viscosity_ratio(const BasicViscosityRelaxation<S>& p, double T_K) {  // Eq. 6a
  using std::exp;
  return exp(p.E_v_eV / (kBoltzmann_eV_per_K * T_K) - p.c);
}

template <typename S>
S relaxation_time_s(const BasicViscosityRelaxation<S>& p, double T_K) {  // Eq. 6b
  using std::exp;
  return exp(p.Q_R_eV / (kBoltzmann_eV_per_K * T_K)) / p.k0_per_s;
}

// The rise of the KWW barrier above Q0, kT ln(1 + (Delta eta/eta0)(1 - exp(-(t/t_R)^beta)))
// (Eq. 11 less Q0), with Delta eta/eta0 and t_R given: the kMC evaluates it per voxel with both
// precomputed. 0 for t <= 0.
template <typename S>
S kww_rise_eV(double kT, const S& viscosity_ratio, const S& tR_s, const S& beta, const S& t_s) {
  using std::expm1;
  using std::log;
  using std::pow;
  if (!(t_s > 0)) return S(0.0);
  // 1 - exp(-x) by expm1: Delta eta/eta0 reaches 1e15, so right after an event x ~ 1e-15
  // matters and 1 - exp(-x) would be mostly rounding noise.
  return kT * log(1.0 - viscosity_ratio * expm1(-pow(t_s / tR_s, beta)));
}

// KWW barrier relaxation Q(t) = Q0 + kT ln(1 + (Delta eta/eta0)(1 - exp(-(t/t_R)^beta))) (Eq. 11),
// for t >= 0.
template <typename S>
S kww_barrier_eV(const BasicViscosityRelaxation<S>& p, double T_K, const S& t_s) {
  return p.Q0_eV +
         kww_rise_eV<S>(kBoltzmann_eV_per_K * T_K, viscosity_ratio(p, T_K), relaxation_time_s(p, T_K), p.beta, t_s);
}

// Q and its first two time derivatives, for t > 0 (at t = 0 they are singular when beta < 1).
// dQ/dt is Eq. 38; d2Q/dt2 is Eq. 44 with the sign in front corrected (docs/models/onebody.md).
inline BarrierValue kww_barrier(const ViscosityRelaxation& p, double T_K, double t_s) {
  if (!(t_s > 0)) throw std::domain_error("kww_barrier: derivatives need t > 0");
  const double kT = kBoltzmann_eV_per_K * T_K, D = viscosity_ratio(p, T_K), tR = relaxation_time_s(p, T_K);
  const double x = std::pow(t_s / tR, p.beta), e = std::exp(-x);
  const double g = 1 - D * std::expm1(-x);  // the log's argument (expm1: see above)
  const double dx = p.beta * x / t_s;       // dx/dt
  const double d2x = p.beta * (p.beta - 1) * x / (t_s * t_s);
  const double dg = D * e * dx, d2g = D * e * (d2x - dx * dx);
  return {p.Q0_eV + kT * std::log(g), kT * dg / g, kT * (d2g / g - dg * dg / (g * g))};
}

// Time-independent barrier: the fully relaxed value Q0 + kT ln(1 + Delta eta/eta0) (Sec. II D).
template <typename S>
S relaxed_barrier_eV(const BasicViscosityRelaxation<S>& p, double T_K) {
  using std::log1p;
  return p.Q0_eV + kBoltzmann_eV_per_K * T_K * log1p(viscosity_ratio(p, T_K));
}
inline BarrierValue relaxed_barrier(const ViscosityRelaxation& p, double T_K) {
  return {relaxed_barrier_eV(p, T_K), 0.0, 0.0};
}

// Shear-induced softening of Wang et al. (paper 001, Sec. 3.1). A mode's stress-free barrier is
// dF* exp(-eta) (Eq. 8), with eta = eta_p + eta_t exp(-t / tau) (Eq. 10): t the time since the
// site's last transformation, tau = 1 / (nu0 exp(-Q_act / kT)) (Eq. 9). Each transformation adds
// kappa_p eps^2 to the permanent eta_p, up to eta_max (Eq. 11), and sets the temporary
// eta_t = kappa_t eps^2 (Eq. 12); eps is the von Mises shear strain of the executed
// transformation strain (our reading of "the local von Mises strain invariant": docs/kmc.md).
// A site never transformed has eta = 0.
struct Softening {
  double kappa_p = 13, kappa_t = 39;
  double eta_max = 0.51082562376599068;  // -ln 0.6
  double Q_act_eV = 0.37;                // Dubach et al.'s diffusional relaxation, as Wang et al. use it
};

struct SofteningState {
  double permanent = 0, temporary = 0;  // eta_p and eta_t
};

// Eq. 9: the recovery time of the temporary softening, s.
inline double softening_recovery_time_s(const Softening& s, double nu0_per_s, double T_K) {
  return std::exp(s.Q_act_eV / (kBoltzmann_eV_per_K * T_K)) / nu0_per_s;
}

// Eq. 10: eta at time t_s after the site's last transformation (t_s = infinity: none since).
inline double softening_eta(const SofteningState& st, double t_s, double tau_s) {
  return st.permanent + st.temporary * std::exp(-t_s / tau_s);
}

// Eqs. 11 and 12: the state after a transformation whose von Mises shear strain is eps.
inline SofteningState soften(const Softening& s, const SofteningState& st, double eps) {
  return {std::min(st.permanent + s.kappa_p * eps * eps, s.eta_max), s.kappa_t * eps * eps};
}

}  // namespace glassfit::barrier
