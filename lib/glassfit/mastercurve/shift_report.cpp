// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/mastercurve/shift_report.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <tuple>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "glassfit/mastercurve/shift_law_fit.h"
#include "glassfit/io/json_number.h"
#include "glassfit/io/provenance.h"

namespace glassfit {
namespace {

using nlohmann::json;

// One series of markers per temperature, coloured by it on the panel's colour bar.
Series temperature_series(double T) {
  Series s;
  s.title = fmt::format("{:.1f} K", T);
  s.points = true;
  s.color_value = T;
  return s;
}

void add_shift_plots(OutputSet& out, const ShiftInput& in, const ShiftResult& r, const std::vector<ShiftLawFit>& laws,
                     double law_lo, double law_hi) {
  const bool freq = in.domain == ShiftDomain::Frequency;
  const size_t n = in.segments.size();
  const char m = in.modulus == ModulusKind::Shear ? 'G' : 'E';
  const std::string xlabel = freq ? fmt::format("reduced frequency f aT [Hz] at {:.2f} K", r.reference_K)
                                  : fmt::format("reduced time t / aT [s] at {:.2f} K", r.reference_K);
  auto panel = [&](std::string title, std::string ylabel) {
    PlotSpec p = plot_spec(std::move(title), xlabel, std::move(ylabel), true, true);
    p.color_label = "measurement temperature [K]";
    return p;
  };
  PlotSpec storage = panel(freq ? "storage modulus" : "relaxation modulus",
                           freq ? fmt::format("{}' [MPa]", m) : fmt::format("{}(t) [MPa]", m));
  PlotSpec loss = panel("loss modulus", fmt::format("{}'' [MPa]", m)), tan = panel("loss factor", "tan delta [-]");
  for (size_t i = 0; i < n; ++i) {
    const auto& seg = in.segments[i];
    const double sign = freq ? 1.0 : -1.0, b = std::pow(10.0, r.log_bT[i]);
    Series e1 = temperature_series(seg.temperature_K), e2 = e1, td = e1;
    for (size_t k = 0; k < seg.x.size(); ++k) {
      const double x = std::pow(10.0, seg.x[k] + sign * r.log_aT[i]);
      e1.x.push_back(x), e1.y.push_back(b * seg.modulus_MPa[k]);
      if (freq) {
        e2.x.push_back(x), e2.y.push_back(b * seg.loss_MPa[k]);
        td.x.push_back(x), td.y.push_back(seg.loss_MPa[k] / seg.modulus_MPa[k]);
      }
    }
    storage.series.push_back(std::move(e1));
    if (freq) loss.series.push_back(std::move(e2)), tan.series.push_back(std::move(td));
  }
  PlotSpec mc;
  bool vertical = false;
  for (double b : r.log_bT) vertical |= b != 0;
  mc.title = fmt::format("master curve at {:.2f} K ({} temperatures, each shifted by its aT{})", r.reference_K, n,
                         vertical ? " and bT" : "");
  mc.panels = {storage};
  if (freq) mc.panels = {storage, loss, tan}, mc.row_heights = {1, 1, 0.8};
  out.plot("master_curve.png", mc);

  PlotSpec sf;
  sf.title = fmt::format("shift factors relative to {:.2f} K; laws fitted over {:.2f}-{:.2f} K", r.reference_K, law_lo,
                         law_hi);
  sf.xlabel = "temperature [K]";
  sf.ylabel = "log10 aT [-]";
  Series pts;
  pts.title = "from superposition (+- stderr)";
  pts.points = true;
  pts.x = r.temperature_K, pts.y = r.log_aT, pts.y_error = r.log_aT_stderr;
  sf.series.push_back(pts);
  sf.key_position = "inside top right";
  for (const auto& law : laws) {
    Series line;
    line.title = fmt::format("{} (AIC {:.1f}, rms {:.2g} dec): {}", law.law, law.aic, law.rms_decades,
                             !law.valid      ? "NOT VALID"
                             : law.describes ? "describes"
                                             : "DOES NOT DESCRIBE");
    for (int k = 0; k <= 200; ++k) {
      const double T = law_lo + (law_hi - law_lo) * k / 200.0;
      line.x.push_back(T), line.y.push_back(law.log_aT(T));
    }
    sf.series.push_back(std::move(line));
  }
  out.plot("shift_factors.png", sf);

  if (!freq) return;
  // van Gurp-Palmen: phase angle against |E*|; one curve if thermorheologically simple.
  PlotSpec vgp;
  vgp.title = "van Gurp-Palmen plot (no shift involved: one curve if thermorheologically simple)";
  vgp.xlabel = "|E*| [MPa]";
  vgp.ylabel = "phase angle delta [deg]";
  vgp.log_x = true;
  vgp.color_label = "measurement temperature [K]";
  for (size_t i = 0; i < n; ++i) {
    const auto& seg = in.segments[i];
    Series s = temperature_series(seg.temperature_K);
    for (size_t k = 0; k < seg.x.size(); ++k) {
      s.x.push_back(std::hypot(seg.modulus_MPa[k], seg.loss_MPa[k]));
      s.y.push_back(std::atan2(seg.loss_MPa[k], seg.modulus_MPa[k]) * 180 / kPi);
    }
    vgp.series.push_back(std::move(s));
  }
  out.plot("van_gurp_palmen.png", vgp);
}

}  // namespace

OutputSet shift_report(const Dataset& data, const ShiftRequest& q) {
  const auto start = std::chrono::steady_clock::now();
  const ShiftOptions& o = q.options;
  const double tolerance = q.temperature_tolerance_K;
  const ShiftInput in = shift_input_from(data, tolerance, q.drop_nonpositive);
  if (in.domain == ShiftDomain::Time && o.objective != ShiftObjective::Storage)
    throw InputError("--objective " + std::string(o.objective == ShiftObjective::TanDelta ? "tan-delta" : "moduli") +
                     " needs frequency sweeps (E', E''); relaxation data are superposed on log E(t)");
  const ShiftResult r = shift_master_curve(in, o);
  std::vector<ShiftLawFit> laws;
  std::vector<std::string> warnings;
  if (!in.dropped_lines.empty()) {
    std::string lines;
    for (size_t i = 0; i < in.dropped_lines.size() && i < 10; ++i)
      lines += (i ? ", " : "") + std::to_string(in.dropped_lines[i]);
    warnings.push_back(fmt::format("left out {} row(s) with a modulus <= 0 (line{} {}{})", in.dropped_lines.size(),
                                   in.dropped_lines.size() > 1 ? "s" : "", lines,
                                   in.dropped_lines.size() > 10 ? ", ..." : ""));
  }
  // The laws: over --law-range, over every temperature (--law-range all), or over the widest
  // run of temperatures around T_ref that a valid law describes (the default).
  double law_lo = r.temperature_K.front(), law_hi = r.temperature_K.back();
  std::string range_choice = q.law_range_K ? "given" : q.law_range_all ? "all" : "automatic";
  if (q.law_range_K) std::tie(law_lo, law_hi) = *q.law_range_K;
  std::vector<long> in_range;
  for (size_t i = 0; i < r.temperature_K.size(); ++i)
    if (r.temperature_K[i] >= law_lo - tolerance && r.temperature_K[i] <= law_hi + tolerance)
      in_range.push_back(long(i));
  if (in_range.size() >= 3) {
    std::vector<double> T, L;
    Eigen::MatrixXd C(long(in_range.size()), long(in_range.size()));
    for (size_t a = 0; a < in_range.size(); ++a) {
      T.push_back(r.temperature_K[size_t(in_range[a])]), L.push_back(r.log_aT[size_t(in_range[a])]);
      for (size_t b = 0; b < in_range.size(); ++b) C(long(a), long(b)) = r.log_aT_covariance(in_range[a], in_range[b]);
    }
    if (range_choice == "automatic") {
      const LawRange chosen = choose_law_range(T, L, C, r.reference_K, q.law_tolerance_decades);
      laws = chosen.laws;
      law_lo = T[chosen.first], law_hi = T[chosen.last];
      if (!chosen.found) {
        range_choice = "all (no run of temperatures around T_ref is described)";
        warnings.push_back(fmt::format(
            "no valid shift law describes the shifts over 5 or more consecutive temperatures around T_ref "
            "(rms tolerance {:g} decades): the laws are fitted to every temperature and none is fit for an FE "
            "card; give --law-range where the material is thermorheologically simple (e.g. above T_g)",
            q.law_tolerance_decades));
      }
    } else {
      laws = fit_shift_laws(T, L, C, r.reference_K, q.law_tolerance_decades);
      law_lo = T.front(), law_hi = T.back();
      if (!laws.front().describes)
        warnings.push_back(fmt::format("no valid shift law describes the shifts over {:.2f}-{:.2f} K: {} {}", law_lo,
                                       law_hi, laws.front().law, laws.front().verdict));
    }
  } else {
    warnings.push_back(fmt::format("{} temperatures in the law range: no shift-law fit (needs 3)", in_range.size()));
  }
  size_t law_points = 0;
  for (double T : r.temperature_K) law_points += T >= law_lo - 1e-9 && T <= law_hi + 1e-9;
  if (!r.converged) warnings.push_back("the shift factors did not converge (overlaps kept changing)");
  // Thermorheologically simple matter slows down on cooling: log aT falls as T rises. A
  // segment whose shift breaks that order often holds a bad point (one E' typo can do it).
  for (size_t i = 1; i < r.temperature_K.size(); ++i)
    if (r.log_aT[i] >
        r.log_aT[i - 1] +
            3 * std::sqrt(r.log_aT_covariance(long(i), long(i)) + r.log_aT_covariance(long(i - 1), long(i - 1))) + 1e-9)
      warnings.push_back(
          fmt::format("log10 aT rises from {:.4g} at {:.2f} K to {:.4g} at {:.2f} K: shifts should "
                      "fall as T rises; check that segment's data for a bad point",
                      r.log_aT[i - 1], r.temperature_K[i - 1], r.log_aT[i], r.temperature_K[i]));
  // A neighbour pair far worse than the rest hints at thermorheological complexity.
  std::vector<double> rms;
  for (const auto& p : r.neighbours) rms.push_back(p.rms);
  std::vector<double> sorted = rms;
  std::sort(sorted.begin(), sorted.end());
  const double median = sorted[sorted.size() / 2];
  for (const auto& p : r.neighbours)
    if (p.rms > 3 * median && p.rms > 0.02)
      warnings.push_back(
          fmt::format("poor superposition between {:.2f} K and {:.2f} K (rms {:.3f} decades vs median "
                      "{:.3f}): check the van Gurp-Palmen plot",
                      p.temperature1_K, p.temperature2_K, p.rms, median));

  // The instrument's shifts at our temperatures (within the tolerance, or 1 K), re-referenced to
  // our T_ref by linear interpolation of its list, and their difference from ours.
  std::vector<double> instrument(r.temperature_K.size(), std::numeric_limits<double>::quiet_NaN());
  double sum2 = 0, largest = 0;
  size_t matched = 0;
  if (q.instrument) {
    const auto& list = *q.instrument;
    auto at = [&](double T) {  // the list's log10 aT at T, linear between its temperatures
      std::vector<std::pair<double, double>> p;
      for (size_t i = 0; i < list.temperature_K.size(); ++i) p.emplace_back(list.temperature_K[i], list.log10_aT[i]);
      std::sort(p.begin(), p.end());
      if (T <= p.front().first) return p.front().second;
      if (T >= p.back().first) return p.back().second;
      const auto hi = std::lower_bound(p.begin(), p.end(), std::make_pair(T, -1e300)), lo = hi - 1;
      return lo->second + (hi->second - lo->second) * (T - lo->first) / (hi->first - lo->first);
    };
    const double offset = at(r.reference_K);
    for (size_t i = 0; i < r.temperature_K.size(); ++i)
      for (size_t k = 0; k < list.temperature_K.size(); ++k)
        if (std::abs(list.temperature_K[k] - r.temperature_K[i]) <= std::max(tolerance, 1.0)) {
          instrument[i] = list.log10_aT[k] - offset;
          const double d = r.log_aT[i] - instrument[i];
          sum2 += d * d, largest = std::max(largest, std::abs(d)), ++matched;
          break;
        }
    if (matched < r.temperature_K.size())
      warnings.push_back(fmt::format("the instrument's list has no shift within 1 K of {} of our {} temperatures",
                                     r.temperature_K.size() - matched, r.temperature_K.size()));
  }

  OutputSet out;
  out.warnings = warnings;
  const std::vector<std::string> comments = {
      fmt::format("{} shift: {} relative to {:.2f} K", software_description(), q.input_name, r.reference_K),
      "command: " + q.command};
  std::vector<OutputColumn> sf = {
      {"temperature [K]", r.temperature_K}, {"log10_aT [-]", r.log_aT}, {"stderr [-]", r.log_aT_stderr}};
  if (o.vertical) sf.push_back({"log10_bT [-]", r.log_bT}), sf.push_back({"log10_bT_stderr [-]", r.log_bT_stderr});
  if (q.instrument) sf.push_back({"log10_aT_instrument [-]", instrument, true, true});
  out.table("shift_factors.csv", comments, sf);

  // With the instrument's shifts at every temperature, the master curve is built from them
  // (--shifts-from: used instead of ours); the shift laws stay fitted to ours, which have errors.
  const bool use_instrument = q.instrument && matched == r.temperature_K.size();
  ShiftResult used = r;
  if (use_instrument) used.log_aT = instrument;
  const auto mc = master_curve(in, used);
  const bool freq = in.domain == ShiftDomain::Frequency;
  std::vector<OutputColumn> cols;
  cols.push_back({freq ? "reduced_frequency [Hz]" : "reduced_time [s]", {}});
  // the moduli's kind travels in the names (a shear master curve must not be fitted as tensile)
  const auto named = [&](const char* quantity) { return modulus_column_name(quantity, in.modulus) + " [MPa]"; };
  cols.push_back({named(freq ? "storage_modulus" : "relaxation_modulus"), {}});
  if (freq) cols.push_back({named("loss_modulus"), {}}), cols.push_back({"tan_delta [-]", {}});
  cols.push_back({"temperature [K]", {}});
  for (const auto& p : mc) {
    size_t k = 0;
    cols[k++].values.push_back(p.reduced_x);
    cols[k++].values.push_back(p.modulus_MPa);
    if (freq) cols[k++].values.push_back(p.loss_MPa), cols[k++].values.push_back(p.loss_MPa / p.modulus_MPa);
    cols[k].values.push_back(p.temperature_K);
  }
  out.table("master_curve.csv", comments, cols);
  add_shift_plots(out, in, used, laws, law_lo, law_hi);

  json j;
  j["command"] = q.command;
  j["software"] = software_description();
  j["input"] = {{"file", q.input_name},
                {"sha256", sha256_file(data.path)},
                {"points", data.rows() - in.dropped_lines.size()},
                {"dropped_lines", in.dropped_lines},
                {"modulus", modulus_kind_name(data.modulus)},
                {"metadata", data.comments},
                {"temperatures", in.segments.size()},
                {"domain", freq ? "frequency" : "time"}};
  j["reference_temperature_K"] = r.reference_K;
  j["objective"] = in.domain == ShiftDomain::Time            ? "log10 E(t)"
                   : o.objective == ShiftObjective::TanDelta ? "log10 tan(delta)"
                   : o.objective == ShiftObjective::Storage  ? "log10 E'"
                                                             : "log10 E' and log10 E''";
  j["vertical_shift"] = o.vertical;
  if (!laws.empty()) {
    j["law_range_K"] = {law_lo, law_hi};
    j["law_range_choice"] = range_choice;
    j["law_range_temperatures"] = law_points;
  }
  j["law_tolerance_decades"] = q.law_tolerance_decades;
  j["neighbours"] = o.neighbours;
  j["converged"] = r.converged;
  j["iterations"] = r.iterations;
  j["compared_points"] = r.residuals;
  j["rms_mismatch_decades"] = r.rms_mismatch;
  for (const auto& p : r.neighbours)
    j["neighbour_mismatch"].push_back({{"temperature1_K", p.temperature1_K},
                                       {"temperature2_K", p.temperature2_K},
                                       {"points", p.points},
                                       {"rms_decades", number_or_null(p.rms)}});
  for (size_t i = 0; i < r.temperature_K.size(); ++i) {
    json s = {{"temperature_K", r.temperature_K[i]}, {"log10_aT", r.log_aT[i]}, {"stderr", r.log_aT_stderr[i]}};
    if (o.vertical) s["log10_bT"] = r.log_bT[i], s["log10_bT_stderr"] = r.log_bT_stderr[i];
    j["shift_factors"].push_back(s);
  }
  for (const auto& law : laws) {
    json l = {{"law", law.law},
              {"chi2_reduced", number_or_null(law.chi2_reduced)},
              {"chi2_p", number_or_null(law.chi2_p)},
              {"aic", law.aic},
              {"converged", law.converged},
              {"valid", law.valid},
              {"describes", law.describes},
              {"verdict", law.verdict},
              {"rms_decades", number_or_null(law.rms_decades)},
              {"largest_decades", number_or_null(law.largest_decades)},
              {"sign_runs", law.sign_runs},
              {"runs_p", number_or_null(law.runs_p)}};
    for (size_t k = 0; k < law.values.size(); ++k)
      l["parameters"][law.names[k]] = {
          {"value", law.values[k]}, {"stderr", number_or_null(law.stderrs[k])}, {"unit", law.units[k]}};
    j["shift_laws"].push_back(l);
  }
  // best_law: the first law that describes the shifts; null when none does.
  j["best_law"] = !laws.empty() && laws.front().describes ? json(laws.front().law) : json(nullptr);
  if (!laws.empty() && laws.front().describes) {
    for (const auto& l : laws)
      if (l.law != laws.front().law && std::abs(l.aic - laws.front().aic) < 1e-3 &&
          ((l.law == "wlf" || l.law == "vft") && (laws.front().law == "wlf" || laws.front().law == "vft")))
        j["best_law_note"] = "wlf and vft are the same curve (C1 = B/(Tref - T0), C2 = Tref - T0): they tie";
  }
  if (q.instrument) {
    const double rms_difference = matched ? std::sqrt(sum2 / double(matched)) : 0.0;
    j["instrument_shifts"] = {{"file", q.instrument_name},
                              {"reference_temperature_K", q.instrument->reference_K},
                              {"wlf_C1", q.instrument->C1},
                              {"wlf_C2_K", q.instrument->C2_K},
                              {"matched_temperatures", matched},
                              {"rms_difference_decades", matched ? json(rms_difference) : json(nullptr)},
                              {"largest_difference_decades", largest},
                              {"master_curve_built_from", use_instrument ? "instrument" : "glassfit"}};
  }
  j["warnings"] = warnings;
  j["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.text("report.json", j.dump(2) + "\n");

  std::string& s = out.summary;
  s += fmt::format(
      "master curve of {} at {:.2f} K: {} temperatures, {} compared points, rms mismatch "
      "{:.4f} decades\n",
      q.input_name, r.reference_K, r.temperature_K.size(), r.residuals, r.rms_mismatch);
  s += fmt::format("  {:>9}  {:>10}  {:>8}\n", "T [K]", "log10 aT", "stderr");
  for (size_t i = 0; i < r.temperature_K.size(); ++i)
    s += fmt::format("  {:>9.2f}  {:>10.4f}  {:>8.4f}\n", r.temperature_K[i], r.log_aT[i], r.log_aT_stderr[i]);
  for (const auto& law : laws) {
    std::string ps;
    for (size_t k = 0; k < law.values.size(); ++k)
      ps += fmt::format("  {} = {:.5g} +- {:.2g} {}", law.names[k], law.values[k], law.stderrs[k], law.units[k]);
    s += fmt::format("  {:<10} AIC {:>8.2f}  chi2_red {:>8.3g}{}\n", law.law, law.aic, law.chi2_reduced, ps);
    s += fmt::format("  {:<10} {}\n", "", law.verdict);
  }
  if (!laws.empty()) {
    s += fmt::format("  laws fitted over {:.2f}-{:.2f} K ({} of {} temperatures; range {})\n", law_lo, law_hi,
                     law_points, r.temperature_K.size(), range_choice);
    s += laws.front().describes
             ? "  best (lowest AIC among the laws that describe the shifts): " + laws.front().law + "\n"
             : "  best: none (no valid law describes the shifts)\n";
  }
  if (q.instrument && matched)
    s += fmt::format(
        "  against {} ({} temperatures): rms difference {:.3f} decades, largest {:.3f}; master curve from {} shifts\n",
        q.instrument_name, matched, std::sqrt(sum2 / double(matched)), largest,
        use_instrument ? "the instrument's" : "our");
  return out;
}

}  // namespace glassfit
