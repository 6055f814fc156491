#include "glassfit/fit/spec.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <limits>
#include <set>
#include <toml++/toml.h>

#include "glassfit/core/error.h"
#include "glassfit/core/text.h"
#include "glassfit/io/text_file.h"
#include "glassfit/io/toml_read.h"
#include "glassfit/models/hc/params.h"

namespace glassfit {
namespace {

using toml_read::check_keys;
using toml_read::Ctx;
using toml_read::get;

double number(const Ctx& c, const toml::node& n, const std::string& what, Dimension dim) {
  if (auto d = n.value<double>()) return *d;
  if (auto s = n.value<std::string>()) {
    try {
      return parse_quantity(*s, dim, what);
    } catch (const InputError& e) {
      c.fail(n, e.what());
    }
  }
  c.fail(n, what + " must be a number or a \"value unit\" string");
}

ResidualScale scale_from(const Ctx& c, const toml::table& t, const std::string& prefix) {
  ResidualScale s;
  s.kind = get<std::string>(c, t, prefix + "residual", "relative");
  if (s.kind == "noise") {
    s.relative = get<double>(c, t, prefix + "noise_relative", 0.0);
    s.absolute = get<double>(c, t, prefix + "noise_absolute", 0.0);
    if (!(s.relative >= 0) || !(s.absolute >= 0) || s.relative + s.absolute <= 0)
      c.fail(t, fmt::format("residual = \"noise\" needs {0}noise_relative and/or {0}noise_absolute > 0", prefix));
  } else if (s.kind == "column") {
    s.column = get<std::string>(c, t, prefix + "sigma_column", "");
    if (s.column.empty()) c.fail(t, fmt::format("residual = \"column\" needs {}sigma_column", prefix));
  } else if (s.kind != "relative" && s.kind != "absolute") {
    c.fail(t, fmt::format("{}residual must be relative, absolute, noise or column, not '{}'", prefix, s.kind));
  }
  return s;
}

}  // namespace

FitSpec parse_fit_spec(const std::string& text, const std::string& path) {
  const Ctx c{path};
  const toml::table doc = toml_read::parse(text, path);
  check_keys(c, doc, {"model", "anelastic", "fit", "dataset", "parameters"}, "the spec");
  FitSpec spec;
  spec.path = path;
  spec.model = get<std::string>(c, doc, "model", "");
  if (spec.model.empty()) c.fail("no model (add model = \"hc\")");
  if (spec.model != "hc") c.fail(*doc.get("model"), fmt::format("unknown model '{}' (known: hc)", spec.model));
  spec.anelastic = get<std::string>(c, doc, "anelastic", "published");
  if (spec.anelastic != "published" && spec.anelastic != "exact")
    c.fail(*doc.get("anelastic"), "anelastic must be \"published\" or \"exact\"");

  if (const auto* fit = doc.get_as<toml::table>("fit")) {
    check_keys(c, *fit, {"loss", "loss_scale", "multistart", "seed", "max_iterations", "scale_covariance", "scan_time_scales",
                             "escape_bounds"}, "[fit]");
    spec.loss = get<std::string>(c, *fit, "loss", "none");
    if (spec.loss != "none" && spec.loss != "huber" && spec.loss != "cauchy")
      c.fail(*fit, "loss must be none, huber or cauchy");
    spec.loss_scale = get<double>(c, *fit, "loss_scale", 1.0);
    if (!(spec.loss_scale > 0)) c.fail(*fit, "loss_scale must be positive");
    spec.multistart = int(toml_read::integer_in(c, *fit, "multistart", 0, 0, 100000));
    spec.seed = std::uint64_t(toml_read::integer_in(c, *fit, "seed", 1, 0, std::numeric_limits<long>::max()));
    spec.max_iterations = int(toml_read::integer_in(c, *fit, "max_iterations", spec.max_iterations, 1, 10'000'000));
    spec.scan_time_scales = get<bool>(c, *fit, "scan_time_scales", true);
    spec.escape_bounds = get<bool>(c, *fit, "escape_bounds", true);
    if (fit->get("scale_covariance")) {
      spec.scale_covariance = get<bool>(c, *fit, "scale_covariance", true);
      spec.scale_covariance_given = true;
    }
  }

  const auto* datasets = doc.get_as<toml::array>("dataset");
  if (!datasets || datasets->empty()) c.fail("no [[dataset]] entries");
  const auto folder = std::filesystem::path(path).parent_path();
  for (const auto& node : *datasets) {
    const auto* t = node.as_table();
    if (!t) c.fail(node, "[[dataset]] must be a table");
    check_keys(c, *t,
               {"file", "weight", "residual", "noise_relative", "noise_absolute", "sigma_column", "loss_residual",
                "loss_noise_relative", "loss_noise_absolute", "loss_sigma_column", "log_moduli"},
               "[[dataset]]");
    DatasetSpec d;
    d.file_as_written = get<std::string>(c, *t, "file", "");
    if (d.file_as_written.empty()) c.fail(*t, "[[dataset]] needs file = \"...\"");
    d.file = (folder / d.file_as_written).lexically_normal().string();
    std::error_code ec;  // the non-throwing form: a name too long for the system is "not found", not a crash
    if (!std::filesystem::exists(d.file, ec))
      c.fail(*t->get("file"), fmt::format("dataset file '{}' not found{}", printable(d.file, 200),
                                          ec ? " (" + ec.message() + ")" : ""));
    d.weight = get<double>(c, *t, "weight", 1.0);
    if (!(d.weight > 0)) c.fail(*t, "weight must be positive");
    d.scale = scale_from(c, *t, "");
    d.loss_scale = t->get("loss_residual") ? scale_from(c, *t, "loss_") : d.scale;
    d.log_moduli = get<bool>(c, *t, "log_moduli", false);
    spec.datasets.push_back(d);
  }

  const auto table = hc_parameter_table();
  for (const auto& p : table)
    spec.parameters.push_back({p.name, p.default_value, p.lower, p.upper, true, p.log_scale, false});
  const auto* params = doc.get_as<toml::table>("parameters");
  if (!params) c.fail("no [parameters] table: name the parameters to fit");
  for (const auto& [key, node] : *params) {
    const std::string name(key.str());
    auto it = std::find_if(spec.parameters.begin(), spec.parameters.end(), [&](auto& p) { return p.name == name; });
    if (it == spec.parameters.end()) {
      std::string known;
      for (const auto& p : table) known += (known.empty() ? "" : ", ") + p.name;
      c.fail(node, fmt::format("unknown parameter '{}' (model hc has: {})", name, known));
    }
    const ParameterSpec& ps = table[static_cast<size_t>(it - spec.parameters.begin())];
    const std::string what = "parameter '" + name + "'";
    if (node.is_number() || node.is_string()) {  // name = value: fixed at that value
      it->start = number(c, node, what, ps.dimension);
      it->fixed = true;
    } else if (const auto* t = node.as_table()) {
      check_keys(c, *t, {"start", "value", "min", "max", "fixed", "log", "per_dataset"}, what);
      if (t->get("start") && t->get("value")) c.fail(*t, what + ": give start or value, not both");
      if (const auto* s = t->get("start") ? t->get("start") : t->get("value")) it->start = number(c, *s, what, ps.dimension);
      it->fixed = get<bool>(c, *t, "fixed", t->get("value") != nullptr && !t->get("start"));
      if (const auto* m = t->get("min")) it->lower = number(c, *m, what + " min", ps.dimension);
      if (const auto* m = t->get("max")) it->upper = number(c, *m, what + " max", ps.dimension);
      it->log_scale = get<bool>(c, *t, "log", ps.log_scale);
      it->per_dataset = get<bool>(c, *t, "per_dataset", false);
    } else {
      c.fail(node, what + " must be a number (fixed) or a table { start, min, max, fixed, log, per_dataset }");
    }
    const long line = static_cast<long>(node.source().begin.line);
    if (auto why = range_violation(ps, it->start); !why.empty())
      throw InputError(located(path, line, "", what + ": start " + why));
    if (!it->fixed) {
      if (it->lower > it->upper)
        throw InputError(located(path, line, "", fmt::format("{}: min {:g} > max {:g}", what, it->lower, it->upper)));
      if (it->start < it->lower || it->start > it->upper)
        throw InputError(located(path, line, "",
                                 fmt::format("{}: start {:g} is outside [{:g}, {:g}]", what, it->start, it->lower, it->upper)));
      if (it->log_scale && !(it->lower > 0) && std::isfinite(it->lower) && it->lower != 0)
        throw InputError(located(path, line, "", what + ": log scale needs min > 0"));
      if (it->log_scale && !(it->start > 0))
        throw InputError(located(path, line, "", what + ": log scale needs a start > 0"));
    }
  }
  if (std::none_of(spec.parameters.begin(), spec.parameters.end(), [](auto& p) { return !p.fixed; }))
    c.fail("every parameter is fixed: nothing to fit");
  // The relation between parameters that the model needs at the start too (A_beta > 0).
  const auto value_at_start = [&](const char* name) {
    return std::find_if(spec.parameters.begin(), spec.parameters.end(), [&](auto& p) { return p.name == name; })->start;
  };
  if (!(value_at_start("E_r") < value_at_start("E_u")))
    c.fail(fmt::format("start: E_r = {:g} MPa must be below E_u = {:g} MPa (A_beta = 1/E_r - 1/E_u > 0)",
                       value_at_start("E_r"), value_at_start("E_u")));
  if (!spec.scale_covariance_given) {
    bool all_noise = true;
    for (const auto& d : spec.datasets)
      all_noise &= (d.scale.kind == "noise" || d.scale.kind == "column") &&
                   (d.loss_scale.kind == "noise" || d.loss_scale.kind == "column");
    spec.scale_covariance = !all_noise;  // stated noise: trust it, chi2_reduced tests it
  }
  return spec;
}

FitSpec read_fit_spec(const std::string& path) {
  return parse_fit_spec(read_text_file(path), path);
}

}  // namespace glassfit
