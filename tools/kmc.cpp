#include "kmc.h"

#include <chrono>
#include <fmt/format.h>
#include <iostream>

#include "glassfit/core/error.h"
#include "glassfit/io/output_set.h"
#include "glassfit/io/provenance.h"
#include "glassfit/kmc/config.h"
#include "glassfit/kmc/config_json.h"
#include "glassfit/kmc/run.h"
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
         std::string("flow_stress.csv, srs.csv, report.json") + (cfg.output.plots ? ", flow_stress.png, srs.png" : ""));
  return 0;
}

}  // namespace

int run_kmc(const KmcCommand& c) {
  KmcConfig cfg = read_kmc_config(c.config);
  if (c.threads < 0 || c.threads > kMaxThreads)
    throw InputError(fmt::format("--threads {}: must be between 1 and {}", c.threads, kMaxThreads));
  if (c.threads > 0) cfg.engine.threads = c.threads;
  if (cfg.sweep) {
    if (c.resume) throw InputError("--resume applies to single runs, not to sweeps");
    return sweep_command(c, cfg);
  }
  return single_command(c, cfg);
}

}  // namespace glassfit::cli
