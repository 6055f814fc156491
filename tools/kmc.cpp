// SPDX-License-Identifier: BSD-3-Clause
#include "kmc.h"

#include <chrono>
#include <filesystem>
#include <regex>
#include <fmt/format.h>
#include <iostream>

#include "glassfit/core/error.h"
#include "glassfit/io/output_set.h"
#include "glassfit/io/provenance.h"
#include "glassfit/kmc/config.h"
#include "glassfit/kmc/config_json.h"
#include "glassfit/kmc/run.h"
#include "glassfit/kmc/sweep_tasks.h"
#include "progress.h"

namespace glassfit::cli {
namespace {

using namespace glassfit::kmc;
using Clock = std::chrono::steady_clock;

void finish(const KmcCommand& c, const OutputSet& out, const std::string& files) {
  write_output_set(c.output_dir, out);
  for (const auto& w : out.warnings) std::cerr << "warning: " << w << "\n";
  if (!c.quiet) std::cout << out.summary << "wrote " << c.output_dir << "/{" << files << "}\n";
}

int single_command(const KmcCommand& c, const KmcConfig& cfg) {
  create_output_dir(c.output_dir);  // the checkpoint is written there during the run
  RunRequest q;
  q.config_name = c.config, q.config_sha256 = sha256_file(c.config), q.command = c.command_line;
  q.checkpoint_path = in_dir(c.output_dir, "checkpoint.bin");
  q.resume = c.resume;
  q.inform = [&](const std::string& line) {
    if (!c.quiet) std::cerr << line << "\n";
  };
  Progress progress(c.quiet);
  const auto start = Clock::now();
  q.progress = [&](const Engine& e, long events_at_start) {
    progress.maybe([&] {
      const double s = std::chrono::duration<double>(Clock::now() - start).count();
      return fmt::format("kmc: {:5.1f} %  strain {:.4f}  stress {:7.1f} MPa  t {:.4g} s  {} events  {:.0f} events/s",
                         100 * progress_fraction(e), e.strain(), e.stress_MPa(), e.time_s(), e.events(),
                         double(e.events() - events_at_start) / s);
    });
  };
  const OutputSet out = run_single(cfg, q);
  progress.done();
  finish(c, out,
         std::string("report.json, stress_strain.csv, avalanches.csv, voxel_events.csv, deps_xx.csv, "
                     "von_mises_strain_*.csv") +
             (cfg.output.plots ? ", *.png" : ""));
  return 0;
}

int sweep_command(const KmcCommand& c, const KmcConfig& cfg) {
  SweepRequest q;
  q.config_name = c.config, q.config_sha256 = sha256_file(c.config), q.command = c.command_line;
  Progress progress(c.quiet);
  q.progress = [&](size_t done, size_t total, unsigned workers) {
    progress.maybe([&] { return fmt::format("kmc sweep: {}/{} runs done ({} in parallel)", done, total, workers); });
  };
  create_output_dir(c.output_dir);
  const OutputSet out = run_sweep_report(cfg, q);
  progress.done();
  finish(c, out,
         std::string("flow_stress.csv, srs.csv, sites.csv, report.json") +
             (cfg.output.plots ? ", flow_stress.png, srs.png" : ""));
  return 0;
}

int task_command(const KmcCommand& c) {
  const auto outcome = run_sweep_task(c.config, c.output_dir, size_t(c.task), c.command_line);
  if (!c.quiet)
    std::cout << fmt::format("task {} {}: {}\n", c.task, outcome == TaskOutcome::AlreadyDone ? "already done" : "done",
                             in_dir(in_dir(c.output_dir, kTasksFolder), task_record_name(size_t(c.task))));
  return 0;
}

// A path that goes into #SBATCH lines and the scripts as it is.
std::string slurm_safe_path(const std::string& path, const std::string& what) {
  if (path.find_first_of(" \t\n'\"%\\$`") != std::string::npos)
    throw InputError(
        fmt::format("{} '{}': a path for Slurm scripts must not hold spaces, quotes, %, $, ` or "
                    "backslashes; use another folder",
                    what, path));
  return path;
}

int slurm_command(const KmcCommand& c, const KmcConfig& cfg, const std::string& after_merge = "") {
  namespace fs = std::filesystem;
  if (!c.partition.empty() && !std::regex_match(c.partition, std::regex("[A-Za-z0-9_.,-]+")))
    throw InputError(fmt::format("--partition '{}': letters, digits and _ . , - only", c.partition));
  if (!c.time_limit.empty() && !std::regex_match(c.time_limit, std::regex("([0-9]+-)?[0-9]+(:[0-9]{2}){0,2}")))
    throw InputError(fmt::format("--time-limit '{}': Slurm's [D-]HH:MM:SS, MM or MM:SS", c.time_limit));
  SlurmScripts s;
  s.outdir = slurm_safe_path(fs::absolute(c.output_dir).lexically_normal().string(), "-o");
  s.glassfit = slurm_safe_path(fs::canonical("/proc/self/exe").string(), "the glassfit program");
  s.partition = c.partition, s.time_limit = c.time_limit.empty() ? "24:00:00" : c.time_limit;
  s.after_merge = after_merge;
  s.tasks = sweep_runs(*cfg.sweep).size();
  // The engine's estimate before observations accumulate, doubled for them, and room for the program.
  s.memory_MB = 2 * cfg.engine.estimated_bytes() / 1e6 + 200;
  adopt_sweep_config(c.config, s.outdir);
  const std::string dir = in_dir(s.outdir, "slurm");
  create_output_dir(dir);
  create_output_dir(in_dir(dir, "logs"));
  OutputSet out;
  out.text("array.sbatch", slurm_array_script(s));
  out.text("merge.sbatch", slurm_merge_script(s));
  out.text("submit.sh", slurm_submit_script(s));
  write_output_set(dir, out);
  if (!c.quiet)
    std::cout << fmt::format(
        "{} tasks ({} per array job, {:.0f} MB and up to {} each); submit with\n  bash {}/submit.sh\n"
        "then find the merged tables in {} (glassfit kmc merge {} merges by hand)\n",
        s.tasks, tasks_per_array_job(s.tasks), std::ceil(s.memory_MB), s.time_limit, dir, s.outdir, s.outdir);
  return 0;
}

int merge_command(const KmcCommand& c) {
  const MergedTasks m = collect_sweep_tasks(c.merge_dir);
  SweepRequest q;
  const std::string config = in_dir(c.merge_dir, kSweepConfigFile);
  q.config_name = config, q.config_sha256 = sha256_file(config), q.command = c.command_line;
  const OutputSet out = sweep_report(m.config, m.runs, q, 0, m.run_seconds);
  KmcCommand w = c;
  w.output_dir = c.merge_dir;
  finish(w, out,
         std::string("flow_stress.csv, srs.csv, sites.csv, report.json") +
             (m.config.output.plots ? ", flow_stress.png, srs.png" : ""));
  return 0;
}

}  // namespace

int kmc_slurm_scripts(const KmcCommand& c, const std::string& after_merge) {
  const KmcConfig cfg = read_kmc_config(c.config);
  if (!cfg.sweep) throw InputError(c.config + ": --slurm needs a configuration with a [sweep] section");
  return slurm_command(c, cfg, after_merge);
}

int run_kmc(const KmcCommand& c) {
  if (!c.merge_dir.empty()) return merge_command(c);
  if (c.config.empty()) throw InputError("kmc: a configuration file is required (or: glassfit kmc merge OUTDIR)");
  if (c.output_dir.empty())
    throw InputError(c.slurm ? "--slurm needs -o OUTDIR, the folder its tasks write to" : "kmc: -o OUTDIR is required");
  if (c.task_given && c.task < 0) throw InputError(fmt::format("--task {}: must be 0 or more", c.task));
  if (c.task >= 0 && c.slurm) throw InputError("--task and --slurm: give one (--slurm writes scripts that run --task)");
  if ((!c.partition.empty() || !c.time_limit.empty()) && !c.slurm)
    throw InputError("--partition and --time-limit go with --slurm");
  KmcConfig cfg = read_kmc_config(c.config);
  if (c.threads < 0 || c.threads > kMaxThreads)
    throw InputError(fmt::format("--threads {}: must be between 1 and {}", c.threads, kMaxThreads));
  if (c.threads > 0) cfg.engine.threads = c.threads;
  if ((c.task >= 0 || c.slurm) && !cfg.sweep)
    throw InputError(c.config + (c.slurm ? ": --slurm" : ": --task") + " needs a configuration with a [sweep] section");
  if (cfg.sweep) {
    if (c.resume) throw InputError("--resume applies to single runs, not to sweeps");
    if (c.task >= 0) return task_command(c);
    if (c.slurm) {
      KmcCommand s = c;
      if (s.time_limit.empty()) s.time_limit = "24:00:00";
      return slurm_command(s, cfg);
    }
    return sweep_command(c, cfg);
  }
  return single_command(c, cfg);
}

}  // namespace glassfit::cli
