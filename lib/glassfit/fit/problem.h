// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Problem assembly: a spec's datasets cut into independent pieces, the parameter blocks (one
// shared, one per dataset when a parameter is per dataset) in fitted coordinates (log10 for
// log-scale parameters), their bounds, and the Ceres problem over the model's fit kernel.
#include <ceres/ceres.h>

#include <memory>
#include <vector>

#include "glassfit/models/kernel.h"
#include "glassfit/fit/spec.h"

namespace glassfit {

class FitProblem {
 public:
  explicit FitProblem(const FitSpec& spec);
  FitProblem(const FitProblem&) = delete;
  FitProblem& operator=(const FitProblem&) = delete;

  // A free coordinate, in the order Ceres' tangent space lists them.
  struct Free {
    double* block;
    int k;        // slot in the model's table
    int dataset;  // -1: shared
    double& x() const { return block[k]; }
  };

  const FitSpec& spec() const { return spec_; }
  const Model& model() const { return *spec_.model; }
  ceres::Problem& problem() { return *problem_; }
  const std::vector<Piece>& pieces() const { return pieces_; }
  const Mapping& mapping() const { return map_; }
  std::vector<Free>& free() { return free_; }
  const std::vector<Free>& free() const { return free_; }
  std::vector<double*>& blocks() { return blocks_; }
  bool any_local() const { return any_local_; }
  std::vector<double>& shared() { return shared_; }
  int width() const { return width_; }

  // Bounds of slot k in fitted coordinates (a log-scale parameter bounded at 0 is unbounded below).
  double lower_x(int k) const;
  double upper_x(int k) const;
  bool on_bound(int k, double x) const;
  bool bounded(int k) const;                // both bounds finite: draws in them are possible
  double in_bounds(int k, double u) const;  // u in [0, 1) -> a coordinate in the bounds
  double to_value(int k, double x) const;   // fitted coordinate -> value

  // Parameter values in table order for a dataset's piece (the dataset's block where local).
  std::vector<double> values_for(int dataset) const;
  // Cost at the current parameters; infinite where the model cannot be evaluated.
  static double cost_at(ceres::Problem& problem);
  double cost() { return cost_at(*problem_); }

  // All blocks, saved and restored around a trial.
  struct Snapshot {
    std::vector<double> shared;
    std::vector<std::vector<double>> local;
  };
  Snapshot save() const { return {shared_, local_}; }
  void restore(const Snapshot& s) { shared_ = s.shared, local_ = s.local; }

 private:
  const FitSpec& spec_;
  int width_;
  Mapping map_;
  bool any_local_ = false;
  std::vector<double> shared_;
  std::vector<std::vector<double>> local_;
  std::vector<Piece> pieces_;
  std::unique_ptr<ceres::Problem> problem_;
  std::vector<Free> free_;
  std::vector<double*> blocks_;
};

// The pieces of one dataset (DMA points; time-domain runs, or single creep points under a
// robust loss, which acts per piece).
std::vector<Piece> pieces_of(const FitDataset& d, int dataset, bool robust);

}  // namespace glassfit
