// SPDX-License-Identifier: BSD-3-Clause
// The one-body SRS model: the 100 x 100 (T, rate) map of the numerical flow stress and m on one
// core (issue 36's goal: under 0.3 s), by the asymptotic expansion (the default) and by the
// adaptive integral alone (the code path before it); and per point the expansion, the adaptive
// solution, the paper's own recipe (trapezoids over 2000 subintervals, bisection), the closed form,
// and the fit's gradient by the implicit-function theorem.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "glassfit/models/onebody/closed_form.h"
#include "glassfit/models/onebody/flow_stress.h"
#include "glassfit/models/onebody/flow_stress_asymptotic.h"
#include "glassfit/models/onebody/model.h"
#include "glassfit/models/onebody/srs_map.h"

using namespace glassfit::onebody;

namespace {

std::vector<double> paper_values(double beta) {
  std::vector<double> v;
  for (const auto& p : parameter_table()) v.push_back(p.default_value);
  v[kBeta] = beta;
  return v;
}

void BM_SrsMap100x100(benchmark::State& state) {
  const auto v = paper_values(1.3);
  SrsRequest q;
  for (int i = 0; i < 100; ++i) q.temperatures_K.push_back(300 + 200.0 * i / 99);
  for (int i = 0; i < 100; ++i) q.rates_per_s.push_back(std::pow(10.0, -5 + 10.0 * i / 99));
  q.threads = 1;
  for (auto _ : state) {
    const auto map = srs_map(v, Reading{}, q);
    benchmark::DoNotOptimize(map.cells.data());
  }
  state.SetLabel("beta 1.3, 300-500 K x 1e-5..1e5 /s, one thread");
}
BENCHMARK(BM_SrsMap100x100)->Unit(benchmark::kSecond)->Iterations(3);

// The same 10^4 cells by the adaptive integral at its default tolerance, as srs_map computed
// them before the expansion (plus the closed form per cell, as the map does).
void BM_SrsMap100x100Adaptive(benchmark::State& state) {
  const auto v = paper_values(1.3);
  const Params<double> p(v.data());
  for (auto _ : state) {
    double sum = 0;
    for (int i = 0; i < 100; ++i)
      for (int k = 0; k < 100; ++k) {
        const double T = 300 + 200.0 * i / 99, rate = std::pow(10.0, -5 + 10.0 * k / 99);
        sum += flow_stress_adaptive(v, loading_at(Reading{}, T, rate)).m + closed_form(p, Reading{}, T, rate).m;
      }
    benchmark::DoNotOptimize(sum);
  }
  state.SetLabel("the same cells, adaptive integral (tolerance 1e-8), one thread");
}
BENCHMARK(BM_SrsMap100x100Adaptive)->Unit(benchmark::kSecond)->Iterations(1);

const Loading kPoint{Barrier::Kww, 400, 1.0};

void BM_FlowStressAdaptive(benchmark::State& state) {
  const auto v = paper_values(1.3);
  for (auto _ : state) benchmark::DoNotOptimize(flow_stress_adaptive(v, kPoint).m);
  state.SetLabel("sigma_0 and m, 400 K, 1 /s, adaptive at 1e-8");
}
BENCHMARK(BM_FlowStressAdaptive)->Unit(benchmark::kMicrosecond);

void BM_FlowStressAsymptotic(benchmark::State& state) {
  const auto v = paper_values(1.3);
  for (auto _ : state) benchmark::DoNotOptimize(flow_stress_asymptotic(v, kPoint)->m);
  state.SetLabel("sigma_0 and m, 400 K, 1 /s, expansion");
}
BENCHMARK(BM_FlowStressAsymptotic)->Unit(benchmark::kMicrosecond);

void BM_FlowStressAdaptiveTight(benchmark::State& state) {
  const auto v = paper_values(1.3);
  for (auto _ : state) benchmark::DoNotOptimize(flow_stress_adaptive(v, kPoint, 1e-10).m);
  state.SetLabel("sigma_0 and m, 400 K, 1 /s, adaptive at 1e-10 (the fallback)");
}
BENCHMARK(BM_FlowStressAdaptiveTight)->Unit(benchmark::kMicrosecond);

void BM_FlowStressPaperRecipe(benchmark::State& state) {
  const auto v = paper_values(1.3);
  for (auto _ : state) benchmark::DoNotOptimize(flow_stress_paper_MPa(v, kPoint));
  state.SetLabel("sigma_0 only, 2000 trapezoids, bisection to 1e-6");
}
BENCHMARK(BM_FlowStressPaperRecipe)->Unit(benchmark::kMicrosecond);

void BM_ClosedForm(benchmark::State& state) {
  const auto v = paper_values(1.3);
  const Params<double> p(v.data());
  for (auto _ : state)
    benchmark::DoNotOptimize(closed_form(p, kPoint.reading(), kPoint.temperature_K, kPoint.rate_per_s).m);
}
BENCHMARK(BM_ClosedForm)->Unit(benchmark::kMicrosecond);

void BM_FlowStressGradient(benchmark::State& state) {
  const auto v = paper_values(1.3);
  for (auto _ : state) benchmark::DoNotOptimize(flow_stress_gradient(v, kPoint).dsigma0[0]);
  state.SetLabel("sigma_0 and d sigma_0 / d (12 parameters): one fit residual with its Jacobian row");
}
BENCHMARK(BM_FlowStressGradient)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
