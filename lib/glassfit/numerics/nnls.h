// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Non-negative least squares, min |A x - b| subject to x >= 0, by the active-set method of
// Lawson and Hanson (Solving Least Squares Problems, 1974, ch. 23). Columns are scaled to unit
// norm first; each passive-set solve is a column-pivoted QR. For the linear part of a Prony fit
// (weights at fixed relaxation times), where a projected Levenberg-Marquardt stalls on the bounds.
#include <Eigen/Dense>
#include <algorithm>
#include <vector>

namespace glassfit {

inline Eigen::VectorXd nnls(const Eigen::MatrixXd& A_in, const Eigen::VectorXd& b, int max_iterations = 0) {
  const Eigen::Index n = A_in.cols();
  Eigen::VectorXd norms = A_in.colwise().norm();
  for (Eigen::Index j = 0; j < n; ++j)
    if (!(norms(j) > 0)) norms(j) = 1;
  const Eigen::MatrixXd A = A_in * norms.cwiseInverse().asDiagonal();
  const double tol = 1e-12 * std::max(1.0, b.norm());
  if (max_iterations <= 0) max_iterations = static_cast<int>(3 * n + 10);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
  std::vector<char> passive(n, 0);
  auto solve_passive = [&] {
    std::vector<Eigen::Index> cols;
    for (Eigen::Index j = 0; j < n; ++j)
      if (passive[j]) cols.push_back(j);
    Eigen::MatrixXd Ap(A.rows(), static_cast<Eigen::Index>(cols.size()));
    for (size_t k = 0; k < cols.size(); ++k) Ap.col(static_cast<Eigen::Index>(k)) = A.col(cols[k]);
    const Eigen::VectorXd sp = Ap.colPivHouseholderQr().solve(b);
    Eigen::VectorXd s = Eigen::VectorXd::Zero(n);
    for (size_t k = 0; k < cols.size(); ++k) s(cols[k]) = sp(static_cast<Eigen::Index>(k));
    return s;
  };
  for (int outer = 0; outer < max_iterations; ++outer) {
    const Eigen::VectorXd w = A.transpose() * (b - A * x);
    Eigen::Index t = -1;
    double best = tol;
    for (Eigen::Index j = 0; j < n; ++j)
      if (!passive[j] && w(j) > best) best = w(j), t = j;
    if (t < 0) break;  // Kuhn-Tucker conditions hold
    passive[t] = 1;
    for (int inner = 0; inner < max_iterations; ++inner) {
      const Eigen::VectorXd s = solve_passive();
      bool feasible = true;
      for (Eigen::Index j = 0; j < n; ++j)
        if (passive[j] && s(j) <= 0) feasible = false;
      if (feasible) {
        x = s;
        break;
      }
      double alpha = 1;
      for (Eigen::Index j = 0; j < n; ++j)
        if (passive[j] && s(j) <= 0) alpha = std::min(alpha, x(j) / (x(j) - s(j)));
      x += alpha * (s - x);
      for (Eigen::Index j = 0; j < n; ++j)
        if (passive[j] && x(j) <= 1e-15 * std::max(1.0, x.cwiseAbs().maxCoeff())) passive[j] = 0, x(j) = 0;
    }
  }
  return x.cwiseQuotient(norms);
}

}  // namespace glassfit
