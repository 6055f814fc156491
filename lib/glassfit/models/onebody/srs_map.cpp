#include "glassfit/models/onebody/srs_map.h"

#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "glassfit/core/error.h"
#include "glassfit/core/parallel.h"
#include "glassfit/models/onebody/closed_form.h"
#include "glassfit/models/onebody/flow_stress.h"

namespace glassfit::onebody {

SrsMap srs_map(std::span<const double> values, Barrier law, const SrsRequest& q, Activation activation) {
  if (q.temperatures_K.empty() || q.rates_per_s.empty()) throw InputError("the SRS map needs temperatures and rates");
  const double cells = double(q.temperatures_K.size()) * double(q.rates_per_s.size());
  if (cells > kMaxSrsCells)
    throw InputError(
        fmt::format("{:.3g} temperature x rate cells is more than the {:.0e} an SRS map computes (about "
                    "0.4 ms of one core each)",
                    cells, kMaxSrsCells));
  for (double T : q.temperatures_K)
    if (!(T > 0) || !std::isfinite(T)) throw InputError(fmt::format("temperature {:g} K must be above 0 K", T));
  for (double r : q.rates_per_s)
    if (!(r > 0) || !std::isfinite(r)) throw InputError(fmt::format("strain rate {:g} 1/s must be above 0", r));
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const Params<double> p(values.data());
  SrsMap map;
  map.law = law, map.activation = activation, map.temperatures_K = q.temperatures_K, map.rates_per_s = q.rates_per_s;
  for (double T : q.temperatures_K) {
    const bool kww = law == Barrier::Kww;
    map.rate_ts_per_s.push_back(kww ? characteristic_rate_per_s(p, rise_time_s(p, T)) : nan);
    map.rate_tR_per_s.push_back(kww ? characteristic_rate_per_s(p, relaxation_time_s(p, T)) : nan);
  }
  const size_t nr = q.rates_per_s.size();
  map.cells.resize(q.temperatures_K.size() * nr);
  parallel_for(
      map.cells.size(), q.threads,
      [&](size_t i) {
        const double T = q.temperatures_K[i / nr], rate = q.rates_per_s[i % nr];
        const auto fs = flow_stress(values, {law, T, rate, activation});
        const bool exp_law = activation == Activation::Exp;
        const auto cf = closed_form(p, law, T, rate);
        map.cells[i] = {fs.sigma0_MPa,
                        fs.dsigma0_dlnrate_MPa,
                        fs.sigma0_MPa > 0 ? fs.m : nan,
                        exp_law ? cf.flow_stress_MPa : nan,
                        exp_law && cf.flow_stress_MPa > 0 ? cf.m : nan,
                        exp_law && cf.negative_srs};
      },
      q.progress);
  return map;
}

}  // namespace glassfit::onebody
