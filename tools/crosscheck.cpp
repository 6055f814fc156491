// SPDX-License-Identifier: BSD-3-Clause
#include "crosscheck.h"

#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "glassfit/core/error.h"
#include "glassfit/crosscheck/crosscheck.h"
#include "glassfit/io/output_set.h"
#include "glassfit/io/provenance.h"
#include "glassfit/kmc/run.h"
#include "glassfit/kmc/sweep_tasks.h"
#include "kmc.h"
#include "progress.h"

namespace glassfit::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The same options for the run the Slurm merge job makes.
std::string options_text(const CrosscheckCommand& c) {
  std::string fit;
  for (const auto& n : c.fit) fit += (fit.empty() ? "" : ",") + n;
  std::string s = fmt::format(" --fit {} --rho {:.17g} --attempt-rate {}", fit, c.rho, c.attempt_rate);
  if (c.compare_temperature_K > 0) s += fmt::format(" --compare-temperature {:.17g}", c.compare_temperature_K);
  return s;
}

// The kMC runs: done here, or the sweep's tasks (run as a Slurm array) collected from OUTDIR/kmc.
std::vector<kmc::SweepRun> kmc_runs(const CrosscheckCommand& c, const kmc::KmcConfig& cfg, const std::string& dir,
                                    crosscheck::Request& q) {
  const auto start = Clock::now();
  if (fs::exists(in_dir(dir, kmc::kTasksFolder))) {
    kmc::adopt_sweep_config(c.config, dir);  // the tasks there must be this sweep's
    kmc::MergedTasks m = kmc::collect_sweep_tasks(dir);
    q.kmc_seconds = m.run_seconds, q.parallel_runs = 0;
    return std::move(m.runs);
  }
  std::vector<kmc::SweepRun> runs = kmc::sweep_runs(*cfg.sweep);
  q.parallel_runs = kmc::sweep_workers(*cfg.sweep, runs.size());
  Progress progress(c.quiet);
  kmc::run_sweep(cfg, runs, q.parallel_runs, [&](size_t done) {
    progress.maybe(
        [&] { return fmt::format("crosscheck: kMC {}/{} runs ({} in parallel)", done, runs.size(), q.parallel_runs); });
  });
  progress.done();
  q.kmc_seconds = seconds_since(start);
  return runs;
}

}  // namespace

int run_crosscheck(const CrosscheckCommand& c) {
  if (c.output_dir.empty()) throw InputError("crosscheck: -o OUTDIR is required");
  if (c.fit.empty()) throw InputError("--fit: name at least one one-body parameter (e.g. Q0,V_STZ)");
  if (!(c.rho > 0 && c.rho <= 1)) throw InputError(fmt::format("--rho {:g}: must be in (0, 1]", c.rho));
  if ((!c.partition.empty() || !c.time_limit.empty()) && !c.slurm)
    throw InputError("--partition and --time-limit go with --slurm");
  const kmc::KmcConfig cfg = kmc::read_kmc_config(c.config);
  if (!cfg.sweep) throw InputError(c.config + ": crosscheck needs a kMC configuration with a [sweep] section");
  crosscheck::check_config(cfg);
  crosscheck::Options o;
  o.fit = c.fit, o.rho = c.rho, o.compare_temperature_K = c.compare_temperature_K, o.attempt_rate = c.attempt_rate;
  o.compare_temperature_K = crosscheck::compare_temperature(cfg, o);  // checked before the sweep runs
  const std::string kmc_dir = in_dir(c.output_dir, "kmc");
  create_output_dir(c.output_dir);

  if (c.slurm) {
    KmcCommand k;
    k.config = c.config, k.output_dir = kmc_dir, k.slurm = true, k.quiet = c.quiet;
    k.partition = c.partition, k.time_limit = c.time_limit;
    const std::string self = fs::canonical("/proc/self/exe").string();
    const std::string after =
        fmt::format("'{}' crosscheck '{}' -o '{}' -q{}", self, in_dir(fs::absolute(kmc_dir).string(), "sweep.toml"),
                    fs::absolute(c.output_dir).lexically_normal().string(), options_text(c));
    return kmc_slurm_scripts(k, after);
  }

  crosscheck::Request q;
  q.config_name = c.config, q.config_sha256 = sha256_file(c.config), q.command = c.command_line;
  const std::vector<kmc::SweepRun> runs = kmc_runs(c, cfg, kmc_dir, q);
  const crosscheck::Outputs x = crosscheck::crosscheck(cfg, runs, o, q);
  write_output_set(kmc_dir, x.kmc);
  write_output_set(in_dir(c.output_dir, "fit"), x.fit);
  write_output_set(in_dir(c.output_dir, "onebody"), x.onebody);
  const OutputSet& out = x.comparison;
  write_output_set(c.output_dir, out);
  for (const auto& w : out.warnings) std::cerr << "warning: " << w << "\n";
  if (!c.quiet)
    std::cout << out.summary << "wrote " << c.output_dir
              << "/{report.json, comparison.csv, m_kmc.png, m_onebody.png, flow_stress_compare.png, kmc/, fit/, "
                 "onebody/}\n";
  return 0;
}

}  // namespace glassfit::cli
