// SPDX-License-Identifier: BSD-3-Clause
// HC model throughput: J*(i w) and J(t) over 10^4 points, and a 1000-point stress relaxation.
#include <benchmark/benchmark.h>

#include <cmath>

#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/load_history.h"
#include "glassfit/models/hc/model.h"
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

// The tensile test of Fig. 10 (430 K, 3e-4 /s to 10 %, 200 output times): the linear solver,
// the nonlinear one in its linear limit (sigma_1 = 1e300, a2 = 0) and with Table 1's sigma_1
// and a2 (Eqs. 9, 22c); range(0) = 0, 1, 2; 3 is 2 with the KWW history summed piece by piece
// (the O(N^2) solver before the block moments).
void BM_Tension(benchmark::State& state) {
  auto p = table1();
  if (state.range(0) < 2) p.sigma_1 = 1e300, p.a2 = 0;
  std::vector<double> t;
  for (int i = 1; i <= 200; ++i) t.push_back(333.3333 * i / 200);
  LoadHistoryOptions o;
  o.kww_direct_sum = state.range(0) == 3;
  for (auto _ : state) {
    if (state.range(0) == 0)
      benchmark::DoNotOptimize(solve_stress(p, 430, {0.0, 3e-4}, t));
    else
      benchmark::DoNotOptimize(solve_load_history(p, 430, strain_program_path(0, 3e-4, t.back()), t, o));
  }
}
BENCHMARK(BM_Tension)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

// Residuals and the full Jacobian (16 parameters, Jets) of the same test through the model's
// kernel, as a fit evaluates them: linear (0) and nonlinear (1).
void BM_TensionJacobian(benchmark::State& state) {
  auto p = table1();
  if (state.range(0) == 0) p.sigma_1 = kInf, p.a2 = 0;
  using J = ceres::Jet<double, kHcParameterCount>;
  J v[kHcParameterCount];
  const double* base = &p.E_u;
  // Linear: sigma_1 and a2 fixed (no derivative directions), or the model takes the nonlinear path.
  for (int k = 0; k < kHcParameterCount; ++k)
    v[k] = state.range(0) == 0 && (k == 11 || k == 12) ? J(base[k]) : J(base[k], k);
  Condition c;
  c.kind = Experiment::Tension;
  c.temperature_K = 430;
  c.program = {0.0, 3e-4};
  for (int i = 1; i <= 40; ++i) c.times.push_back(166.6667 * i / 40);
  std::vector<J> out(c.times.size());
  const hc::Kernel kernel;
  for (auto _ : state) benchmark::DoNotOptimize(kernel.evaluate(v, c, out.data()));
}
BENCHMARK(BM_TensionJacobian)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The nonlinear solver's part of BM_TensionJacobian/1: 40 outputs with all 16 derivatives, block
// moments (0) against the piece-by-piece sum (1).
void BM_TensionJacobianHistory(benchmark::State& state) {
  const auto p = table1();
  using J = ceres::Jet<double, kHcParameterCount>;
  J v[kHcParameterCount];
  const double* base = &p.E_u;
  for (int k = 0; k < kHcParameterCount; ++k) v[k] = J(base[k], k);
  const auto pj = hc_params_from_array(v);
  std::vector<double> t;
  for (int i = 1; i <= 40; ++i) t.push_back(166.6667 * i / 40);
  LoadHistoryOptions o;
  o.kww_direct_sum = state.range(0) == 1;
  for (auto _ : state)
    benchmark::DoNotOptimize(solve_load_history(pj, 430, strain_program_path(0, 3e-4, t.back()), t, o));
}
BENCHMARK(BM_TensionJacobianHistory)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
