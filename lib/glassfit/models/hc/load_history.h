// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The HC model under any load path, nonlinear: tau_beta shortened by the stress (Eq. 9 of Hao et
// al., or the cosh boost of Liu & Fan Eq. 1) and chi rising with the anelastic strain (Eq. 22c).
//
// How the state is carried (docs/models/hc.md, "Nonlinear loading"): each process runs on its own
// material clock, the reduced time of Schapery's nonlinear viscoelasticity,
//   beta:   phi(t) = int_0^t tau_beta(0) / tau_beta(sigma(s)) ds   (unbiased seconds),
//   alpha:  psi(t) = int_0^t ds / tau_an(sigma(s), chi(s))         (dimensionless),
// and Eq. 25a's kernels take reduced-time differences instead of t - s:
//   strain = sigma/E_u + A_beta int <1 - e^{-(phi(t)-phi(s))/tau}>_w dsigma(s)
//          + A_an int (1 - exp(-(psi(t) - psi(s))^chi(t))) dsigma(s) + A_vp int sigma / tau_max ds.
// The clocks follow the present stress and the present chi = chi(T) + a2 |eps_an| (Eq. 22c),
// so a load speeds every process up and an unload slows the recovery down again, which is what
// the paper notes for recovery after creep (Sec. 5.2.2). The KWW shape takes the present chi.
// With no bias and a2 = 0 both clocks run at t/tau and this is Eq. 25a's Boltzmann form; the
// model then uses the faster linear solvers (creep.h, strain_control.h).
//
// Numerics: sigma and the clocks are piecewise linear in time on the linear solver's grid (log-
// spaced, merged with the requested times and the path's nodes, with steps limited by how much
// the stress, strain or clock rate changes); each step is solved with the clock rates of its
// midpoint, the end state predicted by extrapolating the last step (or, after a node of the
// path, by a solve with the rates of the step's start): second order in the step. The beta
// term runs on the Prony nodes of gumbel_prony.h (recursive, exact for a piecewise-linear
// history); the KWW term, whose shape chi changes along the run, keeps the past in blocks with
// moments about plain-number centres (kww_reduced_history.h: O(N log N), exact incomplete-gamma
// integrals for the last few intervals; 1.3e-10 from the exact sum over every interval on Fig. 10's
// tension test, where the former O(N^2) sum with 2-point Gauss-Legendre for far intervals was
// 3.3e-6 off). Templated on the scalar: a fit gets exact derivatives.
#include <algorithm>
#include <cmath>
#include <span>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/core/grid.h"
#include "glassfit/core/scalar.h"
#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/params.h"
#include "glassfit/numerics/gumbel_prony.h"
#include "glassfit/numerics/kww_reduced_history.h"
#include "glassfit/protocols/condition.h"

namespace glassfit {

// The controlled quantity of a test: 0 before t = 0, then linear between consecutive nodes
// (value at time_s); a node at the time of the one before it (or at t = 0 for the first) is a
// jump. After the last node the value holds.
struct LoadPath {
  enum class Control { Strain, Stress };
  Control control = Control::Strain;
  std::vector<Step> nodes;
};

// Piecewise-constant stress steps (creep): value_j from time_j on, as a path of jumps.
LoadPath stress_steps_path(std::span<const Step> steps);
// A strain step at t = 0 then a constant rate up to end_time_s (relaxation, tension).
LoadPath strain_program_path(double strain_step, double strain_rate_per_s, double end_time_s);

struct LoadHistoryOptions {
  double points_per_decade = 30.0;
  double decades_before_first = 4.0;
  StressBias stress_bias = StressBias::Hao;
  ChiLaw chi_law = ChiLaw::Linear;
  // The KWW history summed piece by piece, O(N^2) (the solver before the block moments; kept as
  // the reference of tests and benchmarks).
  bool kww_direct_sum = false;
};

// What the solver reports at each requested time.
template <typename T>
struct LoadHistoryResult {
  std::vector<T> stress_MPa, strain;                                // one of them is the controlled one
  std::vector<double> elastic, beta, anelastic, viscoplastic, chi;  // strain parts and chi (values)
};

namespace detail {

// No stress bias and no Eq. 22c: the linear solvers apply. A free parameter (a Jet with a
// derivative) counts as active, so that a fit can move it away from 0.
template <typename T>
bool is_constant(const T& x) {
  if constexpr (std::is_same_v<T, double>)
    return true;
  else
    return x.v.isZero();
}

constexpr size_t kMaxHistorySteps = 20'000;  // ~0.1 s at this size (the direct sum: ~2 s)

}  // namespace detail

template <typename T>
bool nonlinear_response(const HcParams<T>& p, StressBias law) {
  const bool bias = (law == StressBias::Hao && std::isfinite(value_of(p.sigma_1))) ||
                    (law == StressBias::Cosh && (value_of(p.V_act) > 0 || !detail::is_constant(p.V_act)));
  return bias || value_of(p.a2) != 0 || !detail::is_constant(p.a2);
}

template <typename T>
LoadHistoryResult<T> solve_load_history(const HcParams<T>& p, double temperature_K, const LoadPath& path,
                                        std::span<const double> times_s, const LoadHistoryOptions& options) {
  using std::abs;
  using std::exp;
  using std::expm1;
  using std::log;
  using std::pow;
  LoadHistoryResult<T> out;
  if (times_s.empty()) return out;
  for (size_t i = 0; i < times_s.size(); ++i)
    if (!(times_s[i] > 0) || (i > 0 && !(times_s[i] > times_s[i - 1])))
      throw InputError("load history: times must be positive and increasing");
  for (size_t k = 0; k < path.nodes.size(); ++k)
    if (!std::isfinite(path.nodes[k].value) || !(path.nodes[k].time_s >= 0) ||
        (k > 0 && path.nodes[k].time_s < path.nodes[k - 1].time_s))
      throw InputError(fmt::format("load history: node {} ({:g} at {:g} s) is not finite or goes back in time", k + 1,
                                   path.nodes[k].value, path.nodes[k].time_s));
  if (!(options.points_per_decade >= 1)) throw InputError("points per decade must be at least 1");
  const bool strain_control = path.control == LoadPath::Control::Strain;
  const T TK(temperature_K);
  const T chi_T = hc::chi(p, TK, options.chi_law);
  const T log_tau_beta0 = log(hc::tau_beta(p, TK));  // unloaded
  const T J_el = T(1.0) / p.E_u, A_beta = hc::a_beta(p);

  // Clock rates and tau_max at a stress and an anelastic strain (Eqs. 9, 11b, 17b, 22c).
  struct Rates {
    T r_beta, r_alpha, vp, chi;  // dphi/dt, dpsi/dt (1/s), A_vp/tau_max (1/MPa/s), chi
  };
  auto rates = [&](const T& stress, const T& eps_an) {
    if (options.stress_bias == StressBias::Hao && !(abs(value_of(stress)) < value_of(p.sigma_1)))
      throw InputError(
          fmt::format("load history at {:g} K: the stress {:g} MPa reaches sigma_1 = {:g} MPa, where "
                      "Eq. 9 has no meaning",
                      temperature_K, value_of(stress), value_of(p.sigma_1)));
    const T bias = hc::log_stress_bias(p, options.stress_bias, TK, stress);
    const T c = hc::chi_strained(chi_T, p.a2, eps_an);
    const T lt_max = hc::log_tau_max(T(log_tau_beta0 + bias), c, p.t0);  // Eq. 11b
    const T lt_an = hc::log_tau_an(c, lt_max);                           // Eq. 17b
    return Rates{exp(-bias), exp(-lt_an), p.A_vp * exp(-lt_max), c};
  };

  // The grid: log-spaced from well before the first time; every node time and requested time
  // is hit exactly.
  std::vector<double> marks(times_s.begin(), times_s.end());
  for (const auto& nd : path.nodes)
    if (nd.time_s > 0 && nd.time_s < times_s.back()) marks.push_back(nd.time_s);
  std::sort(marks.begin(), marks.end());
  marks.erase(std::unique(marks.begin(), marks.end()), marks.end());
  const double t_start = marks.front() * std::pow(10.0, -options.decades_before_first);

  // The controlled value just before t (a jump at t comes after it) and the jump at t.
  auto path_value = [&](double t) { return path_value_before(path.nodes, t); };
  auto jump_at = [&](double t) {  // sum of the jumps of nodes at time t
    double before = 0, jump = 0, prev_t = 0;
    bool first = true;
    for (const auto& nd : path.nodes) {
      if (nd.time_s == t && (first ? t == 0 : prev_t == t)) jump += nd.value - before;
      before = nd.value, prev_t = nd.time_s, first = false;
    }
    return jump;
  };

  // The beta spectrum on fixed nodes in unbiased time; the bias only makes phi run ahead of t
  // (the nodes cover up to 1e4 times the run's length, a tau_beta shortened 1e4-fold).
  const Prony<T> pr = gumbel_prony(p.B, exp(log_tau_beta0), t_start, times_s.back() * 1e4);
  const size_t M = pr.weight.size();
  std::vector<T> h(M, T(0.0));  // h_m = int e^{-(phi(t) - phi(s))/tau_m} dsigma(s)

  // The KWW history: pieces [psi_a, psi_b] carrying the stress change dsigma (a jump has
  // psi_a = psi_b), in blocks with moments (kww_reduced_history.h).
  KwwReducedHistory<T> kww;
  auto g = [](const T& x, const T& c) { return value_of(x) <= 0 ? T(0.0) : T(-expm1(-exp(c * log(x)))); };
  auto G = [](const T& x, const T& c) {
    return value_of(x) <= 0 ? T(0.0) : T(x - hc::lower_gamma(T(1.0) / c, pow(x, c)) / c);
  };
  // Every piece, for the direct sum (LoadHistoryOptions::kww_direct_sum).
  struct Piece {
    T psi_a, psi_b, dsigma;
  };
  std::vector<Piece> pieces;
  auto add_piece = [&](const T& a, const T& b, const T& dsigma) {
    if (options.kww_direct_sum)
      pieces.push_back({a, b, dsigma});
    else
      kww.append(a, b, dsigma);
  };
  // sum over the pieces of int g(psi - s) dsigma(s), with shape c: one piece exactly (a jump, or
  // the incomplete-gamma integral G over a linear piece), far ones by block moments or, in the
  // direct sum, by 2-point Gauss-Legendre.
  auto exact = [&](const T& psi, const T& c, const T& a, const T& b, const T& dsigma) {
    if (!(value_of(b) > value_of(a))) return T(dsigma * g(psi - a, c));
    return T(dsigma / (b - a) * (G(psi - a, c) - G(psi - b, c)));
  };
  auto kww_past = [&](const T& psi, const T& c) {
    if (!options.kww_direct_sum)
      return kww.evaluate(psi, c, [&](const T& a, const T& b, const T& ds) { return exact(psi, c, a, b, ds); });
    T sum(0.0);
    for (const auto& pc : pieces) {
      const double len = value_of(pc.psi_b) - value_of(pc.psi_a);
      const double dist = value_of(psi) - value_of(pc.psi_b);
      if (len > 0 && len < 0.125 * dist) {
        const T mid = psi - T(0.5) * (pc.psi_a + pc.psi_b), x = T(0.5 / std::sqrt(3.0)) * (pc.psi_b - pc.psi_a);
        sum += pc.dsigma * T(0.5) * (g(mid - x, c) + g(mid + x, c));
      } else {
        sum += exact(psi, c, pc.psi_a, pc.psi_b, pc.dsigma);
      }
    }
    return sum;
  };

  T sigma(0.0), eps(0.0), eps_vp(0.0), eps_an(0.0), psi(0.0);
  auto strain_parts_beta = [&]() {
    T s(0.0);
    for (size_t m = 0; m < M; ++m) s += pr.weight[m] * (sigma - h[m]);
    return A_beta * s;
  };
  // A jump of the control at time t: the instantaneous response is elastic (every kernel is 0
  // at zero elapsed reduced time).
  auto apply_jump = [&](double t) {
    const double j = jump_at(t);
    if (j == 0) return;
    const T ds = strain_control ? T(j) / J_el : T(j);
    sigma += ds, eps += ds * J_el;
    for (size_t m = 0; m < M; ++m) h[m] += ds;
    add_piece(psi, psi, ds);
  };
  apply_jump(0.0);

  const double ratio = std::pow(10.0, 1.0 / options.points_per_decade);
  const double max_change = 0.25 / options.points_per_decade;
  double sigma_scale = std::abs(value_of(sigma)), eps_scale = std::abs(value_of(eps));
  double t_prev = 0, t_next = t_start, dt_allowed = kInf;
  size_t next_mark = 0, next_request = 0;
  double last_log_rate = std::nan("");
  // The last step's stress rate and anelastic strain rate, for the predictor; not across a node
  // of the path (a jump or a kink).
  T last_slope(0.0), last_an_rate(0.0);
  bool trend = false;
  for (size_t n = 1; next_request < times_s.size(); ++n) {
    const double t = std::min(t_next, marks[next_mark]), dt = t - t_prev;
    // One step with given clock rates: strain(t) = c0 + c1 * slope (slope = dsigma/dt).
    struct Trial {
      T c0, c1, an0, an1, vp_rate, dphi, dpsi, chi;
      std::vector<T> decay, gain;
    };
    auto trial = [&](const Rates& r, const T& chi_end) {
      Trial tr;
      tr.dphi = r.r_beta * T(dt), tr.dpsi = r.r_alpha * T(dt), tr.vp_rate = r.vp, tr.chi = chi_end;
      tr.c0 = J_el * sigma, tr.c1 = J_el * T(dt);
      tr.decay.resize(M), tr.gain.resize(M);
      T b0(0.0), b1(0.0);
      for (size_t m = 0; m < M; ++m) {
        const T x = tr.dphi / pr.tau_s[m];
        tr.decay[m] = exp(-x);
        tr.gain[m] = pr.tau_s[m] * -expm1(-x) / r.r_beta;  // h gains slope * gain over the step
        b0 += pr.weight[m] * (sigma - tr.decay[m] * h[m]);
        b1 += pr.weight[m] * (T(dt) - tr.gain[m]);
      }
      tr.c0 += A_beta * b0, tr.c1 += A_beta * b1;
      const T psi_end = psi + tr.dpsi;
      tr.an0 = p.A_an * kww_past(psi_end, chi_end);
      tr.an1 = p.A_an * T(dt) * G(tr.dpsi, chi_end) / tr.dpsi;
      tr.c0 += tr.an0 + eps_vp + r.vp * T(dt) * sigma, tr.c1 += tr.an1 + r.vp * T(0.5 * dt * dt);
      return tr;
    };
    const T target(path_value(t));
    auto slope_of = [&](const Trial& tr) {
      return strain_control ? T((target - tr.c0) / tr.c1) : T((target - sigma) / T(dt));
    };
    // Predictor: the step's end state, extrapolated from the last step where the path is smooth
    // (its error, O(dt^2), enters the midpoint rates), else solved with the rates of the step's
    // start; corrector: the rates of the midpoint and chi at the end.
    T slope_p, eps_an_p;
    if (trend) {
      slope_p = last_slope, eps_an_p = eps_an + last_an_rate * T(dt);
    } else {
      const Rates r0 = rates(sigma, eps_an);
      const Trial pred = trial(r0, r0.chi);
      slope_p = slope_of(pred);
      eps_an_p = pred.an0 + pred.an1 * slope_p;
    }
    const Rates r_mid = rates(sigma + T(0.5 * dt) * slope_p, T(0.5) * (eps_an + eps_an_p));
    const T chi_end = hc::chi_strained(chi_T, p.a2, eps_an_p);
    const Trial tr = trial(r_mid, chi_end);
    const T slope = slope_of(tr);

    const T sigma_prev = sigma, eps_prev = eps, eps_an_prev = eps_an;
    sigma += slope * T(dt);
    eps = tr.c0 + tr.c1 * slope;
    eps_an = tr.an0 + tr.an1 * slope;
    last_slope = slope, last_an_rate = (eps_an - eps_an_prev) / T(dt), trend = true;
    eps_vp += tr.vp_rate * T(0.5 * dt) * (sigma_prev + sigma);
    for (size_t m = 0; m < M; ++m) h[m] = tr.decay[m] * h[m] + tr.gain[m] * slope;
    add_piece(psi, psi + tr.dpsi, slope * T(dt));
    psi += tr.dpsi;
    kww.coarsen(value_of(psi));
    if (!std::isfinite(value_of(sigma)) || !std::isfinite(value_of(eps)))
      throw InputError(
          fmt::format("load history at {:g} K: the response is not finite at t = {:g} s: parameters "
                      "outside what the solver resolves",
                      temperature_K, t));
    // The next step: log-spaced, and short enough that stress, strain and the alpha clock change
    // by at most max_change (relative) per step.
    const double sn = value_of(sigma), en = value_of(eps);
    sigma_scale = std::max(sigma_scale, std::abs(sn)), eps_scale = std::max(eps_scale, std::abs(en));
    const double log_rate = std::log(value_of(r_mid.r_alpha));
    // The free quantity: the stress under strain control (resolved down to 1e-6 of its peak, for
    // relaxation tails), the strain under stress control (to 1e-3 of its peak: it may sit at 0).
    double change = 0;
    if (strain_control && sigma_scale > 0)
      change = std::abs(sn - value_of(sigma_prev)) / std::max(std::abs(sn), 1e-6 * sigma_scale);
    if (!strain_control && eps_scale > 0)
      change = std::abs(en - value_of(eps_prev)) / std::max(std::abs(en), 1e-3 * eps_scale);
    if (std::isfinite(last_log_rate)) change = std::max(change, std::abs(log_rate - last_log_rate));
    last_log_rate = log_rate;
    dt_allowed = change > 0 ? std::min(2.0 * dt, dt * max_change / change) : 2.0 * dt;
    t_next = t + std::min(t * (ratio - 1), dt_allowed);
    if (!(t_next > t) || n > detail::kMaxHistorySteps)
      throw InputError(
          fmt::format("load history at {:g} K: more than {} time steps or a vanishing step at t = {:g} s: "
                      "parameters outside what the solver resolves",
                      temperature_K, detail::kMaxHistorySteps, t));
    t_prev = t;
    if (t == marks[next_mark]) {
      ++next_mark;
      for (const auto& nd : path.nodes) trend = trend && nd.time_s != t;
      if (next_request < times_s.size() && times_s[next_request] == t) {
        // A requested time holds the value just before a jump at that time (the creep convention).
        out.stress_MPa.push_back(sigma);
        out.strain.push_back(eps);
        const double el = value_of(sigma) * value_of(J_el);
        const double be = value_of(strain_parts_beta());
        out.elastic.push_back(el);
        out.beta.push_back(be);
        out.anelastic.push_back(value_of(eps_an));
        out.viscoplastic.push_back(value_of(eps_vp));
        out.chi.push_back(value_of(hc::chi_strained(chi_T, p.a2, eps_an)));
        ++next_request;
      }
      apply_jump(t);
      if (next_mark == marks.size()) break;
    }
  }
  return out;
}

}  // namespace glassfit
