#include "predict.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iostream>
#include <limits>
#include <set>

#include "glassfit/core/error.h"
#include "glassfit/core/grid.h"
#include "glassfit/core/version.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/io/params_toml.h"
#include "glassfit/io/plot.h"
#include "glassfit/core/constants.h"
#include "glassfit/models/registry.h"

namespace glassfit::cli {
namespace {

std::vector<double> required_grid(const std::string& text, Dimension dim, const std::string& option,
                                  const std::string& protocol) {
  if (text.empty()) throw InputError(fmt::format("--protocol {} needs {}", protocol, option));
  return parse_grid(text, dim, option);
}

double required_value(const std::string& text, Dimension dim, const std::string& option, const std::string& protocol) {
  const auto v = required_grid(text, dim, option, protocol);
  if (v.size() != 1) throw InputError(option + ": give one value");
  return v[0];
}

void reject_unused(const PredictOptions& o, const std::vector<std::pair<std::string, std::string>>& given) {
  for (const auto& [name, value] : given)
    if (!value.empty()) throw InputError(fmt::format("{} does not apply to --protocol {}", name, o.protocol));
}

void emit(const PredictOptions& o, const std::vector<std::string>& comments, const std::vector<OutputColumn>& columns) {
  if (o.output.empty())
    write_stdout(format_csv(comments, columns));
  else
    write_csv(o.output, comments, columns);
}

// The model's outputs are checked before anything is written: a value that over- or underflowed
// (NaN, inf) names its row's conditions and, where the model can say, the time scales there.
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

std::string label_K(double T) { return std::isfinite(T) ? fmt::format("{:g} K", T) : std::string("isothermal"); }

PlotSpec plot_spec(std::string title, std::string xlabel, std::string ylabel, bool log_x, bool log_y) {
  PlotSpec p;
  p.title = std::move(title), p.xlabel = std::move(xlabel), p.ylabel = std::move(ylabel);
  p.log_x = log_x, p.log_y = log_y;
  return p;
}

ModelPtr model_for(const PredictOptions& o) {
  ModelSetup setup;
  setup.options = o.model_options;
  if (!o.params_file.empty()) setup.parameter_names = parameter_file_names(o.params_file);
  return make_model(o.model, setup);
}

Experiment experiment_of(const std::string& protocol) {
  if (protocol == "dma" || protocol == "master") return Experiment::Dma;
  if (protocol == "creep") return Experiment::Creep;
  if (protocol == "relaxation") return Experiment::Relaxation;
  if (protocol == "tension") return Experiment::Tension;
  throw InputError(fmt::format("unknown protocol '{}' (dma, master, creep, relaxation, tension)", protocol));
}

}  // namespace

int run_models(const std::string& only, bool markdown) {
  if (!only.empty()) make_model(only);  // an unknown name is an error
  for (const auto& entry : registered_models()) {
    if (!only.empty() && only != entry.name) continue;
    const auto model = entry.make({});
    const auto table = model->parameters();
    if (markdown) {
      std::cout << fmt::format("### {}\n\n{}\n\n", entry.name, entry.meaning);
      std::cout << "| name | unit | default | physical range | fitted on log scale | meaning |\n|---|---|---|---|---|---|\n";
      for (const auto& p : table)
        std::cout << fmt::format("| `{}` | {} | {:g} | {} | {} | {} |\n", p.name, p.unit, p.default_value, range_text(p),
                                 p.log_scale ? "yes" : "no", p.meaning);
      std::cout << "\nOptions (`[model_options]` in a fit spec, `--model-option` for predict):\n\n";
      std::string help = entry.options_help;
      for (size_t at = 0; at < help.size();) {
        const size_t end = std::min(help.find('\n', at), help.size());
        std::cout << "- " << help.substr(at, end - at) << "\n";
        at = end + 1;
      }
      std::cout << "\n";
      continue;
    }
    std::cout << fmt::format("{}  {}\n", entry.name, entry.meaning);
    std::cout << fmt::format("  {:<10} {:<8} {:>10}  {:<14} {:<4} {}\n", "name", "unit", "default", "range", "log", "meaning");
    for (const auto& p : table)
      std::cout << fmt::format("  {:<10} {:<8} {:>10g}  {:<14} {:<4} {}\n", p.name, p.unit, p.default_value,
                               range_text(p), p.log_scale ? "yes" : "no", p.meaning);
    std::string help = entry.options_help;
    std::cout << "  options:\n";
    for (size_t at = 0; at < help.size();) {
      const size_t end = std::min(help.find('\n', at), help.size());
      std::cout << "    " << help.substr(at, end - at) << "\n";
      at = end + 1;
    }
  }
  return 0;
}

int run_predict(const PredictOptions& o) {
  const ModelPtr model = model_for(o);
  const Experiment kind = experiment_of(o.protocol);
  if (!model->predicts(kind))
    throw InputError(fmt::format("model {} cannot predict --protocol {}", model->name(), o.protocol));
  const ParameterSet set = o.params_file.empty() ? ParameterSet(model->parameters())
                                                 : read_parameter_file(o.params_file, model->parameters(), model->name());
  const auto values = model->values_from(set);
  const bool thermal = model->uses_temperature();
  if (thermal && o.temperature.empty()) throw InputError("--temperature is required for model " + model->name());
  if (!thermal && !o.temperature.empty())
    throw InputError(fmt::format("--temperature does not apply to model {} (it is isothermal)", model->name()));
  const auto temperatures = thermal ? required_grid(o.temperature, Dimension::Temperature, "--temperature", o.protocol)
                                    : std::vector<double>{std::numeric_limits<double>::quiet_NaN()};
  for (double T : temperatures)
    if (thermal && !(T > 0)) throw InputError(fmt::format("--temperature: {:g} K is not above absolute zero", T));

  std::vector<std::string> comments = {
      fmt::format("glassfit {} predict: model {}, protocol {}", kVersion, model->name(), o.protocol),
      "command: " + o.command_line,
      "parameters: " + (o.params_file.empty() ? std::string("model defaults") : o.params_file)};
  std::string text;
  for (const auto& [name, v] : set.values()) text += fmt::format("{}{}={:g}", text.empty() ? "" : " ", name, v);
  comments.push_back(text);
  for (const auto& [name, v] : o.model_options) comments.push_back(fmt::format("model option {} = {}", name, v));

  const std::string title = model->name() + " model";
  PlotSpec plot;
  std::vector<OutputColumn> cols;
  std::vector<double> row_T;
  auto add_temperature_column = [&] {
    if (thermal) cols.insert(cols.begin(), OutputColumn{"temperature [K]", row_T});
  };
  if (o.protocol == "dma") {
    reject_unused(o, {{"--stress", o.stress}, {"--time", o.time}, {"--strain", o.strain},
                      {"--strain-rate", o.strain_rate}, {"--max-strain", o.max_strain}});
    const auto freqs = required_grid(o.frequency, Dimension::Frequency, "--frequency", o.protocol);
    for (double f : freqs)
      if (!(f > 0)) throw InputError(fmt::format("--frequency: {:g} Hz must be positive", f));
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
    cols = {{"frequency [Hz]", {}}, {"storage_modulus [MPa]", {}}, {"loss_modulus [MPa]", {}}, {"tan_delta [-]", {}}};
    const auto extras = model->dma_extras(values, pts);
    const ExtraColumn* tan = nullptr;
    for (const auto& e : extras)
      if (e.header == "tan_delta [-]") tan = &e;
    for (size_t i = 0; i < pts.size(); ++i) {
      double E[2];
      model->predict(values, pts[i], E);
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
      const std::string tag = freq_outer ? fmt::format("{:g} Hz", cols[0].values[start]) : label_K(row_T[start]);
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
  } else if (o.protocol == "master") {
    // The model's own master curve: an isothermal sweep at T_ref over a wide frequency range,
    // with the model's extra DMA outputs (HC: E'' split by process). No shift is involved.
    reject_unused(o, {{"--stress", o.stress}, {"--time", o.time}, {"--strain", o.strain},
                      {"--strain-rate", o.strain_rate}, {"--max-strain", o.max_strain}});
    if (temperatures.size() != 1) throw InputError("--protocol master needs one --temperature (the reference)");
    const auto freqs = parse_grid(o.frequency.empty() ? std::string("1e-6:1e6:121log") : o.frequency,
                                  Dimension::Frequency, "--frequency");
    for (double f : freqs)
      if (!(f > 0)) throw InputError(fmt::format("--frequency: {:g} Hz must be positive", f));
    std::vector<Condition> pts;
    for (double f : freqs) {
      Condition c;
      c.temperature_K = temperatures[0];
      c.omega_rad_s = 2 * kPi * f;
      pts.push_back(c);
    }
    const auto extras = model->dma_extras(values, pts);
    cols = {{"frequency [Hz]", {}}, {"storage_modulus [MPa]", {}}, {"loss_modulus [MPa]", {}}};
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
      comments.push_back(sum + " = loss_modulus (additive loss compliance)");
    }
    cols.push_back({"tan_delta [-]", {}});
    Series e1, e2;
    e1.title = "E'", e2.title = "E''";
    std::vector<Series> part_series(parts.size());
    for (size_t j = 0; j < parts.size(); ++j) part_series[j].title = parts[j]->title;
    for (size_t i = 0; i < pts.size(); ++i) {
      double E[2];
      model->predict(values, pts[i], E);
      row_T.push_back(temperatures[0]);
      cols[0].values.push_back(freqs[i]);
      cols[1].values.push_back(E[0]);
      cols[2].values.push_back(E[1]);
      cols.back().values.push_back(tan ? tan->values[i] : E[1] / E[0]);
      e1.x.push_back(freqs[i]), e1.y.push_back(E[0]);
      e2.x.push_back(freqs[i]), e2.y.push_back(E[1]);
      // Log axes: leave out parts too small to draw.
      for (size_t j = 0; j < parts.size(); ++j)
        if (parts[j]->values[i] > 1e-6 * E[1]) part_series[j].x.push_back(freqs[i]), part_series[j].y.push_back(parts[j]->values[i]);
    }
    plot = plot_spec(thermal ? fmt::format("{} master curve at {:g} K", title, temperatures[0]) : title + " master curve",
                     "frequency [Hz]", "modulus [MPa]", true, true);
    plot.series = {e1, e2};
    plot.series.insert(plot.series.end(), part_series.begin(), part_series.end());
  } else if (o.protocol == "creep") {
    reject_unused(o, {{"--frequency", o.frequency}, {"--strain", o.strain}, {"--strain-rate", o.strain_rate},
                      {"--max-strain", o.max_strain}});
    if (o.stress.empty()) throw InputError("--protocol creep needs --stress (e.g. 50@0,0@330 in MPa@s)");
    Condition c;
    c.kind = Experiment::Creep;
    c.history = parse_history(o.stress, Dimension::Stress, "--stress");
    c.times = required_grid(o.time, Dimension::Time, "--time", o.protocol);
    check_point_count(double(c.times.size()) * double(temperatures.size()), "--temperature x --time");
    for (double t : c.times)
      if (t < 0) throw InputError(fmt::format("--time: negative time {:g} s", t));
    cols = {{"time [s]", {}}, {"stress [MPa]", {}}, {"strain [-]", {}}};
    plot = plot_spec(title + ": creep", "time [s]", "strain [-]", false, false);
    for (double T : temperatures) {
      c.temperature_K = T;
      std::vector<double> strain(c.outputs());
      model->predict(values, c, strain);
      Series se;
      se.title = label_K(T);
      for (size_t i = 0; i < c.times.size(); ++i) {
        double stress = 0;
        for (const auto& st : c.history)
          if (c.times[i] > st.time_s) stress = st.value;  // a step acts for t > its time
        row_T.push_back(T);
        cols[0].values.push_back(c.times[i]);
        cols[1].values.push_back(stress), cols[2].values.push_back(strain[i]);
        se.x.push_back(c.times[i]), se.y.push_back(strain[i]);
      }
      plot.series.push_back(std::move(se));
    }
  } else {
    const bool relax = o.protocol == "relaxation";
    Condition c;
    c.kind = kind;
    if (relax) {
      reject_unused(o, {{"--frequency", o.frequency}, {"--stress", o.stress}, {"--strain-rate", o.strain_rate},
                        {"--max-strain", o.max_strain}});
      c.program.strain_step = required_value(o.strain, Dimension::Dimensionless, "--strain", o.protocol);
      c.times = required_grid(o.time, Dimension::Time, "--time", o.protocol);
    } else {
      reject_unused(o, {{"--frequency", o.frequency}, {"--stress", o.stress}, {"--strain", o.strain}});
      c.program.strain_rate_per_s = required_value(o.strain_rate, Dimension::StrainRate, "--strain-rate", o.protocol);
      if (!(c.program.strain_rate_per_s > 0)) throw InputError("--strain-rate must be positive (1/s)");
      if (!o.max_strain.empty() == !o.time.empty())
        throw InputError("--protocol tension needs exactly one of --max-strain and --time");
      if (!o.max_strain.empty()) {
        const double emax = required_value(o.max_strain, Dimension::Dimensionless, "--max-strain", o.protocol);
        if (!(emax > 0)) throw InputError("--max-strain must be positive");
        if (o.points < 2) throw InputError("--points must be at least 2");
        check_point_count(double(o.points) * double(temperatures.size()), "--points");
        for (int i = 1; i <= o.points; ++i) c.times.push_back(emax / c.program.strain_rate_per_s * i / o.points);
      } else {
        c.times = required_grid(o.time, Dimension::Time, "--time", o.protocol);
      }
    }
    check_point_count(double(c.times.size()) * double(temperatures.size()), "--temperature x --time");
    for (size_t i = 0; i < c.times.size(); ++i)
      if (!(c.times[i] > 0) || (i && !(c.times[i] > c.times[i - 1])))
        throw InputError("--time: times must be positive and increasing");
    cols = {{"time [s]", {}}, {"strain [-]", {}}, {"stress [MPa]", {}}};
    if (relax)
      plot = plot_spec(title + ": stress relaxation", "time [s]", "stress [MPa]", true, true);
    else
      plot = plot_spec(title + ": constant strain rate loading", "strain [-]", "stress [MPa]", false, false);
    for (double T : temperatures) {
      c.temperature_K = T;
      std::vector<double> stress(c.outputs());
      model->predict(values, c, stress);
      Series se;
      se.title = label_K(T);
      for (size_t i = 0; i < c.times.size(); ++i) {
        const double strain = c.program.strain_step + c.program.strain_rate_per_s * c.times[i];
        row_T.push_back(T);
        cols[0].values.push_back(c.times[i]);
        cols[1].values.push_back(strain), cols[2].values.push_back(stress[i]);
        // Log axes cannot show non-positive values: leave them out of the relaxation plot.
        if (relax && !(stress[i] > 0)) continue;
        se.x.push_back(relax ? c.times[i] : strain), se.y.push_back(stress[i]);
      }
      plot.series.push_back(std::move(se));
    }
  }
  add_temperature_column();
  check_finite_rows(cols, *model, values, row_T);
  emit(o, comments, cols);
  if (!o.plot.empty()) draw_plot(o.plot, plot);
  return 0;
}

}  // namespace glassfit::cli
