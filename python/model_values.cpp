// SPDX-License-Identifier: BSD-3-Clause
#include "model_values.h"

#include <fmt/format.h>

#include "arrays.h"
#include "glassfit/core/error.h"
#include "glassfit/io/params_toml.h"

namespace py = pybind11;

namespace glassfit::python {

ModelSetup setup_of(const py::dict& options, const std::vector<std::string>& parameter_names) {
  ModelSetup s;
  for (const auto& [k, v] : options) s.options.emplace_back(py::str(k), py::str(v));
  s.parameter_names = parameter_names;
  return s;
}

// The model and its values: defaults, a parameter file, or a dict of values in internal units.
std::pair<ModelPtr, std::vector<double>> model_and_values(const std::string& name, const py::object& params,
                                                          const py::dict& options) {
  if (params.is_none()) {
    const ModelPtr model = make_model(name, setup_of(options, {}));
    return {model, model->values_from(ParameterSet(model->parameters()))};
  }
  if (py::isinstance<py::str>(params)) {
    const ParameterFileText file = read_parameter_text(params.cast<std::string>());  // once: it may be a pipe
    ModelSetup s;
    s.parameter_names = parameter_names(file);
    s.options = parameter_options(file);  // the call's options come after: they win
    for (const auto& [k, v] : options) s.options.emplace_back(py::str(k), py::str(v));
    const ModelPtr model = make_model(name, s);
    return {model, model->values_from(parse_parameters(file.text, file.path, model->parameters(), model->name()))};
  }
  if (!py::isinstance<py::dict>(params))
    throw InputError("params: a dict of values (internal units), a parameter file's path, or None");
  const py::dict given = params.cast<py::dict>();
  std::vector<std::string> names;
  for (const auto& [k, v] : given) names.push_back(py::str(k));
  const ModelPtr model = make_model(name, setup_of(options, names));
  ParameterSet set(model->parameters());
  for (const auto& [k, v] : given) {
    const std::string key = py::str(k), what = "params['" + key + "']";
    if (py::isinstance<py::str>(v)) {  // a value with its unit, as in a parameter file ("88.6 GPa")
      set.set(key, parse_parameter(set.spec(key), v.cast<std::string>(), what));
      continue;
    }
    if (!py::isinstance<py::float_>(v) && !py::isinstance<py::int_>(v))
      throw InputError(fmt::format("{}: a number in the parameter's internal unit, or a text with its unit", what));
    set.set(key, to_number(v, what));
  }
  return {model, model->values_from(set)};
}

}  // namespace glassfit::python
