// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The lazy far field of the local kMC engine (docs/kmc.md, "The local engine"). An event's
// stress change is added at once, exactly, to the voxels within a near window around it; its
// far part (everything outside the window, never truncated) is logged, and every block of
// voxels carries bounds on how much the logged far fields can have moved the drive of its
// voxels, from an envelope of the elastic kernel over the block's distance to the event. The
// engine samples with rate bounds widened by these bounds, folds a block's logged far field
// in (catch_up) when its bounds grow loose or a barrier there might have reached zero, and
// folds all of it in at once by one FFT solve (flush) when the log is long.
//
// Blocks far from an event (beyond 2 block sides and the window) do not take its field voxel by
// voxel at a catch-up: they add it at their four corner voxels, and the engine bounds the drive in
// between by bilinear interpolation plus a rigorous bound on what the interpolation can miss
// (far_estimate, remainder_p/q). The exact far field is summed per voxel only where an exact
// stress is needed (pending: candidates, unstable voxels, outputs).
//
// Exact stress of voxel v = the engine's stress array at v + correction(v) + pending(v).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "glassfit/kmc/elastic.h"

namespace glassfit::kmc {

struct LoggedEvent {
  std::int32_t i, j;  // voxel of the event
  Sym2 d;             // its eigenstrain increment (spread by the stencil)
};

class FarField {
 public:
  // block_side: voxels per block side; near_radius: half-width of the exact window (both
  // clipped to the lattice); flush_events: length of the log that triggers a flush; far_gap:
  // voxels between an event and a block beyond which the block interpolates its field (0: 2
  // block sides; never less than near_radius).
  FarField(const Elasticity& el, const Grid& g, int block_side, int near_radius, size_t flush_events, int far_gap = 0);
  const StressKernels& kernels() const { return kernels_; }

  size_t blocks() const { return size_t(nbx_) * size_t(nby_); }
  size_t block_of(size_t v) const;
  // Voxels of block b, row by row; `slot` of a voxel is its place in that order.
  template <typename F>
  void for_each_voxel(size_t b, F&& f) const {
    const Extent x = extent(b);
    const size_t nx = size_t(kernels_.grid().nx);
    size_t slot = 0;
    for (int j = x.y0; j < x.y0 + x.h; ++j)
      for (int i = x.x0; i < x.x0 + x.w; ++i) f(size_t(j) * nx + size_t(i), slot++);
  }
  size_t block_size(size_t b) const;
  size_t slot_of(size_t v) const;
  size_t voxel_at(size_t b, size_t slot) const;
  int near_rx() const { return rx_; }
  int near_ry() const { return ry_; }

  // An event: its near field into `stress`, its far field logged, every block's bounds raised.
  void add_event(std::vector<Sym2>& stress, int i, int j, const Sym2& d);
  // The logged far field at v not in correction(v): O(events logged since the last flush).
  Sym2 pending(size_t v) const;
  // The (p, q) of the far events folded into v's block by bilinear interpolation (MPa), and the
  // bound on its error over the block: |true - estimate| <= remainder.
  void far_estimate(size_t v, double& p, double& q) const;
  double remainder_p(size_t b) const { return state_.remainder_p[b]; }
  double remainder_q(size_t b) const { return state_.remainder_q[b]; }
  const Sym2& correction(size_t v) const { return state_.correction[v]; }
  // The events logged since block b's last catch-up: near ones into correction (exactly, voxel
  // by voxel), far ones into its corners and remainders.
  void catch_up(size_t b);
  // Every logged far field into `stress` by one FFT solve (less the near windows already
  // there); corrections and the log emptied. The bounds are kept: they bound the drift since
  // the engine last evaluated the voxels' rates, which a flush does not change.
  void flush(std::vector<Sym2>& stress);
  bool flush_due() const { return state_.log.size() >= flush_events_; }
  size_t logged() const { return state_.log.size(); }

  // Bounds on |delta p| and |delta q| (p = sigma_xx - sigma_yy, q = 2 sigma_xy, MPa) of every
  // voxel of block b since its bounds were last reset: how far the far fields logged since can
  // have moved its drive from the stress its rates were computed at.
  double bound_p(size_t b) const { return state_.bound_p[b]; }
  double bound_q(size_t b) const { return state_.bound_q[b]; }
  // After the engine caught block b up and recomputed its rates.
  void reset_bounds(size_t b) { state_.bound_p[b] = state_.bound_q[b] = 0; }

  // What a checkpoint holds.
  struct State {
    std::vector<Sym2> correction;                  // per voxel
    std::vector<LoggedEvent> log;                  // since the last flush
    std::vector<std::uint64_t> mark;               // per block: log entries already in its corrections
    std::vector<double> bound_p, bound_q;          // per block
    std::vector<double> corner;                    // per block: (p, q) at its 4 corner voxels, far events
    std::vector<double> remainder_p, remainder_q;  // per block: the interpolation's error bounds
  };
  State& state() { return state_; }
  const State& state() const { return state_; }

 private:
  struct Extent {
    int x0, y0, w, h;  // block b's first voxel and its width and height (the last ones may be cut)
  };
  Extent extent(size_t b) const {
    const int x0 = int(b % size_t(nbx_)) * side_x_, y0 = int(b / size_t(nbx_)) * side_y_;
    return {x0, y0, std::min(side_x_, kernels_.grid().nx - x0), std::min(side_y_, kernels_.grid().ny - y0)};
  }
  bool in_window(int a, int b) const;  // offset (a, b) in [0, n) inside the near window
  bool is_far(size_t b, const LoggedEvent& e) const;
  void patch_max(const std::vector<double>& values, std::vector<double>& out) const;
  StressKernels kernels_;
  FieldSolver solver_;
  int side_x_, side_y_, nbx_, nby_, rx_, ry_, far_gap_;
  size_t flush_events_;
  // envelope_[k][oy nx + ox]: the largest |p| (k = 0..2) or |q| (k = 3..5) response to a unit
  // deviatoric (1, -1, 0), shear (0, 0, 1) or dilatational (1, 1, 0) increment over the offsets of
  // a block whose first voxel lies at offset (ox, oy) from the event, outside the window (floats
  // rounded up).
  std::vector<float> envelope_[6];
  std::vector<Sym2> deviatoric_kernel_;  // response to a unit (1, -1, 0): kernel(0) - kernel(1)
  // Per offset: p and q of the deviatoric response, then of the shear (0, 0, 1) response.
  std::vector<std::array<double, 4>> pq_kernel_;
  std::vector<float> remainder_[4];  // per patch offset: the interpolation's error bound, same order
  State state_;
  std::vector<Sym2> increment_scratch_, far_scratch_;  // no state: flush's buffers
};

}  // namespace glassfit::kmc
