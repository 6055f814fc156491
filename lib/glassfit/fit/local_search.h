// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// One local search from the current parameters with the model's helpers: the decade scan of
// its time scales, Levenberg-Marquardt (Ceres, exact derivatives), and the bound escape.
#include <ceres/ceres.h>

#include <boost/random/mersenne_twister.hpp>

#include "glassfit/fit/problem.h"

namespace glassfit {

class LocalSearch {
 public:
  explicit LocalSearch(FitProblem& fp);
  // Scan, fit, rescan, and the unscanned fallback.
  ceres::Solver::Summary run();
  // run(), then the bound escape from its end; counts escapes tried and improving.
  ceres::Solver::Summary run_with_escapes(boost::random::mt19937_64& rng, int& escapes, int& improved);
  // The solver's settings, for a caller that needs other stopping rules (the profiles).
  ceres::Solver::Options& solver_options() { return options_; }

 private:
  bool scan_time_scales();

  // Ends a solve at its next iteration once spec.options.cancel is set.
  class CancelCallback : public ceres::IterationCallback {
   public:
    explicit CancelCallback(const std::atomic<bool>* flag) : flag_(flag) {}
    ceres::CallbackReturnType operator()(const ceres::IterationSummary&) override {
      return flag_ && flag_->load() ? ceres::SOLVER_ABORT : ceres::SOLVER_CONTINUE;
    }

   private:
    const std::atomic<bool>* flag_;
  };
  void solve(ceres::Solver::Summary& summary);  // ceres::Solve, then Interrupted if cancelled

  FitProblem& fp_;
  FitHelpers helpers_;
  CancelCallback cancel_;
  ceres::Solver::Options options_;
  ceres::Problem scan_problem_;
  bool scan_ = false;
};

}  // namespace glassfit
