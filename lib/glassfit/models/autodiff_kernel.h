// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// A model's fit kernel: Ceres automatic differentiation with the model's compile-time width (or a
// narrower one when few parameters are free, CompactCost).
// K provides `static constexpr int kWidth` and
//   template <typename T> bool evaluate(const T* values, const Condition&, T* out) const
// (false or an exception: the model cannot be evaluated there, and the step is rejected).
#include <ceres/ceres.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "glassfit/core/scalar.h"
#include "glassfit/models/kernel.h"

namespace glassfit {

template <class K>
struct PieceCost {
  static constexpr int W = K::kWidth;
  const K* kernel;
  const Piece* unit;
  const Mapping* map;

  template <typename T>
  std::array<T, W> values(const T* shared, const T* local) const {
    std::array<T, W> v;
    for (int k = 0; k < W; ++k) v[k] = mapped_value(*map, k, shared, local);
    return v;
  }

  template <typename T>
  bool residuals(const std::array<T, W>& v, T* r) const {
    try {
      if (!kernel->evaluate(v.data(), unit->condition, r)) return false;
    } catch (const std::exception&) {
      return false;  // e.g. a stress at or above sigma_1: reject the step
    }
    for (size_t i = 0; i < unit->data.size(); ++i) {
      if (!std::isfinite(value_of(r[i]))) return false;
      if (unit->log_form) {
        if (!(value_of(r[i]) > 0)) return false;
        r[i] = (log(r[i]) - T(std::log(unit->data[i]))) / T(unit->scale[i]);
      } else {
        r[i] = (r[i] - T(unit->data[i])) / T(unit->scale[i]);
      }
    }
    return true;
  }
  template <typename T>
  bool operator()(const T* shared, T* r) const {
    return evaluate<T>(shared, nullptr, r);
  }
  template <typename T>
  bool operator()(const T* shared, const T* local, T* r) const {
    return evaluate(shared, local, r);
  }

  // The last residuals evaluated in doubles, by parameter values: in a bounded problem Ceres'
  // projected line search evaluates the full step and the trust-region loop then evaluates the
  // same point again (about a third of all cost evaluations). Evaluation is single-threaded
  // (Solver::Options::num_threads = 1), so the memo needs no lock.
  struct Memo {
    std::vector<double> key, residuals;
    bool ok = false;
  };
  mutable Memo memo;

  template <typename T>
  bool evaluate(const T* shared, const T* local, T* r) const {
    if constexpr (!std::is_same_v<T, double>) {
      return residuals(values<T>(shared, local), r);
    } else {
      const size_t n = unit->data.size();
      std::array<double, 2 * W> key{};
      std::copy(shared, shared + W, key.begin());
      if (local) std::copy(local, local + W, key.begin() + W);
      if (memo.key.size() == key.size() && std::equal(key.begin(), key.end(), memo.key.begin())) {
        std::copy(memo.residuals.begin(), memo.residuals.end(), r);
        return memo.ok;
      }
      memo.ok = residuals(values<double>(shared, local), r);
      memo.key.assign(key.begin(), key.end());
      memo.residuals.assign(r, r + n);
      return memo.ok;
    }
  }
};

// The same residuals with derivatives in the free coordinates only: Jets of width N (at least
// the number of slots the mapping takes from a block) instead of the block's full width, scattered
// into the block's Jacobian (0 in the other columns). A fit of 2 of the HC model's 16 parameters
// then carries 4 derivative directions, not 16.
// The slots a mapping takes from the parameter blocks: block 0 (shared) or 1 (the dataset's own).
struct FreeSlot {
  int block, slot;
};
inline std::vector<FreeSlot> free_slots(const Mapping& map, bool with_local) {
  std::vector<FreeSlot> free;
  for (int k = 0; k < static_cast<int>(map.source.size()); ++k) {
    if (map.source[k] == Mapping::Shared) free.push_back({0, k});
    if (with_local && map.source[k] == Mapping::Local) free.push_back({1, k});
  }
  return free;
}

template <class K, int N>
class CompactCost final : public ceres::CostFunction {
 public:
  static constexpr int W = K::kWidth;
  CompactCost(PieceCost<K>* f, int residuals, std::vector<FreeSlot> free, bool with_local)
      : f_(f), free_(std::move(free)) {
    set_num_residuals(residuals);
    mutable_parameter_block_sizes()->push_back(W);
    if (with_local) mutable_parameter_block_sizes()->push_back(W);
    if (free_.size() > size_t(N)) throw std::logic_error("CompactCost: more free slots than derivative directions");
  }
  bool Evaluate(double const* const* x, double* r, double** jacobians) const override {
    const bool with_local = parameter_block_sizes().size() == 2;
    if (!jacobians) return f_->evaluate(x[0], with_local ? x[1] : nullptr, r);
    using J = ceres::Jet<double, N>;
    std::array<J, W> shared, local;
    for (int k = 0; k < W; ++k) shared[k] = J(x[0][k]);
    if (with_local)
      for (int k = 0; k < W; ++k) local[k] = J(x[1][k]);
    for (size_t j = 0; j < free_.size(); ++j) (free_[j].block ? local : shared)[free_[j].slot].v[j] = 1;
    const int n = num_residuals();
    thread_local std::vector<J> out;  // a DMA point is a piece of its own: no allocation per call
    out.resize(n);
    if (!f_->evaluate(shared.data(), with_local ? local.data() : nullptr, out.data())) return false;
    for (int i = 0; i < n; ++i) r[i] = out[i].a;
    for (int b = 0; b < (with_local ? 2 : 1); ++b)
      if (jacobians[b]) std::fill(jacobians[b], jacobians[b] + size_t(n) * W, 0.0);
    for (size_t j = 0; j < free_.size(); ++j)
      if (double* jac = jacobians[free_[j].block])
        for (int i = 0; i < n; ++i) jac[size_t(i) * W + free_[j].slot] = out[i].v[j];
    return true;
  }

 private:
  std::unique_ptr<PieceCost<K>> f_;
  std::vector<FreeSlot> free_;
};

// A kernel may name narrower Jet widths, `static constexpr std::array<int, n> kCompactWidths`
// (ascending, below kWidth): a fit that frees at most w of its slots uses the first such w
// (CompactCost); wider fits use Ceres' AutoDiffCostFunction.
template <class K, size_t... I>
ceres::CostFunction* compact_cost(PieceCost<K>* f, int residuals, bool with_local, std::index_sequence<I...>) {
  const auto free = free_slots(*f->map, with_local);
  const int count = static_cast<int>(free.size());
  ceres::CostFunction* cost = nullptr;
  ((cost = cost                            ? cost
           : count <= K::kCompactWidths[I] ? new CompactCost<K, K::kCompactWidths[I]>(f, residuals, free, with_local)
                                           : nullptr),
   ...);
  return cost;
}

template <class K>
class AutoDiffKernel final : public FitKernel {
 public:
  explicit AutoDiffKernel(K k) : kernel_(std::move(k)) {}
  int width() const override { return K::kWidth; }
  ceres::CostFunction* cost(const Piece& piece, const Mapping& map, bool with_local) const override {
    auto* f = new PieceCost<K>{&kernel_, &piece, &map, {}};
    const int n = static_cast<int>(piece.data.size());
    if constexpr (requires { K::kCompactWidths; }) {
      if (auto* cost = compact_cost(f, n, with_local, std::make_index_sequence<K::kCompactWidths.size()>{}))
        return cost;
    }
    if (with_local) return new ceres::AutoDiffCostFunction<PieceCost<K>, ceres::DYNAMIC, K::kWidth, K::kWidth>(f, n);
    return new ceres::AutoDiffCostFunction<PieceCost<K>, ceres::DYNAMIC, K::kWidth>(f, n);
  }
  const K& kernel() const { return kernel_; }

 private:
  K kernel_;
};

}  // namespace glassfit
