#include "glassfit/protocols/creep.h"

namespace glassfit {

std::vector<double> predict_creep_strain(const HcParams<double>& p, double temperature_K,
                                         std::span<const Step> history, std::span<const double> times_s) {
  const auto step_times = creep_step_times(p, temperature_K, history);
  std::vector<double> strain;
  strain.reserve(times_s.size());
  for (double t : times_s) strain.push_back(creep_strain_at<double>(p, step_times, history, t));
  return strain;
}

}  // namespace glassfit
