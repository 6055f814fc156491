// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The cross-check of the kMC against the one-body theory (Niiyama et al. Secs. IV-V, Fig. 8):
// a kMC sweep's flow stresses -> a fit of the one-body model to them (by default Q0 and V_STZ
// free; the rest from the kMC configuration, dEps from the runs' executed transformation
// strains) -> both SRS maps on the sweep's grid, the agreement of their signs, the negative-SRS
// window of each, and the one-body sigma_0 beside the kMC flow stress at one temperature.
// This room wires kmc/, fit/ and models/onebody/ together: the one place that knows both sides.
#include <string>
#include <vector>

#include "glassfit/fit/fitter.h"
#include "glassfit/io/output_set.h"
#include "glassfit/kmc/config.h"
#include "glassfit/kmc/sweep.h"
#include "glassfit/models/onebody/srs_map.h"

namespace glassfit::crosscheck {

struct Options {
  std::vector<std::string> fit{"Q0", "V_STZ"};  // one-body parameters fitted to the kMC flow stresses
  double compare_temperature_K = 0;             // the Fig. 8 comparison; 0: the sweep's highest
  double rho = 0.25;                            // N_d / N (Niiyama et al. App. A's representative value)
  std::string attempt_rate = "printed";         // the one-body model option: "printed" or "per_site"
};

// InputError when the kMC configuration has no one-body counterpart: the softening law, or shear.
void check_config(const kmc::KmcConfig& config);

// The temperature of the Fig. 8 comparison: options.compare_temperature_K, or the sweep's
// highest when 0; InputError when it is not one of the sweep's temperatures (or NaN), or when
// options.fit names a parameter the one-body model of the crosscheck does not have, or when
// options.attempt_rate is neither "printed" nor "per_site". Called before the sweep runs.
double compare_temperature(const kmc::KmcConfig& config, const Options& options);

// The one-body fit spec (TOML) for a kMC sweep whose flow_stress.csv is at `flow_csv`: E is
// the kMC's loading modulus, Q0 (start) its mean barrier, V_STZ (start), M, sites, k0, beta,
// E_v, c, Q_R and the barrier law its own; dEps the runs' mean executed dEps_xx; rho
// options.rho. InputError when the kMC barrier law has no one-body counterpart (softening).
std::string onebody_fit_spec(const kmc::KmcConfig& config, const std::vector<kmc::SweepRun>& runs,
                             const Options& options, const std::string& flow_csv);

// One cell of the sweep's grid, both sides.
struct Cell {
  double temperature_K, rate_per_s;
  double m_kmc, m_kmc_stderr, flow_kmc_MPa;  // srs.csv's (NaN where undetermined)
  double m_onebody, sigma0_MPa;              // the fitted one-body model's numerical solution
};

struct Comparison {
  std::vector<Cell> cells;       // temperature-major, the sweep's base rates
  long compared = 0, agree = 0;  // cells where both m are defined; of those, same sign
  // The same over the cells where the kMC's m is at least twice its standard error from 0 (where
  // its sign is resolved: a flat kMC curve has m = 0 within its scatter).
  long compared_resolved = 0, agree_resolved = 0;
  double compare_temperature_K = 0;
};

// The sweep's SRS points beside the one-body map on the same grid (map: the sweep's
// temperatures x base rates).
Comparison compare(const std::vector<kmc::SrsPoint>& kmc_points, const onebody::SrsMap& map);

struct Request {
  std::string config_name, config_sha256, command;
  double kmc_seconds = 0, seconds = 0;
  unsigned parallel_runs = 0;  // of the sweep; 0: its tasks ran separately and were collected
};

// OUTDIR's own files: comparison.csv, report.json (fit with standard errors, sign agreement,
// negative windows, the Fig. 8 table), m_kmc.png, m_onebody.png, flow_stress_compare.png.
// `fine` is the one-body map on a fine rate grid (for the curves).
OutputSet crosscheck_outputs(const Comparison& c, const FitResult& fit, const onebody::SrsMap& fine,
                             const std::vector<kmc::SweepRun>& runs, const Request& request);

// Everything after the kMC runs, in memory (no file read or written): the sweep's tables
// (OUTDIR/kmc), the one-body fit to its flow stresses with the spec it used (OUTDIR/fit), the
// fitted model's SRS map (OUTDIR/onebody) and the comparison (OUTDIR itself).
struct Outputs {
  OutputSet kmc, fit, onebody, comparison;
};
Outputs crosscheck(const kmc::KmcConfig& config, const std::vector<kmc::SweepRun>& runs, const Options& options,
                   const Request& request);

}  // namespace glassfit::crosscheck
