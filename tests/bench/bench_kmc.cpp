// kMC elasticity: the stress update of one event by the precomputed kernels (O(N)) against a
// full FFT solve of the eigenstrain field (O(N log N)), on N x N lattices.
#include <benchmark/benchmark.h>

#include <random>

#include "glassfit/kmc/elastic.h"

using namespace glassfit::kmc;

namespace {

void BM_EventByKernels(benchmark::State& state) {
  const Grid g{int(state.range(0)), int(state.range(0))};
  const StressKernels kernels(Elasticity{}, g);
  std::vector<Sym2> stress(g.size());
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<int> pos(0, g.nx - 1);
  for (auto _ : state) {
    kernels.add_event(stress, pos(rng), pos(rng), Sym2{0.05, -0.05, 0.02});
    benchmark::DoNotOptimize(stress.data());
  }
  state.SetLabel("incremental kernels");
}
BENCHMARK(BM_EventByKernels)->Arg(64)->Arg(128)->Arg(256)->Unit(benchmark::kMicrosecond);

void BM_EventByFullFft(benchmark::State& state) {
  const Grid g{int(state.range(0)), int(state.range(0))};
  const Elasticity el;
  std::vector<Sym2> eps(g.size());
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<int> pos(0, g.nx - 1);
  for (auto _ : state) {
    eps[g.index(pos(rng), pos(rng))].xy += 0.01;
    benchmark::DoNotOptimize(stress_fft(el, g, eps, Sym2{}).data());
  }
  state.SetLabel("full FFT solve");
}
BENCHMARK(BM_EventByFullFft)->Arg(64)->Arg(128)->Arg(256)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
