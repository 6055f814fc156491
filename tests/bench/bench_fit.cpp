// SPDX-License-Identifier: BSD-3-Clause
// Fits timed end to end on one core:
//  * the isochronal DMA fit of tests/bench/dma_fit_spec.toml (10 free parameters, 1110
//    residuals, exact derivatives, no time-scale scan); compare_scipy.py runs the same fit in
//    SciPy and lmfit;
//  * the shipped joint fit of all four synthetic datasets (fits/la60ni15al25_joint.toml: 5314
//    residuals, 10 free parameters) from its start 30 % / one decade off the truth, time-scale
//    scan included: the "joint synthetic fit from the perturbed start" (goal: 2 s).
#include <benchmark/benchmark.h>

#include "glassfit/fit/fitter.h"

using namespace glassfit;

namespace {
void BM_Fit(benchmark::State& state, const char* spec_path) {
  const auto spec = read_fit_spec(spec_path);
  FitResult r;
  for (auto _ : state) r = run_fit(spec);
  state.counters["cost"] = r.cost;
  state.counters["iterations"] = r.iterations;
  state.counters["converged"] = r.converged;
}
BENCHMARK_CAPTURE(BM_Fit, IsochronalDma, GLASSFIT_BENCH_DIR "/dma_fit_spec.toml")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK_CAPTURE(BM_Fit, JointSynthetic, GLASSFIT_BENCH_DIR "/../../fits/la60ni15al25_joint.toml")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
}  // namespace

BENCHMARK_MAIN();
