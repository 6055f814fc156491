// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The `glassfit kmc` configuration file (TOML): the engine's settings, what to write, and an
// optional sweep over temperatures x strain rates x seeds. Every key, its unit and default:
// docs/kmc.md. Unknown keys and impossible values are errors that name file and line.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "glassfit/kmc/engine.h"

namespace glassfit::kmc {

struct OutputOptions {
  double flow_window_lo = 0.06, flow_window_hi = 0.10;  // strain window of Eq. 24
  double exceedance_threshold = 0.4;                    // accumulated eigenstrain (observables.h)
  double exceedance_strain = 0.1;                       // where the exceedance is measured
  bool plots = true;
};

// Runs every (temperature, base rate x factor, seed); the SRS index of each (temperature, base
// rate) is the least-squares slope of ln(flow stress) over ln(rate) across the factors.
struct Sweep {
  std::vector<double> temperatures_K, strain_rates_per_s;
  std::vector<double> rate_factors{0.2, 0.4, 1, 2, 4};
  std::vector<std::uint64_t> seeds{1};
  int parallel_runs = 0;  // 0: one per core
};

struct KmcConfig {
  EngineConfig engine;
  OutputOptions output;
  long checkpoint_every = 0;  // events between checkpoints; 0: none
  std::optional<Sweep> sweep;
};

KmcConfig parse_kmc_config(const std::string& text, const std::string& path);
KmcConfig read_kmc_config(const std::string& path);  // InputError if unreadable

}  // namespace glassfit::kmc
