// SPDX-License-Identifier: BSD-3-Clause
// kMC cost: the stress update of one event by the precomputed kernels (O(N)) against a full FFT
// solve (O(N log N)); whole events per second of the engine with either update, on N x N
// lattices with M = 20 modes, one and two threads; and the bare streaming pass over the rate
// table (N M exponentials) as the memory-bound reference.
#include <benchmark/benchmark.h>

#include <random>

#include "glassfit/kmc/elastic.h"
#include "glassfit/kmc/engine.h"

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

// A lattice crept at 1200 MPa and 400 K (KWW, beta 1): it flows from the first event on, with few
// avalanches, so a step is one thermal event and one rate pass; no ramp, no bound renewals.
EngineConfig flowing(int n, int threads, EngineKind engine, EngineConfig::StressUpdate update) {
  EngineConfig c;
  c.engine = engine;
  c.grid = {n, n};
  c.temperature_K = 400;
  c.loading = Loading::Creep;
  c.stress_MPa = 1200;
  c.duration_s = 1e30;
  c.final_strain = 9;  // flows on through every iteration
  c.threads = threads;
  c.stress_update = update;
  return c;
}

void engine_events(benchmark::State& state, EngineKind engine, EngineConfig::StressUpdate update) {
  Engine e(flowing(int(state.range(0)), int(state.range(1)), engine, update));
  const long start = e.events(), passes = e.observations().rate_updates,
             rejections = e.observations().rejected_candidates, blocks = e.observations().block_refreshes;
  for (auto _ : state) e.step();
  state.counters["events/s"] = benchmark::Counter(double(e.events() - start), benchmark::Counter::kIsRate);
  const auto& o = e.observations();
  const double events = double(std::max(1L, e.events() - start));
  state.counters["passes/event"] = double(o.rate_updates - passes) / events;
  state.counters["rejections/event"] = double(o.rejected_candidates - rejections) / events;
  state.counters["blocks/event"] = double(o.block_refreshes - blocks) / events;
}

void BM_EngineLocal(benchmark::State& state) {
  engine_events(state, EngineKind::Local, EngineConfig::StressUpdate::Kernels);
}
void BM_EngineReference(benchmark::State& state) {
  engine_events(state, EngineKind::Reference, EngineConfig::StressUpdate::Kernels);
}
void BM_EngineFftPerEvent(benchmark::State& state) {
  engine_events(state, EngineKind::Reference, EngineConfig::StressUpdate::Fft);
}
void BM_BareRatePass(benchmark::State& state) {
  Engine e(
      flowing(int(state.range(0)), int(state.range(1)), EngineKind::Reference, EngineConfig::StressUpdate::Kernels));
  for (auto _ : state) benchmark::DoNotOptimize(e.rate_pass());
  state.counters["passes/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

const std::vector<std::vector<int64_t>> kLattices = {{64, 128, 256}, {1, 2}};
const std::vector<std::vector<int64_t>> kLargeLattices = {{64, 128, 256, 512, 1024}, {1, 2}};
BENCHMARK(BM_EngineLocal)
    ->ArgsProduct(kLargeLattices)
    ->ArgNames({"n", "threads"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_EngineReference)
    ->ArgsProduct(kLargeLattices)
    ->ArgNames({"n", "threads"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_EngineFftPerEvent)
    ->ArgsProduct(kLattices)
    ->ArgNames({"n", "threads"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_BareRatePass)
    ->ArgsProduct(kLattices)
    ->ArgNames({"n", "threads"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
