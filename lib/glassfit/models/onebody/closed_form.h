// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The closed-form side of the one-body model (Niiyama et al., Sec. IV B-C and V): the flow
// stress at the peak of the waiting-time density (Eq. 35 with t* of Eq. 36), its strain-rate
// sensitivity m (Eqs. 41-44), the transition-regime forms (Eqs. 45-47) and the negative-SRS
// condition (Eq. 48). Doubles; stress MPa, energy eV, time s. Corrections of the printed forms:
// docs/models/onebody.md.
#include <cmath>
#include <limits>

#include "glassfit/models/onebody/onebody.h"

namespace glassfit::onebody {

struct ClosedForm {
  double t_peak_s;         // t* = rho dEps / rate (Eq. 36)
  double flow_stress_MPa;  // sigma_0 of Eq. 35; NaN where dQ/dt(t*) >= Omega E rate / 2 (no peak)
  double m;                // SRS index of Eqs. 42-43 (with d2Q/dt*2); NaN with the flow stress
  double m_slow;           // Eq. 47: m with dQ/dt dropped inside the logarithm
  bool negative_srs;       // Eq. 48: dQ/dt(t*) > kT / t*
};

inline ClosedForm closed_form(const Params<double>& p, const Reading& reading, double T_K, double rate_per_s) {
  const double kT = kBoltzmann_eV_per_K * T_K, Omega = omega_eV_per_MPa(p);
  const double t_star = strain_per_event(p) / rate_per_s;  // Eq. 36
  const auto Q = barrier_rates(p, reading.law, T_K, t_star);
  const double load = Omega * p.E_MPa * rate_per_s / 2;  // Omega E rate / 2, eV/s
  ClosedForm out{t_star, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
                 std::numeric_limits<double>::quiet_NaN(), Q.dQ_dt > kT / t_star};
  if (load - Q.dQ_dt > 0) {
    // Eq. 35
    out.flow_stress_MPa = 2 * kT / Omega * std::log((load - Q.dQ_dt) / (attempt_rate_per_s(p, reading.attempt) * kT)) +
                          2 * Q.Q_eV / Omega - p.E_MPa * strain_per_event(p);
    // Eqs. 42-43 times rate: dQ(t*)/d rate = -(t*/rate) dQ/dt, d(dQ/dt)(t*)/d rate = -(t*/rate) d2Q/dt2.
    out.m =
        2 / (Omega * out.flow_stress_MPa) * (kT * (load + t_star * Q.d2Q_dt2) / (load - Q.dQ_dt) - t_star * Q.dQ_dt);
    out.m_slow = 2 / (Omega * out.flow_stress_MPa) * (kT - t_star * Q.dQ_dt);  // Eq. 47
  }
  return out;
}

// Eq. 46 as derived from Eq. 35 with the transition-regime barrier of Eq. 13 (dQ/dt = beta kT/t,
// Eq. 45): sigma_0 = (2kT/Omega)(1 - beta) ln(rate) - E rho dEps + (2kT/Omega){ln[(Delta eta /
// eta0)/k0_bar (Omega E/(2kT) - beta/(rho dEps))] + Q0/kT + beta ln(rho dEps) - beta ln t_R}.
// The printed form has 1/(beta rho dEps) for beta/(rho dEps) and lacks -beta ln t_R.
inline double transition_flow_stress_MPa(const Params<double>& p, AttemptRate attempt, double T_K, double rate_per_s) {
  const double kT = kBoltzmann_eV_per_K * T_K, Omega = omega_eV_per_MPa(p), a = strain_per_event(p);
  const double beta = p.relax.beta, D = barrier::viscosity_ratio(p.relax, T_K);
  const double inner = D / attempt_rate_per_s(p, attempt) * (Omega * p.E_MPa / (2 * kT) - beta / a);
  return 2 * kT / Omega * (1 - beta) * std::log(rate_per_s) - p.E_MPa * a +
         2 * kT / Omega *
             (std::log(inner) + p.relax.Q0_eV / kT + beta * std::log(a) - beta * std::log(relaxation_time_s(p, T_K)));
}

}  // namespace glassfit::onebody
