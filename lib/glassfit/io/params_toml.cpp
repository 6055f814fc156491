// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/params_toml.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include "glassfit/core/error.h"
#include "glassfit/io/text_file.h"

namespace glassfit {

ParameterSet parse_parameters(const std::string& text, const std::string& name, std::span<const ParameterSpec> table,
                              const std::string& model_name) {
  toml::table doc;
  try {
    doc = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("{}:{}: {}", name, e.source().begin.line, e.description()));
  }
  ParameterSet set(table);
  for (const auto& [key, node] : doc) {
    const std::string k(key.str());
    const long line = static_cast<long>(node.source().begin.line);
    if (k == "model_options") continue;  // parameter_file_options
    if (k == "model") {
      const auto m = node.value<std::string>();
      if (!m || *m != model_name)
        throw InputError(
            located(name, line, "", fmt::format("file is for model '{}', not '{}'", m.value_or("?"), model_name)));
      continue;
    }
    const ParameterSpec* spec = nullptr;
    for (const auto& p : table)
      if (p.name == k) spec = &p;
    if (!spec) {
      std::string known;
      for (const auto& p : table) known += (known.empty() ? "" : ", ") + p.name;
      throw InputError(
          located(name, line, "", fmt::format("unknown parameter '{}' (model {} has: {})", k, model_name, known)));
    }
    double v = 0;
    if (auto d = node.value<double>()) {
      v = *d;
    } else if (auto s = node.value<std::string>()) {
      try {
        v = parse_parameter(*spec, *s, "parameter '" + k + "'");
      } catch (const InputError& e) {
        throw InputError(located(name, line, "", e.what()));
      }
    } else {
      throw InputError(
          located(name, line, "", fmt::format("parameter '{}' must be a number or a \"value unit\" string", k)));
    }
    try {
      set.set(k, v);
    } catch (const InputError& e) {
      throw InputError(located(name, line, "", e.what()));
    }
  }
  return set;
}

namespace {

toml::table parse_text(const std::string& text, const std::string& path) {
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
}

}  // namespace

ParameterFileText read_parameter_text(const std::string& path) { return {path, read_text_file(path)}; }

std::vector<std::string> parameter_file_names(const std::string& path) {
  return parameter_names(read_parameter_text(path));
}
std::vector<std::pair<std::string, std::string>> parameter_file_options(const std::string& path) {
  return parameter_options(read_parameter_text(path));
}

std::vector<std::string> parameter_names(const ParameterFileText& file) {
  std::vector<std::string> names;
  for (const auto& [key, node] : parse_text(file.text, file.path))
    if (key.str() != "model" && key.str() != "model_options") names.emplace_back(key.str());
  return names;
}

std::vector<std::pair<std::string, std::string>> parameter_options(const ParameterFileText& file) {
  const std::string& path = file.path;
  const auto doc = parse_text(file.text, path);
  std::vector<std::pair<std::string, std::string>> options;
  const auto* node = doc.get("model_options");
  if (!node) return options;
  const auto* table = node->as_table();
  if (!table)
    throw InputError(located(path, static_cast<long>(node->source().begin.line), "",
                             "model_options must be a table of name = \"value\""));
  for (const auto& [key, value] : *table) {
    const auto text = value.value<std::string>();
    if (!text)
      throw InputError(located(path, static_cast<long>(value.source().begin.line), "",
                               fmt::format("model option '{}' must be a string", key.str())));
    options.emplace_back(std::string(key.str()), *text);
  }
  return options;
}

ParameterSet read_parameter_file(const std::string& path, std::span<const ParameterSpec> table,
                                 const std::string& model_name) {
  return parse_parameters(read_text_file(path), path, table, model_name);
}

}  // namespace glassfit
