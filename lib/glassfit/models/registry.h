// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The models glassfit knows, by name. `glassfit models`, `predict --model`, fit specs and the
// docs read this list; adding a model is one line in registry.cpp (docs/architecture.md).
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "glassfit/models/model.h"

namespace glassfit {

// What a model may be configured from: its options (name = value as text, from a spec's
// [model_options] table or the command line), the parameters a file names (a Prony series
// counts its terms from them) and the time window of the data it will be fitted to.
struct ModelSetup {
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<std::string> parameter_names;
  DataWindow window;
  // The kind of the data's moduli when every dataset states the same one (a model whose kind is
  // an option, a Prony series, follows it unless the option is given).
  ModulusKind data_modulus = ModulusKind::Unknown;
};

struct ModelEntry {
  const char* name;
  const char* meaning;
  const char* options_help;  // "name: meaning" lines of its options, for --help and docs
  ModelPtr (*make)(const ModelSetup&);
};

std::span<const ModelEntry> registered_models();
// The model, configured; InputError for an unknown name or option.
ModelPtr make_model(const std::string& name, const ModelSetup& setup = {});
std::string model_names();  // "hc, prony"

// For model factories: the value of an option (the last given), or `fallback`; InputError naming the model and
// the option when a given option is not in `known`.
std::string model_option(const ModelSetup& setup, const std::string& name, const std::string& fallback);
void check_model_options(const ModelSetup& setup, const std::string& model, const std::vector<std::string>& known);
double model_option_number(const ModelSetup& setup, const std::string& model, const std::string& name, double fallback);

}  // namespace glassfit
