// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/onebody/srs_map.h"

#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "glassfit/core/error.h"
#include "glassfit/core/parallel.h"
#include "glassfit/models/onebody/closed_form.h"
#include "glassfit/models/onebody/flow_stress.h"

namespace glassfit::onebody {

SrsMap srs_map(std::span<const double> values, const Reading& reading, const SrsRequest& q) {
  if (q.temperatures_K.empty() || q.rates_per_s.empty()) throw InputError("the SRS map needs temperatures and rates");
  const double cells = double(q.temperatures_K.size()) * double(q.rates_per_s.size());
  if (cells > kMaxSrsCells)
    throw InputError(
        fmt::format("{:.3g} temperature x rate cells is more than the {:.0e} an SRS map computes (about "
                    "20 us of one core each, 0.5 ms where the cosh activation is integrated)",
                    cells, kMaxSrsCells));
  for (double T : q.temperatures_K) check_loading(values, loading_at(reading, T, q.rates_per_s.front()));
  for (double r : q.rates_per_s) check_loading(values, loading_at(reading, q.temperatures_K.front(), r));
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const Params<double> p(values.data());
  SrsMap map;
  map.reading = reading, map.temperatures_K = q.temperatures_K, map.rates_per_s = q.rates_per_s;
  for (double T : q.temperatures_K) {
    const bool kww = reading.law == Barrier::Kww;
    // nan also where t_s or t_R leave a double's range (a rate of 1e-300 /s is no mark on a map)
    const auto rate = [&](double t_s) {
      const double r = characteristic_rate_per_s(p, t_s);
      return kww && std::isnormal(r) ? r : nan;
    };
    map.rate_ts_per_s.push_back(rate(rise_time_s(p, T)));
    map.rate_tR_per_s.push_back(rate(relaxation_time_s(p, T)));
  }
  const size_t nr = q.rates_per_s.size();
  map.cells.resize(q.temperatures_K.size() * nr);
  parallel_for(
      map.cells.size(), q.threads,
      [&](size_t i) {
        const double T = q.temperatures_K[i / nr], rate = q.rates_per_s[i % nr];
        const auto fs = flow_stress(values, loading_at(reading, T, rate));
        const bool exp_law = reading.activation == Activation::Exp;
        const auto cf = closed_form(p, reading, T, rate);
        // the closed form's logarithms can leave the reals where Eq. 35's approximations fail
        const bool cf_ok = exp_law && std::isfinite(cf.flow_stress_MPa);
        map.cells[i] = {fs.sigma0_MPa,
                        fs.dsigma0_dlnrate_MPa,
                        fs.sigma0_MPa > 0 ? fs.m : nan,
                        cf_ok ? cf.flow_stress_MPa : nan,
                        cf_ok && cf.flow_stress_MPa > 0 && std::isfinite(cf.m) ? cf.m : nan,
                        exp_law && cf.negative_srs,
                        fs.survival_at_tc};
      },
      q.progress);
  return map;
}

}  // namespace glassfit::onebody
