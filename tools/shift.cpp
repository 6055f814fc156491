#include "shift.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "glassfit/core/units.h"
#include "glassfit/fit/relaxation_map.h"
#include "glassfit/fit/shift.h"
#include "glassfit/fit/shift_law_fit.h"
#include "glassfit/io/csv.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/io/json_number.h"
#include "glassfit/io/params_toml.h"
#include "glassfit/io/plot.h"
#include "glassfit/io/provenance.h"
#include "glassfit/models/hc/hc.h"

namespace glassfit::cli {
namespace {

using nlohmann::json;

// One series per temperature, coloured from blue (coldest) to red (hottest); the key names
// every fourth so that 20 temperatures stay readable.
Series temperature_series(double T, double Tmin, double Tmax, size_t index, size_t count) {
  Series s;
  s.title = fmt::format("{:.1f} K", T);
  s.points = true;
  s.rgb = color_scale(Tmax > Tmin ? (T - Tmin) / (Tmax - Tmin) : 0.0);
  s.in_key = count <= 8 || index % 4 == 0 || index + 1 == count;
  return s;
}

void write_shift_plots(const std::string& dir, const ShiftInput& in, const ShiftResult& r,
                       const std::vector<ShiftLawFit>& laws, double law_lo, double law_hi) {
  const bool freq = in.domain == ShiftDomain::Frequency;
  const double Tmin = r.temperature_K.front(), Tmax = r.temperature_K.back();
  const size_t n = in.segments.size();

  PlotSpec mc;
  mc.title = fmt::format("master curve at {:.2f} K (coloured by measurement temperature)", r.reference_K);
  mc.xlabel = freq ? "reduced frequency f aT [Hz]" : "reduced time t / aT [s]";
  mc.ylabel = freq ? "E' (circles), E'' (triangles) [MPa]" : "relaxation modulus E(t) [MPa]";
  mc.log_x = mc.log_y = true;
  for (size_t i = 0; i < n; ++i) {
    const auto& seg = in.segments[i];
    const double sign = freq ? 1.0 : -1.0, b = std::pow(10.0, r.log_bT[i]);
    Series e1 = temperature_series(seg.temperature_K, Tmin, Tmax, i, n), e2 = e1;
    e2.in_key = false, e2.point_type = 9;
    for (size_t k = 0; k < seg.x.size(); ++k) {
      const double x = std::pow(10.0, seg.x[k] + sign * r.log_aT[i]);
      e1.x.push_back(x), e1.y.push_back(b * seg.modulus_MPa[k]);
      if (freq) e2.x.push_back(x), e2.y.push_back(b * seg.loss_MPa[k]);
    }
    mc.series.push_back(std::move(e1));
    if (freq) mc.series.push_back(std::move(e2));
  }
  draw_plot(in_dir(dir, "master_curve.png"), mc);

  PlotSpec sf;
  sf.title = fmt::format("shift factors relative to {:.2f} K", r.reference_K);
  sf.xlabel = "temperature [K]";
  sf.ylabel = "log10 aT [-]";
  Series pts;
  pts.title = "from superposition (+- stderr)";
  pts.points = true;
  pts.x = r.temperature_K, pts.y = r.log_aT, pts.y_error = r.log_aT_stderr;
  sf.series.push_back(pts);
  for (const auto& law : laws) {
    Series line;
    line.title = fmt::format("{} (AIC {:.1f})", law.law, law.aic);
    for (int k = 0; k <= 200; ++k) {
      const double T = law_lo + (law_hi - law_lo) * k / 200.0;
      line.x.push_back(T), line.y.push_back(law.log_aT(T));
    }
    sf.series.push_back(std::move(line));
  }
  draw_plot(in_dir(dir, "shift_factors.png"), sf);

  if (!freq) return;
  // van Gurp-Palmen: phase angle against |E*|; one curve if thermorheologically simple.
  PlotSpec vgp;
  vgp.title = "van Gurp-Palmen plot (no shift involved: one curve if thermorheologically simple)";
  vgp.xlabel = "|E*| [MPa]";
  vgp.ylabel = "phase angle delta [deg]";
  vgp.log_x = true;
  for (size_t i = 0; i < n; ++i) {
    const auto& seg = in.segments[i];
    Series s = temperature_series(seg.temperature_K, Tmin, Tmax, i, n);
    for (size_t k = 0; k < seg.x.size(); ++k) {
      s.x.push_back(std::hypot(seg.modulus_MPa[k], seg.loss_MPa[k]));
      s.y.push_back(std::atan2(seg.loss_MPa[k], seg.modulus_MPa[k]) * 180 / kPi);
    }
    vgp.series.push_back(std::move(s));
  }
  draw_plot(in_dir(dir, "van_gurp_palmen.png"), vgp);
}

}  // namespace

int run_shift(const ShiftCommand& c) {
  const auto start = std::chrono::steady_clock::now();
  ShiftOptions o;
  o.reference_K = parse_quantity(c.reference, Dimension::Temperature, "--reference-temperature");
  if (!(o.reference_K > 0)) throw InputError("--reference-temperature must be above absolute zero");
  if (c.objective == "moduli") o.objective = ShiftObjective::Moduli;
  else if (c.objective == "storage") o.objective = ShiftObjective::Storage;
  else if (c.objective == "tan-delta") o.objective = ShiftObjective::TanDelta;
  else throw InputError(fmt::format("--objective must be 'moduli', 'storage' or 'tan-delta', not '{}'", c.objective));
  o.vertical = c.vertical;
  o.neighbours = c.neighbours;
  const double tolerance = parse_quantity(c.tolerance, Dimension::Temperature, "--temperature-tolerance", true);
  if (!(tolerance > 0)) throw InputError("--temperature-tolerance must be positive");

  o.reference_tolerance_K = tolerance;  // -50C names the set measured at -49.96 C
  const Dataset data = read_csv(c.input);
  const ShiftInput in = shift_input_from(data, tolerance);
  if (in.domain == ShiftDomain::Time && o.objective != ShiftObjective::Storage)
    throw InputError("--objective " + c.objective + " needs frequency sweeps (E', E''); relaxation data are superposed "
                     "on log E(t)");
  const ShiftResult r = shift_master_curve(in, o);
  std::vector<ShiftLawFit> laws;
  std::vector<std::string> warnings;
  // The laws are fitted over --law-range (all temperatures by default).
  double law_lo = r.temperature_K.front(), law_hi = r.temperature_K.back();
  if (!c.law_range.empty()) {
    const auto colon = c.law_range.find(':');
    if (colon == std::string::npos) throw InputError("--law-range: give lo:hi (e.g. 290:380 or 20C:100C)");
    law_lo = parse_quantity(c.law_range.substr(0, colon), Dimension::Temperature, "--law-range");
    law_hi = parse_quantity(c.law_range.substr(colon + 1), Dimension::Temperature, "--law-range");
    if (!(law_lo < law_hi)) throw InputError("--law-range: lo must be below hi");
  }
  std::vector<long> in_range;
  for (size_t i = 0; i < r.temperature_K.size(); ++i)
    if (r.temperature_K[i] >= law_lo - tolerance && r.temperature_K[i] <= law_hi + tolerance) in_range.push_back(long(i));
  if (in_range.size() >= 3) {
    std::vector<double> T, L;
    Eigen::MatrixXd C(long(in_range.size()), long(in_range.size()));
    for (size_t a = 0; a < in_range.size(); ++a) {
      T.push_back(r.temperature_K[size_t(in_range[a])]), L.push_back(r.log_aT[size_t(in_range[a])]);
      for (size_t b = 0; b < in_range.size(); ++b) C(long(a), long(b)) = r.log_aT_covariance(in_range[a], in_range[b]);
    }
    laws = fit_shift_laws(T, L, C, r.reference_K);
    law_lo = T.front(), law_hi = T.back();
  } else {
    warnings.push_back(fmt::format("{} temperatures in the law range: no shift-law fit (needs 3)", in_range.size()));
  }
  if (!r.converged) warnings.push_back("the shift factors did not converge (overlaps kept changing)");
  // A neighbour pair far worse than the rest hints at thermorheological complexity.
  std::vector<double> rms;
  for (const auto& p : r.neighbours) rms.push_back(p.rms);
  std::vector<double> sorted = rms;
  std::sort(sorted.begin(), sorted.end());
  const double median = sorted[sorted.size() / 2];
  for (const auto& p : r.neighbours)
    if (p.rms > 3 * median && p.rms > 0.02)
      warnings.push_back(fmt::format("poor superposition between {:.2f} K and {:.2f} K (rms {:.3f} decades vs median "
                                     "{:.3f}): check the van Gurp-Palmen plot",
                                     p.temperature1_K, p.temperature2_K, p.rms, median));

  create_output_dir(c.output_dir);
  const std::vector<std::string> comments = {
      fmt::format("{} shift: {} relative to {:.2f} K", software_description(), c.input, r.reference_K),
      "command: " + c.command_line};
  std::vector<OutputColumn> sf = {{"temperature [K]", r.temperature_K}, {"log10_aT [-]", r.log_aT},
                                  {"stderr [-]", r.log_aT_stderr}};
  if (o.vertical) sf.push_back({"log10_bT [-]", r.log_bT}), sf.push_back({"log10_bT_stderr [-]", r.log_bT_stderr});
  write_csv(in_dir(c.output_dir, "shift_factors.csv"), comments, sf);

  const auto mc = master_curve(in, r);
  const bool freq = in.domain == ShiftDomain::Frequency;
  std::vector<OutputColumn> cols;
  cols.push_back({freq ? "reduced_frequency [Hz]" : "reduced_time [s]", {}});
  cols.push_back({freq ? "storage_modulus [MPa]" : "relaxation_modulus [MPa]", {}});
  if (freq) cols.push_back({"loss_modulus [MPa]", {}}), cols.push_back({"tan_delta [-]", {}});
  cols.push_back({"temperature [K]", {}});
  for (const auto& p : mc) {
    size_t k = 0;
    cols[k++].values.push_back(p.reduced_x);
    cols[k++].values.push_back(p.modulus_MPa);
    if (freq) cols[k++].values.push_back(p.loss_MPa), cols[k++].values.push_back(p.loss_MPa / p.modulus_MPa);
    cols[k].values.push_back(p.temperature_K);
  }
  write_csv(in_dir(c.output_dir, "master_curve.csv"), comments, cols);
  write_shift_plots(c.output_dir, in, r, laws, law_lo, law_hi);

  json j;
  j["command"] = c.command_line;
  j["software"] = software_description();
  j["input"] = {{"file", c.input}, {"sha256", sha256_file(c.input)}, {"points", data.rows()},
                {"temperatures", in.segments.size()}, {"domain", freq ? "frequency" : "time"}};
  j["reference_temperature_K"] = r.reference_K;
  j["objective"] = in.domain == ShiftDomain::Time ? "log10 E(t)"
                   : o.objective == ShiftObjective::TanDelta ? "log10 tan(delta)"
                   : o.objective == ShiftObjective::Storage  ? "log10 E'"
                                                             : "log10 E' and log10 E''";
  j["vertical_shift"] = o.vertical;
  if (!laws.empty()) j["law_range_K"] = {law_lo, law_hi};
  j["neighbours"] = o.neighbours;
  j["converged"] = r.converged;
  j["iterations"] = r.iterations;
  j["compared_points"] = r.residuals;
  j["rms_mismatch_decades"] = r.rms_mismatch;
  for (const auto& p : r.neighbours)
    j["neighbour_mismatch"].push_back(
        {{"temperature1_K", p.temperature1_K}, {"temperature2_K", p.temperature2_K}, {"points", p.points},
         {"rms_decades", number_or_null(p.rms)}});
  for (size_t i = 0; i < r.temperature_K.size(); ++i) {
    json s = {{"temperature_K", r.temperature_K[i]}, {"log10_aT", r.log_aT[i]}, {"stderr", r.log_aT_stderr[i]}};
    if (o.vertical) s["log10_bT"] = r.log_bT[i], s["log10_bT_stderr"] = r.log_bT_stderr[i];
    j["shift_factors"].push_back(s);
  }
  for (const auto& law : laws) {
    json l = {{"law", law.law}, {"chi2_reduced", number_or_null(law.chi2_reduced)}, {"aic", law.aic},
              {"converged", law.converged}};
    for (size_t k = 0; k < law.values.size(); ++k)
      l["parameters"][law.names[k]] = {{"value", law.values[k]}, {"stderr", number_or_null(law.stderrs[k])},
                                        {"unit", law.units[k]}};
    j["shift_laws"].push_back(l);
  }
  if (!laws.empty()) {
    j["best_law"] = laws.front().law;
    for (const auto& l : laws)
      if (l.law != laws.front().law && std::abs(l.aic - laws.front().aic) < 1e-3 &&
          ((l.law == "wlf" || l.law == "vft") && (laws.front().law == "wlf" || laws.front().law == "vft")))
        j["best_law_note"] = "wlf and vft are the same curve (C1 = B/(Tref - T0), C2 = Tref - T0): they tie";
  }
  j["warnings"] = warnings;
  j["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  write_file_atomically(in_dir(c.output_dir, "report.json"), j.dump(2) + "\n");

  for (const auto& w : warnings) std::cerr << "warning: " << w << "\n";
  if (c.quiet) return 0;
  std::cout << fmt::format("master curve of {} at {:.2f} K: {} temperatures, {} compared points, rms mismatch "
                           "{:.4f} decades\n",
                           c.input, r.reference_K, r.temperature_K.size(), r.residuals, r.rms_mismatch);
  std::cout << fmt::format("  {:>9}  {:>10}  {:>8}\n", "T [K]", "log10 aT", "stderr");
  for (size_t i = 0; i < r.temperature_K.size(); ++i)
    std::cout << fmt::format("  {:>9.2f}  {:>10.4f}  {:>8.4f}\n", r.temperature_K[i], r.log_aT[i], r.log_aT_stderr[i]);
  for (const auto& law : laws) {
    std::string ps;
    for (size_t k = 0; k < law.values.size(); ++k)
      ps += fmt::format("  {} = {:.5g} +- {:.2g} {}", law.names[k], law.values[k], law.stderrs[k], law.units[k]);
    std::cout << fmt::format("  {:<10} AIC {:>8.2f}  chi2_red {:>8.3g}{}\n", law.law, law.aic, law.chi2_reduced, ps);
  }
  if (!laws.empty()) std::cout << "  best (lowest AIC): " << laws.front().law << "\n";
  std::cout << "wrote " << c.output_dir << "/{shift_factors.csv, master_curve.csv, report.json, *.png}\n";
  return 0;
}

int run_relaxation_map(const RelaxationMapCommand& c) {
  if (c.isochronal.empty() && c.isothermal.empty())
    throw InputError("relaxation-map needs --isochronal and/or --isothermal data");
  const ParameterSet set = c.params_file.empty() ? ParameterSet(hc_parameter_table())
                                                 : read_parameter_file(c.params_file, hc_parameter_table(), "hc");
  const auto p = hc_params_from(set);
  create_output_dir(c.output_dir);
  const std::vector<std::string> comments = {fmt::format("{} relaxation-map", software_description()),
                                             "command: " + c.command_line};
  json j;
  j["command"] = c.command_line;
  j["software"] = software_description();
  j["parameters"] = c.params_file.empty() ? std::string("model defaults (Table 1)") : c.params_file;

  PlotSpec map;
  map.title = "relaxation times: data (points) and HC model (lines, Eq. 8 and 11b)";
  map.xlabel = "1000 / T [1/K]";
  map.ylabel = "tau [s]";
  map.log_y = true;
  map.key_position = "inside top left";
  std::vector<double> temps;
  std::optional<ArrheniusFit> arr;
  if (!c.isochronal.empty()) {
    const Dataset d = read_csv(c.isochronal);
    const auto peaks = beta_loss_peaks(d, c.half_width_K);
    std::vector<OutputColumn> cols = {{"frequency [Hz]", {}}, {"peak_temperature [K]", {}}, {"stderr [K]", {}},
                                      {"tau_beta [s]", {}}, {"peak_loss_modulus [MPa]", {}}};
    Series s;
    s.title = "tau_beta = 1/(2 pi f) at the beta loss peak";
    s.points = true, s.color = 1;
    for (const auto& pk : peaks) {
      cols[0].values.push_back(pk.frequency_Hz), cols[1].values.push_back(pk.temperature_K);
      cols[2].values.push_back(pk.temperature_stderr_K), cols[3].values.push_back(pk.tau_s);
      cols[4].values.push_back(pk.loss_MPa);
      s.x.push_back(1000 / pk.temperature_K), s.y.push_back(pk.tau_s);
      temps.push_back(pk.temperature_K);
      j["beta_peaks"].push_back({{"frequency_Hz", pk.frequency_Hz}, {"temperature_K", pk.temperature_K},
                                 {"stderr_K", pk.temperature_stderr_K}, {"tau_s", pk.tau_s}});
    }
    write_csv(in_dir(c.output_dir, "beta_peaks.csv"), comments, cols);
    map.series.push_back(std::move(s));
    j["isochronal"] = {{"file", c.isochronal}, {"sha256", sha256_file(c.isochronal)}};
    if (peaks.size() >= 3) {
      arr = fit_peak_arrhenius(peaks);
      j["arrhenius"] = {{"U_beta", {{"value", arr->U_J_per_mol}, {"stderr", arr->U_stderr}, {"unit", "J/mol"}}},
                        {"log10_tau_beta0", {{"value", arr->log10_tau0_s}, {"stderr", arr->log10_tau0_stderr},
                                             {"unit", "log10 s"}}},
                        {"chi2_reduced", number_or_null(arr->chi2_reduced)}};
    }
  }
  std::vector<ChiEstimate> chis;
  if (!c.isothermal.empty()) {
    const Dataset d = read_csv(c.isothermal);
    chis = chi_from_isothermal(d);
    // A flat sweep (beta-dominated, chi near 0) has no tau_max to speak of: nan, not inf.
    std::vector<OutputColumn> cols = {{"temperature [K]", {}},     {"chi [-]", {}, true},
                                      {"chi_stderr [-]", {}, true}, {"tau_max [s]", {}, true},
                                      {"log10_tau_max_stderr [-]", {}, true}, {"r_squared [-]", {}, true},
                                      {"points [-]", {}},          {"alpha_dominated [-]", {}}};
    auto defined = [](double v) { return std::isfinite(v) ? v : std::nan(""); };
    Series s;
    s.title = "tau_max from ln tan(delta) vs ln w (alpha-dominated sweeps)";
    s.points = true, s.color = 2, s.point_type = 5;
    for (const auto& e : chis) {
      cols[0].values.push_back(e.temperature_K), cols[1].values.push_back(defined(e.chi));
      cols[2].values.push_back(defined(e.chi_stderr)), cols[3].values.push_back(defined(std::pow(10.0, e.log10_tau_max_s)));
      cols[4].values.push_back(defined(e.log10_tau_max_stderr)), cols[5].values.push_back(defined(e.r_squared));
      cols[6].values.push_back(e.points), cols[7].values.push_back(e.alpha_dominated());
      if (e.alpha_dominated()) s.x.push_back(1000 / e.temperature_K), s.y.push_back(std::pow(10.0, e.log10_tau_max_s));
      temps.push_back(e.temperature_K);
      j["chi"].push_back({{"temperature_K", e.temperature_K}, {"chi", e.chi}, {"stderr", e.chi_stderr},
                          {"log10_tau_max_s", e.log10_tau_max_s}, {"r_squared", e.r_squared},
                          {"alpha_dominated", e.alpha_dominated()}});
    }
    write_csv(in_dir(c.output_dir, "chi.csv"), comments, cols);
    map.series.push_back(std::move(s));
    j["isothermal"] = {{"file", c.isothermal}, {"sha256", sha256_file(c.isothermal)}};

    PlotSpec chi_plot;
    chi_plot.title = "chi(T): slopes of ln tan(delta) vs ln w, and the HC model (Eq. 22)";
    chi_plot.xlabel = "temperature [K]";
    chi_plot.ylabel = "chi [-]";
    Series pts;
    pts.title = "-d ln tan(delta) / d ln w (+- stderr)";
    pts.points = true;
    for (const auto& e : chis) pts.x.push_back(e.temperature_K), pts.y.push_back(e.chi), pts.y_error.push_back(e.chi_stderr);
    chi_plot.series.push_back(pts);
    Series model;
    model.title = "HC model chi(T)";
    for (double T = pts.x.front(); T <= pts.x.back() + 1e-9; T += (pts.x.back() - pts.x.front()) / 200 + 1e-12)
      model.x.push_back(T), model.y.push_back(hc::chi(p, T));
    chi_plot.series.push_back(model);
    draw_plot(in_dir(c.output_dir, "chi.png"), chi_plot);
  }
  // Model lines over the data's temperatures, widened by 10 %.
  if (temps.empty()) throw InputError("no relaxation times to plot");
  const auto [lo, hi] = std::minmax_element(temps.begin(), temps.end());
  const double Tlo = *lo * 0.95, Thi = *hi * 1.05;
  Series tb, tm;
  tb.title = "HC tau_beta (Eq. 8)", tb.color = 1;
  tm.title = "HC tau_max (Eq. 11b)", tm.color = 2;
  for (int k = 0; k <= 200; ++k) {
    const double T = Tlo + (Thi - Tlo) * k / 200.0;
    const auto s = hc::times(p, T);
    tb.x.push_back(1000 / T), tb.y.push_back(s.tau_beta);
    tm.x.push_back(1000 / T), tm.y.push_back(s.tau_max);
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
  draw_plot(in_dir(c.output_dir, "relaxation_map.png"), map);
  write_file_atomically(in_dir(c.output_dir, "report.json"), j.dump(2) + "\n");

  if (c.quiet) return 0;
  if (j.contains("beta_peaks")) {
    std::cout << "beta loss peaks (isochronal):\n";
    for (const auto& pk : j["beta_peaks"])
      std::cout << fmt::format("  {:>8g} Hz  T_peak = {:.2f} +- {:.2f} K  tau = {:.4g} s\n", pk["frequency_Hz"].get<double>(),
                               pk["temperature_K"].get<double>(), pk["stderr_K"].get<double>(), pk["tau_s"].get<double>());
  }
  if (arr)
    std::cout << fmt::format("  Arrhenius: U_beta = {:.0f} +- {:.0f} J/mol, tau_beta0 = 10^({:.3f} +- {:.3f}) s  "
                             "(model: U_beta = {:g}, tau_beta0 = {:g})\n",
                             arr->U_J_per_mol, arr->U_stderr, arr->log10_tau0_s, arr->log10_tau0_stderr, p.U_beta,
                             p.tau_beta0);
  if (!chis.empty()) {
    std::cout << "chi from isothermal sweeps (Eq. 26-27):\n";
    for (const auto& e : chis)
      std::cout << fmt::format("  {:>7.1f} K  chi = {:.4f} +- {:.4f}  tau_max = 10^({:.3f}) s  R^2 = {:.4f}  model chi = "
                               "{:.4f}{}\n",
                               e.temperature_K, e.chi, e.chi_stderr, e.log10_tau_max_s, e.r_squared, hc::chi(p, e.temperature_K),
                               e.alpha_dominated() ? "" : "  (beta-dominated: not a chi)");
  }
  std::cout << "wrote " << c.output_dir << "/{report.json, *.csv, relaxation_map.png" << (chis.empty() ? "" : ", chi.png")
            << "}\n";
  return 0;
}

}  // namespace glassfit::cli
