// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// A strain-rate-sensitivity sweep (Niiyama et al.): every temperature x base rate x factor x
// seed is one kMC run to the end of the flow-stress window; the SRS index of a (temperature,
// base rate) is the least-squares slope of ln(flow stress) over ln(rate) across its factors,
// with one intercept per seed (a seed's runs share their catalogue, so its level cancels).
// Runs go in parallel, one thread each; each run is reproducible on its own.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "glassfit/io/csv_writer.h"
#include "glassfit/kmc/config.h"
#include "glassfit/kmc/observables.h"

namespace glassfit::kmc {

struct SweepRun {
  double temperature_K, base_rate_per_s, factor;
  std::uint64_t seed;
  double flow_stress_MPa = 0;  // NaN when the run does not cover the window
  long events = 0;
  // Niiyama et al.'s localisation and activity measures (Fig. 7, Appendices A and B): the mean
  // exceedance at [output] exceedance_strain (NaN: no site above the threshold, or the run ended
  // before), the fractions of sites never and once transformed, the mean executed dEps_xx.
  double exceedance = 0, never_transformed = 0, transformed_once = 0, mean_dEps_xx = 0;
  // The share of transformations on rejuvenated barriers (a site whose clock had been reset), and
  // the avalanche sizes' tail exponent (sizes >= kTailMinSize) and largest avalanche (App. A).
  double rejuvenated_share = std::nan(""), avalanche_tail_exponent = std::nan("");
  long largest_avalanche = 0;
  bool hit_event_limit = false;  // ended at run.max_events (its flow stress may be missing)
  double seconds = 0;
  double rate_per_s() const { return base_rate_per_s * factor; }
};

struct SrsPoint {
  double temperature_K, base_rate_per_s;
  SrsIndex index;               // NaN when fewer than two usable runs
  double mean_flow_stress_MPa;  // over the factors and seeds
};

// The runs of the grid, in the order temperature, base rate, factor, seed.
std::vector<SweepRun> sweep_runs(const Sweep& sweep);

// Runs in parallel for a sweep of `runs` runs: [sweep] parallel_runs, or one per core (at least 1,
// at most one per run).
unsigned sweep_workers(const Sweep& sweep, std::size_t runs);

// Runs one grid point alone (one thread): what a sweep task does (kmc/sweep_tasks.h).
void run_sweep_point(const KmcConfig& config, SweepRun& run);

// Runs them all with `workers` threads; `progress(done)` is called from the calling thread
// about ten times a second. The first run that throws stops nothing else; its error is rethrown.
void run_sweep(const KmcConfig& config, std::vector<SweepRun>& runs, unsigned workers,
               const std::function<void(size_t done)>& progress = {});

std::vector<SrsPoint> srs_indices(const Sweep& sweep, const std::vector<SweepRun>& runs);

// The tables in the project's CSV conventions: flow stress per run, SRS index per base rate.
std::vector<OutputColumn> flow_stress_columns(const std::vector<SweepRun>& runs);
// Per run: mean exceedance (nan: no site above the threshold), never- and once-transformed
// fractions, mean executed dEps_xx, rejuvenated share, avalanche tail exponent and largest
// avalanche (sites.csv: Niiyama et al. Fig. 7, Appendices A and B).
std::vector<OutputColumn> site_columns(const std::vector<SweepRun>& runs);
std::vector<OutputColumn> srs_columns(const std::vector<SrsPoint>& points);

}  // namespace glassfit::kmc
