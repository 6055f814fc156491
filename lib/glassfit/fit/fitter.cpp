// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/fit/fitter.h"

#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/numerics/ceres_util.h"
#include "glassfit/fit/problem.h"
#include "glassfit/fit/profile.h"
#include "glassfit/fit/statistics.h"

namespace glassfit {

std::string parameter_label(const std::string& name, int dataset) {
  return dataset < 0 ? name : fmt::format("{}@{}", name, dataset + 1);
}

std::string FittedParameter::label() const { return parameter_label(name, dataset); }

const FittedParameter& FitResult::parameter(const std::string& name, int dataset) const {
  for (const auto& p : parameters)
    if (p.name == name && (p.dataset == dataset || p.dataset < 0)) return p;
  throw InputError(fmt::format("the fit has no parameter '{}'{}", name,
                               dataset < 0 ? "" : fmt::format(" for dataset {}", dataset + 1)));
}

std::vector<double> FitResult::values(int dataset) const {
  std::vector<double> v;
  for (const auto& p : parameters)
    if (p.dataset < 0 || p.dataset == dataset) v.push_back(p.value);
  return v;
}

namespace {

FitResult fit_one(const FitSpec& spec, const Progress& progress) {
  FitProblem problem(spec);
  BestEnd best = multistart(problem, progress);
  FitResult result;
  result.multistart = std::move(best.multistart);
  result.converged = best.summary.termination_type == ceres::CONVERGENCE;
  result.iterations = static_cast<int>(best.summary.iterations.size()) - 1;
  result.termination = best.summary.message;
  result.cost = best.summary.final_cost;
  fill_statistics(problem, result);
  result.model = spec.model;
  return result;
}

// The spec for one order: the model of that order, its default choices (from the data), and
// whatever the spec set by name where the smaller model has that parameter.
FitSpec spec_of_order(const FitSpec& spec, const FitHelpers& h, int order) {
  FitSpec s = spec;
  const HelperData d = helper_data(spec.datasets);
  s.model = h.with_order(order, d.data, d.modulus_scaled);
  s.parameters = default_choices(*s.model, &s.datasets);
  for (const auto& name : spec.parameters_given)
    for (auto& c : s.parameters)
      if (c.name == name) c = spec.parameters[static_cast<size_t>(spec.model->slot(name))];
  return s;
}

}  // namespace

FitResult run_fit(const FitSpec& spec, const Progress& progress) {
  check_fit_spec(spec);
  quiet_ceres_logging();
  const FitHelpers h = spec.model->fit_helpers();
  if (h.max_order < 1 || !h.with_order) {
    FitResult result = fit_one(spec, progress);
    if (spec.options.intervals == Intervals::Profile) result.intervals = profile_intervals(spec, result);
    return result;
  }
  std::vector<FitResult> fits;
  std::vector<OrderFit> orders;
  double best = kInf;
  for (int order = 1; order <= h.max_order; ++order) {
    const FitSpec s = spec_of_order(spec, h, order);
    check_fit_spec(s);
    fits.push_back(fit_one(s, {}));
    const auto& r = fits.back();
    orders.push_back({order, r.cost, std::sqrt(r.chi2 / static_cast<double>(r.points)), r.converged});
    best = std::min(best, orders.back().rms_residual);
    if (progress) progress(order, h.max_order, best);
  }
  size_t chosen = 0;
  while (!(orders[chosen].rms_residual <= best + h.order_tolerance)) ++chosen;
  FitResult result = std::move(fits[chosen]);
  result.orders = std::move(orders);
  result.order_tolerance = h.order_tolerance;
  result.chosen_order = result.orders[chosen].order;
  if (spec.options.intervals == Intervals::Profile)
    result.intervals = profile_intervals(spec_of_order(spec, h, result.chosen_order), result);
  return result;
}

}  // namespace glassfit
