// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/protocols/condition.h"

#include <algorithm>
#include <fmt/format.h>

#include "glassfit/core/constants.h"

namespace glassfit {

double path_value_before(std::span<const Step> nodes, double t) {
  double prev_t = 0, prev_v = 0;
  for (const auto& nd : nodes) {
    if (nd.time_s >= t) return prev_v + (nd.value - prev_v) * (t - prev_t) / (nd.time_s - prev_t);
    prev_t = nd.time_s, prev_v = nd.value;
  }
  return prev_v;
}

std::string temperature_label(double T) { return std::isnan(T) ? std::string("isothermal") : fmt::format("{:g} K", T); }

DataWindow data_window(const std::vector<const ExperimentData*>& experiments) {
  DataWindow w;
  std::vector<double> temps;
  for (const auto* ex : experiments) {
    for (double T : ex->temperature_K)
      if (std::isfinite(T)) temps.push_back(T);
    for (double f : ex->frequency_Hz) {
      const double lt = -std::log10(2 * kPi * f);
      w.log10_lo = std::min(w.log10_lo, lt), w.log10_hi = std::max(w.log10_hi, lt);
    }
    for (double rate : ex->strain_rate_per_s) {  // flow stress: the loading time 1/rate
      w.log10_lo = std::min(w.log10_lo, -std::log10(rate)), w.log10_hi = std::max(w.log10_hi, -std::log10(rate));
    }
    for (const auto& r : ex->runs) {
      if (std::isfinite(r.temperature_K)) temps.push_back(r.temperature_K);
      w.log10_lo = std::min(w.log10_lo, std::log10(r.time_s.front()));
      w.log10_hi = std::max(w.log10_hi, std::log10(r.time_s.back()));
    }
  }
  if (!temps.empty()) {
    std::nth_element(temps.begin(), temps.begin() + static_cast<long>(temps.size() / 2), temps.end());
    w.median_temperature_K = temps[temps.size() / 2];
  }
  return w;
}

}  // namespace glassfit
