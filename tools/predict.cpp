// SPDX-License-Identifier: BSD-3-Clause
#include "predict.h"

#include <algorithm>
#include <fmt/format.h>
#include <initializer_list>
#include <limits>
#include <string_view>
#include <utility>

#include "glassfit/core/error.h"
#include "glassfit/core/grid.h"
#include "glassfit/core/version.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/io/params_toml.h"
#include "glassfit/io/plot.h"
#include "glassfit/models/describe.h"
#include "glassfit/models/registry.h"
#include "glassfit/predict/predict_table.h"

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

// Every protocol-specific option given that the protocol does not use is an error, in this order.
void reject_unused(const PredictOptions& o, std::initializer_list<std::string_view> used) {
  const std::pair<std::string_view, const std::string*> options[] = {
      {"--frequency", &o.frequency},     {"--stress", &o.stress},           {"--time", &o.time},
      {"--strain", &o.strain},           {"--strain-rate", &o.strain_rate}, {"--max-strain", &o.max_strain},
      {"--strain-path", &o.strain_path}, {"--stress-path", &o.stress_path}};
  for (const auto& [name, value] : options)
    if (!value->empty() && std::find(used.begin(), used.end(), name) == used.end())
      throw InputError(fmt::format("{} does not apply to --protocol {}", name, o.protocol));
}

void emit(const PredictOptions& o, const std::vector<std::string>& comments, const std::vector<OutputColumn>& columns) {
  if (o.output.empty())
    write_stdout(format_csv(comments, columns));
  else
    write_csv(o.output, comments, columns);
}

ModelPtr model_for(const PredictOptions& o, const ParameterFileText& params) {
  ModelSetup setup;
  if (!o.params_file.empty()) {
    setup.parameter_names = parameter_names(params);
    setup.options = parameter_options(params);  // the command line's come after: they win
  }
  setup.options.insert(setup.options.end(), o.model_options.begin(), o.model_options.end());
  return make_model(o.model, setup);
}

}  // namespace

int run_models(const std::string& only, bool markdown) {
  if (!only.empty()) make_model(only);  // an unknown name is an error
  std::string text;
  for (const auto& entry : registered_models())
    if (only.empty() || only == entry.name) text += markdown ? model_markdown(entry) : model_listing(entry);
  write_stdout(text);
  return 0;
}

int run_predict(const PredictOptions& o) {
  // Read once: --params may be a pipe.
  const ParameterFileText params = o.params_file.empty() ? ParameterFileText{} : read_parameter_text(o.params_file);
  const ModelPtr model = model_for(o, params);
  PredictRequest q;
  q.protocol = protocol_named(o.protocol);
  const ParameterSet set = o.params_file.empty()
                               ? ParameterSet(model->parameters())
                               : parse_parameters(params.text, params.path, model->parameters(), model->name());
  const auto values = model->values_from(set);
  const bool thermal = model->uses_temperature();
  if (thermal && o.temperature.empty()) throw InputError("--temperature is required for model " + model->name());
  if (!thermal && !o.temperature.empty())
    throw InputError(fmt::format("--temperature does not apply to model {} (it is isothermal)", model->name()));
  q.temperatures_K = thermal ? required_grid(o.temperature, Dimension::Temperature, "--temperature", o.protocol)
                             : std::vector<double>{std::numeric_limits<double>::quiet_NaN()};
  for (double T : q.temperatures_K)
    if (thermal && !(T > 0)) throw InputError(fmt::format("--temperature: {:g} K is not above absolute zero", T));

  switch (q.protocol) {
    case PredictProtocol::Dma:
      reject_unused(o, {"--frequency"});
      q.frequencies_Hz = required_grid(o.frequency, Dimension::Frequency, "--frequency", o.protocol);
      break;
    case PredictProtocol::Master:
      reject_unused(o, {"--frequency"});
      q.frequencies_Hz = parse_grid(o.frequency.empty() ? std::string("1e-6:1e6:121log") : o.frequency,
                                    Dimension::Frequency, "--frequency");
      break;
    case PredictProtocol::Creep:
      reject_unused(o, {"--stress", "--time"});
      if (o.stress.empty()) throw InputError("--protocol creep needs --stress (e.g. 50@0,0@330 in MPa@s)");
      q.stress_history = parse_history(o.stress, Dimension::Stress, "--stress");
      q.times_s = required_grid(o.time, Dimension::Time, "--time", o.protocol);
      break;
    case PredictProtocol::Relaxation:
      reject_unused(o, {"--strain", "--time"});
      q.program.strain_step = required_value(o.strain, Dimension::Dimensionless, "--strain", o.protocol);
      q.times_s = required_grid(o.time, Dimension::Time, "--time", o.protocol);
      break;
    case PredictProtocol::Tension:
      reject_unused(o, {"--strain-rate", "--max-strain", "--time"});
      q.program.strain_rate_per_s = required_value(o.strain_rate, Dimension::StrainRate, "--strain-rate", o.protocol);
      if (!(q.program.strain_rate_per_s > 0)) throw InputError("--strain-rate must be positive (1/s)");
      if (!o.max_strain.empty() == !o.time.empty())
        throw InputError("--protocol tension needs exactly one of --max-strain and --time");
      if (!o.max_strain.empty()) {
        const double emax = required_value(o.max_strain, Dimension::Dimensionless, "--max-strain", o.protocol);
        if (!(emax > 0)) throw InputError("--max-strain must be positive");
        if (o.points < 2) throw InputError("--points must be at least 2");
        check_point_count(double(o.points) * double(q.temperatures_K.size()), "--points");
        for (int i = 1; i <= o.points; ++i) q.times_s.push_back(emax / q.program.strain_rate_per_s * i / o.points);
      } else {
        q.times_s = required_grid(o.time, Dimension::Time, "--time", o.protocol);
      }
      break;
    case PredictProtocol::History:
      reject_unused(o, {"--strain-path", "--stress-path", "--time"});
      if (o.strain_path.empty() == o.stress_path.empty())
        throw InputError(
            "--protocol history needs one of --strain-path (e.g. 0.012@40,0@80 in strain@s) and --stress-path "
            "(e.g. 300@40,0@40 in MPa@s)");
      // parse_history checks that every value is finite and that times do not decrease.
      if (!o.strain_path.empty())
        q.strain_path = parse_history(o.strain_path, Dimension::Dimensionless, "--strain-path", true);
      else
        q.stress_path = parse_history(o.stress_path, Dimension::Stress, "--stress-path", true);
      q.times_s = required_grid(o.time, Dimension::Time, "--time", o.protocol);
      break;
  }
  if (!q.times_s.empty())
    check_point_count(double(q.times_s.size()) * double(q.temperatures_K.size()), "--temperature x --time");

  const PredictTable table = predict_table(*model, values, q);
  std::vector<std::string> comments = {
      fmt::format("glassfit {} predict: model {}, protocol {}", kVersion, model->name(), o.protocol),
      "command: " + o.command_line,
      "parameters: " + (o.params_file.empty() ? std::string("model defaults") : o.params_file)};
  std::string text;
  for (const auto& [name, v] : set.values()) text += fmt::format("{}{}={:g}", text.empty() ? "" : " ", name, v);
  comments.push_back(text);
  for (const auto& [name, v] : o.model_options) comments.push_back(fmt::format("model option {} = {}", name, v));
  comments.insert(comments.end(), table.notes.begin(), table.notes.end());
  emit(o, comments, table.columns);
  if (!o.plot.empty()) draw_plot(o.plot, table.plot);
  return 0;
}

}  // namespace glassfit::cli
