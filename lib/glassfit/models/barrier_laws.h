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

// Generation-dependent softening of Wang et al., "Atomistically informed mesoscale modelling..."
// Sec. 2.3 (their Eq. 10-12), as the issue describes it: each transformation of an STZ lowers
// its barrier permanently by a step, up to a saturation, and temporarily by an amount that
// recovers as exp(-t / tau). The exact functional form is our reconstruction (their text was not
// available): Delta Q = -min(g step, saturation) - temporary exp(-t / tau) for g >= 1
// transformations so far, 0 for g = 0. Energies in eV, times in s.
struct Softening {
  double permanent_step_eV = 0.05;
  double permanent_max_eV = 0.5;
  double temporary_eV = 0.3;
  double recovery_time_s = 1.0;
};

inline double softening_offset_eV(const Softening& s, long generation, double t_s) {
  if (generation <= 0) return 0.0;
  return -std::min(double(generation) * s.permanent_step_eV, s.permanent_max_eV) -
         s.temporary_eV * std::exp(-t_s / s.recovery_time_s);
}

}  // namespace glassfit::barrier
