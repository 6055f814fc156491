// The isochronal DMA fit of tests/bench/dma_fit_spec.toml (10 free parameters, 1110 residuals,
// exact derivatives), timed end to end on one core. compare_scipy.py runs the same fit in SciPy.
#include <benchmark/benchmark.h>

#include "glassfit/fit/fitter.h"

using namespace glassfit;

namespace {
void BM_IsochronalDmaFit(benchmark::State& state) {
  const auto spec = read_fit_spec(GLASSFIT_BENCH_DIR "/dma_fit_spec.toml");
  const auto in = load_fit_inputs(spec);
  FitResult r;
  for (auto _ : state) r = run_fit(spec, in);
  state.counters["cost"] = r.cost;
  state.counters["iterations"] = r.iterations;
  state.counters["converged"] = r.converged;
}
BENCHMARK(BM_IsochronalDmaFit)->Unit(benchmark::kMillisecond)->MinTime(2.0);
}  // namespace

BENCHMARK_MAIN();
