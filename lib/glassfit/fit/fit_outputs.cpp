// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/fit/fit_outputs.h"

#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <map>

#include "glassfit/io/provenance.h"

namespace glassfit {
namespace {

// Series grouped by one condition (temperature or frequency), x another, for data and model.
struct Grouped {
  std::map<double, Series> data, model, resid;
};

void add_point(Grouped& g, double key, const std::string& label, double x, double measured, double model) {
  auto& d = g.data[key];
  auto& m = g.model[key];
  auto& r = g.resid[key];
  if (d.title.empty()) {
    const int color = static_cast<int>(g.data.size());
    d.title = label + " data", d.points = true, d.color = color;
    m.title = label + " fit", m.color = color;
    r.title = label, r.points = true, r.color = color;
  }
  d.x.push_back(x), d.y.push_back(measured);
  m.x.push_back(x), m.y.push_back(model);
  r.x.push_back(x), r.y.push_back(measured != 0 ? 100 * (model - measured) / measured : 0);
}

PlotSpec with_series(PlotSpec spec, Grouped& g, bool with_model) {
  spec.series.clear();
  for (auto& [k, s] : g.data) {
    spec.series.push_back(s);
    if (with_model) spec.series.push_back(g.model[k]);
  }
  return spec;
}

// sha256: the dataset's as the run recorded it ("" : hashed here from the file).
void add_dataset_outputs(OutputSet& out, const FitDataset& in, const DatasetFit& df, size_t index,
                         const std::vector<std::string>& provenance, const std::string& sha256) {
  const std::string stem = fmt::format("{}_{}", index + 1, std::filesystem::path(df.file).stem().string());
  const std::string name = std::filesystem::path(df.file).filename().string();
  const auto& ex = in.experiment;
  const bool thermal = ex.has_temperature();
  std::vector<OutputColumn> cols;
  Grouped g, g2;  // g2: E'' for DMA
  PlotSpec fit_plot, resid_plot;
  resid_plot.ylabel = "(fit - data)/data [%]";
  if (ex.kind == Experiment::Dma) {
    const size_t n = ex.frequency_Hz.size();
    const std::string stor = model_modulus_column("storage_modulus", ex.modulus),
                      loss = model_modulus_column("loss_modulus", ex.modulus);
    cols = {{"temperature [K]", ex.temperature_K}, {"frequency [Hz]", ex.frequency_Hz},
            {stor + " [MPa]", ex.storage_MPa},     {stor + "_fit [MPa]", {}},
            {loss + " [MPa]", ex.loss_MPa},        {loss + "_fit [MPa]", {}}};
    cols[3].values.assign(df.model.begin(), df.model.begin() + static_cast<long>(n));
    cols[5].values.assign(df.model.begin() + static_cast<long>(n), df.model.end());
    std::map<double, int> freqs, temps;
    for (size_t i = 0; i < n; ++i) ++freqs[ex.frequency_Hz[i]], ++temps[thermal ? ex.temperature_K[i] : 0.0];
    const bool by_freq = thermal && freqs.size() <= temps.size();  // isochronal: curves per frequency vs T
    for (size_t i = 0; i < n; ++i) {
      const double key = by_freq ? ex.frequency_Hz[i] : thermal ? ex.temperature_K[i] : 0.0;
      const std::string label = by_freq ? fmt::format("{:g} Hz", key) : temperature_label(ex.temperature_K[i]);
      const double x = by_freq ? ex.temperature_K[i] : ex.frequency_Hz[i];
      add_point(g, key, "E' " + label, x, ex.storage_MPa[i], df.model[i]);
      add_point(g2, key, "E'' " + label, x, ex.loss_MPa[i], df.model[n + i]);
    }
    fit_plot.xlabel = resid_plot.xlabel = by_freq ? "temperature [K]" : "frequency [Hz]";
    fit_plot.log_x = resid_plot.log_x = !by_freq;
    fit_plot.log_y = true;
    fit_plot.ylabel = "E', E'' [MPa]";
    fit_plot.title = fmt::format("{}: DMA data and fit", name);
    resid_plot.title = fmt::format("{}: residuals", name);
    // E'' after E': same colour per condition, open markers.
    for (auto& [k, s] : g2.data) {
      s.point_type = 6, g2.resid[k].point_type = 6;
      s.color = g.data[k].color, g2.model[k].color = g.data[k].color, g2.resid[k].color = g.data[k].color;
      g.data[k + 1e12] = s, g.model[k + 1e12] = g2.model[k], g.resid[k + 1e12] = g2.resid[k];
    }
  } else if (ex.kind == Experiment::FlowStress) {
    cols = {{"temperature [K]", ex.temperature_K},
            {"strain_rate [1/s]", ex.strain_rate_per_s},
            {"flow_stress [MPa]", ex.flow_stress_MPa},
            {"flow_stress_fit [MPa]", df.model}};
    for (size_t i = 0; i < ex.flow_stress_MPa.size(); ++i)
      add_point(g, ex.temperature_K[i], temperature_label(ex.temperature_K[i]), ex.strain_rate_per_s[i],
                ex.flow_stress_MPa[i], df.model[i]);
    fit_plot.xlabel = resid_plot.xlabel = "strain rate [1/s]";
    fit_plot.ylabel = "flow stress [MPa]";
    fit_plot.log_x = resid_plot.log_x = true;
    fit_plot.title = fmt::format("{}: flow stress data and fit", name);
    resid_plot.title = fmt::format("{}: residuals", name);
  } else {
    const bool creep = ex.kind == Experiment::Creep;
    const std::string q = creep ? "strain [-]" : "stress [MPa]";
    cols = {{"temperature [K]", {}},
            {"time [s]", {}},
            {creep ? "strain [-]" : "stress [MPa]", {}},
            {creep ? "strain_fit [-]" : "stress_fit [MPa]", {}}};
    size_t k = 0;
    for (size_t r = 0; r < ex.runs.size(); ++r) {
      const auto& run = ex.runs[r];
      const std::string label =
          creep ? fmt::format("{}, {:g} MPa", temperature_label(run.temperature_K), run.stress_history[0].value)
                : temperature_label(run.temperature_K);
      for (size_t i = 0; i < run.time_s.size(); ++i, ++k) {
        cols[0].values.push_back(run.temperature_K), cols[1].values.push_back(run.time_s[i]);
        cols[2].values.push_back(df.measured[k]), cols[3].values.push_back(df.model[k]);
        if (ex.kind != Experiment::Relaxation || df.measured[k] > 0)
          add_point(g, static_cast<double>(r), label, run.time_s[i], df.measured[k], df.model[k]);
      }
    }
    fit_plot.xlabel = resid_plot.xlabel = "time [s]";
    fit_plot.ylabel = q;
    fit_plot.log_x = fit_plot.log_y = resid_plot.log_x = ex.kind == Experiment::Relaxation;
    fit_plot.title = fmt::format("{}: {} data and fit", name, df.kind);
    resid_plot.title = fmt::format("{}: residuals", name);
  }
  if (!thermal) cols.erase(cols.begin());  // isothermal data (a master curve): no temperature column
  std::vector<std::string> comments = provenance;
  comments.push_back(in.file.empty() ? fmt::format("data and model, from {} (given in code)", df.file)
                                     : fmt::format("data and model, from {} (sha256 {})", df.file,
                                                   sha256.empty() ? sha256_file(in.file) : sha256));
  out.table(stem + "_fit.csv", comments, cols);
  out.plot(stem + "_fit.png", with_series(fit_plot, g, true));
  resid_plot.series.clear();
  for (auto& [key, s] : g.resid) resid_plot.series.push_back(s);
  out.plot(stem + "_residuals.png", resid_plot);
}

}  // namespace

OutputSet fit_outputs(const FitSpec& spec, const FitResult& r, const RunInfo& info) {
  OutputSet out;
  out.text("report.json", report_json(spec, r, info));
  out.text("fitted.toml", fitted_toml(spec, r));
  const std::vector<std::string> provenance = {
      fmt::format("{} fit: {} (sha256 {})", software_description(),
                  spec.path.empty() ? "a spec built in code" : spec.path, info.spec_sha256),
      "command: " + info.command};
  for (size_t d = 0; d < spec.datasets.size(); ++d)
    add_dataset_outputs(out, spec.datasets[d], r.datasets[d], d, provenance,
                        d < info.dataset_sha256.size() ? info.dataset_sha256[d] : "");
  for (const auto& iv : r.intervals) {
    if (iv.trial.empty()) continue;
    PlotSpec plot;
    plot.title = fmt::format("profile of {}: chi2 rise with the other parameters re-fitted", iv.name);
    plot.xlabel = iv.name;
    plot.ylabel = "delta chi2 / chi2_reduced scale [-]";
    const auto& c = spec.parameters[static_cast<size_t>(spec.model->slot(iv.name))];
    plot.log_x = c.log_scale;
    Series curve;
    curve.title = "profile";
    curve.points = true;
    curve.x = iv.trial, curve.y = iv.delta_chi2;
    plot.series.push_back(curve);
    for (const double q : {1.0, 3.841459}) {
      Series line;
      line.title = q == 1.0 ? "68.27 %" : "95 %";
      line.x = {iv.trial.front(), iv.trial.back()}, line.y = {q, q};
      plot.series.push_back(line);
    }
    out.plot("profile_" + iv.name + ".png", plot);
  }
  out.summary = summary_table(spec, r);
  if (!r.converged) out.warnings.push_back("the fit did not converge: " + r.termination);
  return out;
}

}  // namespace glassfit
