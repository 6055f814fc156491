// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/fit/multistart.h"

#include <algorithm>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/sobol.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "glassfit/core/error.h"
#include "glassfit/fit/local_search.h"

namespace glassfit {

BestEnd multistart(FitProblem& fp, const Progress& progress) {
  const auto& spec = fp.spec();
  const auto table = fp.model().parameters();
  auto& free = fp.free();
  const int starts = 1 + spec.options.multistart;
  if (spec.options.multistart > 0)
    for (const auto& f : free)
      if (!fp.bounded(f.k))
        throw InputError(
            fmt::format("{}: multistart draws starts in the bounds: give parameter '{}' a finite min and "
                        "max{}",
                        spec.path.empty() ? "fit" : spec.path, table[f.k].name,
                        spec.parameters[f.k].log_scale ? " (> 0, log scale)" : ""));
  std::vector<double> start(free.size());
  for (size_t i = 0; i < free.size(); ++i) start[i] = free[i].x();
  boost::random::sobol sobol(std::max<size_t>(free.size(), 1));
  sobol.seed(spec.options.seed);
  boost::random::uniform_01<double> unit01;

  // Every other multistart start draws the model's time scales so that its processes fall in the
  // data's own time window (FitHelpers::data_window_draw): starts whose loss peaks lie far
  // outside the data see a flat landscape and cannot find their way back. The other starts stay
  // uniform in the bounds, because a good fit may use a process outside the window (e.g. a
  // broad background).
  const FitHelpers helpers = fp.model().fit_helpers();
  const auto& map = fp.mapping();
  auto shared_log = [&](int k) { return map.source[k] == Mapping::Shared && spec.parameters[k].log_scale; };
  bool window_starts = helpers.data_window_draw && !helpers.time_scales.empty() &&
                       std::all_of(helpers.time_scales.begin(), helpers.time_scales.end(), shared_log) &&
                       std::all_of(helpers.window_needs.begin(), helpers.window_needs.end(),
                                   [&](int k) { return map.source[k] == Mapping::Shared; });
  DataWindow window;
  if (window_starts) {
    std::vector<const ExperimentData*> experiments;
    for (const auto& d : spec.datasets) experiments.push_back(&d.experiment);
    window = data_window(experiments);
    window_starts = !window.empty() && std::isfinite(window.median_temperature_K);
  }
  auto is_time_scale = [&](int k) {
    return std::find(helpers.time_scales.begin(), helpers.time_scales.end(), k) != helpers.time_scales.end();
  };
  // Given the other drawn values, a time scale's coordinate from position u in [0, 1) of the
  // window; NaN when it falls outside the user's bounds.
  auto window_draw = [&](int k, double u) {
    const auto values = fp.values_for(0);
    const double x = helpers.data_window_draw(k, u, values, fp.shared(), window);
    return x < fp.lower_x(k) || x > fp.upper_x(k) ? std::numeric_limits<double>::quiet_NaN() : x;
  };

  LocalSearch search(fp);
  boost::random::mt19937_64 escape_rng(spec.options.seed);  // the bound escape's draws
  BestEnd out;
  auto& ms = out.multistart;
  std::vector<double> best_x;
  double best_cost = kInf;
  std::vector<std::vector<double>> optima;
  for (int s = 0; s < starts; ++s) {
    // Draw until the model can be evaluated there (e.g. E_r < E_u), at most 1000 times.
    for (int attempt = 0; attempt < 1000; ++attempt) {
      bool inside = true;
      for (size_t i = 0; i < free.size(); ++i) {
        const int k = free[i].k;
        const double u = s == 0 ? 0.0 : unit01(sobol);
        if (s == 0)
          free[i].x() = start[i];
        else if (window_starts && s % 2 == 1 && free[i].dataset < 0 && is_time_scale(k))
          free[i].x() = window_draw(k, u), inside = inside && std::isfinite(free[i].x());
        else
          free[i].x() = fp.in_bounds(k, u);
      }
      if (s == 0 || (inside && std::isfinite(fp.cost()))) break;
    }
    ceres::Solver::Summary summary = search.run_with_escapes(escape_rng, ms.escapes, ms.escapes_improved);
    std::vector<double> x(free.size());
    for (size_t i = 0; i < free.size(); ++i) x[i] = free[i].x();
    const double cost = summary.IsSolutionUsable() ? summary.final_cost : kInf;
    ms.costs.push_back(cost);
    optima.push_back(x);
    if (cost < best_cost) best_cost = cost, best_x = x, out.summary = summary;
    if (progress) progress(s + 1, starts, best_cost);
  }
  if (!std::isfinite(best_cost))
    throw InputError(fmt::format("{}: the model could not be evaluated at any start (check bounds and starts)",
                                 spec.path.empty() ? "fit" : spec.path));
  for (size_t i = 0; i < free.size(); ++i) free[i].x() = best_x[i];
  ms.starts = starts;
  ms.spread.assign(free.size(), {kInf, -kInf});
  for (size_t s = 0; s < optima.size(); ++s) {
    const double c = ms.costs[s];
    if (!(c <= best_cost * (1 + 1e-6) + 1e-12)) continue;
    ++ms.reached_best;
    for (size_t i = 0; i < free.size(); ++i) {
      const double v = fp.to_value(free[i].k, optima[s][i]);
      ms.spread[i].first = std::min(ms.spread[i].first, v);
      ms.spread[i].second = std::max(ms.spread[i].second, v);
    }
  }
  std::sort(ms.costs.begin(), ms.costs.end());
  return out;
}

}  // namespace glassfit
