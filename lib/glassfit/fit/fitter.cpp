#include "glassfit/fit/fitter.h"

#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/fit/ceres_util.h"
#include "glassfit/fit/problem.h"
#include "glassfit/fit/statistics.h"

namespace glassfit {

std::string FittedParameter::label() const { return dataset < 0 ? name : fmt::format("{}@{}", name, dataset + 1); }

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

FitResult run_fit(const FitSpec& spec, const Progress& progress) {
  check_fit_spec(spec);
  quiet_ceres_logging();
  FitProblem problem(spec);
  BestEnd best = multistart(problem, progress);
  FitResult result;
  result.multistart = std::move(best.multistart);
  result.converged = best.summary.termination_type == ceres::CONVERGENCE;
  result.iterations = static_cast<int>(best.summary.iterations.size()) - 1;
  result.termination = best.summary.message;
  result.cost = best.summary.final_cost;
  fill_statistics(problem, result);
  return result;
}

}  // namespace glassfit
