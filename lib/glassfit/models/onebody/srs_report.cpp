// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/onebody/srs_report.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <set>

#include "glassfit/io/provenance.h"
#include "glassfit/models/onebody/model.h"

namespace glassfit::onebody {
namespace {

using nlohmann::json;

constexpr double kFlatSlope = 1e-4;  // in units of 2kT/Omega

// json has no NaN: null there.
json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// Indices of the grid temperatures nearest the wanted ones, each once, in order.
std::vector<size_t> nearest_temperatures(const std::vector<double>& grid, std::initializer_list<double> wanted) {
  std::set<size_t> picked;
  for (double w : wanted) {
    size_t best = 0;
    for (size_t i = 1; i < grid.size(); ++i)
      if (std::abs(grid[i] - w) < std::abs(grid[best] - w)) best = i;
    picked.insert(best);
  }
  return {picked.begin(), picked.end()};
}

double two_kT_over_omega(std::span<const double> values, double T) {
  return 2 * kBoltzmann_eV_per_K * T / omega_eV_per_MPa(Params<double>(values.data()));
}

// A colour map over temperature (x) and log10 rate (y) with the t_s and t_R lines over it.
// The 95th percentile of |value| over the finite values: m runs to +-infinity where sigma_0
// crosses 0, which would wash out the rest of the map.
double robust_range(const std::vector<double>& values) {
  std::vector<double> a;
  for (double v : values)
    if (std::isfinite(v)) a.push_back(std::abs(v));
  if (a.empty()) return 1;
  const size_t k = std::min(a.size() - 1, size_t(0.95 * double(a.size())));
  std::nth_element(a.begin(), a.begin() + static_cast<long>(k), a.end());
  return a[k] > 0 ? a[k] : 1;
}

PlotSpec rate_map(const SrsMap& map, std::string title, std::string label, std::vector<double> values) {
  PlotSpec plot = plot_spec(std::move(title), "temperature [K]", "strain rate [1/s]");
  plot.map.decade_y = true;  // the rows are log10 of the rate
  const auto& T = map.temperatures_K;
  const auto& r = map.rates_per_s;
  plot.map.nx = static_cast<int>(T.size()), plot.map.ny = static_cast<int>(r.size());
  plot.map.x0 = T.front(), plot.map.dx = T.size() > 1 ? (T.back() - T.front()) / double(T.size() - 1) : 1.0;
  plot.map.y0 = std::log10(r.front());
  plot.map.dy = r.size() > 1 ? (std::log10(r.back()) - std::log10(r.front())) / double(r.size() - 1) : 1.0;
  plot.map.square_cells = false, plot.map.diverging = true, plot.map.label = std::move(label);
  plot.map.range = robust_range(values);
  // values are temperature-major; the map wants rows of constant rate
  for (size_t j = 0; j < r.size(); ++j)
    for (size_t i = 0; i < T.size(); ++i) plot.map.values.push_back(values[i * r.size() + j]);
  if (map.reading.law == Barrier::Kww)
    for (const auto& [rates, name] : {std::pair{&map.rate_ts_per_s, "rate of t_s (Eq. 15)"},
                                      std::pair{&map.rate_tR_per_s, "rate of t_R (Eq. 6)"}}) {
      Series s;
      s.title = name, s.rgb = "#000000", s.dashed = rates == &map.rate_tR_per_s;
      for (size_t i = 0; i < T.size(); ++i) s.x.push_back(T[i]), s.y.push_back(std::log10((*rates)[i]));
      plot.series.push_back(s);
    }
  // Where the load ends a noticeable share of the intervals athermally: the lowest flagged rate
  // per temperature (the printed k0_bar puts it near 10 /s).
  Series athermal;
  athermal.title = fmt::format("athermal above (S(t_c) > {:g})", kAthermalShareFlag), athermal.rgb = "#7f7f7f";
  for (size_t i = 0; i < T.size(); ++i)
    for (size_t k = 0; k < r.size(); ++k)
      if (map.at(i, k).survival_at_tc > kAthermalShareFlag) {
        athermal.x.push_back(T[i]), athermal.y.push_back(std::log10(r[k]));
        break;
      }
  if (!athermal.x.empty()) plot.series.push_back(athermal);
  plot.key_position = "inside bottom left";  // over the low-temperature, low-rate corner
  return plot;
}

}  // namespace

OutputSet srs_outputs(const SrsMap& map, std::span<const double> values, const SrsRunInfo& info) {
  OutputSet out;
  const auto& T = map.temperatures_K;
  const auto& r = map.rates_per_s;
  const size_t nr = r.size();
  const std::string law = map.reading.law == Barrier::Kww ? "kww" : "time_independent";
  const std::string attempt = map.reading.attempt == AttemptRate::Printed ? "printed" : "per_site";
  // srs.csv
  std::vector<OutputColumn> cols = {{"temperature [K]", {}},
                                    {"strain_rate [1/s]", {}},
                                    {"flow_stress_numerical [MPa]", {}},
                                    {"flow_stress_closed_form [MPa]", {}, true},
                                    {"m_numerical [-]", {}, true, true},  // counted in the summary
                                    {"m_analytic [-]", {}, true},
                                    {"dsigma0_dlnrate_numerical [MPa]", {}},
                                    {"negative_srs_eq48 [-]", {}},
                                    {"rate_ts [1/s]", {}, true, true},
                                    {"rate_tR [1/s]", {}, true, true},
                                    {"survival_at_tc [-]", {}},
                                    {"athermal_flag [-]", {}}};
  size_t negative = 0, flat = 0, negative_eq48 = 0, m_undefined = 0, cf_undefined = 0, athermal = 0;
  double worst = 0, worst_scaled = 0, worst_relative = 0, survival_max = 0;
  for (size_t i = 0; i < map.cells.size(); ++i) {
    const auto& c = map.cells[i];
    const size_t iT = i / nr;
    const bool flagged = c.survival_at_tc > kAthermalShareFlag;
    const std::array<double, 12> row = {T[iT],
                                        r[i % nr],
                                        c.flow_stress_numerical_MPa,
                                        c.flow_stress_closed_form_MPa,
                                        c.m_numerical,
                                        c.m_analytic,
                                        c.dsigma0_dlnrate_MPa,
                                        c.negative_srs_eq48 ? 1.0 : 0.0,
                                        map.rate_ts_per_s[iT],
                                        map.rate_tR_per_s[iT],
                                        c.survival_at_tc,
                                        flagged ? 1.0 : 0.0};
    for (size_t k = 0; k < row.size(); ++k) cols[k].values.push_back(row[k]);
    // |slope| below 1e-4 2kT/Omega is zero SRS (beta = 1 in its transition regime, Eq. 46)
    const double scaled_slope = c.dsigma0_dlnrate_MPa / two_kT_over_omega(values, T[iT]);
    negative += scaled_slope < -kFlatSlope, flat += std::abs(scaled_slope) <= kFlatSlope;
    negative_eq48 += c.negative_srs_eq48, athermal += flagged;
    survival_max = std::max(survival_max, c.survival_at_tc);
    m_undefined += !std::isfinite(c.m_numerical), cf_undefined += !std::isfinite(c.flow_stress_closed_form_MPa);
    if (std::isfinite(c.flow_stress_closed_form_MPa)) {
      const double d = std::abs(c.flow_stress_closed_form_MPa - c.flow_stress_numerical_MPa);
      worst = std::max(worst, d), worst_scaled = std::max(worst_scaled, d / two_kT_over_omega(values, T[iT]));
      if (c.flow_stress_numerical_MPa > 0) worst_relative = std::max(worst_relative, d / c.flow_stress_numerical_MPa);
    }
  }
  const std::string source = info.params_file.empty()
                                 ? std::string("the default parameters")
                                 : fmt::format("{} (sha256 {})", info.params_file, info.params_sha256);
  const std::vector<std::string> comments = {
      fmt::format("{} srs: one-body model (Niiyama et al.), barrier {}, attempt_rate {}, from {}",
                  software_description(), law, attempt, source),
      "command: " + info.command,
      "m_* = d ln sigma_0 / d ln rate is nan where its sigma_0 <= 0; rate_ts, rate_tR = rho dEps / t_s, t_R (nan "
      "without relaxation)",
      fmt::format("survival_at_tc = S(t_c), the share of intervals the load ends where the barrier vanishes; "
                  "athermal_flag = 1 where it exceeds {:g}",
                  kAthermalShareFlag)};
  out.table("srs.csv", comments, cols);

  // report.json
  json j;
  j["software"] = software_description();
  j["command"] = info.command;
  j["parameters_file"] =
      info.params_file.empty() ? json(nullptr) : json({{"file", info.params_file}, {"sha256", info.params_sha256}});
  j["model"] = {{"name", "onebody"},
                {"barrier", law},
                {"activation", map.reading.activation == Activation::Cosh ? "cosh" : "exp"},
                {"attempt_rate", attempt}};
  for (size_t k = 0; k < values.size(); ++k)
    j["parameters"][parameter_table()[k].name] = {{"value", values[k]}, {"unit", parameter_table()[k].unit}};
  j["temperatures_K"] = T;
  j["strain_rates_per_s"] = r;
  j["cells"] = map.cells.size();
  j["negative_srs_cells"] = negative;
  j["zero_srs_cells"] = flat;
  j["negative_srs_cells_eq48"] = negative_eq48;
  j["m_undefined_cells"] = m_undefined;
  j["closed_form_undefined_cells"] = cf_undefined;
  j["closed_form_minus_numerical_worst_MPa"] = worst;
  j["closed_form_minus_numerical_worst_in_2kT_over_Omega"] = worst_scaled;
  j["closed_form_minus_numerical_worst_relative"] = worst_relative;  // over cells with sigma_0 > 0
  j["athermal_cells"] = athermal;                                    // S(t_c) > athermal_share_flag
  j["athermal_share_flag"] = kAthermalShareFlag;
  j["survival_at_tc_max"] = survival_max;
  for (size_t i = 0; i < T.size(); ++i)
    j["characteristic_rates"].push_back({{"temperature_K", T[i]},
                                         {"rate_ts_per_s", number_or_null(map.rate_ts_per_s[i])},
                                         {"rate_tR_per_s", number_or_null(map.rate_tR_per_s[i])}});
  out.text("report.json", j.dump(2) + "\n");

  // Fig. 9: flow stress against rate at (the grid's nearest to) 300, 340, 400, 440, 500 K.
  if (nr > 1) {
    PlotSpec fig9 = plot_spec(fmt::format("one-body flow stress ({} barrier)", law), "strain rate [1/s]",
                              "flow stress sigma_0 [MPa]", true);
    fig9.key_position = "inside top right";
    const auto picked = nearest_temperatures(T, {300, 340, 400, 440, 500});
    for (size_t n = 0; n < picked.size(); ++n) {
      Series s;
      s.title = fmt::format("{:g} K", T[picked[n]]);
      s.color = int(n) + 1;
      for (size_t k = 0; k < nr; ++k)
        s.x.push_back(r[k]), s.y.push_back(map.at(picked[n], k).flow_stress_numerical_MPa);
      fig9.series.push_back(s);
    }
    out.plot("flow_stress.png", fig9);

    // Fig. 8a: numerical solution and the closed form (dashed) at the temperature nearest 500 K.
    const size_t i500 = nearest_temperatures(T, {500}).front();
    PlotSpec fig8 = plot_spec(fmt::format("numerical solution and closed form (Eq. 35), {:g} K", T[i500]),
                              "strain rate [1/s]", "flow stress sigma_0 [MPa]", true);
    Series numeric, closed;
    numeric.title = "numerical (Eqs. 27, 30-32)", numeric.points = true, numeric.color = 1;
    closed.title = "closed form (Eqs. 35-36)", closed.dashed = true, closed.color = 1;
    for (size_t k = 0; k < nr; ++k) {
      numeric.x.push_back(r[k]), numeric.y.push_back(map.at(i500, k).flow_stress_numerical_MPa);
      if (std::isfinite(map.at(i500, k).flow_stress_closed_form_MPa))
        closed.x.push_back(r[k]), closed.y.push_back(map.at(i500, k).flow_stress_closed_form_MPa);
    }
    fig8.series = {numeric, closed};
    out.plot("flow_stress_closed_form.png", fig8);
  }
  // Fig. 10: the m map, and the slope map (defined where m is not).
  if (T.size() > 1 && nr > 1) {
    std::vector<double> m, slope;
    for (size_t i = 0; i < map.cells.size(); ++i) {
      m.push_back(map.cells[i].m_numerical);
      slope.push_back(map.cells[i].dsigma0_dlnrate_MPa / two_kT_over_omega(values, T[i / nr]));
    }
    out.plot(
        "srs_map.png",
        rate_map(map, "SRS index m (numerical; blank where sigma_0 <= 0; colours clipped at 95 % of |m|)", "m [-]", m));
    out.plot("srs_slope_map.png",
             rate_map(map, "flow-stress slope d sigma_0 / d ln(rate) in units of 2kT/Omega (Eq. 37)",
                      "slope / (2kT/Omega) [-]", slope));
  }

  const bool cosh = map.reading.activation == Activation::Cosh;
  out.summary = fmt::format(
      "onebody srs ({} barrier{}, attempt_rate {}): {} temperatures x {} rates\n"
      "  numerical flow stress {:.1f} to {:.1f} MPa; {}\n"
      "  negative SRS (d sigma_0/d ln rate < -1e-4 2kT/Omega) in {} of {} cells, zero in {}{}\n",
      law, cosh ? ", cosh activation" : "", attempt, T.size(), nr,
      std::min_element(cols[2].values.begin(), cols[2].values.end())[0],
      std::max_element(cols[2].values.begin(), cols[2].values.end())[0],
      cosh ? std::string("no closed form for the cosh activation")
           : fmt::format("closed form - numerical: worst {:.2f} MPa ({:.3f} x 2kT/Omega, {:.1f} % where sigma_0 > 0)",
                         worst, worst_scaled, 100 * worst_relative),
      negative, map.cells.size(), flat, cosh ? std::string() : fmt::format("; Eq. 48 says {} negative", negative_eq48));
  if (m_undefined)
    out.warnings.push_back(fmt::format(
        "sigma_0 <= 0 in {} of {} cells: m = d ln sigma_0 / d ln rate has no meaning there and is written as nan; "
        "the sign of the SRS is in dsigma0_dlnrate_numerical",
        m_undefined, map.cells.size()));
  if (athermal)
    out.warnings.push_back(fmt::format(
        "in {} of {} cells more than {:g} of the intervals end athermally (S(t_c) up to {:.3g}): the load drives the "
        "barrier to zero before a thermal event; sigma_0 there is the stress at the start of an interval whose end "
        "is partly athermal (athermal_flag in srs.csv)",
        athermal, map.cells.size(), kAthermalShareFlag, survival_max));
  if (map.reading.activation == Activation::Cosh)
    out.warnings.push_back(
        "the closed forms of Sec. V are derived for the exp activation: with activation = cosh their columns are nan");
  else if (cf_undefined)
    out.warnings.push_back(
        fmt::format("the closed form has no peak (dQ/dt(t*) >= Omega E rate / 2, Eq. 34) in {} cells: written as nan",
                    cf_undefined));
  return out;
}

}  // namespace glassfit::onebody
