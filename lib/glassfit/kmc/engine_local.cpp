// SPDX-License-Identifier: BSD-3-Clause
// The local engine (docs/kmc.md, "The local engine"): the same exact thinning sampler as the
// reference, with each voxel's bound widened by its block's far-field bound, so that an event
// recomputes only the rates in its near window and the blocks whose bounds grew loose or might
// hide a barrier at zero. Everything else (loading, barrier laws, avalanches, records) is the
// reference engine's code.
#include <algorithm>
#include <cmath>

#include "glassfit/kmc/draws.h"
#include "glassfit/kmc/engine.h"

namespace glassfit::kmc {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// The bounds' excess over the rates is kept below kExcess times the rates' sum (so that at
// least 1/(1 + kExcess) of the candidates would be accepted, were the rates not also falling
// with the barriers' recovery); a block is refreshed in any case when its far field may have
// raised a rate by e^kMaxLoose.
constexpr double kExcess = 16.0;
constexpr double kMaxLoose = 50.0;
// A candidate rejected in a block whose far-field bound exceeds e^kRefreshOnRejection refreshes it.
constexpr double kRefreshOnRejection = 2.0;
// Headroom on every bound for the last bits in which a flushed (FFT) far field differs from
// the kernel sums that bounded it.
constexpr double kRoundoff = 1e-9;
// A voxel whose drive has moved by up to this much in ln-rate units since its rates were
// evaluated keeps them, widened by the move (one exponential instead of M).
constexpr double kVoxelLoose = 3.0;
// Where the far field's interpolation leaves more doubt than this (ln-rate units), a voxel's drive
// is summed exactly instead.
constexpr double kExactAbove = 1.5;
// Blocks to refresh at once below which one thread does it.
constexpr size_t kParallelBlocks = 8;

}  // namespace

double Engine::block_log_factor(size_t b) const {
  return a1_block_[b] * far_->bound_p(b) + a3_block_[b] * far_->bound_q(b) + kRoundoff;
}

void Engine::set_block_weight(size_t b) { block_tree_.set(b, std::exp(block_log_factor(b)) * voxel_trees_[b].total()); }

void Engine::rebuild_trees() {
  for (size_t b = 0; b < far_->blocks(); ++b) {
    SumTree& tree = voxel_trees_[b];
    std::vector<double> w(tree.size());
    far_->for_each_voxel(b, [&](size_t v, size_t slot) { w[slot] = weight_[v]; });
    tree.assign([&](size_t slot) { return w[slot]; });
  }
  block_tree_.assign([&](size_t b) { return std::exp(block_log_factor(b)) * voxel_trees_[b].total(); });
}

void Engine::mark_dirty(int i, int j) {
  const Grid& g = cfg_.grid;
  for (int dj = -far_->near_ry(); dj <= far_->near_ry(); ++dj)
    for (int di = -far_->near_rx(); di <= far_->near_rx(); ++di) {
      const size_t v = g.index(i + di, j + dj);
      if (!is_dirty_[v]) is_dirty_[v] = 1, dirty_.push_back(v);
    }
}

// Voxel v's weight at time t from the drive the engine estimates for it: the stress array, the
// exact near corrections and the far events' interpolation, whose error the block's remainders
// bound (R); the events since the block's last catch-up are what its bounds cover. When the drive
// has moved little since v's rates were last evaluated, the old rates times e^L, with
// L = max|ae1| (|dp| + R_p) + max|ae3| (|dq| + R_q) >= every ln k_m's rise, bound the new ones at
// the cost of one exponential instead of M; otherwise (or when the lowest barrier might be at
// zero, or v transformed) they are evaluated anew at the estimate, widened by the remainder alone.
void Engine::local_recompute(size_t v, double t, const Sym2& a, bool update_tree) {
  const Sym2 &s = kernel_stress_[v], &c = far_->correction(v);
  double fp = 0, fq = 0;
  far_->far_estimate(v, fp, fq);
  const size_t b = far_->block_of(v);
  double p = (s.xx + c.xx) - (s.yy + c.yy) + fp + a.xx - a.yy, q = 2 * (s.xy + c.xy + a.xy) + fq;
  double unsure = a1_voxel_[v] * far_->remainder_p(b) + a3_voxel_[v] * far_->remainder_q(b) + kRoundoff;
  if (unsure > kExactAbove) {  // the interpolation is too coarse here: the exact drive, O(log)
    const Sym2 x = internal_stress(v);
    p = x.xx - x.yy + a.xx - a.yy, q = 2 * (x.xy + a.xy), unsure = kRoundoff;
  }
  const double L = a1_voxel_[v] * std::abs(p - p_eval_[v]) + a3_voxel_[v] * std::abs(q - q_eval_[v]) + unsure;
  double margin = kT_ * (lnk0_ - max_log_rate_[v] - L) + offset_eV_[v];
  loose_[v] = L;
  if (!(L <= kVoxelLoose && margin > 0)) {  // also for a NaN drive
    evaluate_rates(v, t, p, q);
    p_eval_[v] = p, q_eval_[v] = q, loose_[v] = unsure;
    margin = kT_ * (lnk0_ - max_log_rate_[v] - unsure) + offset_eV_[v];
  }
  weight_[v] = sum_rate_[v] * growth_ * factor_[v] * std::exp(loose_[v]);
  if (update_tree) voxel_trees_[b].set(far_->slot_of(v), weight_[v]);
  min_margin_eV_[b] = std::min(min_margin_eV_[b], margin);
}

void Engine::flush_far_field() {
  far_->flush(kernel_stress_);
  ++obs_.far_flushes;
}

// Block b's far field folded in, every rate of it anew. Touches block b's data only (so that
// blocks can be refreshed in parallel); the caller counts it.
void Engine::local_refresh_block(size_t b, double t, const Sym2& a) {
  far_->catch_up(b);
  far_->reset_bounds(b);
  min_margin_eV_[b] = kInf;
  std::vector<double> w(voxel_trees_[b].size());
  far_->for_each_voxel(b, [&](size_t v, size_t slot) {
    local_recompute(v, t, a, /*update_tree=*/false);
    w[slot] = weight_[v];
  });
  voxel_trees_[b].assign([&](size_t slot) { return w[slot]; });
  ramp_since_s_[b] = t;
}

void Engine::local_renew(double t) {
  if (far_->logged() > 0) flush_far_field();
  set_horizon(t);
  const size_t n = cfg_.grid.size();
  const Sym2 a = applied_stress(t);
#pragma omp parallel for schedule(static) num_threads(cfg_.threads)
  for (size_t v = 0; v < n; ++v) {
    const Sym2& s = kernel_stress_[v];
    const double p = s.xx - s.yy + a.xx - a.yy, q = 2 * (s.xy + a.xy);
    evaluate_rates(v, t, p, q);
    p_eval_[v] = p, q_eval_[v] = q, loose_[v] = 0;
    weight_[v] = sum_rate_[v] * growth_ * factor_[v];
  }
  std::fill(min_margin_eV_.begin(), min_margin_eV_.end(), kInf);
  for (size_t v = 0; v < n; ++v) {
    double& m = min_margin_eV_[far_->block_of(v)];
    m = std::min(m, kT_ * (lnk0_ - max_log_rate_[v]) + offset_eV_[v]);
  }
  for (size_t b = 0; b < far_->blocks(); ++b) far_->reset_bounds(b), ramp_since_s_[b] = t;
  for (const size_t v : dirty_) is_dirty_[v] = 0;
  dirty_.clear();
  rebuild_trees();
  ++obs_.rate_updates;
}

Engine::Unstable Engine::lowest_mode(size_t v) const {
  const Drive d = drive(v, applied_stress(t_), t_);
  int best = 0;
  for (int m = 1; m < cfg_.catalog.modes; ++m)
    if (log_rate(v, m, d) > log_rate(v, best, d)) best = m;
  return {v, best, kT_ * (lnk0_ - log_rate(v, best, d)) + offset_eV_[v]};
}

// After events: the near windows' rates anew; every block whose lowest barrier might have
// reached zero brought up to date, and the voxels with G <= 0 found there; then the bounds
// tightened where they carry weight: a block of slow voxels may stay loose for a long time,
// since its candidates are rare whatever its bound.
std::vector<Engine::Unstable> Engine::local_unstable() {
  if (far_->flush_due()) flush_far_field();
  const Sym2 a = applied_stress(t_);
  for (const size_t v : dirty_) {
    is_dirty_[v] = 0;
    local_recompute(v, t_, a, /*update_tree=*/true);
  }
  dirty_.clear();
  std::vector<Unstable> out;
  // The voxels of block b whose bounds admit G <= 0, decided by their exact G; false if one of them
  // has G > 0 (the far field's interpolation left the bound in doubt).
  const auto collect = [&](size_t b) {
    bool sure = true;
    far_->for_each_voxel(b, [&](size_t v, size_t) {
      if (kT_ * (lnk0_ - max_log_rate_[v] - loose_[v]) + offset_eV_[v] > 0) return;
      const Unstable u = lowest_mode(v);
      if (u.G_eV <= 0)
        out.push_back(u);
      else
        sure = false;
    });
    return sure;
  };
  const double slope = ramp_slope(t_);
  const size_t nb = far_->blocks();
  std::vector<size_t> doubtful;
  for (size_t b = 0; b < nb; ++b) {
    const double loose = block_log_factor(b);
    const double lowest = min_margin_eV_[b] - kT_ * (loose + slope * (t_ - ramp_since_s_[b]));
    if (lowest <= 0 || loose > kMaxLoose) {
      local_refresh_block(b, t_, a);
      ++obs_.block_refreshes;
    }
    if (min_margin_eV_[b] <= 0 && !collect(b)) doubtful.push_back(b);
  }
  // No voxel unstable, but some bound still admits one: every far field in exactly (a flush), so
  // that these blocks' bounds are exact again; otherwise they would be refreshed at every call.
  if (out.empty() && !doubtful.empty()) {
    flush_far_field();
    for (const size_t b : doubtful) {
      local_refresh_block(b, t_, a);
      ++obs_.block_refreshes;
      if (min_margin_eV_[b] <= 0) collect(b);
    }
  }
  tighten_bounds(a);
  block_tree_.assign([&](size_t b) { return std::exp(block_log_factor(b)) * voxel_trees_[b].total(); });
  return out;
}

// The bounds' excess over the rates, sum_b (e^loose_b - 1) W_b, brought below kExcess/2 of
// sum_b W_b by refreshing the blocks with the largest excess (in parallel), if it exceeds kExcess
// of it. Which blocks is decided before any is refreshed, so the result is the same for any
// number of threads.
void Engine::tighten_bounds(const Sym2& a) {
  const size_t nb = far_->blocks();
  std::vector<double>& excess = excess_scratch_;
  excess.resize(nb);
  double base = 0, total = 0;
  for (size_t b = 0; b < nb; ++b) {
    const double W = voxel_trees_[b].total();
    excess[b] = (std::exp(block_log_factor(b)) - 1) * W;
    base += W, total += excess[b];
  }
  if (total <= kExcess * base) return;
  std::vector<size_t> order(nb);
  for (size_t b = 0; b < nb; ++b) order[b] = b;
  std::sort(order.begin(), order.end(),
            [&](size_t x, size_t y) { return excess[x] > excess[y] || (excess[x] == excess[y] && x < y); });
  size_t chosen = 0;
  while (chosen < nb && total > 0.5 * kExcess * base) total -= excess[order[chosen++]];
  const double t = t_;
  // A parallel region for a few blocks costs more than it saves (and far more when the cores are
  // shared: its barrier waits for a descheduled thread).
#pragma omp parallel for schedule(dynamic) num_threads(cfg_.threads) if (chosen >= kParallelBlocks)
  for (size_t k = 0; k < chosen; ++k) local_refresh_block(order[k], t, a);
  obs_.block_refreshes += long(chosen);
}

// Thinning as in exact_step, with candidates drawn block first, then voxel; a candidate's rate
// is evaluated at its exact stress (far field included).
bool Engine::local_step() {
  for (;;) {
    const auto c = next_candidate();
    if (!c) return false;
    const double tc = c->time_s;
    const size_t b = block_tree_.find(uniform01(rng_) * c->total);
    SumTree& tree = voxel_trees_[b];
    const size_t slot = tree.find(uniform01(rng_) * tree.total()), v = far_->voxel_at(b, slot);
    if (accept(v, tc, std::exp(block_log_factor(b)) * weight_[v])) return true;
    // Rejected: the voxel's bound tightens to its present relaxation, and a block whose
    // far-field bound was what failed is brought up to date (no event may come for a long time
    // to trigger that otherwise).
    if (block_log_factor(b) > kRefreshOnRejection) {
      local_refresh_block(b, t_, applied_stress(t_));
      ++obs_.block_refreshes;
    } else {
      weight_[v] = sum_rate_[v] * growth_ * bound_factor(v, tc) * std::exp(loose_[v]);
      tree.set(slot, weight_[v]);
    }
    set_block_weight(b);
    if (over_budget()) return false;
  }
}

}  // namespace glassfit::kmc
