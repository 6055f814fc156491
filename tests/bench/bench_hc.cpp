// HC model throughput: J*(i w) and J(t) over 10^4 points, and a 1000-point stress relaxation.
#include <benchmark/benchmark.h>

#include <cmath>

#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/strain_control.h"

using namespace glassfit;

namespace {
HcParams<double> table1() { return hc_params_from(ParameterSet(hc_parameter_table())); }

// 10^4 (T, f) points: 100 temperatures 300-550 K x 100 frequencies 1e-2-1e2 Hz.
void BM_ComplexCompliance(benchmark::State& state) {
  const auto p = table1();
  const auto mode = state.range(0) ? Anelastic::Exact : Anelastic::Published;
  for (auto _ : state) {
    double sum = 0;
    for (int i = 0; i < 100; ++i) {
      const auto s = hc::times(p, 300.0 + 2.5 * i);
      for (int k = 0; k < 100; ++k) {
        const double w = 2 * kPi * std::pow(10.0, -2 + 4 * k / 99.0);
        sum += hc::complex_compliance(p, s, w, mode).re;
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * 10000);
  state.SetLabel(state.range(0) ? "exact KWW" : "published KWW");
}
BENCHMARK(BM_ComplexCompliance)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// 10^4 creep compliances: 100 temperatures x 100 log-spaced times 1e-3-1e4 s.
void BM_CreepCompliance(benchmark::State& state) {
  const auto p = table1();
  for (auto _ : state) {
    double sum = 0;
    for (int i = 0; i < 100; ++i) {
      const auto s = hc::times(p, 300.0 + 2.5 * i);
      for (int k = 0; k < 100; ++k) sum += hc::compliance(p, s, std::pow(10.0, -3 + 7 * k / 99.0));
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * 10000);
}
BENCHMARK(BM_CreepCompliance)->Unit(benchmark::kMillisecond);

// A 1000-point relaxation curve, 1e-3-1e4 s, at the given temperature (default accuracy).
void BM_StressRelaxation(benchmark::State& state) {
  const auto p = table1();
  std::vector<double> t(1000);
  for (int k = 0; k < 1000; ++k) t[k] = std::pow(10.0, -3 + 7 * k / 999.0);
  for (auto _ : state) benchmark::DoNotOptimize(solve_stress(p, double(state.range(0)), {0.002, 0.0}, t));
  state.SetLabel(std::to_string(state.range(0)) + " K");
}
BENCHMARK(BM_StressRelaxation)->Arg(310)->Arg(430)->Arg(490)->Unit(benchmark::kMillisecond);
}  // namespace

BENCHMARK_MAIN();
