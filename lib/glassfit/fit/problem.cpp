// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/fit/problem.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"

namespace glassfit {
namespace {

double scale_of(const ResidualScale& s, double data, size_t row, const FitDataset& d) {
  switch (s.kind) {
    case ResidualKind::Relative:
    case ResidualKind::Complex:  // |data| outside DMA; pieces_of gives DMA rows |E*|
      if (data == 0)
        throw InputError(
            fmt::format("{}: a measured value is 0, so a relative residual is undefined; use "
                        "residual = \"absolute\" or \"noise\"",
                        d.file.empty() ? d.name : d.file));
      return std::abs(data);
    case ResidualKind::Absolute:
      return 1.0;
    case ResidualKind::Noise:
      return std::hypot(s.relative * data, s.absolute);
    case ResidualKind::Column:
      break;
  }
  const double v = s.sigma.at(row);
  if (!(v > 0))
    throw InputError(
        fmt::format("{}: uncertainty column '{}' must be positive", d.file.empty() ? d.name : d.file, s.column));
  return v;
}

}  // namespace

std::vector<Piece> pieces_of(const FitDataset& d, int dataset, bool robust) {
  const auto& ex = d.experiment;
  const double sw = std::sqrt(d.weight);
  std::vector<Piece> units;
  if (ex.kind == Experiment::Dma) {
    const size_t n = ex.frequency_Hz.size();
    for (size_t i = 0; i < n; ++i) {
      Piece u;
      u.condition.kind = Experiment::Dma;
      u.condition.temperature_K = ex.temperature_K[i];
      u.condition.omega_rad_s = 2 * kPi * ex.frequency_Hz[i];
      u.data = {ex.storage_MPa[i], ex.loss_MPa[i]};
      // A complex residual scales E' and E'' by |E*| of the row.
      const double modulus = std::hypot(u.data[0], u.data[1]);
      auto scale = [&](const ResidualScale& s, double value) {
        return s.kind == ResidualKind::Complex && modulus > 0 ? modulus : scale_of(s, value, i, d);
      };
      u.scale = {scale(d.scale, u.data[0]) / sw, scale(d.loss_scale, u.data[1]) / sw};
      if (d.log_moduli) {
        if (!(u.data[0] > 0 && u.data[1] > 0)) {
          const long line = i < d.line_of_row.size() ? d.line_of_row[i] : 0;
          throw InputError(line ? located(ex.path, line, "", "log_moduli needs positive E' and E''")
                                : fmt::format("{}: point {}: log_moduli needs positive E' and E''", d.name, i + 1));
        }
        u.scale[0] /= u.data[0], u.scale[1] /= u.data[1];
        u.log_form = true;
      }
      u.index = {i, n + i};
      u.dataset = dataset;
      units.push_back(std::move(u));
    }
    return units;
  }
  if (ex.kind == Experiment::FlowStress) {
    for (size_t i = 0; i < ex.flow_stress_MPa.size(); ++i) {
      Piece u;
      u.condition.kind = Experiment::FlowStress;
      u.condition.temperature_K = ex.temperature_K[i];
      u.condition.program.strain_rate_per_s = ex.strain_rate_per_s[i];
      u.data = {ex.flow_stress_MPa[i]};
      u.scale = {scale_of(d.scale, u.data[0], i, d) / sw};
      u.index = {i};
      u.dataset = dataset;
      units.push_back(std::move(u));
    }
    return units;
  }
  size_t k = 0;
  for (const auto& run : ex.runs) {
    const size_t n = run.time_s.size(), per_piece = ex.kind == Experiment::Creep && robust ? 1 : n;
    for (size_t first = 0; first < n; first += per_piece) {
      Piece u;
      u.condition.kind = ex.kind;
      u.condition.temperature_K = run.temperature_K;
      u.condition.history = run.stress_history;
      u.condition.program = {run.strain_step, run.strain_rate_per_s};
      u.condition.linear_limit = run.modulus;
      for (size_t i = first; i < std::min(n, first + per_piece); ++i, ++k) {
        u.condition.times.push_back(run.time_s[i]);
        u.data.push_back(run.measured[i]);
        u.scale.push_back(scale_of(d.scale, run.measured[i], run.rows[i], d) / sw);
        u.index.push_back(k);
      }
      u.dataset = dataset;
      units.push_back(std::move(u));
    }
  }
  return units;
}

FitProblem::FitProblem(const FitSpec& spec) : spec_(spec), width_(spec.model->kernel().width()) {
  const auto& params = spec.parameters;
  const int n = static_cast<int>(params.size());
  const size_t D = spec.datasets.size();
  any_local_ = std::any_of(params.begin(), params.end(), [](const auto& p) { return !p.fixed && p.per_dataset; });
  map_.source.assign(width_, Mapping::Fixed);
  map_.constant.assign(width_, 0.0);
  map_.log.assign(width_, 0);
  shared_.assign(width_, 0.0);
  local_.assign(D, std::vector<double>(width_, 0.0));
  std::vector<int> shared_free, local_free;
  for (int k = 0; k < n; ++k) {
    const auto& p = params[k];
    map_.log[k] = p.log_scale;
    map_.constant[k] = p.start;
    map_.source[k] = p.fixed ? Mapping::Fixed : p.per_dataset ? Mapping::Local : Mapping::Shared;
    shared_[k] = p.fixed ? 0.0 : to_fitted(p, p.start);
    for (auto& l : local_) l[k] = shared_[k];
    if (map_.source[k] == Mapping::Shared) shared_free.push_back(k);
    if (map_.source[k] == Mapping::Local) local_free.push_back(k);
  }
  const bool robust = spec.options.loss != Loss::None;
  for (size_t d = 0; d < D; ++d) {
    auto u = pieces_of(spec.datasets[d], static_cast<int>(d), robust);
    pieces_.insert(pieces_.end(), std::make_move_iterator(u.begin()), std::make_move_iterator(u.end()));
  }

  ceres::Problem::Options popts;
  popts.manifold_ownership = ceres::TAKE_OWNERSHIP;
  problem_ = std::make_unique<ceres::Problem>(popts);
  const auto& kernel = spec.model->kernel();
  for (const auto& u : pieces_) {
    ceres::LossFunction* loss = nullptr;
    if (spec.options.loss == Loss::Huber) loss = new ceres::HuberLoss(spec.options.loss_scale);
    if (spec.options.loss == Loss::Cauchy) loss = new ceres::CauchyLoss(spec.options.loss_scale);
    if (any_local_)
      problem_->AddResidualBlock(kernel.cost(u, map_, true), loss, shared_.data(), local_[u.dataset].data());
    else
      problem_->AddResidualBlock(kernel.cost(u, map_, false), loss, shared_.data());
  }
  auto set_block = [&](double* block, const std::vector<int>& free) {
    if (free.empty()) {
      problem_->SetParameterBlockConstant(block);
      return;
    }
    if (free.size() < static_cast<size_t>(width_)) {
      std::vector<int> constant;
      for (int k = 0; k < width_; ++k)
        if (std::find(free.begin(), free.end(), k) == free.end()) constant.push_back(k);
      problem_->SetManifold(block, new ceres::SubsetManifold(width_, constant));
    }
    for (int k : free) {
      if (std::isfinite(lower_x(k))) problem_->SetParameterLowerBound(block, k, lower_x(k));
      if (std::isfinite(upper_x(k))) problem_->SetParameterUpperBound(block, k, upper_x(k));
    }
  };
  set_block(shared_.data(), shared_free);
  if (any_local_)
    for (auto& l : local_) set_block(l.data(), local_free);

  if (!shared_free.empty()) {
    blocks_.push_back(shared_.data());
    for (int k : shared_free) free_.push_back({shared_.data(), k, -1});
  }
  if (any_local_)
    for (size_t d = 0; d < D; ++d) {
      blocks_.push_back(local_[d].data());
      for (int k : local_free) free_.push_back({local_[d].data(), k, static_cast<int>(d)});
    }
}

double FitProblem::lower_x(int k) const { return fitted_lower(spec_.parameters[k]); }

double FitProblem::upper_x(int k) const { return fitted_upper(spec_.parameters[k]); }

bool FitProblem::on_bound(int k, double x) const {
  const double tol = 1e-6 * std::max(1.0, std::abs(x));
  return (std::isfinite(lower_x(k)) && x - lower_x(k) <= tol) || (std::isfinite(upper_x(k)) && upper_x(k) - x <= tol);
}

bool FitProblem::bounded(int k) const { return std::isfinite(lower_x(k)) && std::isfinite(upper_x(k)); }

double FitProblem::in_bounds(int k, double u) const { return lower_x(k) + (upper_x(k) - lower_x(k)) * u; }

double FitProblem::to_value(int k, double x) const { return from_fitted(spec_.parameters[k], x); }

std::vector<double> FitProblem::values_for(int dataset) const {
  std::vector<double> v(spec_.parameters.size());
  for (size_t k = 0; k < v.size(); ++k)
    v[k] = mapped_value(map_, static_cast<int>(k), shared_.data(), local_[static_cast<size_t>(dataset)].data());
  return v;
}

double FitProblem::cost_at(ceres::Problem& problem) {
  double c = kInf;
  const bool ok = problem.Evaluate(ceres::Problem::EvaluateOptions(), &c, nullptr, nullptr, nullptr);
  return ok && std::isfinite(c) ? c : kInf;
}

}  // namespace glassfit
