// SPDX-License-Identifier: BSD-3-Clause
// models() and predict(): the model tables and `glassfit predict` on arrays.
#include <fmt/format.h>
#include <map>
#include <stdexcept>
#include <pybind11/stl.h>

#include "arrays.h"
#include "bindings.h"
#include "model_values.h"
#include "glassfit/core/error.h"
#include "glassfit/predict/predict_table.h"
#include "glassfit/io/params_toml.h"
#include "glassfit/models/registry.h"

namespace py = pybind11;

namespace glassfit::python {
namespace {

py::dict parameter_dict(const ParameterSpec& p) {
  py::dict d;
  d["name"] = p.name, d["unit"] = p.unit, d["default"] = p.default_value;
  d["lower"] = p.lower, d["upper"] = p.upper;
  d["lower_inclusive"] = p.lower_inclusive, d["upper_inclusive"] = p.upper_inclusive;
  d["log_scale"] = p.log_scale, d["meaning"] = p.meaning;
  return d;
}

py::list models(const py::dict& options) {
  py::list out;
  for (const auto& entry : registered_models()) {
    const ModelPtr model = make_model(entry.name, setup_of(options, {}));
    py::dict d;
    d["name"] = entry.name, d["meaning"] = entry.meaning, d["options"] = std::string(entry.options_help);
    d["uses_temperature"] = model->uses_temperature();
    py::list params;
    for (const auto& p : model->parameters()) params.append(parameter_dict(p));
    d["parameters"] = params;
    out.append(d);
  }
  return out;
}

py::dict predict(const std::string& model_name, const std::string& protocol, const py::object& params,
                 const py::object& temperature, const py::object& frequency, const py::object& stress,
                 const py::object& time, const py::object& strain, const py::object& strain_rate,
                 const py::object& strain_path, const py::object& stress_path, const py::dict& options) {
  const auto [model, values] = model_and_values(model_name, params, options);
  PredictRequest q;
  q.protocol = protocol_named(protocol);
  q.temperatures_K = to_vector(temperature, "temperature", Dimension::Temperature);
  if (model->uses_temperature() && q.temperatures_K.empty())
    throw InputError("temperature is required for model " + model->name());
  if (!model->uses_temperature()) {
    if (!q.temperatures_K.empty())
      throw InputError(fmt::format("temperature does not apply to model {} (it is isothermal)", model->name()));
    q.temperatures_K = {std::nan("")};
  }
  q.frequencies_Hz = to_vector(frequency, "frequency", Dimension::Frequency);
  q.times_s = to_vector(time, "time", Dimension::Time);
  if (!stress.is_none())
    q.stress_history = to_history(stress, "stress", "a stress in MPa, or (stress_MPa, from_time_s) pairs", false);
  if (!strain_path.is_none()) q.strain_path = to_history(strain_path, "strain_path", "(strain, time_s) pairs", true);
  if (!stress_path.is_none())
    q.stress_path = to_history(stress_path, "stress_path", "(stress_MPa, time_s) pairs", true);
  if (q.protocol == PredictProtocol::History && q.strain_path.empty() == q.stress_path.empty())
    throw InputError(
        "protocol 'history' needs one of strain_path=[(strain, time_s), ...] and stress_path=[(MPa, s), ...]");
  if (!strain.is_none()) q.program.strain_step = to_number(strain, "strain");
  if (!strain_rate.is_none())
    q.program.strain_rate_per_s = to_number(strain_rate, "strain_rate", Dimension::StrainRate);
  PredictTable table;
  {
    py::gil_scoped_release release;
    table = predict_table(*model, values, q);
  }
  py::dict out;
  for (auto& c : table.columns) out[py::str(c.header)] = to_array(std::move(c.values));
  return out;
}

// A quantity the Python layer was given as text: "50C" as temperature, "10 K" as a difference.
double quantity(const std::string& text, const std::string& dimension, const std::string& what, bool difference) {
  static const std::map<std::string, Dimension> kDims = {{"temperature", Dimension::Temperature},
                                                         {"stress", Dimension::Stress},
                                                         {"time", Dimension::Time},
                                                         {"frequency", Dimension::Frequency},
                                                         {"strain_rate", Dimension::StrainRate},
                                                         {"dimensionless", Dimension::Dimensionless}};
  const auto d = kDims.find(dimension);
  if (d == kDims.end()) throw std::logic_error("_quantity: unknown dimension " + dimension);
  return parse_quantity(text, d->second, what, difference);
}

}  // namespace

void bind_models(py::module_& m) {
  m.def("_quantity", &quantity, py::arg("text"), py::arg("dimension"), py::arg("what"), py::arg("difference") = false);
  m.def("models", &models, py::arg("options") = py::dict(),
        "Every model with its parameters (name, unit, default, physical range, log_scale, meaning)\n"
        "and options. Units are the internal ones: MPa, s, K, J/mol, eV.");
  m.def("predict", &predict, py::arg("model"), py::arg("protocol"), py::kw_only(), py::arg("params") = py::none(),
        py::arg("temperature") = py::none(), py::arg("frequency") = py::none(), py::arg("stress") = py::none(),
        py::arg("time") = py::none(), py::arg("strain") = py::none(), py::arg("strain_rate") = py::none(),
        py::arg("strain_path") = py::none(), py::arg("stress_path") = py::none(), py::arg("options") = py::dict(),
        "What a model predicts, as `glassfit predict` writes it: a dict of column header -> array.\n"
        "protocol: 'dma' (temperature [K] x frequency [Hz]), 'master' (frequency [Hz]), 'creep'\n"
        "(stress: [(MPa, from s), ...], time [s]), 'relaxation' (strain [-], time [s]), 'tension'\n"
        "(strain_rate [1/s], time [s]) or 'history' (strain_path: [(strain, at s), ...] or stress_path:\n"
        "[(MPa, at s), ...], linear between, time [s]); time-domain tables carry the model's extra columns (hc: strain "
        "parts, chi). params: None (the model's defaults), a dict of values in\n"
        "internal units (MPa, s, K, J/mol, eV), or a parameter file's path. options: the model's\n"
        "options, e.g. {'anelastic': 'exact'}.");
}

}  // namespace glassfit::python
