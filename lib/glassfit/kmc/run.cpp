// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "glassfit/core/error.h"
#include "glassfit/io/json_number.h"
#include "glassfit/io/plot.h"
#include "glassfit/io/provenance.h"
#include "glassfit/kmc/config_json.h"
#include "glassfit/kmc/observables.h"
#include "glassfit/kmc/sweep.h"

namespace glassfit::kmc {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::vector<double> as_doubles(const std::vector<long>& v) { return {v.begin(), v.end()}; }

Series series(const std::string& title, std::vector<double> x = {}, std::vector<double> y = {}, bool points = false) {
  Series s;
  s.title = title, s.x = std::move(x), s.y = std::move(y), s.points = points;
  return s;
}

void add_plots(OutputSet& out, const Engine& e) {
  const auto& obs = e.observations();
  const Loading loading = e.config().loading;
  const bool shear = e.config().geometry == Geometry::Shear;
  PlotSpec ss = plot_spec(
      fmt::format("kMC {}x{}, {:g} K: {}{}", e.config().grid.nx, e.config().grid.ny, e.config().temperature_K,
                  loading == Loading::StrainRate ? fmt::format("stress-strain at {:g} /s", e.config().strain_rate_per_s)
                  : loading == Loading::Creep    ? fmt::format("creep at {:g} MPa", e.config().stress_MPa)
                  : loading == Loading::History
                      ? fmt::format("loading history ({} segments)", e.config().history.size())
                      : fmt::format("relaxation at strain {:g}", e.config().strain),
                  shear ? ", simple shear" : ""),
      shear ? "shear strain [-]" : "strain [-]", "stress [MPa]");
  Series curve = series(shear ? "mean shear stress" : "mean axial stress");
  for (const auto& p : obs.curve) curve.x.push_back(p.strain), curve.y.push_back(p.stress_MPa);
  ss.series.push_back(curve);
  if (loading == Loading::History) {  // stress and strain against time, on two plots
    PlotSpec st = plot_spec("kMC loading history: strain", "time [s]", shear ? "shear strain [-]" : "strain [-]");
    Series strain = series("strain"), plastic = series("plastic strain");
    for (const auto& p : obs.curve)
      strain.x.push_back(p.time_s), strain.y.push_back(p.strain), plastic.x.push_back(p.time_s),
          plastic.y.push_back(p.plastic_strain);
    st.series = {strain, plastic};
    out.plot("strain_time.png", st);
    ss.xlabel = "time [s]";
    ss.series[0].x.clear();
    for (const auto& p : obs.curve) ss.series[0].x.push_back(p.time_s);
  } else if (loading != Loading::StrainRate) {  // creep and relaxation are read against time
    ss.xlabel = "time [s]";
    ss.series[0].x.clear();
    for (const auto& p : obs.curve) ss.series[0].x.push_back(p.time_s);
    ss.log_x = true;
    ss.series[0].x.erase(ss.series[0].x.begin()), ss.series[0].y.erase(ss.series[0].y.begin());  // t = 0
    if (e.config().loading == Loading::Creep) {
      ss.ylabel = "strain [-]";
      ss.series[0].title = "mean axial strain";
      ss.series[0].y.clear();
      for (size_t i = 1; i < obs.curve.size(); ++i) ss.series[0].y.push_back(obs.curve[i].strain);
    }
  }
  out.plot("stress_strain.png", ss);

  if (!obs.avalanche_sizes.empty()) {
    const auto c = ccdf(obs.avalanche_sizes);
    PlotSpec av = plot_spec("avalanche sizes", "size S [transformations]", "P(size >= S)", true, true);
    av.series.push_back(series("kMC", c.size, c.probability, true));
    out.plot("avalanches.png", av);
  }
  if (!obs.dEps_xx.empty()) {
    const auto h = symmetric_histogram(obs.dEps_xx, 41);
    PlotSpec dp = plot_spec("executed transformation strains", "dEps_xx [-]", "events");
    dp.series.push_back(series("all events", h.center, h.count));
    out.plot("deps_xx.png", dp);
  }
  const Grid& g = e.config().grid;
  for (const auto& s : obs.snapshots) {
    PlotSpec m = plot_spec(fmt::format("von Mises eigenstrain at strain {:.3f} (t = {:.4g} s)", s.strain, s.time_s),
                           "i [voxel]", "j [voxel]");
    m.map = {g.nx, g.ny, {}, "von Mises eigenstrain [-]"};
    for (const auto& x : s.eigenstrain) m.map.values.push_back(von_mises(x));
    out.plot(fmt::format("von_mises_strain_{:.3f}.png", s.strain), m);
  }
}

// Summary numbers of one finished run (also the sweep's per-run record).
json results_json(const Engine& e, const OutputOptions& o) {
  const auto& obs = e.observations();
  json r;
  r["flow_stress_MPa"] = e.config().loading == Loading::StrainRate
                             ? number_or_null(flow_stress_or_nan(obs.curve, o.flow_window_lo, o.flow_window_hi))
                             : json(nullptr);
  r["flow_stress_window"] = {o.flow_window_lo, o.flow_window_hi};
  r["final"] = {{"time_s", e.time_s()},
                {"strain", e.strain()},
                {"stress_MPa", e.stress_MPa()},
                {"plastic_strain", e.plastic_strain()}};
  r["events"] = {{"thermal", obs.thermal_events},
                 {"athermal", obs.athermal_events},
                 {"rejected_candidates", obs.rejected_candidates},
                 {"rejected_steps", obs.rejected_steps},
                 {"rate_updates", obs.rate_updates},
                 {"block_refreshes", obs.block_refreshes},
                 {"far_flushes", obs.far_flushes}};
  const AvalancheSummary av = avalanche_summary(obs.avalanche_sizes);
  r["avalanches"] = {{"count", av.count},
                     {"largest", av.largest},
                     {"mean_size", av.mean_size},
                     {"tail_exponent", number_or_null(av.tail_exponent)},
                     {"tail_min_size", kTailMinSize}};
  const auto act = voxel_activity(e.voxel_events());
  r["voxels"] = {{"never_transformed", act.never}, {"transformed_once", act.once}};
  r["rejuvenated_share"] = number_or_null(e.rejuvenated_share());
  const double m = mean_or_nan(obs.dEps_xx);
  double sd = 0;
  for (const double x : obs.dEps_xx) sd += (x - m) * (x - m) / double(std::max<size_t>(obs.dEps_xx.size() - 1, 1));
  r["dEps_xx"] = {{"mean", obs.dEps_xx.empty() ? json(nullptr) : json(m)}, {"sd", std::sqrt(sd)}};
  if (const Snapshot* at = snapshot_at(obs.snapshots, o.exceedance_strain)) {
    const auto ex = exceedance(at->eigenstrain, o.exceedance_threshold);
    r["exceedance"] = {{"threshold", o.exceedance_threshold},
                       {"strain", at->strain},
                       {"mean", number_or_null(ex.mean)},
                       {"fraction_above", ex.fraction}};
  } else {
    r["exceedance"] = nullptr;
  }
  if (e.config().law == BarrierLaw::Softening) {  // Wang et al.'s measures, at the run's end
    std::vector<double> scale(e.eigenstrain().size());
    for (size_t v = 0; v < scale.size(); ++v) scale[v] = e.softening_scale(v);
    const auto w = softening_measures(scale, e.voxel_events(), e.eigenstrain());
    double peak = 0;  // Wang et al.'s yield stress: the curve's maximum
    for (const auto& p : obs.curve) peak = std::max(peak, p.stress_MPa);
    r["softening"] = {{"plastic_strain", e.plastic_strain()},
                      {"peak_stress_MPa", peak},
                      {"barrier_shift", w.barrier_shift},
                      {"barrier_shift_transformed", number_or_null(w.barrier_shift_transformed)},
                      {"extreme_site_fraction", w.extreme_fraction},
                      {"extreme_threshold", kExtremeSiteStrain},
                      {"localisation_index", w.localisation_index}};
  }
  return r;
}

void add_outputs(OutputSet& out, const RunRequest& q, const KmcConfig& cfg, const Engine& e, const json& results,
                 double wall_s) {
  const auto& obs = e.observations();
  const std::vector<std::string> comments = {fmt::format("{} kmc: {}", software_description(), q.config_name),
                                             "command: " + q.command};
  std::vector<OutputColumn> curve = {
      {"time [s]", {}}, {"strain [-]", {}}, {"stress [MPa]", {}}, {"plastic_strain [-]", {}}, {"events [-]", {}}};
  for (const auto& p : obs.curve) {
    curve[0].values.push_back(p.time_s), curve[1].values.push_back(p.strain), curve[2].values.push_back(p.stress_MPa);
    curve[3].values.push_back(p.plastic_strain), curve[4].values.push_back(double(p.events));
  }
  out.table("stress_strain.csv", comments, curve);

  const auto counts = count_values(obs.avalanche_sizes);
  const auto cc = ccdf(obs.avalanche_sizes);
  std::vector<OutputColumn> av = {{"size [-]", cc.size}, {"count [-]", {}}, {"ccdf [-]", cc.probability}};
  for (const double s : cc.size) av[1].values.push_back(double(counts[size_t(s)]));
  out.table("avalanches.csv", comments, av);

  const auto per_voxel = count_values(e.voxel_events());
  std::vector<OutputColumn> vx = {{"events_per_voxel [-]", {}}, {"voxels [-]", as_doubles(per_voxel)}};
  for (size_t k = 0; k < per_voxel.size(); ++k) vx[0].values.push_back(double(k));
  out.table("voxel_events.csv", comments, vx);

  if (!obs.dEps_xx.empty()) {
    const auto h = symmetric_histogram(obs.dEps_xx, 41);
    out.table("deps_xx.csv", comments, {{"dEps_xx [-]", h.center}, {"events [-]", h.count}});
  }
  const Grid& g = e.config().grid;
  for (const auto& s : obs.snapshots) {
    std::vector<OutputColumn> map = {{"i [-]", {}},
                                     {"j [-]", {}},
                                     {"von_mises_eigenstrain [-]", {}},
                                     {"eigenstrain_xx [-]", {}},
                                     {"eigenstrain_yy [-]", {}},
                                     {"eigenstrain_xy [-]", {}},
                                     {"accumulated_eigenstrain [-]", {}}};
    for (size_t v = 0; v < s.eigenstrain.size(); ++v) {
      const auto& x = s.eigenstrain[v];
      map[0].values.push_back(double(v % size_t(g.nx))), map[1].values.push_back(double(v / size_t(g.nx)));
      map[2].values.push_back(von_mises(x)), map[3].values.push_back(x.xx), map[4].values.push_back(x.yy);
      map[5].values.push_back(x.xy), map[6].values.push_back(accumulated_strain(x));
    }
    out.table(fmt::format("von_mises_strain_{:.3f}.csv", s.strain),
              {comments[0], fmt::format("snapshot at strain {:.6g}, time {:.6g} s", s.strain, s.time_s)}, map);
  }

  json j;
  j["command"] = q.command;
  j["software"] = software_description();
  j["config"] = {{"file", q.config_name}, {"sha256", q.config_sha256}, {"resolved", config_json(e.config())}};
  j["fingerprint"] = e.fingerprint();
  j["axial_modulus_MPa"] = e.axial_modulus_MPa();
  j["loading_modulus_MPa"] = e.loading_modulus_MPa();  // stress per unit elastic strain of the loading
  j["results"] = results;
  j["performance"] = {{"wall_seconds", wall_s},
                      {"events_per_second", wall_s > 0 ? double(e.events()) / wall_s : 0.0},
                      {"threads", e.config().threads}};
  j["warnings"] = out.warnings;
  out.text("report.json", j.dump(2) + "\n");
  if (cfg.output.plots) add_plots(out, e);
}

}  // namespace

double progress_fraction(const Engine& e) {
  const auto& c = e.config();
  return c.loading == Loading::StrainRate ? e.strain() / c.final_strain : e.time_s() / e.end_time();
}

OutputSet run_single(const KmcConfig& cfg, const RunRequest& q) {
  const auto start = Clock::now();
  const std::string& checkpoint = q.checkpoint_path;
  if (checkpoint.empty() && (q.resume || cfg.checkpoint_every > 0))
    throw InputError("a run with checkpoints ([run] checkpoint_every > 0, or resumed) needs a checkpoint path");
  Engine e(cfg.engine);
  if (q.resume) {
    std::error_code ec;
    if (!std::filesystem::exists(checkpoint, ec))
      throw InputError(
          fmt::format("{}: no checkpoint to resume (run without --resume first, with "
                      "[run] checkpoint_every > 0)",
                      checkpoint));
    e.restore_file(checkpoint);
    if (q.inform)
      q.inform(fmt::format("resumed at {} events, t = {:.6g} s{}", e.events(), e.time_s(),
                           e.finished() ? " (the run had finished: its outputs are written again)" : ""));
  }
  long next_checkpoint = cfg.checkpoint_every > 0 ? (e.events() / cfg.checkpoint_every + 1) * cfg.checkpoint_every : 0;
  const long events_at_start = e.events();
  while (e.step()) {
    if (cfg.checkpoint_every > 0 && e.events() >= next_checkpoint) {
      e.save_file(checkpoint);
      next_checkpoint = (e.events() / cfg.checkpoint_every + 1) * cfg.checkpoint_every;
    }
    if (q.progress) q.progress(e, events_at_start);
  }
  if (cfg.checkpoint_every > 0) e.save_file(checkpoint);
  return run_outputs(cfg, e, q, std::chrono::duration<double>(Clock::now() - start).count());
}

OutputSet run_outputs(const KmcConfig& cfg, const Engine& e, const RunRequest& q, double wall) {
  OutputSet out;
  std::vector<std::string>& warnings = out.warnings;
  const auto& obs = e.observations();
  if (e.hit_event_limit() && e.events() < e.event_limit() && obs.rate_updates >= e.rate_pass_limit())
    warnings.push_back(fmt::format(
        "stopped at run.max_rate_passes = {} passes over the rate table before the end of the loading, at "
        "t = {:.6g} s: thermal activation is too slow at {:g} K to keep pace with the load's bound renewals "
        "(their number grows as 1/T); raise the limit, or the temperature",
        e.rate_pass_limit(), e.time_s(), cfg.engine.temperature_K));
  else if (e.hit_event_limit() && e.events() < e.event_limit())
    warnings.push_back(fmt::format(
        "stopped at run.max_rejections = {} rejected candidates or steps before the end of the loading, at t = "
        "{:.6g} s",
        e.rejection_limit(), e.time_s()));
  else if (e.hit_event_limit())
    warnings.push_back(fmt::format(
        "stopped at run.max_events = {} transformations before the end of the loading{}", e.event_limit(),
        e.observations().avalanche_sizes.empty() || e.observations().avalanche_sizes.back() < e.event_limit() / 10
            ? ""
            : " (inside an avalanche that would not stop: the lattice is fluidised; [time] avalanche = "
              "\"sequential\" avoids the collective overshoot of synchronous steps)"));
  const json results = results_json(e, cfg.output);
  if (cfg.engine.loading == Loading::StrainRate && results["flow_stress_MPa"].is_null())
    warnings.push_back("the run does not cover the flow-stress window: no flow stress");
  if (cfg.engine.loading == Loading::Creep && !e.hit_event_limit() && e.time_s() < cfg.engine.duration_s)
    warnings.push_back(fmt::format("creep reached loading.final_strain = {:g} at t = {:.6g} s, before duration_s",
                                   cfg.engine.final_strain, e.time_s()));
  if (cfg.engine.loading == Loading::History && !e.hit_event_limit() && e.time_s() < e.end_time())
    warnings.push_back(
        fmt::format("a stress segment reached loading.final_strain = {:g} at t = {:.6g} s, before "
                    "the history's end ({:.6g} s)",
                    cfg.engine.final_strain, e.time_s(), e.end_time()));
  add_outputs(out, q, cfg, e, results, wall);
  const json& r = results;
  std::string& s = out.summary;
  s += fmt::format("kMC {}x{}, {} modes, {:g} K, {} law, {}: {} events ({} athermal) in {:.1f} s\n", cfg.engine.grid.nx,
                   cfg.engine.grid.ny, cfg.engine.catalog.modes, cfg.engine.temperature_K, law_name(cfg.engine.law),
                   loading_name(cfg.engine.loading), e.events(), e.observations().athermal_events, wall);
  if (!r["flow_stress_MPa"].is_null())
    s += fmt::format("  flow stress {:.1f} MPa (mean over strain {:g}-{:g})\n", r["flow_stress_MPa"].get<double>(),
                     cfg.output.flow_window_lo, cfg.output.flow_window_hi);
  s += fmt::format("  final: strain {:.4f}, stress {:.1f} MPa, plastic strain {:.4f}, t = {:.6g} s\n", e.strain(),
                   e.stress_MPa(), e.plastic_strain(), e.time_s());
  s += fmt::format("  voxels never transformed {:.1f} %, once {:.1f} %; largest avalanche {}\n",
                   100 * r["voxels"]["never_transformed"].get<double>(),
                   100 * r["voxels"]["transformed_once"].get<double>(), r["avalanches"]["largest"].get<long>());
  return out;
}

OutputSet run_sweep_report(const KmcConfig& cfg, const SweepRequest& q) {
  const auto start = Clock::now();
  const Sweep& s = *cfg.sweep;
  std::vector<SweepRun> runs = sweep_runs(s);
  const unsigned workers = sweep_workers(s, runs.size());
  run_sweep(cfg, runs, workers, [&](size_t done) {
    if (q.progress) q.progress(done, runs.size(), workers);
  });
  return sweep_report(cfg, runs, q, workers, std::chrono::duration<double>(Clock::now() - start).count());
}

OutputSet sweep_report(const KmcConfig& cfg, const std::vector<SweepRun>& runs, const SweepRequest& q,
                       unsigned parallel_runs, double wall_seconds) {
  const Sweep& s = *cfg.sweep;
  const auto srs = srs_indices(s, runs);

  OutputSet out;
  const std::vector<std::string> comments = {fmt::format("{} kmc sweep: {}", software_description(), q.config_name),
                                             "command: " + q.command};
  out.table("flow_stress.csv", comments, flow_stress_columns(runs));
  out.table("srs.csv", comments, srs_columns(srs));
  out.table("sites.csv", comments, site_columns(runs));

  json j;
  j["command"] = q.command;
  j["software"] = software_description();
  j["config"] = {{"file", q.config_name}, {"sha256", q.config_sha256}, {"resolved", config_json(cfg.engine)}};
  j["sweep"] = {{"temperatures_K", s.temperatures_K},
                {"strain_rates_per_s", s.strain_rates_per_s},
                {"rate_factors", s.rate_factors},
                {"seeds", s.seeds},
                {"parallel_runs", parallel_runs > 0 ? json(parallel_runs) : json("separate tasks, merged")}};
  for (const auto& p : srs)
    j["srs"].push_back({{"temperature_K", p.temperature_K},
                        {"strain_rate_per_s", p.base_rate_per_s},
                        {"m", number_or_null(p.index.m)},
                        {"stderr", number_or_null(p.index.stderr_m)},
                        {"mean_flow_stress_MPa", number_or_null(p.mean_flow_stress_MPa)}});
  for (const auto& r : runs)
    j["runs"].push_back({{"temperature_K", r.temperature_K},
                         {"strain_rate_per_s", r.rate_per_s()},
                         {"seed", r.seed},
                         {"flow_stress_MPa", number_or_null(r.flow_stress_MPa)},
                         {"events", r.events},
                         {"exceedance", number_or_null(r.exceedance)},
                         {"never_transformed", r.never_transformed},
                         {"transformed_once", r.transformed_once},
                         {"mean_dEps_xx", number_or_null(r.mean_dEps_xx)},
                         {"hit_event_limit", r.hit_event_limit},
                         {"seconds", r.seconds}});
  std::vector<std::string>& warnings = out.warnings;
  for (const auto& r : runs)
    if (r.hit_event_limit)
      warnings.push_back(
          fmt::format("run at {:g} K, {:g} /s, seed {} stopped at run.max_events{}", r.temperature_K, r.rate_per_s(),
                      r.seed, std::isnan(r.flow_stress_MPa) ? ": no flow stress, left out of its SRS index" : ""));
  j["warnings"] = warnings;
  j["wall_seconds"] = wall_seconds;
  out.text("report.json", j.dump(2) + "\n");

  if (cfg.output.plots) {
    PlotSpec fp = plot_spec("kMC flow stress (Eq. 24), each run", "strain rate [1/s]", "flow stress [MPa]", true);
    PlotSpec mp =
        plot_spec("strain-rate sensitivity (error bars: one standard error; temperatures set slightly apart in rate)",
                  "strain rate [1/s]", "SRS index m [-]", true);
    for (size_t k = 0; k < s.temperatures_K.size(); ++k) {
      const double T = s.temperatures_K[k];
      Series f = series(fmt::format("{:g} K", T), {}, {}, true);
      f.color = int(k) + 1;
      for (const auto& r : runs)
        if (r.temperature_K == T && r.flow_stress_MPa > 0)
          f.x.push_back(r.rate_per_s()), f.y.push_back(r.flow_stress_MPa);
      fp.series.push_back(f);
      Series m = series(fmt::format("{:g} K", T));
      // Each temperature a few percent apart in rate, so that the error bars of one base rate
      // do not lie on one another.
      const double apart = std::pow(1.08, double(k) - 0.5 * double(s.temperatures_K.size() - 1));
      m.color = int(k) + 1;
      for (const auto& p : srs)
        if (p.temperature_K == T && std::isfinite(p.index.m))
          m.x.push_back(p.base_rate_per_s * apart), m.y.push_back(p.index.m), m.y_error.push_back(p.index.stderr_m);
      mp.series.push_back(m);
    }
    colour_by_value(fp, s.temperatures_K, "temperature [K]");
    colour_by_value(mp, s.temperatures_K, "temperature [K]");
    out.plot("flow_stress.png", fp);
    out.plot("srs.png", mp);
  }
  std::string& sum = out.summary;
  sum +=
      parallel_runs > 0
          ? fmt::format("kMC sweep: {} runs in {:.1f} s ({} in parallel)\n", runs.size(), wall_seconds, parallel_runs)
          : fmt::format("kMC sweep: {} tasks merged ({:.1f} s of runs in all)\n", runs.size(), wall_seconds);
  sum += fmt::format("  {:>8}  {:>12}  {:>10}  {:>8}  {:>12}\n", "T [K]", "rate [1/s]", "m", "stderr", "sigma_f [MPa]");
  for (const auto& p : srs)
    sum += fmt::format("  {:>8g}  {:>12.4g}  {:>10.4f}  {:>8.4f}  {:>12.1f}\n", p.temperature_K, p.base_rate_per_s,
                       p.index.m, p.index.stderr_m, p.mean_flow_stress_MPa);
  return out;
}

}  // namespace glassfit::kmc
