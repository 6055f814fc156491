// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/mastercurve/relaxation_map_report.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "glassfit/mastercurve/relaxation_map.h"
#include "glassfit/io/json_number.h"
#include "glassfit/io/provenance.h"

namespace glassfit {

using nlohmann::json;

OutputSet relaxation_map_report(const RelaxationMapRequest& q) {
  if (!q.isochronal && !q.isothermal) throw InputError("relaxation-map needs --isochronal and/or --isothermal data");
  if (!q.model || !q.model->process_times(q.values, 300))
    throw InputError(
        fmt::format("model {} has no beta and alpha relaxation times to map", q.model ? q.model->name() : "?"));
  const Model& model = *q.model;
  auto times = [&](double T) { return *model.process_times(q.values, T); };
  const std::string M = model.name();
  OutputSet out;
  const std::vector<std::string> comments = {fmt::format("{} relaxation-map", software_description()),
                                             "command: " + q.command};
  json j;
  j["command"] = q.command;
  j["software"] = software_description();
  j["parameters"] = q.parameters_name;

  PlotSpec map;
  map.title = fmt::format("relaxation times: data (points) and {} model (lines)", M);
  map.xlabel = "1000 / T [1/K]";
  map.ylabel = "tau [s]";
  map.log_y = true;
  map.key_position = "inside top left";
  std::vector<double> temps;
  std::optional<ArrheniusFit> arr;
  if (q.isochronal) {
    const Dataset& d = *q.isochronal;
    const auto peaks = beta_loss_peaks(d, q.half_width_K);
    std::vector<OutputColumn> cols = {{"frequency [Hz]", {}},
                                      {"peak_temperature [K]", {}},
                                      {"stderr [K]", {}},
                                      {"tau_beta [s]", {}},
                                      {"peak_loss_modulus [MPa]", {}}};
    Series s;
    s.title = "tau_beta = 1/(2 pi f) at the beta loss peak";
    s.points = true, s.color = 1;
    for (const auto& pk : peaks) {
      cols[0].values.push_back(pk.frequency_Hz), cols[1].values.push_back(pk.temperature_K);
      cols[2].values.push_back(pk.temperature_stderr_K), cols[3].values.push_back(pk.tau_s);
      cols[4].values.push_back(pk.loss_MPa);
      s.x.push_back(1000 / pk.temperature_K), s.y.push_back(pk.tau_s);
      temps.push_back(pk.temperature_K);
      j["beta_peaks"].push_back({{"frequency_Hz", pk.frequency_Hz},
                                 {"temperature_K", pk.temperature_K},
                                 {"stderr_K", pk.temperature_stderr_K},
                                 {"tau_s", pk.tau_s}});
    }
    out.table("beta_peaks.csv", comments, cols);
    map.series.push_back(std::move(s));
    j["isochronal"] = {{"file", q.isochronal_name}, {"sha256", sha256_file(d.path)}};
    if (peaks.size() >= 3) {
      arr = fit_peak_arrhenius(peaks);
      j["arrhenius"] = {
          {"U_beta", {{"value", arr->U_J_per_mol}, {"stderr", arr->U_stderr}, {"unit", "J/mol"}}},
          {"log10_tau_beta0", {{"value", arr->log10_tau0_s}, {"stderr", arr->log10_tau0_stderr}, {"unit", "log10 s"}}},
          {"chi2_reduced", number_or_null(arr->chi2_reduced)}};
    }
  }
  std::vector<ChiEstimate> chis;
  if (q.isothermal) {
    const Dataset& d = *q.isothermal;
    chis = chi_from_isothermal(d);
    // A flat sweep (beta-dominated, chi near 0) has no tau_max to speak of: nan, not inf.
    std::vector<OutputColumn> cols = {{"temperature [K]", {}},
                                      {"chi [-]", {}, true},
                                      {"chi_stderr [-]", {}, true},
                                      {"tau_max [s]", {}, true},
                                      {"log10_tau_max_stderr [-]", {}, true},
                                      {"r_squared [-]", {}, true},
                                      {"points [-]", {}},
                                      {"alpha_dominated [-]", {}},
                                      {"K_eq27_model [-]", {}, true}};
    // Eq. 27 carries a constant K the paper leaves open: tau_max here takes K = 1. The K that would
    // put the read tau_max on the model's is (tau_max_model / tau_max_read)^chi; a K != 1 moves
    // log10 tau_max by log10(K)/chi.
    auto k_eq27 = [&](const ChiEstimate& e) {
      return std::pow(10.0, e.chi * (std::log10(times(e.temperature_K).tau_max_s) - e.log10_tau_max_s));
    };
    auto defined = [](double v) { return std::isfinite(v) ? v : std::nan(""); };
    Series s;
    s.title = "tau_max from ln tan(delta) vs ln w (alpha-dominated sweeps)";
    s.points = true, s.color = 2, s.point_type = 5;
    for (const auto& e : chis) {
      cols[0].values.push_back(e.temperature_K), cols[1].values.push_back(defined(e.chi));
      cols[2].values.push_back(defined(e.chi_stderr)),
          cols[3].values.push_back(defined(std::pow(10.0, e.log10_tau_max_s)));
      cols[4].values.push_back(defined(e.log10_tau_max_stderr)), cols[5].values.push_back(defined(e.r_squared));
      cols[6].values.push_back(e.points), cols[7].values.push_back(e.alpha_dominated());
      cols[8].values.push_back(defined(k_eq27(e)));
      if (e.alpha_dominated()) s.x.push_back(1000 / e.temperature_K), s.y.push_back(std::pow(10.0, e.log10_tau_max_s));
      temps.push_back(e.temperature_K);
      j["chi"].push_back({{"temperature_K", e.temperature_K},
                          {"chi", e.chi},
                          {"stderr", e.chi_stderr},
                          {"log10_tau_max_s", e.log10_tau_max_s},
                          {"r_squared", e.r_squared},
                          {"alpha_dominated", e.alpha_dominated()},
                          {"K_eq27_model", number_or_null(k_eq27(e))}});
    }
    j["eq27_K"] =
        "tau_max is read with K = 1 in Eq. 27 (the paper leaves K open); with K != 1, log10 tau_max moves by "
        "log10(K)/chi. K_eq27_model is the K that would put it on the model's tau_max.";
    auto chi_comments = comments;
    chi_comments.push_back(j["eq27_K"].get<std::string>());
    out.table("chi.csv", chi_comments, cols);
    map.series.push_back(std::move(s));
    j["isothermal"] = {{"file", q.isothermal_name}, {"sha256", sha256_file(d.path)}};

    PlotSpec chi_plot;
    chi_plot.title = fmt::format("chi(T): slopes of ln tan(delta) vs ln w, and the {} model", M);
    chi_plot.xlabel = "temperature [K]";
    chi_plot.ylabel = "chi [-]";
    Series pts;
    pts.title = "-d ln tan(delta) / d ln w (+- stderr)";
    pts.points = true;
    for (const auto& e : chis)
      pts.x.push_back(e.temperature_K), pts.y.push_back(e.chi), pts.y_error.push_back(e.chi_stderr);
    chi_plot.series.push_back(pts);
    Series model_chi;
    model_chi.title = M + " model chi(T)";
    for (double T = pts.x.front(); T <= pts.x.back() + 1e-9; T += (pts.x.back() - pts.x.front()) / 200 + 1e-12)
      model_chi.x.push_back(T), model_chi.y.push_back(times(T).chi);
    chi_plot.series.push_back(model_chi);
    out.plot("chi.png", chi_plot);
  }
  // Model lines over the data's temperatures, widened by 10 %.
  if (temps.empty()) throw InputError("no relaxation times to plot");
  const auto [lo, hi] = std::minmax_element(temps.begin(), temps.end());
  const double Tlo = *lo * 0.95, Thi = *hi * 1.05;
  Series tb, tm;
  tb.title = M + " tau_beta", tb.color = 1;
  tm.title = M + " tau_max", tm.color = 2;
  for (int k = 0; k <= 200; ++k) {
    const double T = Tlo + (Thi - Tlo) * k / 200.0;
    const auto s = times(T);
    tb.x.push_back(1000 / T), tb.y.push_back(s.tau_beta_s);
    tm.x.push_back(1000 / T), tm.y.push_back(s.tau_max_s);
  }
  map.series.push_back(tb);
  map.series.push_back(tm);
  if (arr) {
    Series fit;
    fit.title = fmt::format("Arrhenius fit of the peaks: U = {:.1f} kJ/mol", arr->U_J_per_mol / 1000);
    fit.color = 4;
    for (int k = 0; k <= 200; ++k) {
      const double T = Tlo + (Thi - Tlo) * k / 200.0;
      fit.x.push_back(1000 / T);
      fit.y.push_back(std::pow(10.0, arr->log10_tau0_s) * std::exp(arr->U_J_per_mol / (kGasConstant_J_per_molK * T)));
    }
    map.series.push_back(fit);
  }
  out.plot("relaxation_map.png", map);
  out.text("report.json", j.dump(2) + "\n");

  std::string& s = out.summary;
  if (j.contains("beta_peaks")) {
    s += "beta loss peaks (isochronal):\n";
    for (const auto& pk : j["beta_peaks"])
      s += fmt::format("  {:>8g} Hz  T_peak = {:.2f} +- {:.2f} K  tau = {:.4g} s\n", pk["frequency_Hz"].get<double>(),
                       pk["temperature_K"].get<double>(), pk["stderr_K"].get<double>(), pk["tau_s"].get<double>());
  }
  if (arr) {
    s += fmt::format("  Arrhenius: U_beta = {:.0f} +- {:.0f} J/mol, tau_beta0 = 10^({:.3f} +- {:.3f}) s",
                     arr->U_J_per_mol, arr->U_stderr, arr->log10_tau0_s, arr->log10_tau0_stderr);
    const int U = model.slot("U_beta"), tau0 = model.slot("tau_beta0");
    if (U >= 0 && tau0 >= 0)
      s += fmt::format("  (model: U_beta = {:g}, tau_beta0 = {:g})", q.values[U], q.values[tau0]);
    s += "\n";
  }
  if (!chis.empty()) {
    s += "chi from isothermal sweeps (Eq. 26-27; tau_max with K = 1 in Eq. 27, K_eq27_model in chi.csv):\n";
    for (const auto& e : chis)
      s += fmt::format(
          "  {:>7.1f} K  chi = {:.4f} +- {:.4f}  tau_max = 10^({:.3f}) s  R^2 = {:.4f}  model chi = "
          "{:.4f}{}\n",
          e.temperature_K, e.chi, e.chi_stderr, e.log10_tau_max_s, e.r_squared, times(e.temperature_K).chi,
          e.alpha_dominated() ? "" : "  (beta-dominated: not a chi)");
  }
  return out;
}

}  // namespace glassfit
