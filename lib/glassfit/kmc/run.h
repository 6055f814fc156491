// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The kMC drivers: one run to its end with the checkpoint policy ([run] checkpoint_every: a
// checkpoint every N events and at the end; a resumed run is bit for bit the uninterrupted one),
// and a sweep over temperatures x strain rates x seeds; each returns its outputs (tables,
// report.json, plots, summary, warnings) for write_output_set.
#include <cstddef>
#include <functional>
#include <string>

#include "glassfit/io/output_set.h"
#include "glassfit/kmc/config.h"
#include "glassfit/kmc/engine.h"
#include "glassfit/kmc/sweep.h"

namespace glassfit::kmc {

struct RunRequest {
  std::string config_name, config_sha256;  // recorded in the report
  std::string command;
  std::string checkpoint_path;                                               // needed with checkpoints or resume
  bool resume = false;                                                       // continue from checkpoint_path
  std::function<void(const Engine& engine, long events_at_start)> progress;  // after every event
  std::function<void(const std::string& line)> inform;                       // e.g. where a resumed run starts
};

// Files: stress_strain.csv, avalanches.csv, voxel_events.csv, deps_xx.csv,
// von_mises_strain_*.csv, report.json and, with [output] plots, their PNGs.
OutputSet run_single(const KmcConfig& config, const RunRequest& request);
// The same files from an engine run elsewhere (finished or not), e.g. stepped from Python;
// wall_seconds goes into the report's performance.
OutputSet run_outputs(const KmcConfig& config, const Engine& engine, const RunRequest& request, double wall_seconds);

struct SweepRequest {
  std::string config_name, config_sha256, command;
  std::function<void(std::size_t done, std::size_t total, unsigned parallel)> progress;
};

// Files: flow_stress.csv, srs.csv, sites.csv, report.json and, with [output] plots, flow_stress.png, srs.png.
OutputSet run_sweep_report(const KmcConfig& config, const SweepRequest& request);

// The same files from runs already done (a merge of separate tasks, kmc/sweep_tasks.h):
// parallel_runs 0 says so in the report; wall_seconds is what the report and summary give.
OutputSet sweep_report(const KmcConfig& config, const std::vector<SweepRun>& runs, const SweepRequest& request,
                       unsigned parallel_runs, double wall_seconds);

// Fraction of the loading done (strain or time), for progress lines.
double progress_fraction(const Engine& engine);

}  // namespace glassfit::kmc
