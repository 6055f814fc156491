// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/fit/report.h"

#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "glassfit/io/json_number.h"
#include "glassfit/io/provenance.h"

namespace glassfit {

std::string report_json(const FitSpec& spec, const FitResult& r, const RunInfo& info) {
  using nlohmann::json;
  json j;
  j["model"] = spec.model->name();
  for (const auto& [name, value] : spec.model_options) {
    j["model_options"][name] = value;
    if (name == "anelastic") j["anelastic"] = value;  // the key earlier reports had
  }
  j["spec"] = {{"file", spec.path}, {"sha256", info.spec_sha256}};
  for (const auto& p : r.parameters)
    j["parameters"][p.label()] = {{"value", number_or_null(p.value)},
                                  {"stderr", number_or_null(p.stderr_value)},
                                  {"unit", p.unit},
                                  {"fixed", p.fixed},
                                  {"at_bound", p.at_bound}};
  j["correlation"]["parameters"] = r.free_names;
  json rows = json::array();
  for (const auto& row : r.correlation) {
    json jr = json::array();
    for (double v : row) jr.push_back(number_or_null(v));
    rows.push_back(jr);
  }
  j["correlation"]["matrix"] = rows;
  j["poorly_determined"] = r.weak_combinations;
  j["cost"] = r.cost;
  j["chi2"] = r.chi2;
  j["chi2_reduced"] = number_or_null(r.chi2_reduced);
  j["aic"] = r.aic;
  j["bic"] = r.bic;
  j["points"] = r.points;
  j["free_parameters"] = r.free;
  j["converged"] = r.converged;
  j["iterations"] = r.iterations;
  j["termination"] = r.termination;
  j["covariance_scaled_by_chi2_reduced"] = spec.options.scale_covariance;
  j["multistart"] = {{"starts", r.multistart.starts},
                     {"reached_best", r.multistart.reached_best},
                     {"bound_escapes", r.multistart.escapes},
                     {"bound_escapes_improved", r.multistart.escapes_improved}};
  json costs = json::array();
  for (double c : r.multistart.costs) costs.push_back(number_or_null(c));
  j["multistart"]["costs"] = costs;
  for (size_t i = 0; i < r.free_names.size() && i < r.multistart.spread.size(); ++i)
    j["multistart"]["spread"][r.free_names[i]] = {number_or_null(r.multistart.spread[i].first),
                                                  number_or_null(r.multistart.spread[i].second)};
  j["datasets"] = json::array();
  for (size_t d = 0; d < r.datasets.size(); ++d) {
    const auto& ds = r.datasets[d];
    j["datasets"].push_back({{"file", ds.file},
                             {"sha256", d < info.dataset_sha256.size() ? info.dataset_sha256[d] : ""},
                             {"experiment", ds.kind},
                             {"points", ds.points},
                             {"cost", ds.cost},
                             {"rms_residual", ds.rms_residual},
                             {"rms_relative", number_or_null(ds.rms_relative)},
                             {"r2", number_or_null(ds.r2)}});
    if (d < spec.datasets.size()) {
      const auto& in = spec.datasets[d];
      j["datasets"].back()["modulus"] = modulus_kind_name(in.experiment.modulus);
      j["datasets"].back()["residual"] = residual_kind_name(in.scale.kind);
      j["datasets"].back()["loss_residual"] = residual_kind_name(in.loss_scale.kind);
      if (!std::isnan(in.poisson_ratio)) j["datasets"].back()["poisson_ratio"] = in.poisson_ratio;
      j["datasets"].back()["metadata"] = in.metadata;
    }
  }
  if (!r.orders.empty()) {
    json order_rows = json::array();
    for (const auto& o : r.orders)
      order_rows.push_back(
          {{"order", o.order}, {"cost", o.cost}, {"rms_residual", o.rms_residual}, {"converged", o.converged}});
    j["order_selection"] = {{"tolerance", r.order_tolerance}, {"orders", order_rows}, {"chosen", r.chosen_order}};
    j["model_meaning"] = r.model->meaning();
  }
  for (const auto& iv : r.intervals) {
    auto end = [](const ProfileEnd& e) { return e.bounded ? json(e.value) : json(nullptr); };
    j["intervals"][iv.name] = {
        {"method", "profile likelihood"}, {"68", {end(iv.lo68), end(iv.hi68)}}, {"95", {end(iv.lo95), end(iv.hi95)}}};
  }
  j["seed"] = spec.options.seed;
  j["software"] = software_description();
  j["command"] = info.command;
  j["seconds"] = info.seconds;
  return j.dump(2) + "\n";
}

std::string summary_table(const FitSpec& spec, const FitResult& r) {
  std::string s = fmt::format("model {}: {} points, {} free parameters, {}\n", spec.model->name(), r.points, r.free,
                              r.converged ? "converged" : "NOT CONVERGED: " + r.termination);
  s += fmt::format("{:<14} {:>14}   {:<12} {:<9} {}\n", "parameter", "value", "stderr", "unit", "flags");
  for (const auto& p : r.parameters) {
    std::string flags = p.fixed ? "fixed" : "";
    if (p.at_bound) flags += "AT BOUND ";
    if (!p.fixed && !std::isfinite(p.stderr_value)) flags += "undetermined";
    const std::string err = p.fixed                         ? ""
                            : std::isfinite(p.stderr_value) ? fmt::format("± {:.3g}", p.stderr_value)
                                                            : "± ?";
    s += fmt::format("{:<14} {:>14.6g}   {:<12} {:<9} {}\n", p.label(), p.value, err, p.unit, flags);
  }
  s += fmt::format("cost {:.6g}, chi2_reduced {:.4g}, AIC {:.6g}, BIC {:.6g}, iterations {}\n", r.cost, r.chi2_reduced,
                   r.aic, r.bic, r.iterations);
  for (const auto& d : r.datasets)
    s += fmt::format("  {} ({}): {} points, RMS scaled residual {:.4g}, RMS relative {:.3g} %, R^2 {:.6f}\n", d.file,
                     d.kind, d.points, d.rms_residual, 100 * d.rms_relative, d.r2);
  if (r.multistart.starts > 1)
    s += fmt::format("multistart: {} of {} starts reached the best cost\n", r.multistart.reached_best,
                     r.multistart.starts);
  if (r.multistart.escapes > 0)
    s += fmt::format(
        "bound escapes: {} tried, {} lowered the cost (a parameter's process re-drawn after it ended on a "
        "bound)\n",
        r.multistart.escapes, r.multistart.escapes_improved);
  for (const auto& w : r.weak_combinations) s += "poorly determined: " + w + "\n";
  if (!r.intervals.empty()) {
    s += "profile-likelihood intervals (an end that the cost never reached within the bounds: unbounded):\n";
    auto end = [](const ProfileEnd& e) {
      return e.bounded ? fmt::format("{:.6g}", e.value) : std::string("unbounded");
    };
    for (const auto& iv : r.intervals)
      s += fmt::format("  {:<12} 68 %: [{}, {}]   95 %: [{}, {}]\n", iv.name, end(iv.lo68), end(iv.hi68), end(iv.lo95),
                       end(iv.hi95));
  }
  if (!r.orders.empty()) {
    s += fmt::format(
        "model order chosen by the fit (the lowest with an RMS scaled residual at most {:g} above the "
        "best):\n",
        r.order_tolerance);
    for (const auto& o : r.orders)
      s += fmt::format("  order {:>2}: RMS scaled residual {:.4g}{}\n", o.order, o.rms_residual,
                       o.order == r.chosen_order ? "  <- chosen" : "");
  }
  return s;
}

std::string fitted_toml(const FitSpec& spec, const FitResult& r, int dataset) {
  std::string s = fmt::format("# Parameters fitted by glassfit from {}{}\nmodel = \"{}\"\n", spec.path,
                              r.converged ? "" : " (NOT CONVERGED)", spec.model->name());
  for (const auto& [name, value] : spec.model_options) s += fmt::format("# model option {} = {}\n", name, value);
  for (const auto& p : r.parameters) {
    const std::string& name = p.name;
    if (p.dataset >= 0 && p.dataset + 1 != dataset) continue;
    if (std::isinf(p.value)) continue;  // the default (e.g. sigma_1 = inf) applies
    s += fmt::format("{} = {:.12g}  # {}{}\n", name, p.value, p.unit,
                     p.fixed                         ? ", fixed"
                     : std::isfinite(p.stderr_value) ? fmt::format(", ± {:.3g}", p.stderr_value)
                                                     : "");
  }
  return s;
}

}  // namespace glassfit
