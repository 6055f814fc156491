// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The Prony series (generalized Maxwell model), templated on the scalar:
//   E(t) = E_inf + sum_i E_i exp(-t/tau_i)
//   E*(i w) = E_inf + sum_i E_i (i w tau_i)/(1 + i w tau_i):
//     E' = E_inf + sum_i E_i (w tau_i)^2/(1 + (w tau_i)^2),  E'' = sum_i E_i w tau_i/(1 + (w tau_i)^2)
//   stress under strain(t) = step + rate t (Boltzmann superposition of E):
//     sigma(t) = step E(t) + rate [E_inf t + sum_i E_i tau_i (1 - exp(-t/tau_i))]
// Values in table order: E_inf, E_1..E_n, tau_1..tau_n (MPa, s).
#include <cmath>

namespace glassfit::prony {

template <typename T>
struct Terms {
  const T* v;  // E_inf, E_1..E_n, tau_1..tau_n
  int n;
  const T& E_inf() const { return v[0]; }
  const T& E(int i) const { return v[1 + i]; }
  const T& tau(int i) const { return v[1 + n + i]; }
};

template <typename T>
void complex_modulus(const Terms<T>& p, double omega_rad_s, T& storage, T& loss) {
  storage = p.E_inf();
  loss = T(0.0);
  for (int i = 0; i < p.n; ++i) {
    const T wt = T(omega_rad_s) * p.tau(i);
    const T d = T(1.0) + wt * wt;
    storage += p.E(i) * (wt * wt / d);
    loss += p.E(i) * (wt / d);
  }
}

// Stress at time t > 0 after a strain step `step` at t = 0 and a constant strain rate `rate`.
template <typename T>
T strain_program_stress(const Terms<T>& p, double step, double rate_per_s, double t_s) {
  using std::exp;
  using std::expm1;
  T s = p.E_inf() * T(step + rate_per_s * t_s);
  for (int i = 0; i < p.n; ++i) {
    const T x = T(t_s) / p.tau(i);
    s += p.E(i) * (T(step) * exp(-x) - T(rate_per_s) * p.tau(i) * expm1(-x));
  }
  return s;
}

}  // namespace glassfit::prony
