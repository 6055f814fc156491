// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Small Ceres helpers shared by the fits: solver settings for small dense problems, and the
// Jacobian that Problem::Evaluate returns (compressed rows) as a dense matrix.
#include <Eigen/Dense>
#include <ceres/ceres.h>
#include <glog/logging.h>
#include <mutex>

namespace glassfit {

// Ceres reports through glog (a failed residual evaluation prints a 30 KB dump); glassfit
// reports failures itself, in one line, so glog stays silent. Every solve calls this first.
inline void quiet_ceres_logging() {
  static std::once_flag once;
  std::call_once(once, [] {
    FLAGS_minloglevel = 3;
    FLAGS_logtostderr = true;
    if (!google::IsGoogleLoggingInitialized()) google::InitGoogleLogging("glassfit");
  });
}

// Levenberg-Marquardt, dense QR, silent, tight tolerances: for problems of up to a few dozen
// parameters where each solve is cheap and the answer should not depend on the stopping rule.
inline ceres::Solver::Options small_dense_options() {
  quiet_ceres_logging();
  ceres::Solver::Options options;
  options.linear_solver_type = ceres::DENSE_QR;
  options.logging_type = ceres::SILENT;
  options.max_num_iterations = 200;
  options.function_tolerance = 1e-12;
  options.parameter_tolerance = 1e-12;
  return options;
}

inline Eigen::MatrixXd dense_jacobian(const ceres::CRSMatrix& crs) {
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(crs.num_rows, crs.num_cols);
  for (int row = 0; row < crs.num_rows; ++row)
    for (int idx = crs.rows[size_t(row)]; idx < crs.rows[size_t(row) + 1]; ++idx)
      J(row, crs.cols[size_t(idx)]) = crs.values[size_t(idx)];
  return J;
}

}  // namespace glassfit
