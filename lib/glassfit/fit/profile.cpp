// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/fit/profile.h"

#include <algorithm>
#include <cmath>

#include "glassfit/core/parallel.h"
#include "glassfit/fit/local_search.h"
#include "glassfit/fit/problem.h"
#include "glassfit/numerics/ceres_util.h"

namespace glassfit {
namespace {

constexpr double kQ68 = 1.0;       // chi-square quantile of 1 dof at 68.27 % (one standard error)
constexpr double kQ95 = 3.841459;  // at 95 %

// The profile of one parameter: the least cost with it held at x (fitted coordinate).
class Profile {
 public:
  // `slope`: how the others' optimum moves with x at the optimum (fitted coordinates), from the
  // covariance; the first trial on each side starts there.
  Profile(const FitSpec& spec, size_t k, const std::vector<double>& optimum, std::vector<double> slope, double cost_min)
      : spec_(spec), k_(k), slope_(std::move(slope)) {
    // A trial's cost is needed to ~1e-6 (the ends are placed to ~1e-3 of a chi2 rise of 1), not
    // to the fit's 1e-12 relative: near an end the cost falls by ~1e-7 a step along a valley
    // that a bound cuts, or wavers at the strain-controlled solver's noise (~4e-8 relative),
    // for hundreds of iterations (joint fit: two trials of 120 took 110 of 190 CPU seconds).
    function_tolerance_ = std::clamp(1e-6 / cost_min, 1e-12, 1e-8);
    // Each trial starts near its own optimum (below), a small step away: the decade scan of the
    // time scales, there to find the right basin from a far start, would only repeat its 169
    // cost evaluations per trial.
    spec_.options.multistart = 0;
    spec_.options.scan_time_scales = false;
    std::vector<double> fitted(optimum.size());
    for (size_t j = 0; j < optimum.size(); ++j) fitted[j] = to_fitted(spec_.parameters[j], optimum[j]);
    trials_.push_back({fitted[k], fitted});
  }
  // Least chi2 (2 cost) with the parameter at fitted coordinate x; infinite when the model
  // cannot be evaluated there.
  double chi2_at(double x) {
    const auto guess = predicted_optimum(x);
    for (size_t j = 0; j < guess.size(); ++j) {
      auto& c = spec_.parameters[j];
      if (j == k_)
        c.start = from_fitted(c, x), c.fixed = true;
      else if (!c.fixed)
        c.start = from_fitted(c, std::clamp(guess[j], fitted_lower(c), fitted_upper(c)));
    }
    FitProblem fp(spec_);
    LocalSearch search(fp);
    auto& o = search.solver_options();
    o.function_tolerance = function_tolerance_;
    o.use_nonmonotonic_steps = false;
    o.max_num_iterations = std::min(o.max_num_iterations, 100);
    const auto summary = search.run();
    if (!summary.IsSolutionUsable()) return kInf;
    const auto values = fp.values_for(0);
    std::vector<double> fitted(values.size());
    for (size_t j = 0; j < values.size(); ++j) fitted[j] = to_fitted(spec_.parameters[j], values[j]);
    trials_.push_back({x, fitted});
    return 2 * summary.final_cost;
  }

 private:
  struct Trial {
    double x;
    std::vector<double> fitted;  // every parameter's optimum there, fitted coordinates
  };
  // The others' optimum at x: linear through the two trials nearest to x (a quadratic cost's
  // profile path is a straight line), or along the covariance slope from the optimum alone.
  // Started there, a trial takes 1-3 iterations instead of 5-200 from the last optimum.
  std::vector<double> predicted_optimum(double x) const {
    const Trial& o = trials_.front();
    std::vector<double> guess = o.fitted;
    if (trials_.size() == 1) {
      for (size_t j = 0; j < guess.size(); ++j) guess[j] += slope_[j] * (x - o.x);
      return guess;
    }
    std::vector<size_t> order(trials_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::partial_sort(order.begin(), order.begin() + 2, order.end(),
                      [&](size_t a, size_t b) { return std::abs(trials_[a].x - x) < std::abs(trials_[b].x - x); });
    const Trial &a = trials_[order[0]], &b = trials_[order[1]];
    if (a.x == b.x) return a.fitted;
    const double w = (x - a.x) / (b.x - a.x);
    for (size_t j = 0; j < guess.size(); ++j) guess[j] = a.fitted[j] + w * (b.fitted[j] - a.fitted[j]);
    return guess;
  }

  FitSpec spec_;
  size_t k_;
  std::vector<double> slope_;
  std::vector<Trial> trials_;  // the optimum first
  double function_tolerance_;
};

// Walks from the optimum in one direction in steps of h until the chi2 rise passes the 95 %
// threshold or a bound stops it; then places both ends on r(x) = sqrt(rise), which is linear in
// x for a quadratic profile, with secant refinements.
void walk(Profile& profile, double x0, double h, double lower, double upper, double chi2_min, double s2,
          ProfileEnd& end68, ProfileEnd& end95, std::vector<double>& xs, std::vector<double>& rises) {
  const double r68 = std::sqrt(kQ68 * s2), r95 = std::sqrt(kQ95 * s2);
  auto r_at = [&](double x) {
    const double rise = profile.chi2_at(x) - chi2_min;
    xs.push_back(x), rises.push_back(rise / s2);
    return std::sqrt(std::max(rise, 0.0));
  };
  double x_prev = x0, r_prev = 0;
  ProfileEnd* ends[2] = {&end68, &end95};
  const double targets[2] = {r68, r95};
  int next = 0;
  for (int step = 1; step <= 60 && next < 2; ++step) {
    double x = x0 + h * step;
    const bool at_bound = x <= lower || x >= upper;
    x = std::clamp(x, lower, upper);
    const double r = r_at(x);
    while (next < 2 && r >= targets[next]) {
      // Secant refinements on r between the bracketing points.
      double a = x_prev, ra = r_prev, b = x, rb = r;
      double xi = a + (b - a) * (targets[next] - ra) / (rb - ra);
      for (int it = 0; it < 4 && std::isfinite(rb); ++it) {
        const double ri = r_at(xi);
        if (std::abs(ri - targets[next]) <= 1e-3 * targets[next]) break;  // the end to ~1e-3 of its distance
        if (ri < targets[next])
          a = xi, ra = ri;
        else
          b = xi, rb = ri;
        xi = a + (b - a) * (targets[next] - ra) / (rb - ra);
      }
      ends[next]->value = xi, ends[next]->bounded = true;
      ++next;
    }
    if (at_bound) break;
    x_prev = x, r_prev = r;
  }
}

// How the others' optimum moves with parameter k at the optimum, from the covariance:
// d x_j / d x_k = corr_jk sd_j / sd_k (fitted coordinates); 0 where unknown.
std::vector<double> covariance_slope(const FitSpec& spec, const FitResult& best, size_t k) {
  std::vector<double> slope(spec.parameters.size(), 0.0);
  const auto& names = best.free_names;
  const auto at = [&](const std::string& n) {
    return size_t(std::find(names.begin(), names.end(), n) - names.begin());
  };
  const size_t ik = at(spec.parameters[k].name);
  const auto& pk = best.parameter(spec.parameters[k].name);
  const double sd_k = fitted_stderr(spec.parameters[k], pk.value, pk.stderr_value);
  if (ik >= names.size() || !(sd_k > 0)) return slope;
  for (size_t j = 0; j < spec.parameters.size(); ++j) {
    const auto& c = spec.parameters[j];
    const size_t ij = at(c.name);
    if (j == k || c.fixed || c.per_dataset || ij >= names.size()) continue;
    const auto& pj = best.parameter(c.name);
    const double v = best.correlation[ij][ik] * fitted_stderr(c, pj.value, pj.stderr_value) / sd_k;
    if (std::isfinite(v)) slope[j] = v;
  }
  return slope;
}

}  // namespace

std::vector<ProfileInterval> profile_intervals(const FitSpec& spec, const FitResult& best, unsigned threads) {
  quiet_ceres_logging();
  // The shared free parameters, their optimum and a step of half a standard error.
  const auto values = best.values(0);
  struct Task {
    size_t k;
    double x0, h;
  };
  std::vector<Task> tasks;
  for (size_t k = 0; k < spec.parameters.size(); ++k) {
    const auto& c = spec.parameters[k];
    if (c.fixed || c.per_dataset) continue;
    const auto& p = best.parameter(c.name);
    const double x0 = to_fitted(c, p.value);
    double sd = fitted_stderr(c, p.value, p.stderr_value);
    if (!(sd > 0) || !std::isfinite(sd)) sd = c.log_scale ? 0.1 : 0.01 * std::max(std::abs(x0), 1e-12);
    tasks.push_back({k, x0, 0.5 * sd});
  }
  const double chi2_min = best.chi2;
  const double s2 = spec.options.scale_covariance && std::isfinite(best.chi2_reduced) ? best.chi2_reduced : 1.0;
  std::vector<ProfileInterval> out(tasks.size());
  parallel_for(tasks.size(), threads, [&](size_t t) {
    const auto& task = tasks[t];
    const auto& c = spec.parameters[task.k];
    auto& iv = out[t];
    iv.name = c.name;
    iv.value = values[task.k];
    const double lower = fitted_lower(c), upper = fitted_upper(c);
    std::vector<double> xs = {task.x0}, rises = {0.0};  // the optimum itself
    for (const double direction : {-1.0, 1.0}) {
      Profile profile(spec, task.k, values, covariance_slope(spec, best, task.k), best.cost);
      walk(profile, task.x0, direction * task.h, lower, upper, chi2_min, s2, direction < 0 ? iv.lo68 : iv.hi68,
           direction < 0 ? iv.lo95 : iv.hi95, xs, rises);
    }
    for (auto* e : {&iv.lo68, &iv.hi68, &iv.lo95, &iv.hi95})
      if (e->bounded) e->value = from_fitted(c, e->value);
    std::vector<size_t> order(xs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return xs[a] < xs[b]; });
    for (size_t i : order) iv.trial.push_back(from_fitted(c, xs[i])), iv.delta_chi2.push_back(rises[i]);
  });
  return out;
}

}  // namespace glassfit
