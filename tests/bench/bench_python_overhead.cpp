// SPDX-License-Identifier: BSD-3-Clause
// The C++ side of the Python overhead measurement (tests/bench/python_overhead.py runs this
// program and the same calls through `import glassfit`, and reports the ratios):
//  * the HC DMA prediction at 10^4 temperatures, 1 Hz (glassfit.predict);
//  * the synthetic DMA fit read from its spec, with the files' hashes, fitted (glassfit.fit).
#include <benchmark/benchmark.h>

#include "glassfit/fit/fitter.h"
#include "glassfit/predict/predict_table.h"
#include "glassfit/io/provenance.h"
#include "glassfit/models/registry.h"

using namespace glassfit;

namespace {

// As glassfit.predict does it: the model made and its defaults taken on every call.
void BM_PredictDma10k(benchmark::State& state) {
  PredictRequest q;
  q.protocol = PredictProtocol::Dma;
  for (int i = 0; i < 10000; ++i) q.temperatures_K.push_back(300 + 250.0 * i / 9999);
  q.frequencies_Hz = {1.0};
  for (auto _ : state) {
    const ModelPtr model = make_model("hc");
    const auto values = model->values_from(ParameterSet(model->parameters()));
    benchmark::DoNotOptimize(predict_table(*model, values, q));
  }
}
BENCHMARK(BM_PredictDma10k)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ReadAndFitDma(benchmark::State& state) {
  const std::string path = GLASSFIT_SOURCE_DIR "/fits/la60ni15al25_dma.toml";
  FitResult r;
  for (auto _ : state) {
    const FitSpec spec = read_fit_spec(path);
    benchmark::DoNotOptimize(sha256_file(path));
    for (const auto& d : spec.datasets) benchmark::DoNotOptimize(sha256_file(d.file));
    r = run_fit(spec);
  }
  state.counters["cost"] = r.cost;
}
BENCHMARK(BM_ReadAndFitDma)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
