#include "crosscheck.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <thread>

#include "glassfit/core/error.h"
#include "glassfit/crosscheck/crosscheck.h"
#include "glassfit/fit/fit_outputs.h"
#include "glassfit/io/output_set.h"
#include "glassfit/io/provenance.h"
#include "glassfit/kmc/run.h"
#include "glassfit/kmc/sweep_tasks.h"
#include "glassfit/models/onebody/model.h"
#include "glassfit/models/onebody/srs_report.h"
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
  std::string s = fmt::format(" --fit {} --rho {:.17g}", fit, c.rho);
  if (c.compare_temperature_K > 0) s += fmt::format(" --compare-temperature {:.17g}", c.compare_temperature_K);
  return s;
}

// The kMC side: the sweep run here, or its tasks (run as a Slurm array) collected from OUTDIR/kmc.
std::vector<kmc::SweepRun> kmc_side(const CrosscheckCommand& c, const kmc::KmcConfig& cfg, const std::string& dir,
                                    double& seconds) {
  const auto start = Clock::now();
  kmc::SweepRequest q;
  q.config_name = c.config, q.config_sha256 = sha256_file(c.config), q.command = c.command_line;
  std::vector<kmc::SweepRun> runs;
  unsigned workers = 0;
  if (fs::exists(in_dir(dir, kmc::kTasksFolder))) {
    kmc::adopt_sweep_config(c.config, dir);  // the tasks there must be this sweep's
    const kmc::MergedTasks m = kmc::collect_sweep_tasks(dir);
    runs = m.runs, seconds = m.run_seconds;
  } else {
    runs = kmc::sweep_runs(*cfg.sweep);
    const unsigned parallel = cfg.sweep->parallel_runs > 0 ? unsigned(cfg.sweep->parallel_runs)
                                                           : std::max(1u, std::thread::hardware_concurrency());
    workers = std::max(1u, std::min<unsigned>(unsigned(runs.size()), parallel));
    Progress progress(c.quiet);
    kmc::run_sweep(cfg, runs, workers, [&](size_t done) {
      progress.maybe(
          [&] { return fmt::format("crosscheck: kMC {}/{} runs ({} in parallel)", done, runs.size(), workers); });
    });
    progress.done();
    seconds = seconds_since(start);
  }
  write_output_set(dir, kmc::sweep_report(cfg, runs, q, workers, seconds));
  return runs;
}

}  // namespace

int run_crosscheck(const CrosscheckCommand& c) {
  const auto start = Clock::now();
  if (c.output_dir.empty()) throw InputError("crosscheck: -o OUTDIR is required");
  if (c.fit.empty()) throw InputError("--fit: name at least one one-body parameter (e.g. Q0,V_STZ)");
  if (!(c.rho > 0 && c.rho <= 1)) throw InputError(fmt::format("--rho {:g}: must be in (0, 1]", c.rho));
  if ((!c.partition.empty() || !c.time_limit.empty()) && !c.slurm)
    throw InputError("--partition and --time-limit go with --slurm");
  const kmc::KmcConfig cfg = kmc::read_kmc_config(c.config);
  if (!cfg.sweep) throw InputError(c.config + ": crosscheck needs a kMC configuration with a [sweep] section");
  crosscheck::check_config(cfg);
  const auto& temps = cfg.sweep->temperatures_K;
  const double T_compare =
      c.compare_temperature_K > 0 ? c.compare_temperature_K : *std::max_element(temps.begin(), temps.end());
  if (std::find(temps.begin(), temps.end(), T_compare) == temps.end())
    throw InputError(fmt::format("--compare-temperature {:g}: not one of the sweep's temperatures", T_compare));
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

  double kmc_seconds = 0;
  const std::vector<kmc::SweepRun> runs = kmc_side(c, cfg, kmc_dir, kmc_seconds);

  // The one-body model fitted to the kMC flow stresses.
  crosscheck::Options o;
  o.fit = c.fit, o.rho = c.rho, o.compare_temperature_K = T_compare;
  const std::string flow_csv = fs::absolute(in_dir(kmc_dir, "flow_stress.csv")).string();
  const std::string fit_dir = in_dir(c.output_dir, "fit"), spec_path = in_dir(fit_dir, "onebody_fit.toml");
  const std::string spec_text = crosscheck::onebody_fit_spec(cfg, runs, o, flow_csv);
  OutputSet spec_out;
  spec_out.text("onebody_fit.toml", spec_text);
  write_output_set(fit_dir, spec_out);
  const FitSpec spec = parse_fit_spec(spec_text, spec_path);
  const FitResult fit = run_fit(spec);
  RunInfo info;
  info.command = c.command_line, info.spec_sha256 = sha256_file(spec_path),
  info.dataset_sha256 = {sha256_file(flow_csv)};
  info.seconds = seconds_since(start) - kmc_seconds;
  write_output_set(fit_dir, fit_outputs(spec, fit, info));

  // Its SRS map on the sweep's grid (to compare) and on a fine rate grid (for the curves).
  const std::vector<double> values = fit.values(0);
  const auto law = onebody::law_of(*fit.model);
  const auto activation = onebody::activation_of(*fit.model);
  onebody::SrsRequest coarse;
  coarse.temperatures_K = temps, coarse.rates_per_s = cfg.sweep->strain_rates_per_s;
  onebody::SrsRequest fine = coarse;
  const auto& factors = cfg.sweep->rate_factors;
  const double lo = std::log10(coarse.rates_per_s.front() * *std::min_element(factors.begin(), factors.end()));
  const double hi = std::log10(coarse.rates_per_s.back() * *std::max_element(factors.begin(), factors.end()));
  fine.rates_per_s.clear();
  for (int k = 0; k <= 60; ++k) fine.rates_per_s.push_back(std::pow(10.0, lo + (hi - lo) * k / 60));
  const auto map = onebody::srs_map(values, law, coarse, activation);
  const auto fine_map = onebody::srs_map(values, law, fine, activation);
  onebody::SrsRunInfo srs_info;
  srs_info.params_file = in_dir(fit_dir, "fitted.toml"), srs_info.command = c.command_line;
  write_output_set(in_dir(c.output_dir, "onebody"), onebody::srs_outputs(fine_map, values, srs_info));

  crosscheck::Comparison cmp = crosscheck::compare(kmc::srs_indices(*cfg.sweep, runs), map);
  cmp.compare_temperature_K = T_compare;
  crosscheck::Request q;
  q.config_name = c.config, q.config_sha256 = sha256_file(c.config), q.command = c.command_line;
  q.kmc_seconds = kmc_seconds, q.seconds = seconds_since(start);
  OutputSet out = crosscheck::crosscheck_outputs(cmp, fit, fine_map, runs, q);
  if (!fit.converged) out.warnings.push_back("the one-body fit did not converge: " + fit.termination);
  write_output_set(c.output_dir, out);
  for (const auto& w : out.warnings) std::cerr << "warning: " << w << "\n";
  if (!c.quiet)
    std::cout << out.summary << "wrote " << c.output_dir
              << "/{report.json, comparison.csv, m_kmc.png, m_onebody.png, flow_stress_compare.png, kmc/, fit/, "
                 "onebody/}\n";
  return 0;
}

}  // namespace glassfit::cli
