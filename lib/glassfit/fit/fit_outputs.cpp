// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/fit/fit_outputs.h"

#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <algorithm>
#include <limits>
#include <map>

#include "glassfit/io/provenance.h"

namespace glassfit {
namespace {

// Curves grouped by one condition (temperature, frequency or run), x another: data markers,
// model lines and the model's 95 % confidence band per condition.
struct Curves {
  std::map<double, Series> data, model, band;
  bool log_y = false;  // drawn on a log axis: a band must stay positive
};

struct Condition {
  double key = 0;     // groups the points
  double value = 0;   // placed on the colour bar (temperature, log10 frequency)
  std::string label;  // legend text
};

// The band at one point: [low, high], or NaN when there is none.
struct Band {
  double low = std::numeric_limits<double>::quiet_NaN(), high = low;
};

void add_point(Curves& c, const Condition& k, double x, double measured, double model, Band band) {
  auto& d = c.data[k.key];
  auto& m = c.model[k.key];
  auto& b = c.band[k.key];
  if (d.title.empty()) {
    d.title = k.label + " data", d.points = true, d.color_value = k.value;
    m.title = k.label + " fit", m.color_value = k.value;
    b.title = "", b.in_key = false, b.color_value = k.value;
  }
  d.x.push_back(x), d.y.push_back(measured);
  m.x.push_back(x), m.y.push_back(model);
  if (std::isfinite(band.low) && std::isfinite(band.high) && (!c.log_y || band.low > 0)) {
    b.x.push_back(x), b.y.push_back(model);
    b.band_low.push_back(band.low), b.band_high.push_back(band.high);
  }
}

// Sorted by x, so that lines and bands run left to right.
void sort_by_x(Series& s) {
  std::vector<size_t> order(s.x.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return s.x[a] < s.x[b]; });
  auto permuted = [&](const std::vector<double>& v) {
    if (v.size() != order.size()) return v;
    std::vector<double> out(v.size());
    for (size_t i = 0; i < order.size(); ++i) out[i] = v[order[i]];
    return out;
  };
  s.x = permuted(s.x), s.y = permuted(s.y), s.band_low = permuted(s.band_low), s.band_high = permuted(s.band_high);
}

// The curves as a panel's series: data as coloured markers (few conditions: a colour and a
// legend entry each; many: coloured by value on the colour bar), fits as thin black lines over
// them (one legend entry), bands in the condition's colour.
void add_curves(PlotSpec& panel, Curves& c, bool with_model, int point_type = 7) {
  const bool keyed = c.data.size() <= kKeyedSeries;
  int colour = 0;
  long last_fit = -1;
  for (auto& [k, d] : c.data) {
    ++colour;
    std::vector<Series> parts;
    if (with_model && c.band[k].x.size() > 1) parts.push_back(c.band[k]);
    parts.push_back(d);
    if (with_model) parts.push_back(c.model[k]);
    for (auto& s : parts) {
      sort_by_x(s);
      s.point_type = point_type;
      if (keyed) s.color = colour, s.color_value = std::numeric_limits<double>::quiet_NaN();
      if (c.data.size() == 1 && s.points) s.title = "data";
      if (!s.points && s.band_low.empty()) {  // the fit
        s.color_value = std::numeric_limits<double>::quiet_NaN(), s.rgb = "#000000";
        s.title = "fit", s.in_key = false, last_fit = static_cast<long>(panel.series.size());
      }
      panel.series.push_back(s);
    }
  }
  if (last_fit >= 0) panel.series[size_t(last_fit)].in_key = true;  // one entry, after the data's
}

// Relative residuals (fit - data)/data in percent, as markers.
Curves residuals_of(const Curves& c) {
  Curves r;
  for (const auto& [k, d] : c.data) {
    Series s = d;
    const auto& m = c.model.at(k);
    for (size_t i = 0; i < s.y.size(); ++i) s.y[i] = d.y[i] != 0 ? 100 * (m.y[i] - d.y[i]) / d.y[i] : 0;
    s.title = d.title.substr(0, d.title.size() - std::string(" data").size());
    s.in_key = false;  // the colours are those of the panel above, whose legend names them
    r.data[k] = s;
  }
  return r;
}

// sha256: the dataset's as the run recorded it ("" : hashed here from the file).
void add_dataset_outputs(OutputSet& out, const FitDataset& in, const DatasetFit& df, size_t index,
                         const std::vector<std::string>& provenance, const std::string& sha256) {
  const std::string stem = fmt::format("{}_{}", index + 1, std::filesystem::path(df.file).stem().string());
  const std::string name = std::filesystem::path(df.file).filename().string();
  const auto& ex = in.experiment;
  const bool thermal = ex.has_temperature();
  std::vector<OutputColumn> cols;
  PlotSpec figure;
  const bool own_band =
      !df.model.empty() && df.band_low.size() == df.model.size() && df.band_high.size() == df.model.size();
  const std::string bands = fmt::format(" (markers: data; lines: fit; shaded: {})",
                                        own_band ? df.band_label : "95 % confidence band of the fit");
  // The band: the one given, or the covariance's model +- 1.96 standard errors.
  auto band_at = [&](size_t i) {
    if (own_band) return Band{df.band_low[i], df.band_high[i]};
    if (i >= df.model_stderr.size()) return Band{};
    return Band{df.model[i] - 1.96 * df.model_stderr[i], df.model[i] + 1.96 * df.model_stderr[i]};
  };
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
    Curves storage, loss_c, tan_c;
    storage.log_y = loss_c.log_y = tan_c.log_y = true;
    for (size_t i = 0; i < n; ++i) {
      Condition k;
      k.key = by_freq ? ex.frequency_Hz[i] : thermal ? ex.temperature_K[i] : 0.0;
      k.value = by_freq ? std::log10(ex.frequency_Hz[i]) : k.key;
      k.label = by_freq ? fmt::format("{:g} Hz", k.key) : thermal ? temperature_label(ex.temperature_K[i]) : "";
      const double x = by_freq ? ex.temperature_K[i] : ex.frequency_Hz[i];
      add_point(storage, k, x, ex.storage_MPa[i], df.model[i], band_at(i));
      add_point(loss_c, k, x, ex.loss_MPa[i], df.model[n + i], band_at(n + i));
      add_point(tan_c, k, x, ex.loss_MPa[i] / ex.storage_MPa[i], df.model[n + i] / df.model[i], Band{});
    }
    const std::string xlabel = by_freq   ? "temperature [K]"
                               : thermal ? "frequency [Hz]"
                                         : "reduced frequency [Hz] (at the master curve's reference temperature)";
    const std::string colour = by_freq ? "log10(frequency [Hz])" : "temperature [K]";
    auto panel = [&](std::string title, std::string ylabel, bool log_y) {
      PlotSpec p = plot_spec(std::move(title), xlabel, std::move(ylabel), !by_freq, log_y);
      p.color_label = colour;
      return p;
    };
    PlotSpec ps = panel("storage modulus", "E' [MPa]", true), pl = panel("loss modulus", "E'' [MPa]", true),
             pt = panel("loss factor", "tan delta [-]", true),
             pr = panel("residuals (filled: E', open: E'')", "(fit - data)/data [%]", false);
    add_curves(ps, storage, true), add_curves(pl, loss_c, true), add_curves(pt, tan_c, true);
    Curves rs = residuals_of(storage), rl = residuals_of(loss_c);
    for (auto& [k, s] : rs.data) s.title = "E' " + s.title;
    for (auto& [k, s] : rl.data) s.title = "E'' " + s.title;
    add_curves(pr, rs, false, 7), add_curves(pr, rl, false, 6);
    figure.title = fmt::format("{}: DMA data and fit{}", name, bands);
    figure.panels = {ps, pl, pt, pr};
    figure.panel_columns = 2;
  } else if (ex.kind == Experiment::FlowStress) {
    cols = {{"temperature [K]", ex.temperature_K},
            {"strain_rate [1/s]", ex.strain_rate_per_s},
            {"flow_stress [MPa]", ex.flow_stress_MPa},
            {"flow_stress_fit [MPa]", df.model}};
    Curves c;
    for (size_t i = 0; i < ex.flow_stress_MPa.size(); ++i)
      add_point(c, {ex.temperature_K[i], ex.temperature_K[i], temperature_label(ex.temperature_K[i])},
                ex.strain_rate_per_s[i], ex.flow_stress_MPa[i], df.model[i], band_at(i));
    PlotSpec pf = plot_spec("flow stress", "strain rate [1/s]", "flow stress [MPa]", true);
    PlotSpec pr = plot_spec("residuals", "strain rate [1/s]", "(fit - data)/data [%]", true);
    pf.color_label = pr.color_label = "temperature [K]";
    add_curves(pf, c, true);
    Curves r = residuals_of(c);
    add_curves(pr, r, false);
    figure.title = fmt::format("{}: flow stress data and fit{}", name, bands);
    figure.panels = {pf, pr};
  } else {
    const bool creep = ex.kind == Experiment::Creep, tension = ex.kind == Experiment::Tension;
    const bool modulus = !ex.runs.empty() && ex.runs.front().modulus;  // relaxation modulus data
    const std::string q = creep ? "strain [-]" : modulus ? "relaxation modulus [MPa]" : "stress [MPa]";
    cols = {{"temperature [K]", {}},
            {"time [s]", {}},
            {creep ? "strain [-]" : "stress [MPa]", {}},
            {creep ? "strain_fit [-]" : "stress_fit [MPa]", {}}};
    Curves c;
    c.log_y = ex.kind == Experiment::Relaxation;
    size_t k = 0, left_out = 0;
    for (size_t r = 0; r < ex.runs.size(); ++r) {
      const auto& run = ex.runs[r];
      // A relaxation curve on log axes: values below 1e-6 of the run's largest are rounding
      // noise of a fully relaxed stress (as in rms_relative) and are not drawn.
      double largest = 0;
      for (double v : run.measured) largest = std::max(largest, std::abs(v));
      const std::string label =
          creep     ? fmt::format("{}, {:g} MPa", temperature_label(run.temperature_K), run.stress_history[0].value)
          : tension ? fmt::format("{}, {:g} /s", temperature_label(run.temperature_K), run.strain_rate_per_s)
                    : temperature_label(run.temperature_K);
      for (size_t i = 0; i < run.time_s.size(); ++i, ++k) {
        cols[0].values.push_back(run.temperature_K), cols[1].values.push_back(run.time_s[i]);
        cols[2].values.push_back(df.measured[k]), cols[3].values.push_back(df.model[k]);
        // A tensile test is read against its strain (rate x time), as a stress-strain curve.
        const double x = tension ? run.strain_rate_per_s * run.time_s[i] : run.time_s[i];
        if (ex.kind != Experiment::Relaxation || df.measured[k] > 1e-6 * largest)
          add_point(c, {static_cast<double>(r), run.temperature_K, label}, x, df.measured[k], df.model[k], band_at(k));
        else
          ++left_out;
      }
    }
    const bool log = ex.kind == Experiment::Relaxation;
    const std::string xlabel = tension   ? "strain (strain rate x time) [-]"
                               : thermal ? "time [s]"
                                         : "reduced time [s] (at the master curve's reference temperature)";
    PlotSpec pf = plot_spec(df.kind, xlabel, q, log, log);
    PlotSpec pr = plot_spec("residuals", xlabel, "(fit - data)/data [%]", log);
    pf.color_label = pr.color_label = "temperature [K]";
    pf.key_position = log ? "inside bottom left" : "inside top left";
    add_curves(pf, c, true);
    Curves r = residuals_of(c);
    add_curves(pr, r, false);
    figure.title = fmt::format("{}: {} data and fit{}", name, df.kind, bands);
    if (left_out) pf.title += fmt::format(" ({} points below 1e-6 of their run's largest not drawn)", left_out);
    figure.panels = {pf, pr};
  }
  if (figure.panels.size() == 2) figure.row_heights = {3, 1.5};
  if (!thermal) cols.erase(cols.begin());  // isothermal data (a master curve): no temperature column
  std::vector<std::string> comments = provenance;
  comments.push_back(in.file.empty() ? fmt::format("data and model, from {} (given in code)", df.file)
                                     : fmt::format("data and model, from {} (sha256 {})", df.file,
                                                   sha256.empty() ? sha256_file(in.file) : sha256));
  out.table(stem + "_fit.csv", comments, cols);
  out.plot(stem + "_fit.png", figure);
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
