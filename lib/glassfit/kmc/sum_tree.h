// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// A binary sum tree over non-negative weights: O(log N) update of one weight and O(log N)
// choice of an index in proportion to the weights; every inner node is recomputed from its two
// children, so sums never drift however many updates are made.
#include <cstddef>
#include <vector>

namespace glassfit::kmc {

class SumTree {
 public:
  explicit SumTree(size_t n = 0) { resize(n); }
  void resize(size_t n) {
    n_ = n;
    leaves_ = 1;
    while (leaves_ < n) leaves_ *= 2;
    node_.assign(2 * leaves_, 0.0);
  }
  size_t size() const { return n_; }
  // Sets every weight, then builds the sums bottom-up: O(N).
  template <typename F>
  void assign(F&& weight_of) {
    for (size_t i = 0; i < n_; ++i) node_[leaves_ + i] = weight_of(i);
    for (size_t k = leaves_ - 1; k >= 1; --k) node_[k] = node_[2 * k] + node_[2 * k + 1];
  }
  void set(size_t i, double w) {
    size_t k = leaves_ + i;
    node_[k] = w;
    for (k /= 2; k >= 1; k /= 2) node_[k] = node_[2 * k] + node_[2 * k + 1];
  }
  double weight(size_t i) const { return node_[leaves_ + i]; }
  double total() const { return node_[1]; }
  // The index i whose cumulative interval contains `target` in [0, total()).
  size_t find(double target) const {
    size_t k = 1;
    while (k < leaves_) {
      if (target < node_[2 * k] || node_[2 * k + 1] <= 0) {
        k = 2 * k;
      } else {
        target -= node_[2 * k];
        k = 2 * k + 1;
      }
    }
    const size_t i = k - leaves_;
    return i < n_ ? i : n_ - 1;
  }

 private:
  size_t n_ = 0, leaves_ = 1;
  std::vector<double> node_;
};

}  // namespace glassfit::kmc
