// SPDX-License-Identifier: BSD-3-Clause
// A sweep as separate tasks: the record reads back to the same doubles, a record is checked
// against the task it should be, and the Slurm array is chunked within MaxArraySize.
#include <gtest/gtest.h>

#include <cmath>

#include "error_of.h"
#include "glassfit/kmc/sweep_tasks.h"

namespace glassfit::kmc {
namespace {

SweepRun grid_point() {
  SweepRun r{400.0, 1e-3 / 3, 0.2, 7};
  r.flow_stress_MPa = 0.1 + 0.2 + 1234.5678901234567;  // not a short decimal
  r.events = 123456, r.hit_event_limit = true, r.seconds = 1.5;
  r.exceedance = 0.4 + 1.0 / 3, r.never_transformed = 0.6 + 1e-17, r.transformed_once = 1.0 / 7,
  r.mean_dEps_xx = 0.1 / 3, r.rejuvenated_share = 2.0 / 3, r.avalanche_tail_exponent = 2.0 + 1.0 / 3;
  r.largest_avalanche = 17;
  return r;
}

TEST(KmcSweepTasks, ARecordReadsBackToTheSameDoubles) {
  const SweepRun r = grid_point();
  const auto back = read_task_record(task_record(5, r, "abc", "glassfit kmc x"), "t.json", 5, r, "abc");
  EXPECT_EQ(back.flow_stress_MPa, r.flow_stress_MPa);  // bit for bit
  EXPECT_EQ(back.events, r.events);
  EXPECT_EQ(back.exceedance, r.exceedance);
  EXPECT_EQ(back.never_transformed, r.never_transformed);
  EXPECT_EQ(back.transformed_once, r.transformed_once);
  EXPECT_EQ(back.mean_dEps_xx, r.mean_dEps_xx);
  EXPECT_EQ(back.rejuvenated_share, r.rejuvenated_share);
  EXPECT_EQ(back.avalanche_tail_exponent, r.avalanche_tail_exponent);
  EXPECT_EQ(back.largest_avalanche, r.largest_avalanche);
  EXPECT_TRUE(back.hit_event_limit);
  SweepRun none = r;
  none.flow_stress_MPa = none.exceedance = std::nan("");
  const auto back_none = read_task_record(task_record(5, none, "abc", ""), "t.json", 5, r, "abc");
  EXPECT_TRUE(std::isnan(back_none.flow_stress_MPa));
  EXPECT_TRUE(std::isnan(back_none.exceedance));
}

TEST(KmcSweepTasks, ARecordOfAnotherTaskOrConfigurationIsRefused) {
  const SweepRun r = grid_point();
  const std::string rec = task_record(5, r, "abc", "");
  EXPECT_NE(test::error_of([&] { read_task_record(rec, "t.json", 6, r, "abc"); }).find("t.json: not task 6"),
            std::string::npos);
  SweepRun other = r;
  other.seed = 8;
  EXPECT_NE(test::error_of([&] { read_task_record(rec, "t.json", 5, other, "abc"); }).find("not task 5"),
            std::string::npos);
  EXPECT_NE(test::error_of([&] { read_task_record(rec, "t.json", 5, r, "abd"); }).find("another configuration"),
            std::string::npos);
  EXPECT_NE(test::error_of([&] { read_task_record("{\"task\": 5", "t.json", 5, r, "abc"); }).find("not a task record"),
            std::string::npos);
}

TEST(KmcSweepTasks, TheArrayStaysWithinSlurmsDefaultMaxArraySize) {
  EXPECT_EQ(tasks_per_array_job(1), 1u);
  EXPECT_EQ(tasks_per_array_job(1000), 1u);
  EXPECT_EQ(tasks_per_array_job(1001), 2u);
  SlurmScripts s{"/usr/bin/glassfit", "/scratch/srs", "", "2:00:00", 2500, 300};
  const std::string a = slurm_array_script(s);  // 3 tasks per job: 834 jobs, indices 0-833
  EXPECT_NE(a.find("#SBATCH --array=0-833\n"), std::string::npos) << a;
  EXPECT_NE(a.find("first=$((SLURM_ARRAY_TASK_ID * 3))"), std::string::npos);
  EXPECT_NE(a.find("|| last=2499"), std::string::npos);
  EXPECT_EQ(a.find("#SBATCH --partition"), std::string::npos);
  EXPECT_NE(a.find("#SBATCH --mem=300M"), std::string::npos);
}

}  // namespace
}  // namespace glassfit::kmc
