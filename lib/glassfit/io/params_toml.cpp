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
        v = parse_quantity(*s, spec->dimension, "parameter '" + k + "'");
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

std::vector<std::string> parameter_file_names(const std::string& path) {
  const std::string text = read_text_file(path);
  toml::table doc;
  try {
    doc = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  std::vector<std::string> names;
  for (const auto& [key, node] : doc)
    if (key.str() != "model") names.emplace_back(key.str());
  return names;
}

ParameterSet read_parameter_file(const std::string& path, std::span<const ParameterSpec> table,
                                 const std::string& model_name) {
  return parse_parameters(read_text_file(path), path, table, model_name);
}

}  // namespace glassfit
