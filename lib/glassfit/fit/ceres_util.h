#pragma once
// Small Ceres helpers shared by the fits: solver settings for small dense problems, and the
// Jacobian that Problem::Evaluate returns (compressed rows) as a dense matrix.
#include <Eigen/Dense>
#include <ceres/ceres.h>

namespace glassfit {

// Levenberg-Marquardt, dense QR, silent, tight tolerances: for problems of up to a few dozen
// parameters where each solve is cheap and the answer should not depend on the stopping rule.
inline ceres::Solver::Options small_dense_options() {
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
