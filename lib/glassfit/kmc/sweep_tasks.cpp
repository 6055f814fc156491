// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/sweep_tasks.h"

#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "glassfit/core/error.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/io/output_file.h"
#include "glassfit/io/provenance.h"
#include "glassfit/io/text_file.h"

namespace glassfit::kmc {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

constexpr size_t kMaxRecordBytes = size_t(1) << 20;
constexpr size_t kMaxArrayJobs = 1000;  // Slurm's default MaxArraySize is 1001 (indices 0-1000)

std::string tasks_dir(const std::string& outdir) { return in_dir(outdir, kTasksFolder); }

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// A path inside single quotes for a shell script.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string index_list(const std::vector<size_t>& v) {
  std::string out;
  for (size_t i = 0; i < v.size() && i < 20; ++i) out += (i ? ", " : "") + std::to_string(v[i]);
  if (v.size() > 20) out += fmt::format(" and {} more", v.size() - 20);
  return out;
}

}  // namespace

std::string task_record_name(size_t index) { return fmt::format("task_{:06d}.json", index); }
std::string task_failure_name(size_t index) { return fmt::format("task_{:06d}.failed", index); }

std::string task_record(size_t index, const SweepRun& r, const std::string& config_sha256, const std::string& command) {
  json j;
  j["task"] = index;
  j["temperature_K"] = r.temperature_K;
  j["base_strain_rate_per_s"] = r.base_rate_per_s;
  j["rate_factor"] = r.factor;
  j["seed"] = r.seed;
  // nlohmann writes the shortest decimal that reads back to the same double: the merge's tables
  // are those of an in-process sweep bit for bit.
  j["flow_stress_MPa"] = std::isfinite(r.flow_stress_MPa) ? json(r.flow_stress_MPa) : json(nullptr);
  j["events"] = r.events;
  const auto number = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
  j["exceedance"] = number(r.exceedance);
  j["never_transformed"] = r.never_transformed;
  j["transformed_once"] = r.transformed_once;
  j["mean_dEps_xx"] = number(r.mean_dEps_xx);
  j["rejuvenated_share"] = number(r.rejuvenated_share);
  j["avalanche_tail_exponent"] = number(r.avalanche_tail_exponent);
  j["largest_avalanche"] = r.largest_avalanche;
  j["hit_event_limit"] = r.hit_event_limit;
  j["seconds"] = r.seconds;
  j["config_sha256"] = config_sha256;
  j["command"] = command;
  j["software"] = software_description();
  return j.dump(2) + "\n";
}

SweepRun read_task_record(const std::string& text, const std::string& path, size_t index, const SweepRun& expected,
                          const std::string& config_sha256) {
  SweepRun r = expected;
  try {
    const json j = json::parse(text);
    if (j.at("config_sha256").get<std::string>() != config_sha256)
      throw InputError(path + ": a task of another configuration (its config_sha256 is not that of sweep.toml)");
    if (j.at("task").get<size_t>() != index || j.at("temperature_K").get<double>() != expected.temperature_K ||
        j.at("base_strain_rate_per_s").get<double>() != expected.base_rate_per_s ||
        j.at("rate_factor").get<double>() != expected.factor || j.at("seed").get<std::uint64_t>() != expected.seed)
      throw InputError(fmt::format("{}: not task {} of this sweep ({:g} K, {:g} /s x {:g}, seed {})", path, index,
                                   expected.temperature_K, expected.base_rate_per_s, expected.factor, expected.seed));
    const auto& f = j.at("flow_stress_MPa");
    r.flow_stress_MPa = f.is_null() ? std::nan("") : f.get<double>();
    r.events = j.at("events").get<long>();
    const auto number = [&](const char* key) {
      const auto& x = j.at(key);
      return x.is_null() ? std::nan("") : x.get<double>();
    };
    r.exceedance = number("exceedance"), r.mean_dEps_xx = number("mean_dEps_xx");
    r.rejuvenated_share = number("rejuvenated_share");
    r.avalanche_tail_exponent = number("avalanche_tail_exponent");
    r.largest_avalanche = j.at("largest_avalanche").get<long>();
    r.never_transformed = j.at("never_transformed").get<double>();
    r.transformed_once = j.at("transformed_once").get<double>();
    r.hit_event_limit = j.at("hit_event_limit").get<bool>();
    r.seconds = j.at("seconds").get<double>();
    // What a run can have written: the merge trusts no record further than that.
    const auto fraction = [](double x) { return x >= 0 && x <= 1; };
    if (!(std::isnan(r.flow_stress_MPa) || (r.flow_stress_MPa > 0 && std::isfinite(r.flow_stress_MPa))))
      throw InputError(fmt::format("{}: flow_stress_MPa {:g}: a run loaded forward flows at a positive, finite stress",
                                   path, r.flow_stress_MPa));
    if (!(std::isnan(r.rejuvenated_share) || fraction(r.rejuvenated_share)) || r.largest_avalanche < 0 ||
        !(std::isnan(r.avalanche_tail_exponent) || r.avalanche_tail_exponent > 1))
      throw InputError(path + ": rejuvenated_share, avalanche_tail_exponent or largest_avalanche out of range");
    if (r.events < 0) throw InputError(fmt::format("{}: events {}: a count is not negative", path, r.events));
    if (!fraction(r.never_transformed) || !fraction(r.transformed_once) ||
        !(r.never_transformed + r.transformed_once <= 1 + 1e-12))
      throw InputError(fmt::format("{}: never_transformed {:g}, transformed_once {:g}: fractions of the voxels", path,
                                   r.never_transformed, r.transformed_once));
    if (!(std::isnan(r.exceedance) || (r.exceedance >= 0 && std::isfinite(r.exceedance))) ||
        !(std::isnan(r.mean_dEps_xx) || std::isfinite(r.mean_dEps_xx)) || !(r.seconds >= 0) ||
        !std::isfinite(r.seconds))
      throw InputError(path + ": exceedance, mean_dEps_xx or seconds out of range");
  } catch (const json::exception& e) {
    throw InputError(path + ": not a task record (" + e.what() + ")");
  }
  return r;
}

std::string adopt_sweep_config(const std::string& config_path, const std::string& outdir) {
  const std::string target = in_dir(outdir, kSweepConfigFile);
  std::error_code ec;
  if (fs::equivalent(config_path, target, ec)) return target;
  const std::string bytes = read_text_file(config_path, "cannot read the configuration");
  create_output_dir(outdir);
  create_output_dir(tasks_dir(outdir));
  if (exists(target)) {
    if (read_text_file(target, "cannot read the sweep's configuration") != bytes)
      throw InputError(fmt::format("{}: holds another sweep (its {} differs from {}); use a new folder", outdir,
                                   kSweepConfigFile, config_path));
    return target;
  }
  write_file_atomically(target, bytes);
  return target;
}

TaskOutcome run_sweep_task(const std::string& config_path, const std::string& outdir, size_t index,
                           const std::string& command) {
  const KmcConfig cfg = read_kmc_config(config_path);
  if (!cfg.sweep) throw InputError(config_path + ": --task needs a configuration with a [sweep] section");
  std::vector<SweepRun> runs = sweep_runs(*cfg.sweep);
  if (index >= runs.size())
    throw InputError(fmt::format("--task {}: the sweep has {} tasks, 0 to {}", index, runs.size(), runs.size() - 1));
  const std::string sha = sha256_file(adopt_sweep_config(config_path, outdir));
  const std::string record = in_dir(tasks_dir(outdir), task_record_name(index));
  const std::string failure = in_dir(tasks_dir(outdir), task_failure_name(index));
  if (exists(record)) {
    read_task_record(read_text_file(record, "cannot read the task record", kMaxRecordBytes), record, index, runs[index],
                     sha);
    return TaskOutcome::AlreadyDone;
  }
  std::error_code ec;
  fs::remove(failure, ec);  // an earlier attempt's failure
  SweepRun& run = runs[index];
  try {
    run_sweep_point(cfg, run);
  } catch (const std::exception& e) {
    write_file_atomically(failure, std::string(e.what()) + "\n");
    throw;
  }
  write_file_atomically(record, task_record(index, run, sha, command));
  return TaskOutcome::Ran;
}

MergedTasks collect_sweep_tasks(const std::string& outdir) {
  const std::string config = in_dir(outdir, kSweepConfigFile);
  if (!exists(config))
    throw InputError(
        fmt::format("{}: no {}; not the folder of a sweep run as tasks (glassfit kmc CONFIG --task I "
                    "-o OUTDIR, or --slurm)",
                    outdir, kSweepConfigFile));
  MergedTasks m{read_kmc_config(config), {}, 0};
  if (!m.config.sweep) throw InputError(config + ": has no [sweep] section");
  m.runs = sweep_runs(*m.config.sweep);
  const std::string sha = sha256_file(config);
  // A record of an index this sweep does not have is foreign.
  std::error_code ec;
  for (fs::directory_iterator it(tasks_dir(outdir), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    size_t i = 0;
    int used = 0;
    if (std::sscanf(name.c_str(), "task_%zu.json%n", &i, &used) == 1 && size_t(used) == name.size() &&
        i >= m.runs.size())
      throw InputError(
          fmt::format("{}: task {} is not in this sweep of {} tasks", it->path().string(), i, m.runs.size()));
  }
  std::vector<size_t> missing, failed;
  std::string first_failure;
  for (size_t i = 0; i < m.runs.size(); ++i) {
    const std::string record = in_dir(tasks_dir(outdir), task_record_name(i));
    const std::string failure = in_dir(tasks_dir(outdir), task_failure_name(i));
    if (exists(record)) {
      m.runs[i] = read_task_record(read_text_file(record, "cannot read the task record", kMaxRecordBytes), record, i,
                                   m.runs[i], sha);
      m.run_seconds += m.runs[i].seconds;
    } else if (exists(failure)) {
      if (failed.empty()) {
        first_failure = read_text_file(failure, "cannot read the failure", kMaxRecordBytes);
        while (!first_failure.empty() && first_failure.back() == '\n') first_failure.pop_back();
      }
      failed.push_back(i);
    } else {
      missing.push_back(i);
    }
  }
  if (!missing.empty() || !failed.empty()) {
    std::string what;
    if (!failed.empty()) what += fmt::format("failed: {} (task {}: {})", index_list(failed), failed[0], first_failure);
    if (!missing.empty()) what += (what.empty() ? "" : "; ") + fmt::format("no result: {}", index_list(missing));
    throw InputError(
        fmt::format("{}: {} of {} tasks are not done; {}. Run them again (glassfit kmc {} --task I -o "
                    "{}) or resubmit the array: finished tasks are skipped",
                    outdir, missing.size() + failed.size(), m.runs.size(), what, config, outdir));
  }
  return m;
}

size_t tasks_per_array_job(size_t tasks) { return std::max<size_t>(1, (tasks + kMaxArrayJobs - 1) / kMaxArrayJobs); }

std::string slurm_array_script(const SlurmScripts& s) {
  const size_t per = tasks_per_array_job(s.tasks), jobs = (s.tasks + per - 1) / per;
  std::string out = fmt::format(
      "#!/bin/bash\n"
      "# The kMC sweep {0}/sweep.toml as a Slurm job array: {1} tasks, {2} per array job.\n"
      "# Submit with: bash {0}/slurm/submit.sh (it also queues the merge). Site settings are the\n"
      "# #SBATCH lines: edit them here, or give glassfit --partition and --time-limit. A task whose\n"
      "# result is in {0}/tasks is skipped, so a resubmission runs only the unfinished ones.\n"
      "#SBATCH --job-name=glassfit-kmc\n"
      "#SBATCH --array=0-{3}\n"
      "#SBATCH --ntasks=1\n"
      "#SBATCH --cpus-per-task=1\n"
      "#SBATCH --mem={4:.0f}M\n"
      "#SBATCH --time={5}\n",
      s.outdir, s.tasks, per, jobs - 1, std::ceil(s.memory_MB), s.time_limit);
  if (!s.partition.empty()) out += "#SBATCH --partition=" + s.partition + "\n";
  out += fmt::format(
      "#SBATCH --output={0}/slurm/logs/array_%a.out\n"
      "set -u\n"
      "first=$((SLURM_ARRAY_TASK_ID * {1}))\n"
      "last=$((first + {1} - 1))\n"
      "[ \"$last\" -lt {2} ] || last={3}\n"
      "status=0\n"
      "for ((i = first; i <= last; i++)); do\n"
      "  {4} kmc {5} --task \"$i\" -o {6} -q --threads 1 || status=$?\n"
      "done\n"
      "exit \"$status\"\n",
      s.outdir, per, s.tasks, s.tasks - 1, quoted(s.glassfit), quoted(in_dir(s.outdir, kSweepConfigFile)),
      quoted(s.outdir));
  return out;
}

std::string slurm_merge_script(const SlurmScripts& s) {
  std::string out =
      "#!/bin/bash\n"
      "# Merges the sweep's tasks into flow_stress.csv, srs.csv, sites.csv, report.json and the plots; names the\n"
      "# tasks that failed or did not run. Queued by submit.sh after the array ends.\n"
      "#SBATCH --job-name=glassfit-kmc-merge\n"
      "#SBATCH --ntasks=1\n"
      "#SBATCH --cpus-per-task=1\n"
      "#SBATCH --mem=1000M\n"
      "#SBATCH --time=01:00:00\n";
  if (!s.partition.empty()) out += "#SBATCH --partition=" + s.partition + "\n";
  out += fmt::format("#SBATCH --output={}/slurm/logs/merge.out\n", s.outdir);
  if (s.after_merge.empty())
    out += fmt::format("exec {} kmc merge {} -q\n", quoted(s.glassfit), quoted(s.outdir));
  else
    out += fmt::format("{} kmc merge {} -q\nexec {}\n", quoted(s.glassfit), quoted(s.outdir), s.after_merge);
  return out;
}

std::string slurm_submit_script(const SlurmScripts& s) {
  const size_t per = tasks_per_array_job(s.tasks), jobs = (s.tasks + per - 1) / per;
  return fmt::format(
      "#!/bin/bash\n"
      "# Submits the job array, then the merge to run once every array job has ended (done or\n"
      "# failed: the merge names the failed tasks).\n"
      "set -euo pipefail\n"
      "here={0}/slurm\n"
      "mkdir -p \"$here/logs\"\n"
      "array=$(sbatch --parsable \"$here/array.sbatch\")\n"
      "array=${{array%%;*}}  # \"jobid;cluster\" on a multi-cluster site\n"
      "merge=$(sbatch --parsable --dependency=afterany:\"$array\" \"$here/merge.sbatch\")\n"
      "echo \"submitted: array job $array ({1} jobs, {2} tasks) and merge job ${{merge%%;*}}\"\n"
      "echo \"results in {3}: flow_stress.csv, srs.csv, sites.csv, report.json; logs in $here/logs\"\n",
      quoted(s.outdir), jobs, s.tasks, s.outdir);
}

}  // namespace glassfit::kmc
