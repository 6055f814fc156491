// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/hc/load_history.h"

namespace glassfit {

LoadPath stress_steps_path(std::span<const Step> steps) {
  LoadPath path;
  path.control = LoadPath::Control::Stress;
  double value = 0;
  for (const auto& st : steps) {
    path.nodes.push_back({value, st.time_s});     // holds until the step ...
    path.nodes.push_back({st.value, st.time_s});  // ... then jumps
    value = st.value;
  }
  // A first node {0, t0} with t0 > 0 is a ramp from 0 to 0: harmless. At t0 = 0 it is the start.
  return path;
}

LoadPath strain_program_path(double strain_step, double strain_rate_per_s, double end_time_s) {
  LoadPath path;
  path.control = LoadPath::Control::Strain;
  path.nodes.push_back({strain_step, 0.0});
  path.nodes.push_back({strain_step + strain_rate_per_s * end_time_s, end_time_s});
  return path;
}

}  // namespace glassfit
