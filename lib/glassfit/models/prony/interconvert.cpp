#include "glassfit/models/prony/interconvert.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/fit/fitter.h"
#include "glassfit/models/prony/model.h"

namespace glassfit::prony {

Interconversion interconvert(const Model& source, std::span<const double> values, double temperature_K,
                             double t_lo_s, double t_hi_s, double per_decade, bool free_times, int samples_per_decade) {
  if (!(t_lo_s > 0) || !(t_hi_s > t_lo_s) || !std::isfinite(t_hi_s))
    throw InputError(fmt::format("interconversion window {:g} to {:g} s: need 0 < start < end", t_lo_s, t_hi_s));
  if (!source.predicts(Experiment::Relaxation))
    throw InputError(fmt::format("model {} cannot give a relaxation modulus, so it has no Prony series", source.name()));
  const double lo = std::log10(t_lo_s), hi = std::log10(t_hi_s);
  const int samples = std::max(2, static_cast<int>(std::ceil((hi - lo) * samples_per_decade)) + 1);
  std::vector<double> times;
  for (int i = 0; i < samples; ++i) times.push_back(std::pow(10.0, lo + (hi - lo) * i / (samples - 1)));
  const auto E = source.relaxation_modulus(values, temperature_K, times);
  // Where E(t) has relaxed below 1e-6 of its largest value it is rounding noise for a relative fit.
  const double largest = *std::max_element(E.begin(), E.end());
  if (!(largest > 0) || !std::isfinite(largest))
    throw InputError(fmt::format("model {} gives no positive relaxation modulus between {:g} and {:g} s at {:g} K",
                                 source.name(), t_lo_s, t_hi_s, temperature_K));
  TestRun run;
  run.temperature_K = std::numeric_limits<double>::quiet_NaN();
  run.strain_step = 1.0;
  for (size_t i = 0; i < times.size(); ++i)
    if (E[i] > 1e-6 * largest && std::isfinite(E[i])) {
      run.time_s.push_back(times[i]);
      run.measured.push_back(E[i]);
      run.rows.push_back(run.rows.size());
    }

  FitDataset d;
  d.name = fmt::format("E(t) of model {} at {:g} K", source.name(), temperature_K);
  d.experiment.kind = Experiment::Relaxation;
  d.experiment.path = d.name;
  d.experiment.runs = {run};
  FitSpec spec;
  Options o;
  o.times_s = spaced_times(std::max(1, static_cast<int>(std::lround((std::ceil(hi) - std::floor(lo)) * per_decade)) + 1),
                           std::floor(lo), std::ceil(hi));
  spec.model = make_model(o);
  spec.datasets = {d};
  spec.parameters = default_choices(*spec.model, &spec.datasets);
  if (free_times)
    for (size_t k = 1 + o.times_s.size(); k < spec.parameters.size(); ++k) spec.parameters[k].fixed = false;
  spec.options.max_iterations = 2000;
  const FitResult r = run_fit(spec);

  Interconversion out;
  out.model = spec.model;
  out.values = r.values();
  out.time_s = run.time_s;
  out.source_MPa = run.measured;
  out.prony_MPa = r.datasets[0].model;
  double sum = 0;
  for (size_t i = 0; i < out.time_s.size(); ++i) {
    const double rel = (out.prony_MPa[i] - out.source_MPa[i]) / out.source_MPa[i];
    sum += rel * rel;
    out.max_relative = std::max(out.max_relative, std::abs(rel));
  }
  out.rms_relative = std::sqrt(sum / static_cast<double>(out.time_s.size()));
  return out;
}

}  // namespace glassfit::prony
