// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Composite 8-point Gauss–Legendre quadrature on a list of panels. The models use it with
// fixed (double) nodes so that the same sum serves double and ceres::Jet integrands.
#include <algorithm>
#include <array>
#include <vector>

namespace glassfit::quad {

// 8-point Gauss–Legendre rule on [-1, 1] (abscissae and weights to 16 digits).
inline constexpr std::array<double, 4> kGL8x = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
                                                0.9602898564975363};
inline constexpr std::array<double, 4> kGL8w = {0.3626837833783620, 0.3137066458778873, 0.2223810344533745,
                                                0.1012285362903763};

// Calls visit(x, weight) for every node of the composite rule over sorted edges.
template <typename Visit>
void for_each_node(const std::vector<double>& edges, Visit&& visit) {
  for (size_t p = 0; p + 1 < edges.size(); ++p) {
    const double mid = 0.5 * (edges[p] + edges[p + 1]);
    const double half = 0.5 * (edges[p + 1] - edges[p]);
    if (half <= 0) continue;
    for (size_t k = 0; k < kGL8x.size(); ++k) {
      visit(mid - half * kGL8x[k], half * kGL8w[k]);
      visit(mid + half * kGL8x[k], half * kGL8w[k]);
    }
  }
}

// The same nodes and weights, in the same order, written into arrays (for loops that the
// compiler should vectorise).
inline void fill_nodes(const std::vector<double>& edges, std::vector<double>& x, std::vector<double>& weight) {
  x.clear(), weight.clear();
  for_each_node(edges, [&](double node, double w) {
    x.push_back(node);
    weight.push_back(w);
  });
}

// Panel edges over [lo, hi]: width `coarse` in general, `fine` inside [fine_lo, fine_hi],
// growing geometrically (x1.5) from fine to coarse on either side of the fine window.
inline std::vector<double> graded_edges(double lo, double hi, double coarse, double fine, double fine_lo,
                                        double fine_hi) {
  std::vector<double> e;
  fine_lo = std::clamp(fine_lo, lo, hi);
  fine_hi = std::clamp(fine_hi, lo, hi);
  // Left of the window, walking down from fine_lo with growing widths.
  std::vector<double> left;
  for (double x = fine_lo, h = fine; x > lo;) {
    h = std::min(h * 1.5, coarse);
    x = std::max(lo, x - h);
    left.push_back(x);
  }
  e.assign(left.rbegin(), left.rend());
  for (double x = fine_lo; x < fine_hi; x += fine) e.push_back(x);
  for (double x = fine_hi, h = fine; x < hi;) {
    e.push_back(x);
    h = std::min(h * 1.5, coarse);
    x = std::min(hi, x + h);
  }
  e.push_back(hi);
  std::sort(e.begin(), e.end());
  e.erase(std::unique(e.begin(), e.end()), e.end());
  return e;
}

}  // namespace glassfit::quad
