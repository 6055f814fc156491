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
  Profile(const FitSpec& spec, size_t k, const std::vector<double>& optimum) : spec_(spec), k_(k), start_(optimum) {
    spec_.options.multistart = 0;
  }
  // Least chi2 (2 cost) with the parameter at fitted coordinate x; infinite when the model
  // cannot be evaluated there. Warm-started from the last optimum.
  double chi2_at(double x) {
    auto& c = spec_.parameters[k_];
    c.start = from_fitted(c, x);
    c.fixed = true;
    for (size_t j = 0; j < start_.size(); ++j)
      if (j != k_ && !spec_.parameters[j].fixed) spec_.parameters[j].start = start_[j];
    FitProblem fp(spec_);
    LocalSearch search(fp);
    const auto summary = search.run();
    if (!summary.IsSolutionUsable()) return kInf;
    const auto values = fp.values_for(0);
    for (size_t j = 0; j < start_.size(); ++j)
      if (j != k_ && !spec_.parameters[j].fixed) start_[j] = values[j];
    return 2 * summary.final_cost;
  }

 private:
  FitSpec spec_;
  size_t k_;
  std::vector<double> start_;
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
        if (std::abs(ri - targets[next]) <= 1e-9 * targets[next]) break;
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
    double sd = c.log_scale ? p.stderr_value / (p.value * std::log(10.0)) : p.stderr_value;
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
      Profile profile(spec, task.k, values);
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
