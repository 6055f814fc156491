// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The one-body model of the steady flow of an STZ glass: Niiyama, Ishii, Hatano, Shimokawa,
// Ogata, "Negative strain-rate sensitivity in metallic glasses driven by rejuvenation-relaxation
// competition", Sec. IV-V. One definition per equation, templated on the scalar so that the fit
// differentiates them. Units: stress MPa, energy eV, time s, temperature K, volume nm^3. Where
// the printed equations are wrong the code follows the derivation in docs/models/onebody.md.
#include <cmath>
#include <utility>

#include "glassfit/core/constants.h"
#include "glassfit/core/scalar.h"
#include "glassfit/models/barrier_laws.h"

namespace glassfit::onebody {

// Which barrier Q(t) the STZ has: the KWW relaxation of Eq. 11, or the time-independent STZ
// model of Sec. II D (the fully relaxed barrier at all times).
enum class Barrier { Kww, TimeIndependent };

// How the stress biases the rate: the paper's forward hop over the tilted barrier, exp(-(Q -
// w)/kT) (Eq. 31), or Liu & Fan's average of the forward and backward hops, exp(-Q/kT) cosh(w/kT)
// (their Eq. 1 with kappa* = 1), w = sigma Omega / 2 the work of the applied stress.
enum class Activation { Exp, Cosh };

// What k0_bar of Eq. 31 is. The paper prints k0_bar = M N_d: read as a rate in 1/s (Printed, the
// default), or as M N_d k0 with the attempt frequency k0 of Eq. 3 (PerSite), the sum of the kMC's
// per-mode attempt rates. The two differ by (2kT/Omega) ln(k0 s) in sigma_0: 505 MPa at 300 K
// with k0 = 1e13 /s (docs/models/onebody.md, "The attempt rate").
enum class AttemptRate { Printed, PerSite };

// The readings of the paper a one-body model is computed with (its model options).
struct Reading {
  Barrier law = Barrier::Kww;
  Activation activation = Activation::Exp;
  AttemptRate attempt = AttemptRate::Printed;
};

// Positions in the parameter table (models/onebody/model.cpp).
enum Slot { kE, kQ0, kEv, kC, kQR, kBeta, kRho, kDEps, kVstz, kModes, kSites, kK0, kSlots };

// 1 MPa nm^3 in eV.
inline constexpr double kEv_per_MPa_nm3 = 1e-21 / 1.602176634e-19;

// The table's values in named form, any scalar.
template <typename S>
struct Params {
  S E_MPa, dEps, rho, V_nm3, modes, sites;
  barrier::BasicViscosityRelaxation<S> relax;
  explicit Params(const S* v)
      : E_MPa(v[kE]), dEps(v[kDEps]), rho(v[kRho]), V_nm3(v[kVstz]), modes(v[kModes]), sites(v[kSites]) {
    relax.Q0_eV = v[kQ0], relax.E_v_eV = v[kEv], relax.c = v[kC], relax.Q_R_eV = v[kQR];
    relax.beta = v[kBeta], relax.k0_per_s = v[kK0];
  }
};

// Activation volume Omega = dEps V_STZ (after Eq. 31), in eV/MPa.
template <typename S>
S omega_eV_per_MPa(const Params<S>& p) {
  return p.dEps * p.V_nm3 * kEv_per_MPa_nm3;
}

// k0_bar of Eq. 31 for the N_d = rho N_x N_y sites with M modes each, 1/s: M N_d as printed
// (per second), or M N_d k0 (AttemptRate).
template <typename S>
S attempt_rate_per_s(const Params<S>& p, AttemptRate reading) {
  const S sites_and_modes = p.modes * p.rho * p.sites;
  return reading == AttemptRate::Printed ? sites_and_modes : S(sites_and_modes * p.relax.k0_per_s);
}

// The strain one collective event releases, rho dEps (Eqs. 26-27).
template <typename S>
S strain_per_event(const Params<S>& p) {
  return p.rho * p.dEps;
}

// Q(t), dQ/dt and d2Q/dt2 in doubles (Eq. 38, Eq. 44 corrected; 0 for the time-independent law).
inline barrier::BarrierValue barrier_rates(const Params<double>& p, Barrier law, double T_K, double t_s) {
  if (law == Barrier::TimeIndependent) return barrier::relaxed_barrier(p.relax, T_K);
  return barrier::kww_barrier(p.relax, T_K, t_s);
}

inline double log_of(double x) { return std::log(x); }
template <typename J>
J log_of(const J& x) {
  return log(x);  // a ceres::Jet, by argument-dependent lookup
}

// What the rate needs at one temperature, computed once per integral: kT, the viscosity ratio
// and t_R of Eq. 11 (the kMC precomputes the same per run), Omega/2 and ln k0_bar.
template <typename S>
struct RateTerms {
  Barrier law;
  Activation activation;
  double kT;
  S Q0, Q_relaxed, ratio, tR, beta, half_omega, E, ln_attempt;
  RateTerms(const Params<S>& p, const Reading& reading, double T_K)
      : law(reading.law),
        activation(reading.activation),
        kT(kBoltzmann_eV_per_K * T_K),
        Q0(p.relax.Q0_eV),
        Q_relaxed(barrier::relaxed_barrier_eV(p.relax, T_K)),
        ratio(barrier::viscosity_ratio(p.relax, T_K)),
        tR(barrier::relaxation_time_s(p.relax, T_K)),
        beta(p.relax.beta),
        half_omega(omega_eV_per_MPa(p) / 2.0),
        E(p.E_MPa),
        ln_attempt(log_of(attempt_rate_per_s(p, reading.attempt))) {}
  // Q(t) (Eqs. 8, 11; the relaxed value for the time-independent law)
  S barrier_eV(double t_s) const {
    if (law == Barrier::TimeIndependent) return Q_relaxed;
    return Q0 + barrier::kww_rise_eV<S>(kT, ratio, tR, beta, S(t_s));
  }
  // G(t) = Q(t) - (sigma_0 + E rate t) Omega / 2 (Eqs. 25, 31), eV. X may differ from S (a Jet
  // in sigma_0 and the rate over constant parameters).
  template <typename X>
  X biased_barrier_eV(const X& sigma0_MPa, const X& rate_per_s, double t_s) const {
    return barrier_eV(t_s) - (sigma0_MPa + E * rate_per_s * t_s) * half_omega;
  }
  // ln k(t) of k(t) = k0_bar exp(-G(t)/kT) (Eq. 31), or with the cosh activation
  // k0_bar exp(-Q/kT) cosh(w/kT) = the same times exp(ln cosh(w/kT) - w/kT), where
  // ln cosh x - x = |x| - x + log1p(exp(-2|x|)) - ln 2 (no overflow; -ln 2 once w >> kT).
  template <typename X>
  X log_rate(const X& sigma0_MPa, const X& rate_per_s, double t_s) const {
    using std::exp;
    using std::log1p;
    const X lk = ln_attempt - biased_barrier_eV(sigma0_MPa, rate_per_s, t_s) / kT;
    if (activation == Activation::Exp) return lk;
    const X x = (sigma0_MPa + E * rate_per_s * t_s) * half_omega / kT;
    const X ax = value_of(x) < 0 ? X(-x) : x;
    return lk + (ax - x) + log1p(exp(X(-2.0) * ax)) - X(std::log(2.0));
  }
};

// G(t) at one temperature (RateTerms), eV.
template <typename S>
S biased_barrier_eV(const Params<S>& p, Barrier law, double T_K, const S& sigma0_MPa, const S& rate_per_s, double t_s) {
  return RateTerms<S>(p, Reading{law}, T_K).biased_barrier_eV(sigma0_MPa, rate_per_s, t_s);
}

// The intrinsic barrier Q(t) a time t after the last transformation (Eqs. 8, 11; Sec. II D).
template <typename S>
S barrier_eV(const Params<S>& p, Barrier law, double T_K, double t_s) {
  return RateTerms<S>(p, Reading{law}, T_K).barrier_eV(t_s);
}

// The time scales of the KWW barrier: t_R (Eq. 6b) and t_s = (Delta eta/eta0)^(-1/beta) t_R
// (Eq. 15), s.
template <typename S>
S relaxation_time_s(const Params<S>& p, double T_K) {
  return barrier::relaxation_time_s(p.relax, T_K);
}
template <typename S>
S rise_time_s(const Params<S>& p, double T_K) {
  using std::pow;
  return pow(barrier::viscosity_ratio(p.relax, T_K), -1.0 / p.relax.beta) * relaxation_time_s(p, T_K);
}

// The three regimes of Q(t) (Fig. 2): constant Q0 before t_s (Eq. 12), Q0 + kT (beta ln(t/t_R) +
// ln(Delta eta/eta0)) between t_s and t_R (Eq. 13), the relaxed value after t_R (Eq. 14).
inline double barrier_regimes_eV(const Params<double>& p, double T_K, double t_s) {
  const double kT = kBoltzmann_eV_per_K * T_K, D = barrier::viscosity_ratio(p.relax, T_K);
  const double tR = relaxation_time_s(p, T_K);
  if (t_s <= rise_time_s(p, T_K)) return p.relax.Q0_eV;
  if (t_s <= tR) return p.relax.Q0_eV + kT * (p.relax.beta * std::log(t_s / tR) + std::log(D));
  return p.relax.Q0_eV + kT * std::log1p(D);
}

// The characteristic strain rates of a time scale: rho dEps / t from the steady flow rate * t =
// rho dEps (Eq. 27; the paper prints rho dEps t), 1/s.
inline double characteristic_rate_per_s(const Params<double>& p, double time_s) { return strain_per_event(p) / time_s; }

}  // namespace glassfit::onebody
