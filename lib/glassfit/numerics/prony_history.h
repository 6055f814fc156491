// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The Prony hereditary integrals of the strain-controlled solver,
//   h_m(t) = int_0^t e^{-(t-s)/tau_m} dsigma(s),   updated per step as h_m <- d_m h_m + g_m slope,
// with d_m = e^{-dt/tau_m} and g_m = tau_m (1 - e^{-dt/tau_m}) (exact for piecewise-linear sigma).
// d_m and g_m depend on the parameters through ln tau_beta and B only (inner_partials.h). For
// Jets the derivative of h_m is kept as V_m (what the slopes bring, full width) plus
// p_m d(ln tau_beta) + q_m dB, so that a node costs two full-width operations per step
// instead of the ~8 of plain Jet arithmetic.
#include <ceres/jet.h>

#include <vector>

#include "glassfit/numerics/inner_partials.h"

namespace glassfit {

template <typename T>
class PronyHistory;

template <>
class PronyHistory<double> {
 public:
  PronyHistory(size_t nodes, double sigma0) : h_(nodes, sigma0) {}
  // sum_m weight_m d_m h_m
  double decayed(const std::vector<double>& weight, const std::vector<double>& d, double, double) const {
    double sum = 0;
    for (size_t m = 0; m < h_.size(); ++m) sum += weight[m] * d[m] * h_[m];
    return sum;
  }
  void update(const std::vector<double>& d, const std::vector<double>& g, double slope) {
    for (size_t m = 0; m < h_.size(); ++m) h_[m] = d[m] * h_[m] + g[m] * slope;
  }

 private:
  std::vector<double> h_;
};

template <typename S, int N>
class PronyHistory<ceres::Jet<S, N>> {
  using J = ceres::Jet<S, N>;
  using I = ceres::Jet<double, 2>;  // by (ln tau_beta, B)
  using Vec = Eigen::Matrix<S, N, 1>;

 public:
  PronyHistory(size_t nodes, const J& sigma0)
      : value_(nodes, sigma0.a), V_(nodes, sigma0.v), p_(nodes, 0.0), q_(nodes, 0.0) {}

  J decayed(const std::vector<double>& weight, const std::vector<I>& d, const J& log_tau_beta, const J& B) const {
    J out(0.0);
    double by_lt = 0, by_B = 0;
    for (size_t m = 0; m < value_.size(); ++m) {
      const double wd = weight[m] * d[m].a;
      out.a += wd * value_[m];
      out.v += wd * V_[m];
      by_lt += wd * p_[m] + weight[m] * value_[m] * d[m].v[0];
      by_B += wd * q_[m] + weight[m] * value_[m] * d[m].v[1];
    }
    out.v += by_lt * log_tau_beta.v + by_B * B.v;
    return out;
  }

  void update(const std::vector<I>& d, const std::vector<I>& g, const J& slope) {
    for (size_t m = 0; m < value_.size(); ++m) {
      const double h = value_[m];
      value_[m] = d[m].a * h + g[m].a * slope.a;
      V_[m] = d[m].a * V_[m] + g[m].a * slope.v;
      p_[m] = d[m].a * p_[m] + h * d[m].v[0] + slope.a * g[m].v[0];
      q_[m] = d[m].a * q_[m] + h * d[m].v[1] + slope.a * g[m].v[1];
    }
  }

 private:
  std::vector<double> value_;
  std::vector<Vec, Eigen::aligned_allocator<Vec>> V_;
  std::vector<double> p_, q_;
};

}  // namespace glassfit
