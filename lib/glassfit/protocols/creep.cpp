#include "glassfit/protocols/creep.h"

#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/models/hc.h"

namespace glassfit {

std::vector<double> predict_creep_strain(const HcParams<double>& p, double temperature_K,
                                         std::span<const Step> history, std::span<const double> times_s) {
  std::vector<hc::Times<double>> step_times;
  for (const auto& st : history) {
    if (std::abs(st.value) >= p.sigma_1)
      throw InputError(fmt::format("stress {:g} MPa reaches sigma_1 = {:g} MPa, where Eq. 9 has no meaning",
                                   st.value, p.sigma_1));
    step_times.push_back(hc::times(p, temperature_K, std::abs(st.value)));
  }
  std::vector<double> strain(times_s.size(), 0.0);
  for (size_t i = 0; i < times_s.size(); ++i) {
    double previous = 0.0;
    for (size_t j = 0; j < history.size(); ++j) {
      // A step at t_j acts for t > t_j: the value at a step time is the one just before it.
      const double dt = times_s[i] - history[j].time_s;
      if (dt <= 0) break;
      strain[i] += (history[j].value - previous) * hc::compliance(p, step_times[j], dt);
      previous = history[j].value;
    }
  }
  return strain;
}

}  // namespace glassfit
