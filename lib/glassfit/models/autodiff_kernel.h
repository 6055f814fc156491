// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// A model's fit kernel: Ceres automatic differentiation with the model's compile-time width.
// K provides `static constexpr int kWidth` and
//   template <typename T> bool evaluate(const T* values, const Condition&, T* out) const
// (false or an exception: the model cannot be evaluated there, and the step is rejected).
#include <ceres/ceres.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <type_traits>
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

template <class K>
class AutoDiffKernel final : public FitKernel {
 public:
  explicit AutoDiffKernel(K k) : kernel_(std::move(k)) {}
  int width() const override { return K::kWidth; }
  ceres::CostFunction* cost(const Piece& piece, const Mapping& map, bool with_local) const override {
    auto* f = new PieceCost<K>{&kernel_, &piece, &map, {}};
    const int n = static_cast<int>(piece.data.size());
    if (with_local) return new ceres::AutoDiffCostFunction<PieceCost<K>, ceres::DYNAMIC, K::kWidth, K::kWidth>(f, n);
    return new ceres::AutoDiffCostFunction<PieceCost<K>, ceres::DYNAMIC, K::kWidth>(f, n);
  }
  const K& kernel() const { return kernel_; }

 private:
  K kernel_;
};

}  // namespace glassfit
