// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/registry.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/models/hc/register.h"
#include "glassfit/models/onebody/register.h"
#include "glassfit/models/prony/register.h"

namespace glassfit {
namespace {

// One line per model.
const ModelEntry kModels[] = {
    hc::registry_entry(),
    prony::registry_entry(),
    onebody::registry_entry(),
};

}  // namespace

std::span<const ModelEntry> registered_models() { return kModels; }

std::string model_names() {
  std::string s;
  for (const auto& m : kModels) s += (s.empty() ? "" : ", ") + std::string(m.name);
  return s;
}

ModelPtr make_model(const std::string& name, const ModelSetup& setup) {
  for (const auto& m : kModels)
    if (name == m.name) return m.make(setup);
  throw InputError(fmt::format("unknown model '{}' (known: {}; see 'glassfit models')", name, model_names()));
}

void check_model_options(const ModelSetup& setup, const std::string& model, const std::vector<std::string>& known) {
  for (const auto& [name, value] : setup.options)
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw InputError(
          fmt::format("model {} has no option '{}' (its options: {})", model, name, list.empty() ? "none" : list));
    }
}

std::string model_option(const ModelSetup& setup, const std::string& name, const std::string& fallback) {
  std::string value = fallback;  // the last one given wins (a command line after a file)
  for (const auto& [k, v] : setup.options)
    if (k == name) value = v;
  return value;
}

double model_option_number(const ModelSetup& setup, const std::string& model, const std::string& name,
                           double fallback) {
  const std::string text = model_option(setup, name, "");
  if (text.empty()) return fallback;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(v))
    throw InputError(fmt::format("model {} option '{}': '{}' is not a number", model, name, text));
  return v;
}

}  // namespace glassfit
