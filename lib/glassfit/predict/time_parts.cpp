// SPDX-License-Identifier: BSD-3-Clause
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/predict/parts.h"

namespace glassfit {
namespace {

// The model's extra time-domain columns for one condition, appended to (or creating) cols from
// index `first` on, in the order the model gives them.
void append_time_extras(const Model& model, std::span<const double> values, const Condition& c,
                        std::vector<OutputColumn>& cols, size_t first) {
  const auto extras = model.time_extras(values, c);
  for (size_t j = 0; j < extras.size(); ++j) {
    if (cols.size() <= first + j) cols.push_back({extras[j].header, {}});
    auto& col = cols[first + j].values;
    col.insert(col.end(), extras[j].values.begin(), extras[j].values.end());
  }
}

}  // namespace

void PredictParts::creep() {
  Condition c;
  c.kind = Experiment::Creep;
  c.history = q.stress_history;
  c.times = q.times_s;
  for (double time : c.times)
    if (time < 0) throw InputError(fmt::format("--time: negative time {:g} s", time));
  cols = {{"time [s]", {}}, {"stress [MPa]", {}}, {"strain [-]", {}}};
  plot = plot_spec(title + ": creep", "time [s]", "strain [-]", false, false);
  for (double T : temperatures) {
    c.temperature_K = T;
    std::vector<double> strain(c.outputs());
    model.predict(values, c, strain);
    Series se;
    se.title = temperature_label(T);
    for (size_t i = 0; i < c.times.size(); ++i) {
      double stress = 0;
      for (const auto& st : c.history)
        if (c.times[i] > st.time_s) stress = st.value;  // a step acts for t > its time
      row_T.push_back(T);
      cols[0].values.push_back(c.times[i]);
      cols[1].values.push_back(stress), cols[2].values.push_back(strain[i]);
      se.x.push_back(c.times[i]), se.y.push_back(strain[i]);
    }
    append_time_extras(model, values, c, cols, 3);
    plot.series.push_back(std::move(se));
  }
  colour_by_value(plot, temperatures, "temperature [K]");
}

void PredictParts::strain_controlled() {
  const bool relax = q.protocol == PredictProtocol::Relaxation, history = q.protocol == PredictProtocol::History;
  Condition c;
  const bool stress_path = history && !q.stress_path.empty();
  c.kind = relax         ? Experiment::Relaxation
           : stress_path ? Experiment::StressHistory
           : history     ? Experiment::StrainHistory
                         : Experiment::Tension;
  c.program = q.program;
  c.history = stress_path ? q.stress_path : q.strain_path;
  c.times = q.times_s;
  for (size_t i = 0; i < c.times.size(); ++i)
    if (!(c.times[i] > 0) || (i && !(c.times[i] > c.times[i - 1])))
      throw InputError("--time: times must be positive and increasing");
  cols = {{"time [s]", {}}, {"strain [-]", {}}, {"stress [MPa]", {}}};
  if (relax)
    plot = plot_spec(title + ": stress relaxation", "time [s]", "stress [MPa]", true, true);
  else if (history)
    plot = plot_spec(title + (stress_path ? ": stress history" : ": strain history"), "time [s]",
                     stress_path ? "strain [-]" : "stress [MPa]", false, false);
  else
    plot = plot_spec(title + ": constant strain rate loading", "strain [-]", "stress [MPa]", false, false);
  for (double T : temperatures) {
    c.temperature_K = T;
    std::vector<double> predicted(c.outputs());
    model.predict(values, c, predicted);
    Series se;
    se.title = temperature_label(T);
    for (size_t i = 0; i < c.times.size(); ++i) {
      // The controlled value from the path, the other one from the model.
      const double path_value = history ? path_value_before(c.history, c.times[i])
                                        : c.program.strain_step + c.program.strain_rate_per_s * c.times[i];
      const double strain = stress_path ? predicted[i] : path_value;
      const double stress = stress_path ? path_value : predicted[i];
      row_T.push_back(T);
      cols[0].values.push_back(c.times[i]);
      cols[1].values.push_back(strain), cols[2].values.push_back(stress);
      // Log axes cannot show non-positive values: leave them out of the relaxation plot.
      if (relax && !(stress > 0)) continue;
      se.x.push_back(relax || history ? c.times[i] : strain), se.y.push_back(stress_path ? strain : stress);
    }
    append_time_extras(model, values, c, cols, 3);
    plot.series.push_back(std::move(se));
  }
  colour_by_value(plot, temperatures, "temperature [K]");
}

}  // namespace glassfit
