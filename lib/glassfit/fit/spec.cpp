// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/fit/spec.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <sstream>
#include <limits>
#include <set>
#include <toml++/toml.h>

#include "glassfit/core/error.h"
#include "glassfit/core/text.h"
#include "glassfit/io/text_file.h"
#include "glassfit/io/toml_read.h"
#include "glassfit/io/dataset_reader.h"
#include "glassfit/models/registry.h"

namespace glassfit {
namespace {

using toml_read::check_keys;
using toml_read::Ctx;
using toml_read::get;

// A parameter's value in its own unit (a number, or a "value unit" string converted).
double number(const Ctx& c, const toml::node& n, const std::string& what, const ParameterSpec& spec) {
  if (auto d = n.value<double>()) return *d;
  if (auto s = n.value<std::string>()) {
    try {
      return parse_parameter(spec, *s, what);
    } catch (const InputError& e) {
      c.fail(n, e.what());
    }
  }
  c.fail(n, what + " must be a number or a \"value unit\" string");
}

}  // namespace

const char* residual_kind_name(ResidualKind kind) {
  switch (kind) {
    case ResidualKind::Relative:
      return "relative";
    case ResidualKind::Absolute:
      return "absolute";
    case ResidualKind::Noise:
      return "noise";
    case ResidualKind::Column:
      return "column";
    case ResidualKind::Complex:
      return "complex";
  }
  return "?";
}

namespace {

ResidualScale scale_from(const Ctx& c, const toml::table& t, const std::string& prefix) {
  ResidualScale s;
  s.given = t.get(prefix + "residual") != nullptr;
  const std::string kind = get<std::string>(c, t, prefix + "residual", "relative");
  if (kind == "noise") {
    s.kind = ResidualKind::Noise;
    s.relative = get<double>(c, t, prefix + "noise_relative", 0.0);
    s.absolute = get<double>(c, t, prefix + "noise_absolute", 0.0);
    if (!(s.relative >= 0) || !(s.absolute >= 0) || s.relative + s.absolute <= 0)
      c.fail(t, fmt::format("residual = \"noise\" needs {0}noise_relative and/or {0}noise_absolute > 0", prefix));
  } else if (kind == "column") {
    s.kind = ResidualKind::Column;
    s.column = get<std::string>(c, t, prefix + "sigma_column", "");
    if (s.column.empty()) c.fail(t, fmt::format("residual = \"column\" needs {}sigma_column", prefix));
  } else if (kind == "absolute") {
    s.kind = ResidualKind::Absolute;
  } else if (kind == "complex") {
    s.kind = ResidualKind::Complex;
  } else if (kind != "relative") {
    c.fail(t, fmt::format("{}residual must be relative, complex, absolute, noise or column, not '{}'", prefix, kind));
  }
  return s;
}

// A column residual's sigma per row, from the dataset's column.
void attach_sigma(ResidualScale& s, const Dataset& ds) {
  if (s.kind != ResidualKind::Column) return;
  s.sigma = ds.require(s.column, "as the uncertainty column named in the spec").values;
}

// Model options as text: the spec's [model_options] table (and, for hc, the top-level
// `anelastic` key that earlier specs use).
std::vector<std::pair<std::string, std::string>> options_from(const Ctx& c, const toml::table& doc) {
  std::vector<std::pair<std::string, std::string>> out;
  if (const auto* a = doc.get("anelastic")) {
    const auto v = a->value<std::string>();
    if (!v) c.fail(*a, "anelastic must be \"published\" or \"exact\"");
    out.emplace_back("anelastic", *v);
  }
  const auto* node = doc.get("model_options");
  if (!node) return out;
  const auto* t = node->as_table();
  if (!t) c.fail(*node, "model_options must be a table");
  for (const auto& [key, value] : *t) {
    std::string text;
    if (auto s = value.value<std::string>())
      text = *s;
    else if (auto i = value.value_exact<int64_t>())
      text = std::to_string(*i);
    else if (auto d = value.value<double>())
      text = fmt::format("{}", *d);
    else if (auto b = value.value<bool>())
      text = *b ? "true" : "false";
    else
      c.fail(value, fmt::format("model option '{}' must be a string, number or boolean", std::string(key.str())));
    out.emplace_back(std::string(key.str()), text);
  }
  return out;
}

}  // namespace

double to_fitted(const ParameterChoice& c, double value) { return c.log_scale ? std::log10(value) : value; }

double from_fitted(const ParameterChoice& c, double x) { return c.log_scale ? std::pow(10.0, x) : x; }

double fitted_lower(const ParameterChoice& c) {
  return c.log_scale ? (c.lower > 0 ? std::log10(c.lower) : -kInf) : c.lower;
}

double fitted_upper(const ParameterChoice& c) {
  return c.log_scale ? (std::isfinite(c.upper) ? std::log10(c.upper) : kInf) : c.upper;
}

double fitted_stderr(const ParameterChoice& c, double value, double stderr_value) {
  return c.log_scale ? stderr_value / (value * std::log(10.0)) : stderr_value;
}

HelperData helper_data(const std::vector<FitDataset>& datasets) {
  HelperData out;
  for (const auto& d : datasets)
    out.data.push_back(&d.experiment), out.modulus_scaled.push_back(d.scale.kind == ResidualKind::Complex);
  return out;
}

std::vector<ParameterChoice> default_choices(const Model& model, const std::vector<FitDataset>* datasets) {
  const FitHelpers helpers = model.fit_helpers();
  std::vector<double> start = model.defaults();
  if (datasets && helpers.start_from_data) {
    const HelperData h = helper_data(*datasets);
    helpers.start_from_data(start, h.data, h.modulus_scaled);
  }
  std::vector<ParameterChoice> out;
  const auto table = model.parameters();
  for (size_t k = 0; k < table.size(); ++k) {
    const auto& p = table[k];
    const bool free = std::find(helpers.free_by_default.begin(), helpers.free_by_default.end(), static_cast<int>(k)) !=
                      helpers.free_by_default.end();
    out.push_back({p.name, start[k], p.lower, p.upper, !free, p.log_scale, false});
  }
  return out;
}

ParameterChoice& choice(FitSpec& spec, const std::string& name) {
  for (auto& p : spec.parameters)
    if (p.name == name) return p;
  throw InputError(fmt::format("unknown parameter '{}' (model {} has: {})", name, spec.model->name(),
                               spec.model->parameter_names()));
}

bool states_noise(const std::vector<FitDataset>& datasets) {
  auto noise = [](const ResidualScale& s) { return s.kind == ResidualKind::Noise || s.kind == ResidualKind::Column; };
  return std::all_of(datasets.begin(), datasets.end(),
                     [&](const FitDataset& d) { return noise(d.scale) && noise(d.loss_scale); });
}

namespace {

// Why a parameter choice is inconsistent, or empty.
std::string choice_problem(const ParameterSpec& ps, const ParameterChoice& p) {
  const std::string what = "parameter '" + p.name + "'";
  if (auto why = range_violation(ps, p.start); !why.empty()) return what + ": start " + why;
  if (p.lower > p.upper) return fmt::format("{}: min {:g} > max {:g}", what, p.lower, p.upper);
  if (p.fixed && (p.start < p.lower || p.start > p.upper))
    return fmt::format("{}: the fixed value {:g} is outside its own [{:g}, {:g}]", what, p.start, p.lower, p.upper);
  if (p.fixed) return {};
  // Bounds may reach the physical range's ends (min = 0 for a positive parameter: open), not pass them.
  if (p.lower < ps.lower || p.upper > ps.upper)
    return fmt::format("{}: bounds [{:g}, {:g}] reach outside its physical range {}", what, p.lower, p.upper,
                       range_text(ps));
  if (p.start < p.lower || p.start > p.upper)
    return fmt::format("{}: start {:g} is outside [{:g}, {:g}]", what, p.start, p.lower, p.upper);
  if (p.log_scale && !(p.lower > 0) && std::isfinite(p.lower) && p.lower != 0)
    return what + ": log scale needs min > 0";
  if (p.log_scale && !(p.start > 0)) return what + ": log scale needs a start > 0";
  return {};
}

// "NAME: shear moduli, and the model's are tensile", or empty when the kinds agree.
std::string modulus_mismatch(const FitDataset& d, ModulusKind kind) {
  const auto have = d.experiment.modulus;
  if (have == ModulusKind::Unknown || have == kind) return {};
  return fmt::format("{}: {} moduli, and the model's are {}", d.name, modulus_kind_name(have), modulus_kind_name(kind));
}

const char* kPoissonHint = ": give poisson_ratio in its [[dataset]] to convert them (E = 2 (1 + nu) G)";

// The checks that need no file positions (run on specs built in code and, after the
// per-entry checks, on read ones).
void check_whole(const FitSpec& spec, const std::string& where) {
  auto fail = [&](const std::string& why) { throw InputError(where.empty() ? why : where + ": " + why); };
  if (!spec.model) fail("no model");
  if (spec.datasets.empty()) fail("no dataset");
  const auto table = spec.model->parameters();
  if (spec.parameters.size() != table.size())
    fail(fmt::format("{} parameter choices for model {}, which has {}", spec.parameters.size(), spec.model->name(),
                     table.size()));
  for (size_t k = 0; k < table.size(); ++k)
    if (spec.parameters[k].name != table[k].name)
      fail(fmt::format("parameter choice {} is '{}', model {} has '{}' there", k + 1, spec.parameters[k].name,
                       spec.model->name(), table[k].name));
  if (std::none_of(spec.parameters.begin(), spec.parameters.end(), [](auto& p) { return !p.fixed; }))
    fail("every parameter is fixed: nothing to fit");
  std::vector<double> start;
  for (const auto& p : spec.parameters) start.push_back(p.start);
  if (auto why = spec.model->relation_violation(start); !why.empty()) fail("start: " + why);
  for (const auto& d : spec.datasets) {
    const auto& ex = d.experiment;
    if (auto why = modulus_mismatch(d, spec.model->modulus_kind()); !why.empty()) fail(why + kPoissonHint);
    if (!spec.model->predicts(ex.kind))
      fail(fmt::format("{}: model {} cannot predict a {} experiment", d.name, spec.model->name(),
                       experiment_name(ex.kind)));
    if (spec.model->uses_temperature() && !ex.has_temperature())
      fail(fmt::format("{}: model {} needs a temperature column", d.name, spec.model->name()));
    if (auto why = spec.model->data_problem(ex); !why.empty()) fail(d.name + ": " + why);
    if (!(d.weight > 0)) fail(fmt::format("{}: weight must be positive", d.name));
    for (const auto* s : {&d.scale, &d.loss_scale})
      if (s->kind == ResidualKind::Column && s->sigma.size() != ex.rows())
        fail(fmt::format("{}: {} sigma values for {} rows", d.name, s->sigma.size(), ex.rows()));
  }
}

}  // namespace

void convert_moduli(FitDataset& d, ModulusKind kind) {
  auto& ex = d.experiment;
  const std::string what = modulus_mismatch(d, kind);
  if (what.empty()) return;
  const bool moduli = ex.kind == Experiment::Dma ||
                      (ex.kind == Experiment::Relaxation && !ex.runs.empty() && ex.runs.front().strain_step == 1.0);
  if (!moduli)
    throw InputError(what + ": only moduli (DMA, a relaxation modulus) are converted, not stress and strain");
  if (std::isnan(d.poisson_ratio)) throw InputError(what + kPoissonHint);
  const double E_over_G = 2 * (1 + d.poisson_ratio);
  const double factor = kind == ModulusKind::Tensile ? E_over_G : 1 / E_over_G;
  for (auto* v : {&ex.storage_MPa, &ex.loss_MPa})
    for (auto& x : *v) x *= factor;
  for (auto& run : ex.runs)
    for (auto& x : run.measured) x *= factor;
  ex.modulus = kind;
}

void check_fit_spec(const FitSpec& spec) {
  if (spec.model)
    for (size_t k = 0; k < spec.parameters.size() && k < spec.model->parameters().size(); ++k)
      if (auto why = choice_problem(spec.model->parameters()[k], spec.parameters[k]); !why.empty())
        throw InputError(spec.path.empty() ? why : spec.path + ": " + why);
  check_whole(spec, spec.path);
}

FitSpec parse_fit_spec(const std::string& text, const std::string& path, const InMemoryDatasets* in_memory) {
  const Ctx c{path};
  const toml::table doc = toml_read::parse(text, path);
  check_keys(c, doc, {"model", "anelastic", "model_options", "fit", "dataset", "parameters"}, "the spec");
  FitSpec spec;
  spec.path = path;
  const std::string model_name = get<std::string>(c, doc, "model", "");
  if (model_name.empty()) c.fail("no model (add model = \"hc\")");
  if (std::none_of(registered_models().begin(), registered_models().end(),
                   [&](const ModelEntry& m) { return model_name == m.name; }))
    c.fail(*doc.get("model"), fmt::format("unknown model '{}' (known: {})", model_name, model_names()));
  spec.model_options = options_from(c, doc);

  bool scale_covariance_given = false;
  if (const auto* fit = doc.get_as<toml::table>("fit")) {
    check_keys(c, *fit,
               {"loss", "loss_scale", "multistart", "seed", "max_iterations", "scale_covariance", "scan_time_scales",
                "escape_bounds", "intervals"},
               "[fit]");
    auto& o = spec.options;
    const std::string loss = get<std::string>(c, *fit, "loss", "none");
    if (loss == "huber")
      o.loss = Loss::Huber;
    else if (loss == "cauchy")
      o.loss = Loss::Cauchy;
    else if (loss != "none")
      c.fail(*fit, "loss must be none, huber or cauchy");
    o.loss_scale = get<double>(c, *fit, "loss_scale", 1.0);
    if (!(o.loss_scale > 0)) c.fail(*fit, "loss_scale must be positive");
    o.multistart = int(toml_read::integer_in(c, *fit, "multistart", 0, 0, 100000));
    o.seed = std::uint64_t(toml_read::integer_in(c, *fit, "seed", 1, 0, std::numeric_limits<long>::max()));
    o.max_iterations = int(toml_read::integer_in(c, *fit, "max_iterations", o.max_iterations, 1, 10'000'000));
    o.scan_time_scales = get<bool>(c, *fit, "scan_time_scales", true);
    o.escape_bounds = get<bool>(c, *fit, "escape_bounds", true);
    const std::string intervals = get<std::string>(c, *fit, "intervals", "none");
    if (intervals == "profile")
      o.intervals = Intervals::Profile;
    else if (intervals != "none")
      c.fail(*fit->get("intervals"), "intervals must be \"none\" or \"profile\"");
    if (fit->get("scale_covariance")) {
      o.scale_covariance = get<bool>(c, *fit, "scale_covariance", true);
      scale_covariance_given = true;
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
                "loss_noise_relative", "loss_noise_absolute", "loss_sigma_column", "log_moduli", "poisson_ratio"},
               "[[dataset]]");
    FitDataset d;
    d.name = get<std::string>(c, *t, "file", "");
    if (d.name.empty()) c.fail(*t, "[[dataset]] needs file = \"...\"");
    const bool held = in_memory && in_memory->count(d.name);
    d.file = held ? d.name : (folder / d.name).lexically_normal().string();
    std::error_code ec;  // the non-throwing form: a name too long for the system is "not found", not a crash
    if (!held && !std::filesystem::exists(d.file, ec))
      c.fail(*t->get("file"),
             fmt::format("dataset file '{}' not found{}", printable(d.file, 200), ec ? " (" + ec.message() + ")" : ""));
    d.weight = get<double>(c, *t, "weight", 1.0);
    if (!(d.weight > 0)) c.fail(*t, "weight must be positive");
    d.scale = scale_from(c, *t, "");
    d.loss_scale = t->get("loss_residual") ? scale_from(c, *t, "loss_") : d.scale;
    d.log_moduli = get<bool>(c, *t, "log_moduli", false);
    if (t->get("poisson_ratio")) {
      d.poisson_ratio = get<double>(c, *t, "poisson_ratio", 0.0);
      if (!(d.poisson_ratio > -1 && d.poisson_ratio <= 0.5))
        c.fail(*t->get("poisson_ratio"), "poisson_ratio must be in (-1, 0.5]");
    }
    for (const auto& other : spec.datasets)
      if (other.file == d.file)
        c.fail(*t->get("file"), fmt::format("dataset '{}' is listed twice: its points would count twice in the fit",
                                            printable(d.name, 200)));
    spec.datasets.push_back(std::move(d));
  }
  // The data, read once the spec's own keys are known to be good.
  for (auto& d : spec.datasets) {
    const bool held = in_memory && in_memory->count(d.name);
    const Dataset ds = held ? in_memory->at(d.name) : read_dataset(d.file);
    d.experiment = experiment_from(ds);
    d.line_of_row = ds.line_of_row;
    d.metadata = ds.comments;
    attach_sigma(d.scale, ds);
    attach_sigma(d.loss_scale, ds);
  }

  const toml::table no_parameters;
  const auto* params = doc.get_as<toml::table>("parameters");
  ModelSetup setup;
  setup.options = spec.model_options;
  if (params)
    for (const auto& [key, node] : *params) setup.parameter_names.emplace_back(key.str());
  std::vector<const ExperimentData*> experiments;
  for (const auto& d : spec.datasets) experiments.push_back(&d.experiment);
  setup.window = data_window(experiments);
  // The data's kind, when every dataset states the same one and none asks for a conversion
  // (poisson_ratio: the user wants the other kind).
  for (size_t k = 0; k < spec.datasets.size(); ++k) {
    const auto& d = spec.datasets[k];
    const ModulusKind kind = std::isnan(d.poisson_ratio) ? d.experiment.modulus : ModulusKind::Unknown;
    setup.data_modulus = k == 0 || kind == setup.data_modulus ? kind : ModulusKind::Unknown;
  }
  try {
    spec.model = make_model(model_name, setup);
  } catch (const InputError& e) {
    c.fail(*doc.get("model"), e.what());
  }
  if (spec.model->dma_residual_complex_by_default())
    for (auto& d : spec.datasets)
      for (auto* s : {&d.scale, &d.loss_scale})
        if (!s->given && !d.scale.given) s->kind = ResidualKind::Complex;
  for (auto& d : spec.datasets) {  // shear data for a tensile model (or back), with a Poisson ratio
    try {
      convert_moduli(d, spec.model->modulus_kind());
    } catch (const InputError& e) {
      throw InputError(path + ": " + e.what());
    }
  }
  if (!params && spec.model->fit_helpers().free_by_default.empty())
    c.fail("no [parameters] table: name the parameters to fit");
  const auto table = spec.model->parameters();
  spec.parameters = default_choices(*spec.model, &spec.datasets);
  for (const auto& [key, node] : params ? *params : no_parameters) {
    const std::string name(key.str());
    auto it = std::find_if(spec.parameters.begin(), spec.parameters.end(), [&](auto& p) { return p.name == name; });
    if (it == spec.parameters.end())
      c.fail(node,
             fmt::format("unknown parameter '{}' (model {} has: {})", name, model_name, spec.model->parameter_names()));
    const ParameterSpec& ps = table[static_cast<size_t>(it - spec.parameters.begin())];
    const std::string what = "parameter '" + name + "'";
    if (node.is_number() || node.is_string()) {  // name = value: fixed at that value
      it->start = number(c, node, what, ps);
      it->fixed = true;
    } else if (const auto* t = node.as_table()) {
      check_keys(c, *t, {"start", "value", "min", "max", "fixed", "log", "per_dataset"}, what);
      if (t->get("start") && t->get("value")) c.fail(*t, what + ": give start or value, not both");
      if (const auto* s = t->get("start") ? t->get("start") : t->get("value")) it->start = number(c, *s, what, ps);
      it->fixed = get<bool>(c, *t, "fixed", t->get("value") != nullptr && !t->get("start"));
      if (t->get("value") && !it->fixed)
        c.fail(*t->get("fixed"), what + ": value = fixes a parameter; a free one takes start = (with fixed = false)");
      if (const auto* m = t->get("min")) it->lower = number(c, *m, what + " min", ps);
      if (const auto* m = t->get("max")) it->upper = number(c, *m, what + " max", ps);
      it->log_scale = get<bool>(c, *t, "log", ps.log_scale);
      it->per_dataset = get<bool>(c, *t, "per_dataset", false);
    } else {
      c.fail(node, what + " must be a number (fixed) or a table { start, min, max, fixed, log, per_dataset }");
    }
    if (auto why = choice_problem(ps, *it); !why.empty())
      throw InputError(located(path, static_cast<long>(node.source().begin.line), "", why));
    spec.parameters_given.push_back(name);
  }
  spec.options.scale_covariance = scale_covariance_given ? spec.options.scale_covariance : !states_noise(spec.datasets);
  check_whole(spec, path);
  return spec;
}

std::string read_fit_spec_text(const std::string& path) {
  std::string bytes = read_text_file(path, "cannot open file", kMaxInputBytes, /*text=*/false);
  if (looks_like_data(bytes))
    throw InputError(
        fmt::format("{}: a data file, not a fit spec: fit it with --model NAME (glassfit models), or give a "
                    "spec (TOML) that names the model and its datasets, e.g. model = \"prony\" and [[dataset]] "
                    "file = \"{}\" (docs/fit-spec.md)",
                    path, printable(path, 200)));
  check_text(bytes, path);
  return bytes;
}

std::string fit_spec_for_data(const std::string& data_path, const std::string& model,
                              const std::vector<std::pair<std::string, std::string>>& model_options,
                              const std::vector<std::string>& free, const std::string& residual) {
  toml::table doc;  // toml++ quotes the names and the path
  doc.insert("model", model);
  if (!model_options.empty()) {
    toml::table options;
    for (const auto& [name, value] : model_options) options.insert_or_assign(name, value);
    doc.insert("model_options", std::move(options));
  }
  toml::table dataset;
  dataset.insert("file", std::filesystem::absolute(data_path).lexically_normal().string());
  if (!residual.empty()) dataset.insert("residual", residual);
  doc.insert("dataset", toml::array{std::move(dataset)});
  if (!free.empty()) {
    toml::table parameters;
    for (const auto& name : free) {
      if (name.empty()) throw InputError("--free: give parameter names separated by commas (e.g. E_u,tau_beta0)");
      parameters.insert_or_assign(name, toml::table{{"fixed", false}});
    }
    doc.insert("parameters", std::move(parameters));
  }
  std::ostringstream out;
  out << doc << "\n";
  return out.str();
}

FitSpec read_fit_spec(const std::string& path) { return parse_fit_spec(read_fit_spec_text(path), path); }

}  // namespace glassfit
