#include "glassfit/predict/predict_table.h"

#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "glassfit/io/csv.h"

namespace glassfit {
namespace {

// A value that over- or underflowed (NaN, inf) names its row's conditions and, where the model
// can say, the time scales there.
void check_finite_rows(const std::vector<OutputColumn>& cols, const Model& model, std::span<const double> values,
                       const std::vector<double>& row_temperature) {
  const size_t rows = cols.empty() ? 0 : cols[0].values.size();
  for (size_t r = 0; r < rows; ++r)
    for (const auto& col : cols) {
      if (std::isfinite(col.values[r])) continue;
      const double T = row_temperature[r];
      const std::string scales = std::isfinite(T) ? model.time_scales_at(values, T) : "";
      const auto& where = cols[std::isfinite(T) ? 1 : 0];  // frequency or time
      throw InputError(fmt::format("the model gives {} = {} at {}{} = {:g}: it over- or underflows there{}", col.header,
                                   col.values[r], std::isfinite(T) ? fmt::format("{} K, ", T) : "", where.header,
                                   where.values[r], scales.empty() ? "" : " (" + scales + ")"));
    }
}

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

const char* protocol_name(PredictProtocol p) {
  switch (p) {
    case PredictProtocol::Dma:
      return "dma";
    case PredictProtocol::Master:
      return "master";
    case PredictProtocol::Creep:
      return "creep";
    case PredictProtocol::Relaxation:
      return "relaxation";
    case PredictProtocol::Tension:
      return "tension";
    case PredictProtocol::History:
      return "history";
  }
  return "?";
}

PredictProtocol protocol_named(const std::string& name) {
  for (const auto p : {PredictProtocol::Dma, PredictProtocol::Master, PredictProtocol::Creep,
                       PredictProtocol::Relaxation, PredictProtocol::Tension, PredictProtocol::History})
    if (name == protocol_name(p)) return p;
  throw InputError(fmt::format("unknown protocol '{}' (dma, master, creep, relaxation, tension, history)", name));
}

PredictTable predict_table(const Model& model, std::span<const double> values, const PredictRequest& q) {
  // a shear model's moduli say so (a shear Prony series predicts G', G'')
  const std::string stor = model_modulus_column("storage_modulus", model.modulus_kind()) + " [MPa]",
                    loss = model_modulus_column("loss_modulus", model.modulus_kind()) + " [MPa]";
  const Experiment kind = q.protocol == PredictProtocol::Master || q.protocol == PredictProtocol::Dma ? Experiment::Dma
                          : q.protocol == PredictProtocol::Creep      ? Experiment::Creep
                          : q.protocol == PredictProtocol::Relaxation ? Experiment::Relaxation
                          : q.protocol == PredictProtocol::History
                              ? (q.stress_path.empty() ? Experiment::StrainHistory : Experiment::StressHistory)
                              : Experiment::Tension;
  if (!model.predicts(kind))
    throw InputError(fmt::format("model {} cannot predict --protocol {}", model.name(), protocol_name(q.protocol)));
  const bool thermal = model.uses_temperature();
  const auto& temperatures = q.temperatures_K;
  const auto& freqs = q.frequencies_Hz;
  if (temperatures.empty()) throw InputError("predict: no temperature");
  for (double f : freqs)
    if (!(f > 0)) throw InputError(fmt::format("--frequency: {:g} Hz must be positive", f));
  PredictTable t;
  auto& cols = t.columns;
  auto& plot = t.plot;
  std::vector<double> row_T;
  const std::string title = model.name() + " model";
  switch (q.protocol) {
    case PredictProtocol::Dma: {
      // Outer loop over whichever list is shorter: isochronal sweeps come out one frequency at a time.
      const bool freq_outer = freqs.size() <= temperatures.size();
      check_point_count(double(freqs.size()) * double(temperatures.size()), "--temperature x --frequency");
      std::vector<Condition> pts;
      for (double a : freq_outer ? freqs : temperatures)
        for (double b : freq_outer ? temperatures : freqs) {
          Condition c;
          c.temperature_K = freq_outer ? b : a;
          c.omega_rad_s = 2 * kPi * (freq_outer ? a : b);
          pts.push_back(c);
        }
      cols = {{"frequency [Hz]", {}}, {stor, {}}, {loss, {}}, {"tan_delta [-]", {}}};
      const auto extras = model.dma_extras(values, pts);
      const ExtraColumn* tan = nullptr;
      for (const auto& e : extras)
        if (e.header == "tan_delta [-]") tan = &e;
      for (size_t i = 0; i < pts.size(); ++i) {
        double E[2];
        model.predict(values, pts[i], E);
        row_T.push_back(pts[i].temperature_K);
        cols[0].values.push_back(pts[i].omega_rad_s / (2 * kPi));
        cols[1].values.push_back(E[0]);
        cols[2].values.push_back(E[1]);
        cols[3].values.push_back(tan ? tan->values[i] : E[1] / E[0]);
      }
      const bool x_is_freq = temperatures.size() == 1 || (!freq_outer && freqs.size() > 1);
      plot.title = title + (x_is_freq ? ": isothermal DMA" : ": isochronal DMA");
      plot.xlabel = x_is_freq ? "frequency [Hz]" : "temperature [K]";
      plot.log_x = x_is_freq;
      plot.ylabel = "storage modulus E' [MPa]";
      plot.y2label = "loss modulus E'' [MPa]";
      plot.log_y = plot.log_y2 = x_is_freq;
      const size_t block = freq_outer ? temperatures.size() : freqs.size();
      for (size_t start = 0; start < pts.size(); start += block) {
        const std::string tag =
            freq_outer ? fmt::format("{:g} Hz", cols[0].values[start]) : temperature_label(row_T[start]);
        Series e1, e2;
        e1.title = "E' " + tag, e2.title = "E'' " + tag, e2.right_axis = true;
        for (size_t i = start; i < start + block; ++i) {
          const double x = x_is_freq ? cols[0].values[i] : row_T[i];
          e1.x.push_back(x), e1.y.push_back(cols[1].values[i]);
          e2.x.push_back(x), e2.y.push_back(cols[2].values[i]);
        }
        plot.series.push_back(std::move(e1));
        plot.series.push_back(std::move(e2));
      }
      break;
    }
    case PredictProtocol::Master: {
      // The model's own master curve: an isothermal sweep at T_ref over a wide frequency range,
      // with the model's extra DMA outputs (HC: E'' split by process). No shift is involved.
      if (temperatures.size() != 1) throw InputError("--protocol master needs one --temperature (the reference)");
      std::vector<Condition> pts;
      for (double f : freqs) {
        Condition c;
        c.temperature_K = temperatures[0];
        c.omega_rad_s = 2 * kPi * f;
        pts.push_back(c);
      }
      const auto extras = model.dma_extras(values, pts);
      cols = {{"frequency [Hz]", {}}, {stor, {}}, {loss, {}}};
      const ExtraColumn* tan = nullptr;
      std::vector<const ExtraColumn*> parts;
      for (const auto& e : extras) {
        if (e.header == "tan_delta [-]") {
          tan = &e;
        } else {
          cols.push_back({e.header, e.values});
          parts.push_back(&e);
        }
      }
      if (!parts.empty()) {
        std::string sum;
        for (const auto* e : parts) sum += (sum.empty() ? "" : " + ") + e->header.substr(0, e->header.find(' '));
        t.notes.push_back(sum + " = loss_modulus (additive loss compliance)");
      }
      cols.push_back({"tan_delta [-]", {}});
      Series e1, e2;
      e1.title = "E'", e2.title = "E''";
      std::vector<Series> part_series(parts.size());
      for (size_t j = 0; j < parts.size(); ++j) part_series[j].title = parts[j]->title;
      for (size_t i = 0; i < pts.size(); ++i) {
        double E[2];
        model.predict(values, pts[i], E);
        row_T.push_back(temperatures[0]);
        cols[0].values.push_back(freqs[i]);
        cols[1].values.push_back(E[0]);
        cols[2].values.push_back(E[1]);
        cols.back().values.push_back(tan ? tan->values[i] : E[1] / E[0]);
        e1.x.push_back(freqs[i]), e1.y.push_back(E[0]);
        e2.x.push_back(freqs[i]), e2.y.push_back(E[1]);
        // Log axes: leave out parts too small to draw.
        for (size_t j = 0; j < parts.size(); ++j)
          if (parts[j]->values[i] > 1e-6 * E[1])
            part_series[j].x.push_back(freqs[i]), part_series[j].y.push_back(parts[j]->values[i]);
      }
      plot = plot_spec(
          thermal ? fmt::format("{} master curve at {:g} K", title, temperatures[0]) : title + " master curve",
          "frequency [Hz]", "modulus [MPa]", true, true);
      plot.series = {e1, e2};
      plot.series.insert(plot.series.end(), part_series.begin(), part_series.end());
      break;
    }
    case PredictProtocol::Creep: {
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
      break;
    }
    case PredictProtocol::Relaxation:
    case PredictProtocol::Tension:
    case PredictProtocol::History: {
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
      break;
    }
  }
  if (thermal) cols.insert(cols.begin(), OutputColumn{"temperature [K]", row_T});
  check_finite_rows(cols, model, values, row_T);
  return t;
}

}  // namespace glassfit
