// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The hereditary integral of the KWW creep function on a reduced-time axis whose positions carry
// derivatives (Schapery's material clock of the nonlinear HC solver, load_history.h):
//   H(x) = sum over pieces of int g(x - s) dsigma(s),   g(y) = 1 - exp(-y^c),
// with the shape c given at each evaluation (it follows chi along the run) and every piece's ends
// and stress change scalars of type T (a ceres::Jet in a fit). O(log N) blocks per evaluation
// instead of one term per piece.
//
// A block keeps its moments mu_k = int dsigma(s) w^k, w = (s - centre)/scale, about a centre and
// scale that are plain numbers (the values of its ends' midpoint and half-width): the positions'
// derivatives live in the moments, so merging is a double-weighted sum (binomial shift) and the
// far-field coefficients depend on the parameters through ln d = ln(x - centre) and c only
// (inner_partials.h). With y = d - scale w:
//   g(d - scale w) = sum_k g_k w^k,   X = (d - scale w)^c = x_d (1 - r w)^c, r = scale/d,
//   X_k = x_d binom(c, k) (-r)^k,   P = exp(-X): P_k = -(1/k) sum_i i X_i P_(k-i),
//   g_0 = 1 - P_0, g_k = -P_k.
// A block is used through its moments once scale <= kTheta d (the series converges like r^k; terms
// are taken while r^k > 1e-8 d/x, at least 2 so that a jump's position derivative, which sits in
// mu_1, is kept: the derivatives by x and by the positions cancel to the last term times x/d). Blocks still too close
// are integrated by the caller's exact rule. tests/unit/ test_load_history.cpp compares against the piece-by-piece sum,
// values and derivatives.
#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "glassfit/core/scalar.h"
#include "glassfit/numerics/inner_partials.h"
#include "glassfit/numerics/moment_shift.h"

namespace glassfit {

template <typename T>
class KwwReducedHistory {
 public:
  static constexpr int kTerms = 16;
  static constexpr double kTheta = 0.25;

  // A piece on which the stress changes by dsigma, linearly in the reduced time from a to b
  // (a == b: a jump).
  void append(const T& a, const T& b, const T& dsigma) {
    Block blk;
    blk.lo = value_of(a), blk.hi = value_of(b);
    blk.centre = 0.5 * (blk.lo + blk.hi);
    // a jump's scale only sets the unit of w (its moments above mu_0 are pure derivative)
    blk.scale = std::max({0.5 * (blk.hi - blk.lo), 1e-12 * std::abs(blk.centre), 1e-300});
    blk.single = true, blk.a = a, blk.b = b, blk.dsigma = dsigma;
    // int over [A, B] of w^k dsigma / (B - A) = dsigma (B^(k+1) - A^(k+1)) / ((k+1)(B - A))
    //                                         = dsigma q_k / (k+1), q_k = B^k + A q_(k-1)
    const T A = (a - blk.centre) / blk.scale, B = (b - blk.centre) / blk.scale;
    T q(1.0), B_power(1.0);
    blk.mu[0] = dsigma;
    for (int k = 1; k < kTerms; ++k) {
      B_power *= B;
      q = B_power + A * q;
      blk.mu[k] = dsigma * q / double(k + 1);
    }
    blocks_.push_back(std::move(blk));
  }

  // Merges adjacent blocks that are admissible at x and so at every later x.
  void coarsen(double x) {
    for (size_t i = 0; i + 1 < blocks_.size();) {
      const Block &older = blocks_[i], &newer = blocks_[i + 1];
      if (!admissible(older.lo, newer.hi, x)) {
        ++i;
        continue;
      }
      Block merged;
      merged.lo = older.lo, merged.hi = newer.hi;
      merged.centre = 0.5 * (merged.lo + merged.hi);
      merged.scale = std::max(0.5 * (merged.hi - merged.lo), std::max(older.scale, newer.scale));
      merged.single = false;
      merged.mu.fill(T(0.0));
      add_shifted(older, merged);
      add_shifted(newer, merged);
      blocks_[i] = std::move(merged);
      blocks_.erase(blocks_.begin() + static_cast<long>(i + 1));
    }
  }

  // H(x) with shape c: admissible blocks by their moments, the others by exact(a, b, dsigma),
  // the caller's integral of g(x - s) dsigma(s) over one piece.
  template <typename Exact>
  T evaluate(const T& x, const T& c, Exact&& exact) const {
    using std::exp;
    using std::expm1;
    using std::log;
    using I = inner_t<T>;
    const I c_i = inner_var(c, 1);
    std::array<I, kTerms> binom;  // binom(c, k)
    binom[0] = I(1.0);
    for (int k = 1; k < kTerms; ++k) binom[k] = binom[k - 1] * (c_i - I(k - 1.0)) * (1.0 / k);
    T near(0.0);
    auto& far = scratch_.far;
    far.clear();
    for (size_t n = 0; n < blocks_.size(); ++n) {
      const Block& blk = blocks_[n];
      if (!admissible(blk.lo, blk.hi, value_of(x))) {
        // only a single piece can be too close: a merged one was admissible at an earlier x
        if (!blk.single) throw std::logic_error("KwwReducedHistory: evaluated before the last coarsen()");
        near += exact(blk.a, blk.b, blk.dsigma);
        continue;
      }
      const T d = x - blk.centre;
      const double rho = 0.5 * (blk.hi - blk.lo) / value_of(d);
      // Terms while rho^k > 1e-8 d/x: the derivative by x and those by the positions come from
      // the same cut series and cancel to ~ the last term times x/d.
      const double cut = 1e-8 * std::min(1.0, value_of(d) / std::abs(value_of(x)));
      const int terms =
          rho > 0 ? std::clamp(1 + static_cast<int>(std::ceil(std::log(cut) / std::log(rho))), 2, kTerms) : 2;
      far.push_back({n, terms, T(log(d)), {}});
    }
    // Each far block's coefficients are a serial recursion in k; the blocks' recursions run side
    // by side, term by term, which keeps the multipliers busy.
    const size_t m = far.size();
    scratch_.X.resize(m * kTerms), scratch_.P.resize(m * kTerms);
    I* X = scratch_.X.data();  // X[k m + f] = k X_k of far block f
    I* P = scratch_.P.data();
    int max_terms = 0;
    for (size_t f = 0; f < m; ++f) {
      const Block& blk = blocks_[far[f].block];
      const I ln_d = inner_var(far[f].ln_d, 0);
      const I x_d = exp(c_i * ln_d), minus_r = -blk.scale * exp(-ln_d);
      I r_power = minus_r;
      for (int k = 1; k < far[f].terms; ++k, r_power *= minus_r) X[k * m + f] = x_d * binom[k] * r_power * double(k);
      P[f] = exp(-x_d);
      // 1 - e^-x with the derivative e^-x x' (a Jet's expm1 takes (expm1 + 1) x', which loses it
      // where e^-x is tiny)
      I g0(-std::expm1(-value_of(x_d)));
      if constexpr (!std::is_same_v<I, double>) g0.v = P[f].a * x_d.v;
      far[f].sum.add(g0, blk.mu[0]);
      max_terms = std::max(max_terms, far[f].terms);
    }
    for (int k = 1; k < max_terms; ++k)
      for (size_t f = 0; f < m; ++f) {
        if (k >= far[f].terms) continue;
        I pk = X[m + f] * P[(k - 1) * m + f];
        for (int i = 2; i <= k; ++i) pk += X[i * m + f] * P[(k - i) * m + f];
        P[k * m + f] = pk * (-1.0 / k);
        far[f].sum.add(-P[k * m + f], blocks_[far[f].block].mu[k]);
      }
    T sum = near;
    for (const auto& fb : far) sum += fb.sum.result(fb.ln_d, c);  // the block's ln d and the shared c
    return sum;
  }

  size_t blocks() const { return blocks_.size(); }

 private:
  struct Block {
    double lo = 0, hi = 0, centre = 0, scale = 1;
    bool single = true;
    T a{}, b{}, dsigma{};  // the piece itself, for the exact rule while it is a single piece
    std::array<T, kTerms> mu{};
  };

  static bool admissible(double lo, double hi, double x) {
    const double d = x - 0.5 * (lo + hi);
    return d > 0 && 0.5 * (hi - lo) <= kTheta * d;
  }

  // Adds child's moments about parent's centre and scale: w' = alpha w + beta (both numbers).
  static void add_shifted(const Block& child, Block& parent) {
    add_shifted_moments(child.mu, child.scale / parent.scale, (child.centre - parent.centre) / parent.scale, parent.mu);
  }

  std::vector<Block> blocks_;
  // evaluate()'s workspace, kept to avoid allocations per step
  struct FarBlock {
    size_t block;
    int terms;
    T ln_d;
    InnerDot<T> sum;
  };
  struct Scratch {
    std::vector<FarBlock> far;
    std::vector<inner_t<T>> X, P;
  };
  mutable Scratch scratch_;
};

}  // namespace glassfit
