// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/crosscheck/crosscheck.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "glassfit/core/error.h"
#include "glassfit/fit/fit_outputs.h"
#include "glassfit/io/csv.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/io/json_number.h"
#include "glassfit/io/provenance.h"
#include "glassfit/kmc/run.h"
#include "glassfit/models/onebody/model.h"
#include "glassfit/models/onebody/srs_report.h"

namespace glassfit::crosscheck {
namespace {

using nlohmann::json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A fixed value, or a start with bounds a decade either side (both signs allowed for c).
std::string parameter_line(const std::string& name, double value, const Options& o) {
  if (std::find(o.fit.begin(), o.fit.end(), name) == o.fit.end())
    return fmt::format("{} = {{ value = {:.17g} }}\n", name, value);
  // within the parameter's physical range (a spec's bounds may not pass it)
  const auto table = onebody::parameter_table();
  const auto ps = std::find_if(table.begin(), table.end(), [&](const ParameterSpec& p) { return p.name == name; });
  if (ps == table.end()) throw std::logic_error("crosscheck: no one-body parameter " + name);
  const double lo = std::max(ps->lower, value > 0 ? value / 10 : value - 10 * std::abs(value) - 1);
  const double hi = std::min(ps->upper, value > 0 ? value * 10 : value + 10 * std::abs(value) + 1);
  return fmt::format("{} = {{ start = {:.17g}, min = {:.17g}, max = {:.17g} }}\n", name, value, lo, hi);
}

// The rates of a temperature where m < 0: [lowest, highest], or null.
json window(const std::vector<Cell>& cells, double T, bool kmc) {
  double lo = kNaN, hi = kNaN;
  for (const Cell& c : cells)
    if (c.temperature_K == T && (kmc ? c.m_kmc : c.m_onebody) < 0) {
      lo = std::isnan(lo) ? c.rate_per_s : std::min(lo, c.rate_per_s);
      hi = std::isnan(hi) ? c.rate_per_s : std::max(hi, c.rate_per_s);
    }
  return std::isnan(lo) ? json(nullptr) : json({lo, hi});
}

PlotSpec m_map(const Comparison& c, const std::vector<double>& T, const std::vector<double>& r, bool kmc,
               double range) {
  PlotSpec p = plot_spec(kmc ? "SRS index m of the kMC sweep" : "SRS index m of the fitted one-body model",
                         "temperature [K]", "strain rate [1/s]");
  p.map.decade_y = true;  // the rows are log10 of the rate
  p.map.nx = int(T.size()), p.map.ny = int(r.size());
  p.map.x0 = T.front(), p.map.dx = T.size() > 1 ? (T.back() - T.front()) / double(T.size() - 1) : 1.0;
  p.map.y0 = std::log10(r.front());
  p.map.dy = r.size() > 1 ? (std::log10(r.back()) - std::log10(r.front())) / double(r.size() - 1) : 1.0;
  p.map.square_cells = false, p.map.diverging = true, p.map.range = range, p.map.label = "m [-]";
  p.map.values.assign(T.size() * r.size(), kNaN);
  for (size_t iT = 0; iT < T.size(); ++iT)
    for (size_t ir = 0; ir < r.size(); ++ir) {
      const Cell& cell = c.cells[iT * r.size() + ir];
      p.map.values[ir * T.size() + iT] = kmc ? cell.m_kmc : cell.m_onebody;  // row j: one rate
    }
  return p;
}

}  // namespace

void check_config(const kmc::KmcConfig& config) {
  if (config.engine.law == kmc::BarrierLaw::Softening)
    throw InputError(
        "crosscheck: the one-body model has no counterpart of the softening law (use kww or "
        "time-independent)");
  if (config.engine.geometry != kmc::Geometry::Uniaxial)
    throw InputError("crosscheck: the one-body model is uniaxial (Eq. 35 loads with E rate t); the sweep shears");
}

double compare_temperature(const kmc::KmcConfig& config, const Options& o) {
  for (const auto& name : o.fit)
    if (std::none_of(onebody::parameter_table().begin(), onebody::parameter_table().end(),
                     [&](const ParameterSpec& p) { return p.name == name; })) {
      std::string known;
      for (const auto& p : onebody::parameter_table()) known += (known.empty() ? "" : ", ") + p.name;
      throw InputError(
          fmt::format("--fit: '{}' is not a one-body parameter of the crosscheck ({})", printable(name, 40), known));
    }
  if (o.attempt_rate != "printed" && o.attempt_rate != "per_site")
    throw InputError(fmt::format("--attempt-rate '{}': printed or per_site", printable(o.attempt_rate, 40)));
  if (!(o.compare_temperature_K >= 0) || !std::isfinite(o.compare_temperature_K))
    throw InputError(fmt::format("--compare-temperature {:g}: must be a temperature of the sweep, K (0: the highest)",
                                 o.compare_temperature_K));
  const auto& T = config.sweep->temperatures_K;
  const double t = o.compare_temperature_K > 0 ? o.compare_temperature_K : *std::max_element(T.begin(), T.end());
  if (std::find(T.begin(), T.end(), t) == T.end())
    throw InputError(fmt::format("--compare-temperature {:g}: not one of the sweep's temperatures", t));
  return t;
}

std::string onebody_fit_spec(const kmc::KmcConfig& config, const std::vector<kmc::SweepRun>& runs, const Options& o,
                             const std::string& flow_csv) {
  check_config(config);
  const kmc::EngineConfig& e = config.engine;
  double dEps = 0;
  long n = 0;
  for (const auto& r : runs)
    if (std::isfinite(r.mean_dEps_xx)) dEps += r.mean_dEps_xx, ++n;
  if (n == 0 || !(dEps > 0)) throw InputError("crosscheck: no run executed a transformation (no dEps to measure)");
  dEps /= double(n);
  std::string s = fmt::format(
      "# The one-body model fitted to the kMC sweep's flow stresses (glassfit crosscheck).\n"
      "model = \"onebody\"\n[model_options]\nbarrier = \"{}\"\nattempt_rate = \"{}\"\n[[dataset]]\nfile = \"{}\"\n"
      "residual = \"absolute\"\n[parameters]\n",
      e.law == kmc::BarrierLaw::Kww ? "kww" : "time_independent", o.attempt_rate, flow_csv);
  s += parameter_line("E", e.elasticity.uniaxial_modulus_MPa(), o);  // the kMC's loading modulus E'
  s += parameter_line("Q0", e.catalog.barrier_mean_eV, o);
  s += parameter_line("E_v", e.kww.E_v_eV, o);
  s += parameter_line("c", e.kww.c, o);
  s += parameter_line("Q_R", e.kww.Q_R_eV, o);
  s += parameter_line("beta", e.kww.beta, o);
  s += parameter_line("rho", o.rho, o);
  s += parameter_line("dEps", dEps, o);
  s += parameter_line("V_STZ", e.stz_volume_nm3, o);
  s += parameter_line("M", double(e.catalog.modes), o);
  s += parameter_line("sites", double(e.grid.size()), o);
  s += parameter_line("k0", e.kww.k0_per_s, o);
  return s;
}

Comparison compare(const std::vector<kmc::SrsPoint>& points, const onebody::SrsMap& map) {
  Comparison c;
  const size_t nr = map.rates_per_s.size();
  for (size_t iT = 0; iT < map.temperatures_K.size(); ++iT)
    for (size_t ir = 0; ir < nr; ++ir) {
      const double T = map.temperatures_K[iT], rate = map.rates_per_s[ir];
      const auto p = std::find_if(points.begin(), points.end(), [&](const kmc::SrsPoint& x) {
        return x.temperature_K == T && x.base_rate_per_s == rate;
      });
      if (p == points.end()) throw std::logic_error("crosscheck: the one-body grid is not the sweep's");
      const onebody::SrsCell& o = map.at(iT, ir);
      c.cells.push_back({T, rate, p->index.m, p->index.stderr_m, p->mean_flow_stress_MPa, o.m_numerical,
                         o.flow_stress_numerical_MPa});
      const Cell& cell = c.cells.back();
      if (std::isfinite(cell.m_kmc) && std::isfinite(cell.m_onebody)) {
        const bool same = (cell.m_kmc < 0) == (cell.m_onebody < 0);
        ++c.compared, c.agree += same;
        if (std::abs(cell.m_kmc) >= 2 * cell.m_kmc_stderr && cell.m_kmc_stderr > 0)
          ++c.compared_resolved, c.agree_resolved += same;
      }
    }
  return c;
}

OutputSet crosscheck_outputs(const Comparison& c, const FitResult& fit, const onebody::SrsMap& fine,
                             const std::vector<kmc::SweepRun>& runs, const Request& q) {
  OutputSet out;
  std::vector<double> temps, rates;
  for (const Cell& cell : c.cells) {
    if (std::find(temps.begin(), temps.end(), cell.temperature_K) == temps.end()) temps.push_back(cell.temperature_K);
    if (std::find(rates.begin(), rates.end(), cell.rate_per_s) == rates.end()) rates.push_back(cell.rate_per_s);
  }
  std::vector<OutputColumn> cols = {{"temperature [K]", {}},
                                    {"strain_rate [1/s]", {}},
                                    {"srs_index_kmc [-]", {}, true},
                                    {"stderr_kmc [-]", {}, true},
                                    {"srs_index_onebody [-]", {}, true},
                                    {"flow_stress_kmc [MPa]", {}, true},
                                    {"flow_stress_onebody [MPa]", {}, true}};
  for (const Cell& cell : c.cells) {
    cols[0].values.push_back(cell.temperature_K), cols[1].values.push_back(cell.rate_per_s);
    cols[2].values.push_back(cell.m_kmc), cols[3].values.push_back(cell.m_kmc_stderr);
    cols[4].values.push_back(cell.m_onebody), cols[5].values.push_back(cell.flow_kmc_MPa);
    cols[6].values.push_back(cell.sigma0_MPa);
  }
  const std::vector<std::string> comments = {fmt::format("{} crosscheck: {}", software_description(), q.config_name),
                                             "command: " + q.command};
  out.table("comparison.csv", comments, cols);

  json j;
  j["command"] = q.command;
  j["software"] = software_description();
  j["config"] = {{"file", q.config_name}, {"sha256", q.config_sha256}};
  json params = json::array();
  for (const auto& p : fit.parameters)
    params.push_back({{"name", p.name},
                      {"unit", p.unit},
                      {"value", p.value},
                      {"stderr", number_or_null(p.stderr_value)},
                      {"fixed", p.fixed},
                      {"at_bound", p.at_bound}});
  j["fit"] = {{"parameters", params},
              {"converged", fit.converged},
              {"points", fit.points},
              {"chi2_reduced", fit.chi2_reduced},
              {"rms_relative", fit.datasets.empty() ? json(nullptr) : json(fit.datasets[0].rms_relative)}};
  j["sign_agreement"] = {{"compared", c.compared},
                         {"agree", c.agree},
                         {"fraction", c.compared > 0 ? json(double(c.agree) / double(c.compared)) : json(nullptr)},
                         {"resolved_compared", c.compared_resolved},
                         {"resolved_agree", c.agree_resolved}};
  for (const double T : temps)
    j["negative_window"].push_back(
        {{"temperature_K", T}, {"kmc", window(c.cells, T, true)}, {"onebody", window(c.cells, T, false)}});
  // Fig. 8: every kMC run at the comparison temperature (mean and standard error over seeds at
  // each rate) beside the one-body sigma_0.
  std::map<double, std::vector<double>> by_rate;
  for (const auto& r : runs)
    if (r.temperature_K == c.compare_temperature_K && std::isfinite(r.flow_stress_MPa))
      by_rate[std::stod(fmt::format("{:.9g}", r.rate_per_s()))].push_back(r.flow_stress_MPa);  // 1e-1 x 0.2 = 1e-2 x 2
  Series kmc_points, theory;
  kmc_points.title = "kMC (mean +- s.e. over seeds)", kmc_points.points = true;
  theory.title = "one-body sigma_0 (fitted)";
  for (const auto& [rate, f] : by_rate) {
    double m = 0, v = 0;
    for (const double x : f) m += x / double(f.size());
    for (const double x : f) v += f.size() > 1 ? (x - m) * (x - m) / double(f.size() - 1) : 0.0;
    const double se = std::sqrt(v / double(f.size()));
    kmc_points.x.push_back(rate), kmc_points.y.push_back(m), kmc_points.y_error.push_back(se);
    j["fig8"]["kmc"].push_back({{"strain_rate_per_s", rate}, {"flow_stress_MPa", m}, {"stderr_MPa", se}});
  }
  const auto iT = size_t(std::find(fine.temperatures_K.begin(), fine.temperatures_K.end(), c.compare_temperature_K) -
                         fine.temperatures_K.begin());
  for (size_t ir = 0; iT < fine.temperatures_K.size() && ir < fine.rates_per_s.size(); ++ir) {
    const double s = fine.at(iT, ir).flow_stress_numerical_MPa;
    theory.x.push_back(fine.rates_per_s[ir]), theory.y.push_back(s);
    j["fig8"]["onebody"].push_back({{"strain_rate_per_s", fine.rates_per_s[ir]}, {"sigma0_MPa", number_or_null(s)}});
  }
  j["fig8"]["temperature_K"] = c.compare_temperature_K;
  for (const Cell& cell : c.cells)
    j["cells"].push_back({{"temperature_K", cell.temperature_K},
                          {"strain_rate_per_s", cell.rate_per_s},
                          {"m_kmc", number_or_null(cell.m_kmc)},
                          {"m_kmc_stderr", number_or_null(cell.m_kmc_stderr)},
                          {"m_onebody", number_or_null(cell.m_onebody)},
                          {"flow_stress_kmc_MPa", number_or_null(cell.flow_kmc_MPa)},
                          {"sigma0_MPa", number_or_null(cell.sigma0_MPa)}});
  j["seconds"] = {{"kmc", q.kmc_seconds}, {"total", q.seconds}};
  out.text("report.json", j.dump(2) + "\n");

  double range = 0;
  for (const Cell& cell : c.cells)
    for (const double m : {cell.m_kmc, cell.m_onebody})
      if (std::isfinite(m)) range = std::max(range, std::abs(m));
  out.plot("m_kmc.png", m_map(c, temps, rates, true, range));
  out.plot("m_onebody.png", m_map(c, temps, rates, false, range));
  PlotSpec f = plot_spec(
      fmt::format("flow stress at {:g} K: kMC and the fitted one-body model (Fig. 8)", c.compare_temperature_K),
      "strain rate [1/s]", "flow stress [MPa]", true);
  f.series = {kmc_points, theory};
  out.plot("flow_stress_compare.png", f);

  out.summary = fmt::format(
      "crosscheck: one-body fit to {} kMC flow stresses (chi2_red {:.3g}); SRS sign agrees in {} of {} cells, in {} "
      "of the {} where the kMC's m is 2 s.e. or more from 0\n",
      fit.points, fit.chi2_reduced, c.agree, c.compared, c.agree_resolved, c.compared_resolved);
  for (const auto& p : fit.parameters)
    if (!p.fixed) out.summary += fmt::format("  {} = {:.6g} +- {:.2g} {}\n", p.name, p.value, p.stderr_value, p.unit);
  return out;
}

Outputs crosscheck(const kmc::KmcConfig& cfg, const std::vector<kmc::SweepRun>& runs, const Options& o,
                   const Request& q) {
  const auto start = std::chrono::steady_clock::now();
  check_config(cfg);
  const kmc::Sweep& sweep = *cfg.sweep;
  Outputs out;
  kmc::SweepRequest sq;
  sq.config_name = q.config_name, sq.config_sha256 = q.config_sha256, sq.command = q.command;
  out.kmc = kmc::sweep_report(cfg, runs, sq, q.parallel_runs, q.kmc_seconds);

  // The one-body model fitted to the flow-stress table, read from memory as the file it is.
  const auto table = std::find_if(out.kmc.items.begin(), out.kmc.items.end(),
                                  [](const OutputSet::Item& i) { return i.file == "flow_stress.csv"; });
  const std::string flow_text = format_csv(table->comments, table->columns), flow_name = "../kmc/flow_stress.csv";
  const InMemoryDatasets data = {{flow_name, parse_csv(flow_text, flow_name)}};
  const std::string spec_text = onebody_fit_spec(cfg, runs, o, flow_name);
  const FitSpec spec = parse_fit_spec(spec_text, "fit/onebody_fit.toml", &data);
  const FitResult fit = run_fit(spec);
  RunInfo info;
  info.command = q.command, info.spec_sha256 = sha256_text(spec_text), info.dataset_sha256 = {sha256_text(flow_text)};
  info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.fit = fit_outputs(spec, fit, info);
  out.fit.text("onebody_fit.toml", spec_text);

  // Its SRS map on the sweep's grid (to compare) and on a fine rate grid (for the curves).
  const std::vector<double> values = fit.values(0);
  const auto reading = onebody::reading_of(*fit.model);
  onebody::SrsRequest coarse;
  coarse.temperatures_K = sweep.temperatures_K, coarse.rates_per_s = sweep.strain_rates_per_s;
  std::sort(coarse.temperatures_K.begin(), coarse.temperatures_K.end());  // the maps' axes ascend
  std::sort(coarse.rates_per_s.begin(), coarse.rates_per_s.end());
  onebody::SrsRequest fine = coarse;
  const auto [fmin, fmax] = std::minmax_element(sweep.rate_factors.begin(), sweep.rate_factors.end());
  const auto [rmin, rmax] = std::minmax_element(coarse.rates_per_s.begin(), coarse.rates_per_s.end());
  const double lo = std::log10(*rmin * *fmin), hi = std::log10(*rmax * *fmax);
  fine.rates_per_s.clear();
  for (int k = 0; k <= 60; ++k) fine.rates_per_s.push_back(std::pow(10.0, lo + (hi - lo) * k / 60));
  const auto map = onebody::srs_map(values, reading, coarse);
  const auto fine_map = onebody::srs_map(values, reading, fine);
  onebody::SrsRunInfo srs_info;
  srs_info.params_file = "fit/fitted.toml", srs_info.command = q.command;
  out.onebody = onebody::srs_outputs(fine_map, values, srs_info);

  Comparison c = compare(kmc::srs_indices(sweep, runs), map);
  c.compare_temperature_K = compare_temperature(cfg, o);
  Request timed = q;
  timed.seconds = q.kmc_seconds + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.comparison = crosscheck_outputs(c, fit, fine_map, runs, timed);
  if (!fit.converged) out.comparison.warnings.push_back("the one-body fit did not converge: " + fit.termination);
  return out;
}

}  // namespace glassfit::crosscheck
