// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/model.h"

#include <fmt/format.h>

#include "glassfit/core/error.h"

namespace glassfit {

int Model::slot(const std::string& parameter) const {
  const auto table = parameters();
  for (size_t k = 0; k < table.size(); ++k)
    if (table[k].name == parameter) return static_cast<int>(k);
  return -1;
}

std::vector<double> Model::defaults() const {
  std::vector<double> v;
  for (const auto& p : parameters()) v.push_back(p.default_value);
  return v;
}

std::vector<double> Model::values_from(const ParameterSet& set) const {
  std::vector<double> v;
  for (const auto& p : parameters()) v.push_back(set[p.name]);
  if (auto why = relation_violation(v); !why.empty()) throw InputError("parameters: " + why);
  return v;
}

std::string Model::parameter_names() const {
  std::string s;
  for (const auto& p : parameters()) s += (s.empty() ? "" : ", ") + p.name;
  return s;
}

std::vector<double> Model::relaxation_modulus(std::span<const double> values, double temperature_K,
                                              std::span<const double> times_s) const {
  if (!predicts(Experiment::Relaxation))
    throw InputError(fmt::format("model {} cannot give a relaxation modulus", name()));
  Condition c;
  c.kind = Experiment::Relaxation;
  c.temperature_K = temperature_K;
  c.program.strain_step = 1.0;
  c.linear_limit = true;
  c.times.assign(times_s.begin(), times_s.end());
  std::vector<double> E(c.outputs());
  predict(values, c, E);
  return E;
}

}  // namespace glassfit
