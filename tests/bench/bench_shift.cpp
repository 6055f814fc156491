// SPDX-License-Identifier: BSD-3-Clause
// Master curves: shifting the 21-temperature polymer set with standard errors (issue goal: well
// under a second), the three shift-law fits, and the beta-peak analysis of the isochronal DMA.
#include <benchmark/benchmark.h>

#include "glassfit/mastercurve/relaxation_map.h"
#include "glassfit/mastercurve/shift.h"
#include "glassfit/mastercurve/shift_law_fit.h"
#include "glassfit/io/csv.h"

using namespace glassfit;

namespace {
const std::string kData = std::string(GLASSFIT_SOURCE_DIR) + "/data/";

void BM_ShiftPolymer(benchmark::State& state) {
  const auto data = read_csv(kData + "pyvisco-polymer/freq_user_raw.csv");
  ShiftOptions o;
  o.reference_K = 298.15;
  o.objective = state.range(0) ? ShiftObjective::Moduli : ShiftObjective::Storage;
  for (auto _ : state) {
    const auto r = shift_master_curve(shift_input_from(data), o);
    benchmark::DoNotOptimize(r.log_aT_stderr.data());
  }
  state.SetLabel(state.range(0) ? "log E' and log E''" : "log E'");
}
BENCHMARK(BM_ShiftPolymer)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ShiftLaws(benchmark::State& state) {
  ShiftOptions o;
  o.reference_K = 298.15;
  const auto r = shift_master_curve(shift_input_from(read_csv(kData + "pyvisco-polymer/freq_user_raw.csv")), o);
  for (auto _ : state) {
    const auto laws = fit_shift_laws(r.temperature_K, r.log_aT, r.log_aT_covariance, r.reference_K);
    benchmark::DoNotOptimize(laws.data());
  }
}
BENCHMARK(BM_ShiftLaws)->Unit(benchmark::kMillisecond);

void BM_BetaPeaks(benchmark::State& state) {
  const auto data = read_csv(kData + "la60ni15al25-synthetic/dma_isochronal.csv");
  for (auto _ : state) {
    const auto a = fit_peak_arrhenius(beta_loss_peaks(data));
    benchmark::DoNotOptimize(a.U_J_per_mol);
  }
}
BENCHMARK(BM_BetaPeaks)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
