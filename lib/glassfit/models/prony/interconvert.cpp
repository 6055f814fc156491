// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/prony/interconvert.h"

#include <ceres/ceres.h>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "glassfit/core/error.h"
#include "glassfit/models/kernel.h"
#include "glassfit/models/prony/model.h"
#include "glassfit/numerics/ceres_util.h"

namespace glassfit::prony {

Interconversion interconvert(const Model& source, std::span<const double> values, double temperature_K, double t_lo_s,
                             double t_hi_s, double per_decade, bool free_times, int samples_per_decade) {
  if (!(t_lo_s > 0) || !(t_hi_s > t_lo_s) || !std::isfinite(t_hi_s))
    throw InputError(fmt::format("interconversion window {:g} to {:g} s: need 0 < start < end", t_lo_s, t_hi_s));
  if (!source.predicts(Experiment::Relaxation))
    throw InputError(
        fmt::format("model {} cannot give a relaxation modulus, so it has no Prony series", source.name()));
  if (!(per_decade > 0 && per_decade <= 10)) throw InputError("interconversion: per_decade must be in (0, 10]");
  const double lo = std::log10(t_lo_s), hi = std::log10(t_hi_s);
  const int samples = std::max(2, static_cast<int>(std::ceil((hi - lo) * samples_per_decade)) + 1);
  std::vector<double> times;
  for (int i = 0; i < samples; ++i) times.push_back(std::pow(10.0, lo + (hi - lo) * i / (samples - 1)));
  const auto E = source.relaxation_modulus(values, temperature_K, times);
  // Where E(t) has relaxed below 1e-6 of its largest value it is rounding noise for a relative fit.
  const double largest = *std::max_element(E.begin(), E.end());
  if (!(largest > 0) || !std::isfinite(largest))
    throw InputError(fmt::format("model {} gives no positive relaxation modulus between {:g} and {:g} s at {:g} K",
                                 source.name(), t_lo_s, t_hi_s, temperature_K));
  ExperimentData data;
  data.kind = Experiment::Relaxation;
  TestRun run;
  run.temperature_K = std::numeric_limits<double>::quiet_NaN();
  run.strain_step = 1.0;
  run.modulus = true;
  for (size_t i = 0; i < times.size(); ++i)
    if (E[i] > 1e-6 * largest && std::isfinite(E[i])) {
      run.time_s.push_back(times[i]);
      run.measured.push_back(E[i]);
      run.rows.push_back(run.rows.size());
    }
  data.runs = {run};

  // The series at whole decades; its weights at those times are the non-negative least-squares
  // optimum of the relative residuals (the model's start from data).
  Options o;
  const double dlo = std::floor(lo), dhi = std::ceil(hi);
  o.times_s = spaced_times(std::max(1, static_cast<int>(std::lround((dhi - dlo) * per_decade)) + 1), dlo, dhi);
  Interconversion out;
  out.model = make_model(o);
  const int n = static_cast<int>(o.times_s.size()), width = out.model->kernel().width();
  out.values = out.model->defaults();
  out.model->fit_helpers().start_from_data(out.values, {&data}, {false});

  if (free_times) {
    // Then the times move too: Levenberg-Marquardt on (weights, log10 times) with weights >= 0,
    // through the model's own kernel (exact derivatives).
    Piece piece;
    piece.condition.kind = Experiment::Relaxation;
    piece.condition.program.strain_step = 1.0;
    piece.condition.linear_limit = true;
    piece.condition.times = run.time_s;
    piece.data = run.measured;
    for (double v : run.measured) piece.scale.push_back(std::abs(v));
    Mapping map;
    map.source.assign(width, Mapping::Fixed);
    map.constant.assign(width, 0.0);
    map.log.assign(width, 0);
    std::vector<double> x(width, 0.0);
    for (int k = 0; k < 1 + 2 * n; ++k) {
      map.source[k] = Mapping::Shared;
      map.log[k] = k > n;
      x[k] = k > n ? std::log10(out.values[k]) : out.values[k];
    }
    ceres::Problem problem;
    problem.AddResidualBlock(out.model->kernel().cost(piece, map, false), nullptr, x.data());
    std::vector<int> constant;
    for (int k = 1 + 2 * n; k < width; ++k) constant.push_back(k);
    if (!constant.empty()) problem.SetManifold(x.data(), new ceres::SubsetManifold(width, constant));
    for (int k = 0; k <= n; ++k) problem.SetParameterLowerBound(x.data(), k, 0.0);
    ceres::Solver::Options so = small_dense_options();
    so.max_num_iterations = 2000;
    so.use_nonmonotonic_steps = true;
    so.gradient_tolerance = 1e-14;
    ceres::Solver::Summary summary;
    ceres::Solve(so, &problem, &summary);
    if (summary.IsSolutionUsable())
      for (int k = 0; k < 1 + 2 * n; ++k) out.values[k] = k > n ? std::pow(10.0, x[k]) : x[k];
    // Times that moved past each other keep their order in the table.
    std::vector<std::pair<double, double>> terms;
    for (int i = 0; i < n; ++i) terms.emplace_back(out.values[1 + n + i], out.values[1 + i]);
    std::sort(terms.begin(), terms.end());
    o.times_s.clear();
    for (int i = 0; i < n; ++i) o.times_s.push_back(terms[i].first), out.values[1 + i] = terms[i].second;
    for (int i = 0; i < n; ++i) out.values[1 + n + i] = terms[i].first;
    out.model = make_model(o);
  }

  out.time_s = run.time_s;
  out.source_MPa = run.measured;
  out.prony_MPa = out.model->relaxation_modulus(out.values, temperature_K, out.time_s);
  double sum = 0;
  for (size_t i = 0; i < out.time_s.size(); ++i) {
    const double rel = (out.prony_MPa[i] - out.source_MPa[i]) / out.source_MPa[i];
    sum += rel * rel;
    out.max_relative = std::max(out.max_relative, std::abs(rel));
  }
  out.rms_relative = std::sqrt(sum / static_cast<double>(out.time_s.size()));
  return out;
}

ExportSeries export_series(const Model& model, std::span<const double> values, const std::optional<ExportWindow>& w) {
  if (model.name() == "prony") {
    if (w)
      throw InputError(
          "a temperature and a time window interconvert another model; a Prony series is exported as it is");
    return {series_of(model, values), {}};
  }
  if (!w)
    throw InputError(
        fmt::format("model {} is exported through its Prony series: give --temperature and --time "
                    "(the window, e.g. 1e-3:1e6)",
                    model.name()));
  const auto ic = interconvert(model, values, w->temperature_K, w->t_lo_s, w->t_hi_s, w->per_decade, w->free_times);
  ExportSeries out{series_of(*ic.model, ic.values), {}};
  out.note = fmt::format(
      "Prony series of model {}'s E(t) at {:g} K, {:g} to {:g} s: {} terms, RMS relative difference {:.3g} %, largest "
      "{:.3g} % over {} samples",
      model.name(), w->temperature_K, w->t_lo_s, w->t_hi_s, out.series.E.size(), 100 * ic.rms_relative,
      100 * ic.max_relative, ic.time_s.size());
  return out;
}

WindowedSeries restrict_to_window(const PronySeries& full, double t_lo, double t_hi, const std::string& option) {
  if (!(t_lo > 0 && t_hi > t_lo) || !std::isfinite(t_hi))
    throw InputError(fmt::format("{} {:g}:{:g}: give 0 < start < end, in s of reduced time", option, t_lo, t_hi));
  WindowedSeries out;
  out.series.shear = full.shear;
  out.series.E_inf = full.E_inf;
  for (size_t i = 0; i < full.E.size(); ++i) {
    if (full.tau_s[i] < t_lo) {
      ++out.dropped;
    } else if (full.tau_s[i] > t_hi) {
      out.series.E_inf += full.E[i], ++out.folded;
    } else {
      out.series.E.push_back(full.E[i]), out.series.tau_s.push_back(full.tau_s[i]);
    }
  }
  if (out.series.E.empty())
    throw InputError(fmt::format("{} {:g}:{:g} s holds none of the series' relaxation times ({:g} to {:g} s)", option,
                                 t_lo, t_hi, *std::min_element(full.tau_s.begin(), full.tau_s.end()),
                                 *std::max_element(full.tau_s.begin(), full.tau_s.end())));
  auto E_of = [](const PronySeries& s, double t) {
    double E = s.E_inf;
    for (size_t i = 0; i < s.E.size(); ++i) E += s.E[i] * std::exp(-t / s.tau_s[i]);
    return E;
  };
  const double decades = std::log10(t_hi / t_lo);
  const int samples = std::max(2, static_cast<int>(std::ceil(20 * decades)) + 1);
  for (int k = 0; k < samples; ++k) {
    const double t = t_lo * std::pow(10.0, decades * k / (samples - 1));
    const double want = E_of(full, t);
    if (want > 0) out.largest_relative = std::max(out.largest_relative, std::abs(E_of(out.series, t) - want) / want);
  }
  out.note = fmt::format(
      "window {:g} to {:g} s: {} of {} terms kept, {} faster dropped, {} slower folded into the long-time modulus; "
      "instantaneous modulus {:.6g} -> {:.6g} MPa; E(t) in the window within {:.3g} % of the full series",
      t_lo, t_hi, out.series.E.size(), full.E.size(), out.dropped, out.folded, full.instantaneous(),
      out.series.instantaneous(), 100 * out.largest_relative);
  return out;
}

}  // namespace glassfit::prony
