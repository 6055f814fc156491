// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/sweep.h"

#include <chrono>
#include <cmath>
#include <thread>

#include "glassfit/core/parallel.h"

namespace glassfit::kmc {

std::vector<SweepRun> sweep_runs(const Sweep& s) {
  std::vector<SweepRun> runs;
  for (const double T : s.temperatures_K)
    for (const double r : s.strain_rates_per_s)
      for (const double f : s.rate_factors)
        for (const auto seed : s.seeds) runs.push_back({T, r, f, seed});
  return runs;
}

void run_sweep_point(const KmcConfig& config, SweepRun& r) {
  EngineConfig ec = config.engine;
  ec.temperature_K = r.temperature_K, ec.strain_rate_per_s = r.rate_per_s(), ec.catalog.seed = r.seed;
  ec.threads = 1;
  const auto t0 = std::chrono::steady_clock::now();
  Engine e(ec);
  while (e.step()) {
  }
  r.flow_stress_MPa =
      flow_stress_or_nan(e.observations().curve, config.output.flow_window_lo, config.output.flow_window_hi);
  r.events = e.events();
  const Snapshot* s = snapshot_at(e.observations().snapshots, config.output.exceedance_strain);
  r.exceedance = s ? exceedance(s->eigenstrain, config.output.exceedance_threshold).mean : std::nan("");
  const VoxelActivity a = voxel_activity(e.voxel_events());
  r.never_transformed = a.never, r.transformed_once = a.once;
  r.mean_dEps_xx = mean_or_nan(e.observations().dEps_xx);
  r.rejuvenated_share = e.rejuvenated_share();
  const AvalancheSummary av = avalanche_summary(e.observations().avalanche_sizes);
  r.avalanche_tail_exponent = av.tail_exponent, r.largest_avalanche = av.largest;
  r.hit_event_limit = e.hit_event_limit();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

unsigned sweep_workers(const Sweep& s, size_t runs) {
  const unsigned parallel = s.parallel_runs > 0 ? unsigned(s.parallel_runs) : std::thread::hardware_concurrency();
  return std::max(1u, std::min<unsigned>(unsigned(runs), parallel));
}

void run_sweep(const KmcConfig& config, std::vector<SweepRun>& runs, unsigned workers,
               const std::function<void(size_t)>& progress) {
  parallel_for(
      runs.size(), std::max(1u, workers), [&](size_t i) { run_sweep_point(config, runs[i]); }, progress);
}

std::vector<SrsPoint> srs_indices(const Sweep& s, const std::vector<SweepRun>& runs) {
  std::vector<SrsPoint> out;
  for (const double T : s.temperatures_K)
    for (const double base : s.strain_rates_per_s) {
      std::vector<double> rates, stresses;
      std::vector<long> seeds;
      double mean = 0;
      for (const auto& r : runs)
        if (r.temperature_K == T && r.base_rate_per_s == base && r.flow_stress_MPa > 0) {
          rates.push_back(r.rate_per_s()), stresses.push_back(r.flow_stress_MPa), mean += r.flow_stress_MPa;
          seeds.push_back(long(r.seed));
        }
      SrsIndex m{std::nan(""), std::nan("")};
      try {
        m = srs_index(rates, stresses, seeds);  // one intercept per seed
      } catch (const std::invalid_argument&) {
      }
      out.push_back({T, base, m, stresses.empty() ? std::nan("") : mean / double(stresses.size())});
    }
  return out;
}

std::vector<OutputColumn> flow_stress_columns(const std::vector<SweepRun>& runs) {
  std::vector<OutputColumn> c = {{"temperature [K]", {}},
                                 {"strain_rate [1/s]", {}},
                                 {"seed [-]", {}},
                                 {"flow_stress [MPa]", {}, true},
                                 {"events [-]", {}}};
  for (const auto& r : runs) {
    c[0].values.push_back(r.temperature_K), c[1].values.push_back(r.rate_per_s());
    c[2].values.push_back(double(r.seed)), c[3].values.push_back(r.flow_stress_MPa);
    c[4].values.push_back(double(r.events));
  }
  return c;
}

std::vector<OutputColumn> site_columns(const std::vector<SweepRun>& runs) {
  std::vector<OutputColumn> c = {
      {"temperature [K]", {}},        {"strain_rate [1/s]", {}},           {"seed [-]", {}},
      {"exceedance [-]", {}, true},   {"never_transformed [-]", {}},       {"transformed_once [-]", {}},
      {"mean_dEps_xx [-]", {}, true}, {"rejuvenated_share [-]", {}, true}, {"avalanche_tail_exponent [-]", {}, true},
      {"largest_avalanche [-]", {}}};
  for (const auto& r : runs) {
    c[0].values.push_back(r.temperature_K), c[1].values.push_back(r.rate_per_s());
    c[2].values.push_back(double(r.seed)), c[3].values.push_back(r.exceedance);
    c[4].values.push_back(r.never_transformed), c[5].values.push_back(r.transformed_once);
    c[6].values.push_back(r.mean_dEps_xx), c[7].values.push_back(r.rejuvenated_share);
    c[8].values.push_back(r.avalanche_tail_exponent), c[9].values.push_back(double(r.largest_avalanche));
  }
  return c;
}

std::vector<OutputColumn> srs_columns(const std::vector<SrsPoint>& points) {
  std::vector<OutputColumn> c = {{"temperature [K]", {}},
                                 {"strain_rate [1/s]", {}},
                                 {"srs_index [-]", {}, true},
                                 {"stderr [-]", {}, true},
                                 {"flow_stress [MPa]", {}, true}};
  for (const auto& p : points) {
    c[0].values.push_back(p.temperature_K), c[1].values.push_back(p.base_rate_per_s);
    c[2].values.push_back(p.index.m), c[3].values.push_back(p.index.stderr_m);
    c[4].values.push_back(p.mean_flow_stress_MPa);
  }
  return c;
}

}  // namespace glassfit::kmc
