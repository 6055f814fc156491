// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// A sweep as independent tasks, for a scheduler. Task I is grid point I of sweep_runs() (order:
// temperature, base rate, factor, seed), so indices are stable. The sweep's folder holds
//   sweep.toml               the configuration every task and the merge read (one sweep a folder)
//   tasks/task_00000I.json   task I's result, written atomically: its presence means done
//   tasks/task_00000I.failed the one-line message of a task that failed
// and the merge reads every record back and builds the sweep's tables exactly as an in-process
// sweep does (run.h's sweep_report on the same SweepRun values).
#include <cstddef>
#include <string>
#include <vector>

#include "glassfit/kmc/config.h"
#include "glassfit/kmc/sweep.h"

namespace glassfit::kmc {

inline constexpr const char* kSweepConfigFile = "sweep.toml";
inline constexpr const char* kTasksFolder = "tasks";

std::string task_record_name(std::size_t index);   // "task_000012.json"
std::string task_failure_name(std::size_t index);  // "task_000012.failed"

// Task `index`'s record (JSON): the grid point, its result, the SHA-256 of sweep.toml.
std::string task_record(std::size_t index, const SweepRun& run, const std::string& config_sha256,
                        const std::string& command);
// The result in a record, checked against the task it should be (index, grid point and
// configuration hash); InputError naming `path` otherwise.
SweepRun read_task_record(const std::string& text, const std::string& path, std::size_t index, const SweepRun& expected,
                          const std::string& config_sha256);

// Puts `config_path`'s bytes into OUTDIR/sweep.toml, or checks that the file there has them;
// InputError when OUTDIR holds another sweep. Returns the path of OUTDIR/sweep.toml.
std::string adopt_sweep_config(const std::string& config_path, const std::string& outdir);

enum class TaskOutcome { Ran, AlreadyDone };
// Runs task `index` of the sweep in OUTDIR (whose sweep.toml must equal `config_path`) unless
// its record is there already. A run that throws leaves task_I.failed and rethrows.
TaskOutcome run_sweep_task(const std::string& config_path, const std::string& outdir, std::size_t index,
                           const std::string& command);

struct MergedTasks {
  KmcConfig config;
  std::vector<SweepRun> runs;
  double run_seconds = 0;  // the tasks' run times, summed
};
// Every task's result from OUTDIR; InputError naming the missing and failed indices (and the
// first failure's message) when any is not done, or naming a record that belongs elsewhere.
MergedTasks collect_sweep_tasks(const std::string& outdir);

// The Slurm scripts of a sweep in OUTDIR: a job array over the tasks (chunked so that the array
// stays within Slurm's default MaxArraySize of 1001), a merge job, and submit.sh, which submits
// the array and then the merge with --dependency=afterany on it.
struct SlurmScripts {
  std::string glassfit;    // absolute path of the program the jobs run
  std::string outdir;      // absolute
  std::string partition;   // "" : the cluster's default
  std::string time_limit;  // per array job, Slurm's [D-]HH:MM:SS
  std::size_t tasks = 0;
  double memory_MB = 0;     // per task
  std::string after_merge;  // a command the merge job runs after the merge (e.g. glassfit crosscheck)
};
std::size_t tasks_per_array_job(std::size_t tasks);
std::string slurm_array_script(const SlurmScripts& s);
std::string slurm_merge_script(const SlurmScripts& s);
std::string slurm_submit_script(const SlurmScripts& s);

}  // namespace glassfit::kmc
