// SPDX-License-Identifier: BSD-3-Clause
#include <fmt/format.h>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "glassfit/predict/parts.h"

namespace glassfit {

void PredictParts::dma() {
  // Outer loop over whichever list is shorter: isochronal sweeps come out one frequency at a time.
  const bool freq_outer = freqs.size() <= temperatures.size();
  check_point_count(double(freqs.size()) * double(temperatures.size()), "--temperature x --frequency");
  std::vector<Condition> pts;
  for (double a : freq_outer ? freqs : temperatures)
    for (double b : freq_outer ? temperatures : freqs) {
      Condition c;
      c.temperature_K = freq_outer ? b : a;
      c.omega_rad_s = 2 * kPi * (freq_outer ? a : b);
      pts.push_back(c);
    }
  cols = {{"frequency [Hz]", {}}, {stor, {}}, {loss, {}}, {"tan_delta [-]", {}}};
  const auto extras = model.dma_extras(values, pts);
  const ExtraColumn* tan = nullptr;
  for (const auto& e : extras)
    if (e.header == "tan_delta [-]") tan = &e;
  for (size_t i = 0; i < pts.size(); ++i) {
    double E[2];
    model.predict(values, pts[i], E);
    row_T.push_back(pts[i].temperature_K);
    cols[0].values.push_back(pts[i].omega_rad_s / (2 * kPi));
    cols[1].values.push_back(E[0]);
    cols[2].values.push_back(E[1]);
    cols[3].values.push_back(tan ? tan->values[i] : E[1] / E[0]);
  }
  const bool x_is_freq = temperatures.size() == 1 || (!freq_outer && freqs.size() > 1);
  const std::string xlabel = x_is_freq ? "frequency [Hz]" : "temperature [K]";
  PlotSpec storage_panel = plot_spec("storage modulus", xlabel, "E' [MPa]", x_is_freq, x_is_freq),
           loss_panel = plot_spec("loss modulus", xlabel, "E'' [MPa]", x_is_freq, true),  // E'' spans decades
      tan_d = plot_spec("loss factor", xlabel, "tan delta [-]", x_is_freq, true);
  std::vector<double> curve_values;  // the condition of each curve, for colours
  const size_t block = freq_outer ? temperatures.size() : freqs.size();
  for (size_t start = 0; start < pts.size(); start += block) {
    const std::string tag =
        freq_outer ? fmt::format("{:g} Hz", cols[0].values[start]) : temperature_label(row_T[start]);
    curve_values.push_back(freq_outer ? std::log10(cols[0].values[start]) : row_T[start]);
    Series e1, e2, td;
    e1.title = e2.title = td.title = tag;
    for (size_t i = start; i < start + block; ++i) {
      const double x = x_is_freq ? cols[0].values[i] : row_T[i];
      e1.x.push_back(x), e1.y.push_back(cols[1].values[i]);
      e2.x.push_back(x), e2.y.push_back(cols[2].values[i]);
      td.x.push_back(x), td.y.push_back(cols[3].values[i]);
    }
    storage_panel.series.push_back(std::move(e1));
    loss_panel.series.push_back(std::move(e2));
    tan_d.series.push_back(std::move(td));
  }
  const std::string colour = freq_outer ? "log10(frequency [Hz])" : "temperature [K]";
  for (auto* p : {&storage_panel, &loss_panel, &tan_d}) colour_by_value(*p, curve_values, colour);
  for (auto* p : {&loss_panel, &tan_d})  // few curves: the legend once, on the first panel
    if (storage_panel.series.size() <= kKeyedSeries)
      for (auto& se : p->series) se.in_key = false;
  plot = PlotSpec{};
  plot.title = title + (x_is_freq ? ": isothermal DMA" : ": isochronal DMA");
  plot.panels = {storage_panel, loss_panel, tan_d};
  plot.row_heights = {1, 1, 0.8};
}

void PredictParts::master() {
  // The model's own master curve: an isothermal sweep at T_ref over a wide frequency range,
  // with the model's extra DMA outputs (HC: E'' split by process). No shift is involved.
  if (temperatures.size() != 1) throw InputError("--protocol master needs one --temperature (the reference)");
  std::vector<Condition> pts;
  for (double f : freqs) {
    Condition c;
    c.temperature_K = temperatures[0];
    c.omega_rad_s = 2 * kPi * f;
    pts.push_back(c);
  }
  const auto extras = model.dma_extras(values, pts);
  cols = {{"frequency [Hz]", {}}, {stor, {}}, {loss, {}}};
  const ExtraColumn* tan = nullptr;
  std::vector<const ExtraColumn*> parts;
  for (const auto& e : extras) {
    if (e.header == "tan_delta [-]") {
      tan = &e;
    } else {
      cols.push_back({e.header, e.values});
      parts.push_back(&e);
    }
  }
  if (!parts.empty()) {
    std::string sum;
    for (const auto* e : parts) sum += (sum.empty() ? "" : " + ") + e->header.substr(0, e->header.find(' '));
    t.notes.push_back(sum + " = loss_modulus (additive loss compliance)");
  }
  cols.push_back({"tan_delta [-]", {}});
  Series e1, e2;
  e1.title = "E'", e2.title = "E''";
  std::vector<Series> part_series(parts.size());
  for (size_t j = 0; j < parts.size(); ++j) part_series[j].title = parts[j]->title;
  for (size_t i = 0; i < pts.size(); ++i) {
    double E[2];
    model.predict(values, pts[i], E);
    row_T.push_back(temperatures[0]);
    cols[0].values.push_back(freqs[i]);
    cols[1].values.push_back(E[0]);
    cols[2].values.push_back(E[1]);
    cols.back().values.push_back(tan ? tan->values[i] : E[1] / E[0]);
    e1.x.push_back(freqs[i]), e1.y.push_back(E[0]);
    e2.x.push_back(freqs[i]), e2.y.push_back(E[1]);
    // Log axes: leave out parts too small to draw.
    for (size_t j = 0; j < parts.size(); ++j)
      if (parts[j]->values[i] > 1e-6 * E[1])
        part_series[j].x.push_back(freqs[i]), part_series[j].y.push_back(parts[j]->values[i]);
  }
  plot = PlotSpec{};
  plot.title = thermal ? fmt::format("{} master curve at {:g} K", title, temperatures[0]) : title + " master curve";
  PlotSpec moduli = plot_spec("moduli", "frequency [Hz]", "modulus [MPa]", true, true);
  moduli.series = {e1, e2};
  moduli.series.insert(moduli.series.end(), part_series.begin(), part_series.end());
  moduli.key_position = "inside bottom right";
  PlotSpec tan_d = plot_spec("loss factor", "frequency [Hz]", "tan delta [-]", true, true);
  Series td;
  td.title = "tan delta", td.in_key = false;
  td.x = cols[0].values, td.y = cols.back().values;
  tan_d.series = {td};
  plot.panels = {moduli, tan_d};
  plot.row_heights = {3, 1.5};
}

}  // namespace glassfit
