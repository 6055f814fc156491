// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/fit/statistics.h"

#include <Eigen/Dense>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "glassfit/numerics/ceres_util.h"

namespace glassfit {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Returns, per residual row, the variance of that residual from the parameters' covariance
// (J_i C J_i^T): the model's linearised uncertainty at the point, in residual units.
std::vector<double> fill_covariance(FitProblem& fp, FitResult& result) {
  const auto& spec = fp.spec();
  const auto table = fp.model().parameters();
  const auto& free = fp.free();
  // Residuals and Jacobian (tangent space = free coordinates) without the robust loss.
  ceres::Problem::EvaluateOptions eo;
  eo.parameter_blocks = fp.blocks();
  eo.apply_loss_function = false;
  std::vector<double> r;
  ceres::CRSMatrix crs;
  double cost_plain = 0;
  fp.problem().Evaluate(eo, &cost_plain, &r, nullptr, &crs);
  const size_t n = r.size(), p = free.size();
  result.points = n;
  result.free = p;
  result.chi2 = 2 * cost_plain;
  result.chi2_reduced = n > p ? result.chi2 / static_cast<double>(n - p) : kNaN;
  const double nd = static_cast<double>(n), pd = static_cast<double>(p);
  result.aic = nd * std::log(result.chi2 / nd) + 2.0 * pd;
  result.bic = nd * std::log(result.chi2 / nd) + std::log(nd) * pd;

  const Eigen::MatrixXd J = dense_jacobian(crs);
  // Covariance of the fitted coordinates: pseudo-inverse of J^T J after scaling columns to unit
  // norm; eigen-directions below 1e-10 of the largest eigenvalue are reported, not inverted.
  Eigen::VectorXd norms = J.colwise().norm();
  for (int i = 0; i < norms.size(); ++i)
    if (norms(i) == 0) norms(i) = 1;
  const Eigen::MatrixXd Js = J * norms.cwiseInverse().asDiagonal();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(Js.transpose() * Js);
  const Eigen::VectorXd lambda = eig.eigenvalues();
  const double lmax = lambda.size() ? lambda.maxCoeff() : 0;
  std::vector<bool> undetermined(p, false);
  Eigen::MatrixXd inv = Eigen::MatrixXd::Zero(p, p);
  std::vector<std::string> free_names;
  for (size_t i = 0; i < p; ++i) free_names.push_back(parameter_label(table[free[i].k].name, free[i].dataset));
  for (Eigen::Index e = 0; e < lambda.size(); ++e) {
    const Eigen::VectorXd v = eig.eigenvectors().col(e);
    if (lambda(e) > 1e-10 * lmax) {
      inv += v * v.transpose() / lambda(e);
      continue;
    }
    std::string combo;
    for (size_t i = 0; i < p; ++i)
      if (std::abs(v(i)) > 0.2) {
        combo += fmt::format("{}{:+.2f} {}", combo.empty() ? "" : " ", v(i), free_names[i]);
        undetermined[i] = true;
      }
    result.weak_combinations.push_back(fmt::format("{} (relative eigenvalue {:.1e})", combo, lambda(e) / lmax));
  }
  const double s2 = spec.options.scale_covariance && std::isfinite(result.chi2_reduced) ? result.chi2_reduced : 1.0;
  const Eigen::MatrixXd cov = s2 * norms.cwiseInverse().asDiagonal() * inv * norms.cwiseInverse().asDiagonal();
  result.free_names = free_names;
  result.correlation.assign(p, std::vector<double>(p, kNaN));
  for (size_t i = 0; i < p; ++i)
    for (size_t j = 0; j < p; ++j)
      if (!undetermined[i] && !undetermined[j]) result.correlation[i][j] = cov(i, j) / std::sqrt(cov(i, i) * cov(j, j));

  // Parameters in physical units: stderr through d value/dx (log scale: value ln 10).
  for (size_t k = 0; k < spec.parameters.size(); ++k) {
    const auto& choice = spec.parameters[k];
    auto push = [&](int dataset, double x, double var_x, bool is_free, bool undet) {
      FittedParameter fp_out;
      fp_out.name = choice.name;
      fp_out.dataset = dataset;
      fp_out.unit = table[k].unit;
      fp_out.fixed = !is_free;
      fp_out.value = is_free ? fp.to_value(static_cast<int>(k), x) : choice.start;
      const double dvdx = choice.log_scale ? fp_out.value * std::log(10.0) : 1.0;
      fp_out.stderr_value = is_free && !undet ? std::abs(dvdx) * std::sqrt(var_x) : kNaN;
      fp_out.at_bound = is_free && fp.on_bound(static_cast<int>(k), x);
      result.parameters.push_back(fp_out);
    };
    if (fp.mapping().source[k] == Mapping::Fixed) {
      push(-1, 0, 0, false, false);
      continue;
    }
    for (size_t i = 0; i < p; ++i)
      if (free[i].k == static_cast<int>(k)) push(free[i].dataset, free[i].x(), cov(i, i), true, undetermined[i]);
  }
  std::vector<double> row_variance(n, kNaN);
  if (static_cast<size_t>(J.rows()) == n && static_cast<size_t>(J.cols()) == p)
    for (size_t i = 0; i < n; ++i) row_variance[i] = J.row(Eigen::Index(i)) * cov * J.row(Eigen::Index(i)).transpose();
  return row_variance;
}

// row_variance: of each residual row, in the problem's order (one block per piece, in order).
void fill_datasets(FitProblem& fp, FitResult& result, const std::vector<double>& row_variance) {
  const auto& spec = fp.spec();
  const size_t D = spec.datasets.size();
  result.datasets.resize(D);
  for (size_t d = 0; d < D; ++d) {
    auto& df = result.datasets[d];
    df.file = spec.datasets[d].name;
    df.kind = experiment_name(spec.datasets[d].experiment.kind);
    df.points = spec.datasets[d].experiment.points();
    df.measured.assign(df.points, kNaN);
    df.model.assign(df.points, kNaN);
    df.model_stderr.assign(df.points, kNaN);
  }
  size_t rows = 0;
  for (const auto& u : fp.pieces()) rows += u.data.size();
  const bool rows_known = rows == row_variance.size();
  size_t row = 0;
  std::vector<double> sumsq(D, 0.0);
  for (const auto& u : fp.pieces()) {
    const auto values = fp.values_for(u.dataset);
    std::vector<double> m(u.data.size());
    fp.model().predict(values, u.condition, m);
    auto& df = result.datasets[u.dataset];
    for (size_t i = 0; i < m.size(); ++i) {
      df.measured[u.index[i]] = u.data[i];
      df.model[u.index[i]] = m[i];
      // d model/dx = s_i dr_i/dx (linear residual) or s_i m_i dr_i/dx (log residual).
      if (rows_known)
        df.model_stderr[u.index[i]] =
            std::sqrt(row_variance[row + i]) * std::abs(u.scale[i] * (u.log_form ? m[i] : 1.0));
      const double ri =
          u.log_form ? (std::log(m[i]) - std::log(u.data[i])) / u.scale[i] : (m[i] - u.data[i]) / u.scale[i];
      sumsq[u.dataset] += ri * ri;
    }
    row += m.size();
  }
  for (size_t d = 0; d < D; ++d) {
    auto& df = result.datasets[d];
    df.cost = 0.5 * sumsq[d];
    const double np = static_cast<double>(df.points);
    df.rms_residual = std::sqrt(sumsq[d] / np);
    double mean = 0, ss_res = 0, ss_tot = 0, rel = 0, largest = 0;
    size_t nrel = 0;
    for (double v : df.measured) mean += v / np, largest = std::max(largest, std::abs(v));
    for (size_t i = 0; i < df.points; ++i) {
      ss_res += std::pow(df.model[i] - df.measured[i], 2);
      ss_tot += std::pow(df.measured[i] - mean, 2);
      // Values below 1e-6 of the largest (a fully relaxed stress, 1e-12 MPa) are rounding
      // noise: relative to them any model is 100 % off.
      if (std::abs(df.measured[i]) > 1e-6 * largest)
        rel += std::pow((df.model[i] - df.measured[i]) / df.measured[i], 2), ++nrel;
    }
    df.r2 = ss_tot > 0 ? 1 - ss_res / ss_tot : kNaN;
    df.rms_relative = nrel ? std::sqrt(rel / static_cast<double>(nrel)) : kNaN;
  }
}

}  // namespace

void fill_statistics(FitProblem& fp, FitResult& result) {
  const auto row_variance = fill_covariance(fp, result);
  fill_datasets(fp, result, row_variance);
}

}  // namespace glassfit
