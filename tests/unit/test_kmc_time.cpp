// SPDX-License-Identifier: BSD-3-Clause
// kMC time integration and the barrier laws: frozen rates give exponential waiting times (KS
// test), the exact time-dependent sampler inverts an analytic Lambda(t) and agrees with a
// fine-step reference on a one-voxel problem with a relaxing barrier under a load ramp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdio>
#include <random>
#include <vector>

#include "glassfit/core/constants.h"
#include "glassfit/kmc/waiting_time.h"
#include "glassfit/models/barrier_laws.h"
#include "ks.h"

using namespace glassfit;
using namespace glassfit::kmc;

namespace {

// One voxel under a load ramp: G(t) = Q(t) - s t, Q the KWW barrier (beta 1.3, 400 K), s in
// eV/s chosen so that events come within about a second; rate k0 exp(-G/kT).
struct OneVoxel {
  barrier::ViscosityRelaxation p;
  double T_K = 400, ramp_eV_per_s = 3.0;
  OneVoxel() { p.beta = 1.3; }
  double rate(double t) const {
    const double G = barrier::kww_barrier_eV(p, T_K, t) - ramp_eV_per_s * t;
    return p.k0_per_s * std::exp(-std::max(G, 0.0) / (kBoltzmann_eV_per_K * T_K));
  }
};
}  // namespace

TEST(KmcTime, FrozenRatesGiveExponentialWaitingTimes) {
  // 20000 draws (mt19937_64, seed 7) at a constant rate 3.7/s: the exact sampler reduces to
  // E/k; KS distance below the 5 % critical value 1.36/sqrt(n), mean within 3 standard errors.
  std::mt19937_64 rng(7);
  std::exponential_distribution<double> unit(1.0);
  const double k = 3.7;
  std::vector<double> tau;
  double sum = 0;
  for (int i = 0; i < 20000; ++i) {
    const double E = unit(rng);
    tau.push_back(waiting_time([k](double) { return k; }, E, 1e6));
    EXPECT_NEAR(tau.back(), frozen_waiting_time(k, E), 1e-9 * tau.back());
    sum += tau.back();
  }
  const double n = double(tau.size());
  const double D = ks_distance(tau, [k](double t) { return 1 - std::exp(-k * t); });
  EXPECT_LT(D, 1.36 / std::sqrt(n));
  EXPECT_NEAR(sum / n, 1 / k, 3 / (k * std::sqrt(n)));
  std::printf("frozen rates: KS D = %.4f (critical %.4f), mean %.5f s vs %.5f s\n", D, 1.36 / std::sqrt(n), sum / n,
              1 / k);
}

TEST(KmcTime, ExactSamplerInvertsAnAnalyticIntegratedRate) {
  // k(t) = a + b t^2: Lambda = a t + b t^3 / 3, inverted by Newton here independently.
  const double a = 0.2, b = 30;
  for (double E : {1e-6, 0.01, 0.5, 1.0, 3.0, 12.0}) {
    const double tau = waiting_time([&](double t) { return a + b * t * t; }, E, 1e3);
    double x = std::cbrt(3 * E / b);
    for (int i = 0; i < 60; ++i) x -= (a * x + b * x * x * x / 3 - E) / (a + b * x * x);
    EXPECT_NEAR(tau, x, 1e-9 * x) << E;
  }
  // Nothing before the horizon: +infinity.
  EXPECT_TRUE(std::isinf(waiting_time([](double) { return 1e-3; }, 5.0, 10.0)));
  EXPECT_THROW(waiting_time([](double) { return 1.0; }, -1.0, 10.0), std::invalid_argument);
}

TEST(KmcTime, ExactSamplerAgreesWithAFineStepReferenceOnOneVoxel) {
  const OneVoxel v;
  // Reference: Lambda(t) by the trapezoid rule on 2e6 steps over [0, 4 s].
  const int steps = 2000000;
  const double t_max = 4.0, dt = t_max / steps;
  std::vector<double> Lambda(steps + 1, 0.0);
  double prev = v.rate(0);
  for (int i = 1; i <= steps; ++i) {
    const double r = v.rate(i * dt);
    Lambda[size_t(i)] = Lambda[size_t(i - 1)] + 0.5 * (prev + r) * dt;
    prev = r;
  }
  auto reference_tau = [&](double E) {
    const auto it = std::lower_bound(Lambda.begin(), Lambda.end(), E);
    if (it == Lambda.end()) return double(INFINITY);
    const size_t i = size_t(it - Lambda.begin());
    return i == 0 ? 0.0 : (double(i - 1) + (E - Lambda[i - 1]) / (Lambda[i] - Lambda[i - 1])) * dt;
  };
  auto reference_cdf = [&](double t) {
    const double x = std::min(t / dt, double(steps));
    const size_t i = size_t(x);
    const double L = i >= size_t(steps) ? Lambda.back() : Lambda[i] + (x - double(i)) * (Lambda[i + 1] - Lambda[i]);
    return 1 - std::exp(-L);
  };
  std::mt19937_64 rng(11);
  std::exponential_distribution<double> unit(1.0);
  std::vector<double> taus;
  double worst = 0, frozen_mean = 0;
  for (int i = 0; i < 1000; ++i) {
    const double E = unit(rng);
    const double tau = waiting_time([&](double t) { return v.rate(t); }, E, t_max), ref = reference_tau(E);
    ASSERT_EQ(std::isinf(tau), std::isinf(ref)) << E;
    if (std::isinf(tau)) continue;
    worst = std::max(worst, std::abs(tau - ref) / ref);
    taus.push_back(tau);
    frozen_mean += frozen_waiting_time(v.rate(0), E) / 1000;
  }
  EXPECT_LT(worst, 1e-5);  // the trapezoid's own error at dt = 2 us
  const double D = ks_distance(taus, reference_cdf);
  EXPECT_LT(D, 1.36 / std::sqrt(double(taus.size())));
  double mean = 0;
  for (double t : taus) mean += t / double(taus.size());
  std::printf(
      "one voxel: worst relative difference %.2e, KS D = %.4f; mean tau %.4f s exact vs %.3g s with rates "
      "frozen at the last event\n",
      worst, D, mean, frozen_mean);
}

TEST(BarrierLaws, KwwBarrierLimitsAndDerivatives) {
  barrier::ViscosityRelaxation p;
  const double T = 450, kT = kBoltzmann_eV_per_K * T;
  EXPECT_DOUBLE_EQ(barrier::kww_barrier_eV(p, T, 0.0), p.Q0_eV);
  // Long after the event the barrier is the relaxed, time-independent one.
  const double tR = barrier::relaxation_time_s(p, T);
  EXPECT_NEAR(barrier::kww_barrier_eV(p, T, 1e3 * tR), barrier::relaxed_barrier(p, T).Q_eV, 1e-12);
  EXPECT_NEAR(barrier::relaxed_barrier(p, T).Q_eV - p.Q0_eV, kT * std::log1p(std::exp(p.E_v_eV / kT - p.c)),
              1e-14);  // Eq. 6a in Eq. 11 at t -> inf
  // Analytic derivatives against central differences, for beta < 1, = 1, > 1.
  for (double beta : {0.6, 1.0, 1.3}) {
    p.beta = beta;
    for (double t : {1e-3 * tR, 0.3 * tR, 2 * tR}) {
      const auto v = barrier::kww_barrier(p, T, t);
      const double h = 1e-4 * t;
      const double Qp = barrier::kww_barrier_eV(p, T, t + h), Qm = barrier::kww_barrier_eV(p, T, t - h);
      EXPECT_NEAR(v.Q_eV, barrier::kww_barrier_eV(p, T, t), 1e-14);
      EXPECT_NEAR(v.dQ_dt, (Qp - Qm) / (2 * h), 1e-6 * std::abs(v.dQ_dt) + 1e-12);
      EXPECT_NEAR(v.d2Q_dt2, (Qp - 2 * v.Q_eV + Qm) / (h * h), 1e-3 * std::abs(v.d2Q_dt2) + 1e-9);
    }
  }
  EXPECT_THROW(barrier::kww_barrier(p, T, 0.0), std::domain_error);
  // Right after an event (x = (t/t_R)^beta ~ 1e-14) Delta eta/eta0 ~ 1e14 still lifts the
  // barrier measurably: Q - Q0 = kT ln(1 + D x (1 - x/2 ...)), which 1 - exp(-x) in doubles
  // would turn into rounding noise (expm1 keeps it).
  p.beta = 1.0;
  const double D = std::exp(p.E_v_eV / kT - p.c);
  for (double x : {1e-17, 1e-14, 1e-11}) {
    const double lift = barrier::kww_barrier_eV(p, T, x * tR) - p.Q0_eV;
    EXPECT_NEAR(lift, kT * std::log1p(D * x * (1 - x / 2)), 1e-9 * lift + 1e-15) << x;  // Q - Q0: 4 eV cancels
  }
}

// Wang et al.'s softening (paper 001, Eqs. 9-12) against the equations evaluated by hand: the
// permanent part grows by kappa_p eps^2 per transformation up to eta_max = -ln 0.6, the temporary
// part is kappa_t eps^2 of the last one and decays as exp(-t / tau), tau Arrhenius with 0.37 eV.
TEST(BarrierLaws, SofteningIsWangsEquationsNineToTwelve) {
  const barrier::Softening s;  // kappa_p 13, kappa_t 39, eta_max -ln 0.6, Q_act 0.37 eV
  EXPECT_NEAR(std::exp(-s.eta_max), 0.6, 1e-15);
  const double eps = 0.07;  // gamma*/2 of their Table 1
  barrier::SofteningState st;
  st = barrier::soften(s, st, eps);
  EXPECT_NEAR(st.permanent, 13 * 0.0049, 1e-15);
  EXPECT_NEAR(st.temporary, 39 * 0.0049, 1e-15);
  for (int g = 2; g <= 8; ++g) st = barrier::soften(s, st, eps);
  EXPECT_NEAR(st.permanent, 8 * 13 * 0.0049, 1e-14);  // 0.5096 < 0.5108: not yet
  st = barrier::soften(s, st, eps);
  EXPECT_DOUBLE_EQ(st.permanent, s.eta_max);  // saturated
  st = barrier::soften(s, st, 0.01);
  EXPECT_NEAR(st.temporary, 39e-4, 1e-15);  // the last transformation's
  // Eq. 9 at 300 K with nu0 = 1e13 /s: tau = exp(0.37 / (k_B 300 K)) / 1e13.
  const double tau = barrier::softening_recovery_time_s(s, 1e13, 300);
  EXPECT_NEAR(tau, std::exp(0.37 / (8.617333262e-5 * 300)) / 1e13, 1e-9 * tau);
  EXPECT_NEAR(tau, 1.6e-7, 0.1e-7);
  // Eq. 10: full temporary softening right after, none long after; eta only falls with time.
  const barrier::SofteningState a{0.2, 0.3};
  EXPECT_DOUBLE_EQ(barrier::softening_eta(a, 0.0, tau), 0.5);
  EXPECT_NEAR(barrier::softening_eta(a, tau, tau), 0.2 + 0.3 / std::exp(1.0), 1e-15);
  EXPECT_DOUBLE_EQ(barrier::softening_eta(a, std::numeric_limits<double>::infinity(), tau), 0.2);
  double previous = 1e9;
  for (double t = 0; t < 10 * tau; t += tau / 4) {
    const double eta = barrier::softening_eta(a, t, tau);
    EXPECT_LT(eta, previous);
    previous = eta;
  }
}
