// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The hereditary integral of the KWW creep function over a piecewise-linear stress history,
//   H(t) = int_0^t' g(t - s) sigma'(s) ds,   g(x) = 1 - exp(-(x/tau_an)^chi)   (Eq. 25a term),
// in O(log N) blocks per evaluation instead of one term per past interval (O(N^2) in all).
//
// A block [a, b] (centre c, half-width h) whose distance d = t - c from the present is large,
// h <= kTheta d, is summed through its moments: with s = c + h z, z in [-1, 1],
//   int_block g(t - s) sigma'(s) ds = sum_j g_j mu_j,   mu_j = int_block sigma'(s) z^j ds,
// where g_j are the Taylor coefficients of z -> g(d - h z). They follow from
//   (d - h z)^chi / tau^chi = x_d (1 - rho z)^chi = x_d sum_j binom(chi, j) (-rho)^j z^j,
//   rho = h/d, and the power series of exp(-X(z)) (P_k = -(1/k) sum_i i X_i P_{k-i}).
// The series converges like rho^j (the singularity of g sits at z = 1/rho >= 4); terms are
// taken while rho^j > 1e-8 (14 at rho = 1/4; the solver needs 1e-4), at most kTerms = 16;
// where (x/tau)^chi is large the factor exp(-x_d) is smaller still. Blocks are merged greedily, oldest first, as soon
// as the merged block is far enough; distance only grows, so a block once admissible stays so. Moments are shifted to
// the merged block's centre exactly (binomial expansion, |alpha| + |beta| <= 1). Blocks still too close (the last few
// intervals) are integrated exactly by the caller's rule. tests/unit/test_protocols.cpp compares against the
// interval-by-interval sum.
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "glassfit/numerics/inner_partials.h"
#include "glassfit/numerics/moment_shift.h"
#include "glassfit/core/scalar.h"

namespace glassfit {

template <typename T>
class KwwHistory {
 public:
  static constexpr int kTerms = 16;
  static constexpr double kTheta = 0.25;
  // 1/k, k < kTerms (entry 0 unused).
  static constexpr std::array<double, kTerms> kInverse = [] {
    std::array<double, kTerms> a{};
    for (int k = 1; k < kTerms; ++k) a[k] = 1.0 / k;
    return a;
  }();

  // Appends the interval [a, b] on which the stress rises with `slope` (MPa/s).
  void append(double a, double b, const T& slope) {
    Block blk;
    blk.a = a, blk.b = b, blk.slope = slope;
    const double h = 0.5 * (b - a);
    // int_{-1}^{1} z^j dz: 2/(j+1) for even j, 0 for odd j (times h, the ds per dz).
    for (int j = 0; j < kTerms; ++j) blk.mu[j] = (j % 2 == 0) ? slope * (2.0 * h / (j + 1)) : T(0.0);
    blocks_.push_back(std::move(blk));
  }

  // Merges adjacent blocks that are admissible at time t and at every later time.
  void coarsen(double t) {
    for (size_t i = 0; i + 1 < blocks_.size();) {
      const double a = blocks_[i].a, b = blocks_[i + 1].b;
      if (!admissible(a, b, t)) {
        ++i;
        continue;
      }
      Block merged;
      merged.a = a, merged.b = b;
      for (int j = 0; j < kTerms; ++j) merged.mu[j] = T(0.0);
      add_shifted(blocks_[i], merged);
      add_shifted(blocks_[i + 1], merged);
      blocks_[i] = std::move(merged);
      blocks_.erase(blocks_.begin() + static_cast<long>(i + 1));
    }
  }

  // H(t) over every block: admissible ones by their moments, the others by
  // exact(a, b) * slope, where exact(a, b) = int_{t-b}^{t-a} g is the caller's rule.
  template <typename Exact>
  T evaluate(double t, const T& chi, const T& log_tau_an, Exact&& exact) const {
    using std::exp;
    using std::expm1;
    // The Taylor coefficients depend on the parameters through chi and ln tau_an only.
    using I = inner_t<T>;
    const I chi_i = inner_var(chi, 0), lt_i = inner_var(log_tau_an, 1);
    std::array<I, kTerms> binom;  // binom(chi, j)
    binom[0] = I(1.0);
    for (int j = 1; j < kTerms; ++j) binom[j] = binom[j - 1] * (chi_i - I(j - 1.0)) * kInverse[j];
    T near(0.0);
    InnerDot<T> far;
    // The admissible blocks' recursions run side by side, term by term: each is a serial chain
    // in k, and interleaving independent chains keeps the multipliers busy.
    const size_t nb = blocks_.size();
    scratch_.far.clear();
    int max_terms = 0;
    for (size_t n = 0; n < nb; ++n) {
      const Block& blk = blocks_[n];
      if (!admissible(blk.a, blk.b, t)) {
        near += blk.slope * exact(blk.a, blk.b);
        continue;
      }
      const double rho = (0.5 * (blk.b - blk.a)) / (t - 0.5 * (blk.a + blk.b));
      // Terms while rho^k > 1e-8 (rho <= kTheta): far blocks need few.
      const int terms = std::min(kTerms, 1 + static_cast<int>(std::ceil(std::log(1e-8) / std::log(rho))));
      scratch_.far.push_back({n, rho, terms});
      max_terms = std::max(max_terms, terms);
    }
    const size_t m = scratch_.far.size();
    scratch_.X.resize(m * kTerms);
    scratch_.P.resize(m * kTerms);
    I* X = scratch_.X.data();  // X[k * m + f] = k X_k of far block f (k >= 1)
    I* P = scratch_.P.data();
    for (size_t f = 0; f < m; ++f) {
      const auto& fb = scratch_.far[f];
      const Block& blk = blocks_[fb.block];
      const I x_d = exp(chi_i * (I(std::log(t - 0.5 * (blk.a + blk.b))) - lt_i));
      double rho_j = -fb.rho;
      for (int j = 1; j < fb.terms; ++j, rho_j *= -fb.rho) X[j * m + f] = x_d * binom[j] * (rho_j * j);
      P[f] = exp(-x_d);
      far.add(-expm1(-x_d), blk.mu[0]);
    }
    for (int k = 1; k < max_terms; ++k)
      for (size_t f = 0; f < m; ++f) {
        if (k >= scratch_.far[f].terms) continue;
        I pk(0.0);
        for (int i = 1; i <= k; ++i) pk += X[i * m + f] * P[(k - i) * m + f];
        P[k * m + f] = pk * (-kInverse[k]);  // a multiply: a division here was the critical path
        far.add(-P[k * m + f], blocks_[scratch_.far[f].block].mu[k]);  // g_k = -P_k for k >= 1
      }
    return near + far.result(chi, log_tau_an);
  }

  size_t blocks() const { return blocks_.size(); }

 private:
  struct Block {
    double a = 0, b = 0;
    T slope{};                   // of a single interval (for the exact rule while it is not admissible)
    std::array<T, kTerms> mu{};  // moments about the centre, in z = (s - c)/h
  };

  static bool admissible(double a, double b, double t) { return 0.5 * (b - a) <= kTheta * (t - 0.5 * (a + b)); }

  // Adds child's moments, re-expanded about parent's centre: z' = alpha z + beta.
  static void add_shifted(const Block& child, Block& parent) {
    const double hc = 0.5 * (child.b - child.a), hp = 0.5 * (parent.b - parent.a);
    const double alpha = hc / hp, beta = (0.5 * (child.a + child.b) - 0.5 * (parent.a + parent.b)) / hp;
    add_shifted_moments(child.mu, alpha, beta, parent.mu);
  }

  std::vector<Block> blocks_;
  // evaluate()'s workspace, kept to avoid an allocation per step.
  struct FarBlock {
    size_t block;
    double rho;
    int terms;
  };
  struct Scratch {
    std::vector<FarBlock> far;
    std::vector<inner_t<T>> X, P;
  };
  mutable Scratch scratch_;
};

}  // namespace glassfit
