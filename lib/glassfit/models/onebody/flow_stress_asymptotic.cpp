// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/onebody/flow_stress_asymptotic.h"

#include <ceres/jet.h>

#include <array>
#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/zeta.hpp>
#include <cmath>

#include "glassfit/numerics/taylor_series.h"

namespace glassfit::onebody {
namespace {

constexpr int kOrder = 10;                 // of the time as a series in ln H
constexpr int kTerms = 12;                 // of J's asymptotic series
constexpr int kTaylor = kOrder + kTerms;   // of h about t0
constexpr double kTolerance = 1e-13;       // on the mean interval, relative
constexpr double kInfiniteSurvival = 4.0;  // ln H at t_c above which S(t_c) = exp(-e^4) < 1e-23 counts as 0
constexpr double kEulerGamma = boost::math::constants::euler<double>();

// Directions: the expansion point t0 (for Newton) and ln rate (for m).
using J2 = ceres::Jet<double, 2>;
template <int M>
using Series = taylor::Series<J2, M>;

// k! a_k from the Taylor coefficients a_k of a generating function: its k-th derivatives.
template <typename S, std::size_t N>
std::array<S, N> times_factorials(std::array<S, N> a) {
  double factorial = 1;
  for (std::size_t k = 1; k < N; ++k) a[k] *= (factorial *= double(k));
  return a;
}

// k! [eps^k] Gamma(1 + eps) = integral (ln s)^k e^-s ds: the complete moments of the Gumbel
// density in v = ln s, from ln Gamma(1 + eps) = -gamma eps + sum_k zeta(k) (-eps)^k / k.
const taylor::Series<double, kOrder>& complete_moments() {
  static const auto moments = [] {
    auto l = taylor::constant<double, kOrder>(0.0);
    l[1] = -kEulerGamma;
    for (int k = 2; k <= kOrder; ++k) l[k] = (k % 2 ? -1.0 : 1.0) * boost::math::zeta(double(k)) / k;
    return times_factorials(taylor::exp(l));
  }();
  return moments;
}

// integral_0^s (ln s' - v0)^k e^-s' ds', k = 0..kOrder, given ln s = v0 + w: k! [eps^k] of
// s e^-s e^(eps w) sum_n s^n / ((1+eps)(2+eps)...(n+1+eps)) (the lower incomplete gamma's series at
// a = 1 + eps, all terms positive). s below ~55 (kInfiniteSurvival).
Series<kOrder> incomplete_moments(const J2& s, const J2& w) {
  Series<kOrder> term, sum;
  for (int j = 0; j <= kOrder; ++j) term[j] = J2(j % 2 ? -1.0 : 1.0);  // 1 / (1 + eps)
  sum = term;
  for (int n = 1; n < 1000; ++n) {
    // term <- term s / (n + 1 + eps): next[k] (n + 1) + next[k-1] = term[k] s
    const double m = n + 1;
    for (int k = 0; k <= kOrder; ++k) term[k] = (term[k] * s - (k ? term[k - 1] : J2(0.0))) / m;
    for (int k = 0; k <= kOrder; ++k) sum[k] += term[k];
    if (n > s.a && std::abs(term[0].a) < 1e-17 * sum[0].a) break;
  }
  auto shift = taylor::constant<J2, kOrder>(J2(1.0));  // e^(eps w)
  for (int k = 1; k <= kOrder; ++k) shift[k] = shift[k - 1] * w / double(k);
  return times_factorials(taylor::scale(taylor::multiply(sum, shift), s * exp(-s)));
}

// What stays fixed in one (T, rate) cell.
struct Cell {
  bool kww;
  double kT, half_omega, D, tR, beta;
  double ln_kc;    // ln k where the barrier has vanished: ln k0_bar, less ln 2 with the cosh activation
  double ln_base;  // ln h without the barrier's rise: ln_kc - Q0/kT
  J2 lambda;       // b E rate / kT, 1/s (d/d ln rate = itself)
  J2 ln_target;    // ln(rho dEps / rate)
};

// A bound on the share of J(t0) that J's series leaves out, the history before t0/2: over
// [t0/2^(i+1), t0/2^i] the weight e^(-lambda (t0 - t)) is at most e^(-Lam (1 - 2^-i)) and h(t)/h(t0)
// at most g(t0)/g(t0/2^(i+1)) (h = k0 e^(-Q/kT) falls as the barrier rises); J(t0) ~ h(t0) t0 / Lam.
double far_history(const Cell& c, double t0, double Lam) {
  auto ln_g = [&](double t) {
    return c.kww ? std::log1p(-c.D * std::expm1(-std::pow(t / c.tR, c.beta))) : std::log1p(c.D);
  };
  const double ln_g0 = ln_g(t0);
  double sum = 0, width = 0.5;  // 2^-i
  for (int i = 1; i <= 60; ++i, width /= 2)
    sum += Lam * width / 2 * std::exp(-Lam * (1 - width) + ln_g0 - ln_g(t0 * width / 2));
  return sum + Lam * width * std::exp(-Lam * (1 - width) + ln_g0);  // [0, t0/2^61], g >= 1
}

struct Evaluation {
  J2 G;  // ln(t_mean / target)
  J2 sigma0_MPa, t_mean_s;
  double survival_at_tc = 0;
  double error = HUGE_VAL;  // bound on the mean interval's relative error from what the expansion drops
};

// The mean interval and sigma_0 at the expansion point t0: t0 is where ln H = 0 (thermal, the
// barrier outlasts the waiting-time peak) or where the barrier vanishes (athermal).
Evaluation evaluate(const Cell& c, const J2& t0, bool thermal) {
  using std::exp;
  using std::expm1;
  using std::log;
  const J2 Lam = c.lambda * t0, ln_t0 = log(t0);
  // g(t0 (1 + u)) with g = 1 + D (1 - exp(-(t/t_R)^beta)) (Eq. 11: Q = Q0 + kT ln g), and the
  // normalised h(t0(1+u))/h(t0) = g(t0)/g(t0(1+u)).
  auto g = taylor::constant<J2, kTaylor>(J2(1 + c.D));
  if (c.kww) {
    Series<kTaylor> L;  // ln(t/t_R) = ln(t0/t_R) + log1p(u)
    L[0] = ln_t0 - std::log(c.tR);
    for (int m = 1; m <= kTaylor; ++m) L[m] = J2((m % 2 ? 1.0 : -1.0) / m);
    const auto minus_x = taylor::scale(taylor::exp(taylor::scale(L, J2(c.beta))), J2(-1.0));
    const auto e = taylor::exp_with(minus_x, exp(minus_x[0]), expm1(minus_x[0]));  // e^-x - 1
    g = taylor::scale(e, J2(-c.D));
    g[0] += 1.0;
  }
  // normalised before the reciprocal: g(t0) reaches 1e300 at low T, and a Jet's 1/g squares it
  const auto eta = taylor::reciprocal(taylor::scale(g, J2(1.0) / g[0]));
  // J(t0(1+u)) / (h(t0) t0) = sum_n (-1)^n d^n/du^n h-hat / Lam^(n+1) (integration by parts from
  // the upper end; the lower end's terms carry e^-Lam), as a series in u.
  Series<kOrder> j;
  double error = 0;
  const J2 inv_Lam = 1.0 / Lam;
  for (int k = 0; k <= kOrder; ++k) {
    J2 sum(0.0), power = inv_Lam, term(0.0);
    double coefficient = 1;  // (n + k)! / k!
    for (int n = 0; n <= kTerms; ++n) {
      term = (n % 2 ? -coefficient : coefficient) * eta[n + k] * power;
      sum += term, power *= inv_Lam, coefficient *= n + k + 1;
    }
    j[k] = sum;
    if (k == 0) error = std::abs(term.a / sum.a);
  }
  const auto lnJ = taylor::log(j);
  // v(u) - v0 = Lam u + ln J(u) - ln J(0), and its inverse u(w), w = v - v0
  auto c_series = lnJ;
  c_series[0] = J2(0.0), c_series[1] += Lam;
  const auto u_of_w = taylor::invert(c_series);
  const J2 ln_h0 = c.ln_base - log(g[0]);
  // v_c = ln H(t_c), where ln k = ln_kc: v_c = ln_kc + ln t0 + ln J-hat(u_c) - ln h-hat(u_c).
  J2 v0(0.0), w_c(0.0), u_c(0.0);
  bool infinite = false;
  if (thermal) {
    Series<kOrder> eta_low;
    for (int k = 0; k <= kOrder; ++k) eta_low[k] = eta[k];
    const auto ln_eta = taylor::log(eta_low);
    for (int pass = 0; pass < 4; ++pass) {  // a fixed point: u_c moves ln(J/h) by O(1/Lam)
      w_c = c.ln_kc + ln_t0 + taylor::evaluate(lnJ, u_c) - taylor::evaluate(ln_eta, u_c);
      if ((infinite = w_c.a > kInfiniteSurvival + 1)) break;
      u_c = taylor::evaluate(u_of_w, w_c);
    }
    infinite = w_c.a > kInfiniteSurvival;
  } else {
    v0 = c.ln_kc + ln_t0 + lnJ[0];
    if (!(v0.a <= kInfiniteSurvival)) return {};  // not athermal after all: error = inf declines
  }
  // t_mean = t_c S(t_c) + integral_{-inf}^{v_c} T(v) e^(v - e^v) dv (Eq. 32 by parts, v = ln H),
  // T(v) = t0 (1 + u(v - v0)).
  J2 survival(0.0), sum(1.0), last(0.0);
  double mass_before_tc = 1;  // 1 - S(t_c)
  if (infinite) {
    const auto& W = complete_moments();
    for (int k = 1; k <= kOrder; ++k) sum += u_of_w[k] * W[k];
    last = u_of_w[kOrder] * W[kOrder];
  } else {
    const J2 s = exp(v0 + w_c);
    survival = exp(-s);
    const auto W = incomplete_moments(s, w_c);
    sum += u_c * survival;
    for (int k = 1; k <= kOrder; ++k) sum += u_of_w[k] * W[k];
    last = u_of_w[kOrder] * W[kOrder];
    mass_before_tc = -std::expm1(-s.a);
  }
  // in the athermal case J matters only through the mass 1 - S(t_c) before t_c
  if (!thermal) error *= mass_before_tc;
  const double far = far_history(c, t0.a, Lam.a) * (thermal ? 1.0 : mass_before_tc);
  Evaluation out;
  out.t_mean_s = t0 * sum;
  out.G = log(out.t_mean_s) - c.ln_target;
  out.sigma0_MPa = c.kT / c.half_omega * (v0 - Lam - ln_h0 - ln_t0 - lnJ[0]);
  out.survival_at_tc = survival.a;
  out.error = std::isnan(error + last.a + far) ? HUGE_VAL : std::max({error, std::abs(last.a), far});
  return out;
}

}  // namespace

std::optional<FlowStress> flow_stress_asymptotic(std::span<const double> values, const Loading& at) {
  check_loading(values, at);
  const Params<double> p(values.data());
  const double T = at.temperature_K;
  Cell c;
  c.kww = at.law == Barrier::Kww;
  c.kT = kBoltzmann_eV_per_K * T, c.half_omega = omega_eV_per_MPa(p) / 2;
  c.D = barrier::viscosity_ratio(p.relax, T), c.tR = relaxation_time_s(p, T), c.beta = p.relax.beta;
  const bool cosh = at.activation == Activation::Cosh;
  c.ln_kc = std::log(attempt_rate_per_s(p, at.attempt)) - (cosh ? std::log(2.0) : 0.0);
  c.ln_base = c.ln_kc - p.relax.Q0_eV / c.kT;
  const double lambda = c.half_omega * p.E_MPa * at.rate_per_s / c.kT, target = strain_per_event(p) / at.rate_per_s;
  c.lambda = J2(lambda), c.lambda.v[1] = lambda;
  c.ln_target = J2(std::log(target)), c.ln_target.v[1] = -1;
  if (!(std::isfinite(lambda) && lambda > 0 && std::isfinite(c.ln_kc) && std::isfinite(c.ln_base))) return std::nullopt;
  // thermal where the hazard passes 1 before the barrier vanishes: v_c ~ ln(k_c / lambda) >= 0
  const bool thermal = c.ln_kc >= std::log(lambda);
  double t0 = thermal ? target + kEulerGamma / lambda : target;
  Evaluation e;
  int evaluations = 0;
  for (double step = HUGE_VAL; !(std::abs(step) <= 1e-14 * t0);) {
    if (++evaluations > 30 || !(t0 > 0) || !std::isfinite(t0)) return std::nullopt;
    J2 seeded(t0);
    seeded.v[0] = 1;
    e = evaluate(c, seeded, thermal);
    step = -e.G.a / e.G.v[0];
    t0 = step < -t0 ? t0 / 2 : t0 + step;
  }
  if (!(e.error <= kTolerance) || !std::isfinite(e.sigma0_MPa.a)) return std::nullopt;
  // the cosh activation is exp(-G/kT)/2 only while exp(-2 w/kT) (w >= b sigma_0) is negligible
  if (cosh && !(2 * c.half_omega * e.sigma0_MPa.a / c.kT > 35)) return std::nullopt;
  // the root moved by less than 1e-14 t0 after the last evaluation; d/d ln rate at fixed G:
  const double dt0_dlnrate = -e.G.v[1] / e.G.v[0];
  const double sigma0 = e.sigma0_MPa.a, slope = e.sigma0_MPa.v[1] + e.sigma0_MPa.v[0] * dt0_dlnrate;
  return FlowStress{sigma0, slope, slope / sigma0, e.t_mean_s.a, evaluations, e.survival_at_tc};
}

}  // namespace glassfit::onebody
