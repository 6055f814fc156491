// SPDX-License-Identifier: BSD-3-Clause
// The checks a restored state must pass before a run continues from it. The checkpoint's
// SHA-256 proves the file was not damaged, not that it was written by us: a payload edited and
// sealed again must not reach the writer with a NaN, allocate by a forged count, or run past the
// event limit (docs/errors.md). Each invariant is one that every state of a run holds.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include "glassfit/core/error.h"
#include "glassfit/kmc/engine.h"

namespace glassfit::kmc {
namespace {

[[noreturn]] void corrupt(const char* what) {
  throw InputError(fmt::format("kmc checkpoint: corrupt state ({})", what));
}

bool finite(const Sym2& s) { return std::isfinite(s.xx) && std::isfinite(s.yy) && std::isfinite(s.xy); }
bool all_finite(const std::vector<Sym2>& v) {
  return std::all_of(v.begin(), v.end(), [](const Sym2& s) { return finite(s); });
}
// Finite, or (where the engine uses it) -infinity / NaN as a marker.
bool all_finite(const std::vector<double>& v, bool minus_infinity = false, bool nan = false) {
  return std::all_of(v.begin(), v.end(), [&](double x) {
    return std::isfinite(x) || (minus_infinity && x == -INFINITY) || (nan && std::isnan(x));
  });
}

}  // namespace

void Engine::check_restored_state() const {
  // A synchronous avalanche step may pass the limit by up to one transformation per voxel.
  const long limit = event_limit() + long(cfg_.grid.size());
  for (const long x : {obs_.thermal_events, obs_.athermal_events, obs_.rejected_candidates, obs_.rejected_steps,
                       obs_.rate_updates, obs_.block_refreshes, obs_.far_flushes})
    if (x < 0) corrupt("a negative count");
  if (obs_.thermal_events > limit || obs_.athermal_events > limit || events() > limit)
    corrupt("more events than the run's limit");
  if (t_ > end_time() * (1 + 1e-12)) corrupt("a time past the end of the loading");
  if (!all_finite(eps_star_) || !all_finite(kernel_stress_) || !finite(sum_eps_star_) ||
      !finite(initial_mean_eps_star_))
    corrupt("fields");
  // The running sum of the eigenstrain is the sum of the field, to rounding.
  Sym2 sum, size;
  for (const Sym2& e : eps_star_)
    sum.xx += e.xx, sum.yy += e.yy, sum.xy += e.xy, size.xx += std::abs(e.xx), size.yy += std::abs(e.yy),
        size.xy += std::abs(e.xy);
  // (a running sum of millions of increments drifts from the field's sum by far less than 1e-6)
  const auto near = [](double a, double b, double scale) { return std::abs(a - b) <= 1e-6 * scale + 1e-9; };
  if (!near(sum.xx, sum_eps_star_.xx, size.xx) || !near(sum.yy, sum_eps_star_.yy, size.yy) ||
      !near(sum.xy, sum_eps_star_.xy, size.xy))
    corrupt("the eigenstrain's sum");
  for (const double s : last_event_s_)
    if (std::isnan(s) || s > t_) corrupt("a voxel's last transformation after the state's time");
  long transformations = 0;
  for (const long g : generation_) {
    if (g < 0 || g > limit) corrupt("a voxel's transformation count");
    transformations += g;
  }
  if (transformations != events()) corrupt("transformations per voxel that do not add up to the events");
  for (const auto& s : softening_)
    if (!std::isfinite(s.permanent) || !std::isfinite(s.temporary) || s.permanent < 0 || s.temporary < 0)
      corrupt("softening");
  // Observations: what the report and the plots read.
  double t = 0;
  long n = 0;
  for (const CurvePoint& p : obs_.curve) {
    if (!std::isfinite(p.strain) || !std::isfinite(p.stress_MPa) || !std::isfinite(p.plastic_strain) ||
        !(p.time_s >= t) || p.time_s > t_ || p.events < n || p.events > events())
      corrupt("the stress-strain curve");
    t = p.time_s, n = p.events;
  }
  long avalanched = 0;
  for (const long a : obs_.avalanche_sizes) {
    if (a < 1 || a > events()) corrupt("an avalanche size");
    avalanched += a;
  }
  if (avalanched > events() || obs_.dEps_xx.size() > size_t(events()) || !all_finite(obs_.dEps_xx))
    corrupt("avalanches or transformation strains");
  // One snapshot per strain passed, and one at the end of a finished run.
  if (obs_.snapshots.size() != next_snapshot_ + (finished_ ? 1 : 0)) corrupt("snapshots");
  for (const Snapshot& s : obs_.snapshots)
    if (!std::isfinite(s.strain) || !(s.time_s >= 0 && s.time_s <= t_) || !all_finite(s.eigenstrain))
      corrupt("a snapshot");
  if (far_) {
    const FarField::State& f = far_->state();
    bool ok = all_finite(f.correction) && all_finite(f.bound_p) && all_finite(f.bound_q) && all_finite(f.corner) &&
              all_finite(f.remainder_p) && all_finite(f.remainder_q) && all_finite(weight_) && all_finite(sum_rate_) &&
              all_finite(max_log_rate_, true) && all_finite(offset_eV_) && all_finite(factor_) &&
              all_finite(scale_eval_) && all_finite(min_margin_eV_, true) && all_finite(ramp_since_s_, true) &&
              all_finite(p_eval_, false, true) && all_finite(q_eval_, false, true) && all_finite(loose_) &&
              std::isfinite(horizon_) && std::isfinite(growth_);
    for (const LoggedEvent& e : f.log) ok = ok && finite(e.d);
    for (const double w : weight_) ok = ok && w >= 0;
    if (!ok) corrupt("local engine tables");
  }
}

}  // namespace glassfit::kmc
