// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The numerical flow stress of the one-body model (Niiyama et al., Sec. IV A): the sigma_0 at
// which the mean waiting time of the one-body rate (Eqs. 30-32) meets the steady-flow condition
// rate * t_mean = rho dEps (Eq. 27), with its derivatives by the implicit-function theorem.
// Values are in the model's table order (models/onebody/onebody.h: Slot).
#include <array>
#include <span>

#include "glassfit/models/onebody/onebody.h"

namespace glassfit::onebody {

// Where one solve stands: the temperature, the strain rate and the law.
// The strain rates the model is computed at, 1/s: faster, the load outruns the attempt
// frequency's scale (and the kMC refuses them too); slower, the target interval leaves the range
// the integrals are scaled for.
inline constexpr double kMinStrainRate_per_s = 1e-15, kMaxStrainRate_per_s = 1e9;
inline constexpr double kMaxTemperature_K = 1e4;

struct Loading;
// InputError unless the loading is one the model is computed at: T > 0 and above the temperature
// where exp(E_v/kT - c) or exp(Q_R/kT)/k0 leave a double's range, and a strain rate within
// [kMinStrainRate_per_s, kMaxStrainRate_per_s].
void check_loading(std::span<const double> values, const Loading& at);

struct Loading {
  Barrier law = Barrier::Kww;
  double temperature_K = 0;
  double rate_per_s = 0;
  Activation activation = Activation::Exp;
  AttemptRate attempt = AttemptRate::Printed;
  Reading reading() const { return {law, activation, attempt}; }
};
inline Loading loading_at(const Reading& r, double temperature_K, double rate_per_s) {
  return {r.law, temperature_K, rate_per_s, r.activation, r.attempt};
}

// The mean interval t_mean = integral_0^t_c S(t) dt, S(t) = exp(-integral_0^t k), with t_c where
// G(t_c) = 0: Eq. 32 integrated by parts, plus t_c S(t_c) (the event is certain once the barrier
// has vanished; the paper's truncated Eq. 32 lacks that term, which is below 1e-300 s in its
// range with k0_bar = M N_d k0, but not at high rates with k0_bar = M N_d per second). Adaptive: the running integrals
// are integrated in ln t by an error-controlled Dormand-Prince scheme (Boost.Odeint) to 1e-8 relative. 0 when G(0) <=
// 0.
double mean_interval_s(std::span<const double> values, const Loading& at, double sigma0_MPa);

// The same integral by the paper's recipe: trapezoid over n (the paper: 2000) log-spaced
// subintervals from 1e-20 s to t_c (the cumulative rate by the same trapezoids). With the
// paper's values 2000 subintervals are wider than the waiting-time peak (docs/models/onebody.md).
double mean_interval_paper_s(std::span<const double> values, const Loading& at, double sigma0_MPa, int n = 2000);

struct FlowStress {
  double sigma0_MPa;
  double dsigma0_dlnrate_MPa;  // by the implicit-function theorem at the root
  double m;                    // d ln sigma_0 / d ln rate (Eq. 41); no meaning where sigma_0 <= 0
  double mean_interval_s;
  int evaluations;  // mean intervals the root took (integrals, or expansions)
  // S(t_c) at the root: the share of intervals the load ends athermally, at the stress where the
  // barrier vanishes, before a thermal event (the boundary term of Eq. 32).
  double survival_at_tc;
};

// sigma_0 solving rate * t_mean(sigma_0) = rho dEps (Eq. 27), and m at the root: by the asymptotic
// expansion of flow_stress_asymptotic.h where its bounds hold (all of the paper's map with the exp
// activation), else by flow_stress_adaptive at 1e-10. InputError where the parameters leave no root.
FlowStress flow_stress(std::span<const double> values, const Loading& at);

// The same by integration: Boost.Math's bracketed Newton iteration on the adaptive mean interval
// (integrated to `tolerance` relative), started from the closed form less Euler's gamma 2kT/Omega
// (docs/models/onebody.md), to a step below 1e-9 relative.
FlowStress flow_stress_adaptive(std::span<const double> values, const Loading& at, double tolerance = 1e-8);

// The same root by the paper's recipe: bisection on mean_interval_paper_s to 1e-6 relative.
double flow_stress_paper_MPa(std::span<const double> values, const Loading& at, int n = 2000);

// d sigma_0 / d value for every slot of the table (implicit-function theorem: -dF/dvalue over
// dF/dsigma_0 with F = ln(rate t_mean / (rho dEps))), and sigma_0 itself.
struct FlowStressGradient {
  double sigma0_MPa;
  std::array<double, kSlots> dsigma0;
};
FlowStressGradient flow_stress_gradient(std::span<const double> values, const Loading& at);

}  // namespace glassfit::onebody
