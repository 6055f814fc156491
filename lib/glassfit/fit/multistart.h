// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Multistart: the spec's start, then Sobol points in the bounds (every other one placing the
// model's time scales in the data's time window, when the model says how), a local search from
// each; the best end is kept and the spread of the starts that reach it reported.
#include <functional>
#include <utility>
#include <vector>

#include "glassfit/fit/problem.h"

namespace glassfit {

struct Multistart {
  int starts = 0;
  int reached_best = 0;
  int escapes = 0, escapes_improved = 0;          // bound escapes tried (all starts) and those that lowered the cost
  std::vector<double> costs;                      // final cost of every start, sorted
  std::vector<std::pair<double, double>> spread;  // per free parameter: min, max over starts at the best cost
};

using Progress = std::function<void(int done, int total, double best_cost)>;

struct BestEnd {
  ceres::Solver::Summary summary;  // of the best start (its parameters are left in the problem)
  Multistart multistart;
};

BestEnd multistart(FitProblem& fp, const Progress& progress);

}  // namespace glassfit
