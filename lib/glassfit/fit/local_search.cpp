// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/fit/local_search.h"

#include <algorithm>
#include <boost/random/uniform_01.hpp>

#include "glassfit/core/error.h"

namespace glassfit {

LocalSearch::LocalSearch(FitProblem& fp)
    : fp_(fp), helpers_(fp.model().fit_helpers()), cancel_(fp.spec().options.cancel) {
  const auto& spec = fp.spec();
  if (spec.options.cancel) options_.callbacks.push_back(&cancel_);
  options_.linear_solver_type = ceres::DENSE_QR;
  options_.max_num_iterations = spec.options.max_iterations;
  options_.function_tolerance = 1e-12;
  options_.gradient_tolerance = 1e-14;
  options_.parameter_tolerance = 1e-12;
  options_.logging_type = ceres::SILENT;
  options_.num_threads = 1;
  options_.use_nonmonotonic_steps = true;
  // With bounds, Ceres follows each trust-region step with a projected line search. Its default
  // cubic interpolation evaluates the Jacobian at every trial point; quadratic interpolation
  // needs only costs, which reach the same optimum in the same iterations at about half the
  // price of a Jacobian (joint fit: 26 Jacobians -> 11; docs/fit-spec.md, Performance).
  options_.line_search_interpolation_type = ceres::QUADRATIC;

  // Time-scale scan: before each local fit, the model's two time-scale prefactors (HC: tau_beta0,
  // t0) are moved together by whole decades to the best cost on a 13 x 13 grid (+-6 decades,
  // within the bounds), the other parameters held. From a start whose loss peaks lie outside the
  // data the cost is nearly flat in every direction a local step can see; the scan puts the
  // processes back in the window, where the local fit can adjust everything else. The grid is
  // evaluated on a subsample of the cheap pieces (DMA points, creep runs; strain-controlled runs
  // only when there is nothing else), at most 200 pieces.
  const auto& ts = helpers_.time_scales;
  const auto& map = fp.mapping();
  const bool shared_log = ts.size() == 2 && std::all_of(ts.begin(), ts.end(), [&](int k) {
                            return map.source[k] == Mapping::Shared && spec.parameters[k].log_scale;
                          });
  scan_ = shared_log && spec.options.scan_time_scales && !fp.any_local();
  if (scan_) {
    std::vector<const Piece*> cheap;
    for (const auto& u : fp.pieces())
      if (u.condition.kind == Experiment::Dma || u.condition.kind == Experiment::Creep) cheap.push_back(&u);
    if (cheap.empty())
      for (const auto& u : fp.pieces()) cheap.push_back(&u);
    const size_t stride = (cheap.size() + 199) / 200;
    const auto& kernel = fp.model().kernel();
    for (size_t i = 0; i < cheap.size(); i += stride)
      scan_problem_.AddResidualBlock(kernel.cost(*cheap[i], map, false), nullptr, fp.shared().data());
  }
}

// Moves the two time-scale coordinates to the grid's best cost; says whether they moved.
bool LocalSearch::scan_time_scales() {
  auto& x = fp_.shared();
  const int a_k = helpers_.time_scales[0], b_k = helpers_.time_scales[1];
  const double x_a = x[a_k], x_b = x[b_k];
  double best_c = kInf, best_a = x_a, best_b = x_b;
  for (int a = -6; a <= 6; ++a)
    for (int b = -6; b <= 6; ++b) {
      x[a_k] = std::clamp(x_a + a, fp_.lower_x(a_k), fp_.upper_x(a_k));
      x[b_k] = std::clamp(x_b + b, fp_.lower_x(b_k), fp_.upper_x(b_k));
      if (const double c = FitProblem::cost_at(scan_problem_); c < best_c) best_c = c, best_a = x[a_k], best_b = x[b_k];
    }
  x[a_k] = best_a, x[b_k] = best_b;
  return best_a != x_a || best_b != x_b;
}

void LocalSearch::solve(ceres::Solver::Summary& summary) {
  ceres::Solve(options_, &fp_.problem(), &summary);
  const auto* cancel = fp_.spec().options.cancel;
  if (cancel && cancel->load()) throw Interrupted("the fit was interrupted");
}

ceres::Solver::Summary LocalSearch::run() {
  const auto unscanned = fp_.save();
  const bool moved = scan_ && scan_time_scales();
  ceres::Solver::Summary summary;
  solve(summary);
  // A local optimum the scan can still improve on is left for the better basin (twice at most).
  for (int again = 0; scan_ && again < 2 && summary.IsSolutionUsable(); ++again) {
    const auto solved = fp_.save();
    if (!scan_time_scales()) break;
    ceres::Solver::Summary next;
    solve(next);
    if (next.IsSolutionUsable() && next.final_cost < summary.final_cost) {
      next.iterations.insert(next.iterations.begin(), summary.iterations.begin(), summary.iterations.end());
      summary = next;
    } else {
      fp_.restore(solved);
      break;
    }
  }
  // The scan judges on a subsample; should the fit from its choice end above the cost of the
  // unscanned start itself (data outside the subsample disagreeing), fit from that start too.
  if (moved) {
    const auto solved = fp_.save();
    fp_.restore(unscanned);
    if (!summary.IsSolutionUsable() || summary.final_cost > fp_.cost()) {
      ceres::Solver::Summary plain;
      solve(plain);
      if (plain.IsSolutionUsable() && (!summary.IsSolutionUsable() || plain.final_cost < summary.final_cost)) {
        summary = plain;
      } else {
        fp_.restore(solved);
      }
    } else {
      fp_.restore(solved);
    }
  }
  return summary;
}

// Bound escape: a local optimum with a parameter pinned on a bound is often one process
// standing in for another (HC: a flat beta background with B on its lower bound, or the beta
// peak doing the alpha peak's work with t0 on its upper bound). Every free parameter of a
// pinned one's group (the model's FitHelpers::process) that has finite bounds is drawn again in
// them and the local search repeated from there, twice at most, each time from the best end so
// far, which is kept.
ceres::Solver::Summary LocalSearch::run_with_escapes(boost::random::mt19937_64& rng, int& escapes, int& improved) {
  ceres::Solver::Summary summary = run();
  const auto& group = helpers_.process;
  if (group.empty() || !fp_.spec().options.escape_bounds) return summary;
  boost::random::uniform_01<double> unit01;
  const int groups = *std::max_element(group.begin(), group.end()) + 1;
  auto& free = fp_.free();
  for (int escape = 0; escape < 2 && summary.IsSolutionUsable(); ++escape) {
    std::vector<char> pinned(groups, 0);
    for (const auto& f : free)
      if (fp_.on_bound(f.k, f.x())) pinned[group[f.k]] = 1;
    auto redrawn = [&](const FitProblem::Free& f) { return fp_.bounded(f.k) && pinned[group[f.k]]; };
    if (std::none_of(free.begin(), free.end(), redrawn)) break;
    const auto kept = fp_.save();
    bool drawn = false;
    for (int attempt = 0; attempt < 100 && !drawn; ++attempt) {
      for (const auto& f : free)
        if (redrawn(f)) f.x() = fp_.in_bounds(f.k, unit01(rng));
      drawn = std::isfinite(fp_.cost());
    }
    ++escapes;
    ceres::Solver::Summary next;
    if (drawn) next = run();
    if (drawn && next.IsSolutionUsable() && next.final_cost < summary.final_cost) {
      next.iterations.insert(next.iterations.begin(), summary.iterations.begin(), summary.iterations.end());
      summary = next;
      ++improved;
    } else {
      fp_.restore(kept);
    }
  }
  return summary;
}

}  // namespace glassfit
