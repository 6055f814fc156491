// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Small weighted least-squares fits (a handful of parameters) with Ceres autodiff: the shift
// laws, the Arrhenius fit of loss-peak times, lines. The residuals are W (y - f(p)), with W a
// whitening matrix (diag(1/sigma), or the inverse square root of a covariance), so that
// correlated data are fitted by generalised least squares. W is kept sparse: a diagonal
// weighting of n points costs n, not n^2 (a dense n x n matrix of 10^5 loss-peak points would
// need 80 GB).
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <ceres/ceres.h>
#include <cmath>
#include <vector>

#include "glassfit/core/scalar.h"
#include "glassfit/numerics/ceres_util.h"

namespace glassfit {

struct CurveFit {
  std::vector<double> values;
  Eigen::MatrixXd covariance;  // (J^T J)^-1 scaled by chi2_reduced (the data's own scatter)
  double chi2 = 0;             // sum of squared whitened residuals
  int residuals = 0, dof = 0;
  double chi2_reduced = 0;
  double aic = 0;  // n ln(chi2/n) + 2k: the Gaussian likelihood with the scale unknown
  bool converged = false;

  double stderr_of(size_t i) const { return std::sqrt(covariance(long(i), long(i))); }
};

using Whitening = Eigen::SparseMatrix<double, Eigen::RowMajor>;

// diag(weights) as a whitening matrix.
inline Whitening diagonal_whitening(const Eigen::VectorXd& weights) {
  Whitening W(weights.size(), weights.size());
  W.reserve(Eigen::VectorXi::Constant(weights.size(), 1));
  for (long i = 0; i < weights.size(); ++i) W.insert(i, i) = weights(i);
  W.makeCompressed();
  return W;
}

namespace detail {
template <typename Model>
struct CurveResidual {
  const Model& model;
  const Eigen::VectorXd& y;
  const Whitening& W;
  template <typename T>
  bool operator()(T const* const* p, T* r) const {
    std::vector<T> f(size_t(y.size()));
    model(p[0], f.data());
    for (long i = 0; i < W.rows(); ++i) {
      T s(0.0);
      for (Whitening::InnerIterator it(W, i); it; ++it) s += it.value() * (y(it.col()) - f[size_t(it.col())]);
      r[i] = s;
    }
    // A non-finite residual is a failed evaluation: Ceres then shortens the step instead of
    // carrying NaN into the linear algebra.
    for (long i = 0; i < W.rows(); ++i)
      if (!std::isfinite(value_of(r[i]))) return false;
    return true;
  }
};
}  // namespace detail

// model(p, out) writes f(p) for every data point (out has y.size() entries); p has
// start.size() entries. Bounds may be +-infinity. When the model cannot be evaluated at the
// start (non-finite values) the result is not converged, with NaN covariance of the right size.
template <typename Model>
CurveFit curve_fit(const Model& model, const Eigen::VectorXd& y, const Whitening& W, std::vector<double> start,
                   const std::vector<double>& lower, const std::vector<double>& upper) {
  quiet_ceres_logging();
  const int k = int(start.size());
  auto* cost = new ceres::DynamicAutoDiffCostFunction<detail::CurveResidual<Model>, 4>(
      new detail::CurveResidual<Model>{model, y, W});
  cost->AddParameterBlock(k);
  cost->SetNumResiduals(int(W.rows()));
  ceres::Problem problem;
  problem.AddResidualBlock(cost, nullptr, start.data());
  for (int i = 0; i < k; ++i) {
    if (std::isfinite(lower[size_t(i)])) problem.SetParameterLowerBound(start.data(), i, lower[size_t(i)]);
    if (std::isfinite(upper[size_t(i)])) problem.SetParameterUpperBound(start.data(), i, upper[size_t(i)]);
  }
  ceres::Solver::Summary summary;
  ceres::Solve(small_dense_options(), &problem, &summary);

  CurveFit out;
  out.values = start;
  out.converged = summary.IsSolutionUsable() && summary.termination_type == ceres::CONVERGENCE;
  out.residuals = int(W.rows());
  out.dof = out.residuals - k;
  out.chi2 = 2 * summary.final_cost;
  out.chi2_reduced = out.dof > 0 ? out.chi2 / out.dof : std::nan("");
  const double n = out.residuals;
  out.aic = n * std::log(std::max(out.chi2, 1e-300) / n) + 2.0 * k;
  ceres::CRSMatrix jac;
  const bool evaluated = summary.IsSolutionUsable() &&
                         problem.Evaluate(ceres::Problem::EvaluateOptions(), nullptr, nullptr, nullptr, &jac) &&
                         jac.num_cols == k && jac.num_rows == out.residuals;
  if (!evaluated) {
    out.converged = false;
    out.covariance = Eigen::MatrixXd::Constant(k, k, std::nan(""));
    return out;
  }
  const Eigen::MatrixXd J = dense_jacobian(jac);
  const double scale = out.dof > 0 ? out.chi2_reduced : std::nan("");
  out.covariance = (J.transpose() * J).completeOrthogonalDecomposition().pseudoInverse() * scale;
  return out;
}

// A dense whitening matrix (a few shift-law points with their covariance).
template <typename Model>
CurveFit curve_fit(const Model& model, const Eigen::VectorXd& y, const Eigen::MatrixXd& W, std::vector<double> start,
                   const std::vector<double>& lower, const std::vector<double>& upper) {
  return curve_fit(model, y, Whitening(W.sparseView()), std::move(start), lower, upper);
}

}  // namespace glassfit
