// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/prony/model.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <memory>

#include "glassfit/core/error.h"
#include "glassfit/core/constants.h"
#include "glassfit/models/autodiff_kernel.h"
#include "glassfit/numerics/nnls.h"
#include "glassfit/models/prony/register.h"

namespace glassfit::prony {
namespace {

std::unique_ptr<FitKernel> kernel_for(int n) {
  auto make = [n]<int K>() -> std::unique_ptr<FitKernel> {
    return std::make_unique<AutoDiffKernel<Kernel<K>>>(Kernel<K>{n});
  };
  if (n <= 4) return make.operator()<4>();
  if (n <= 8) return make.operator()<8>();
  if (n <= 16) return make.operator()<16>();
  if (n <= 32) return make.operator()<32>();
  return make.operator()<kMaxTerms>();
}

// The linear least-squares problem of the weights at fixed relaxation times: row i is one
// measured value divided by its residual scale (|E*| for DMA data with modulus_scaled, else
// |value|), column 0 the response to E_inf = 1, column j the response to E_j = 1.
struct Design {
  Eigen::MatrixXd A;
  Eigen::VectorXd b;
};
Design design_of(const std::vector<double>& times, const std::vector<const ExperimentData*>& data,
                 const std::vector<bool>& modulus_scaled) {
  const int n = static_cast<int>(times.size());
  std::vector<double> unit(1 + 2 * static_cast<size_t>(n), 0.0);
  std::copy(times.begin(), times.end(), unit.begin() + 1 + n);
  auto unit_weight = [&](int j) {
    std::fill(unit.begin(), unit.begin() + 1 + n, 0.0);
    unit[static_cast<size_t>(j)] = 1;
    return Terms<double>{unit.data(), n};
  };
  std::vector<std::vector<double>> rows;  // scaled; the right-hand side last
  auto add = [&](std::vector<double> row, double measured, double scale) {
    if (!(std::abs(measured) > 0) || !std::isfinite(measured) || !(scale > 0)) return;
    for (double& a : row) a /= scale;
    row.push_back(measured / scale);
    rows.push_back(std::move(row));
  };
  for (size_t d = 0; d < data.size(); ++d) {
    const auto* ex = data[d];
    const bool by_modulus = d < modulus_scaled.size() && modulus_scaled[d];
    for (size_t k = 0; k < ex->frequency_Hz.size(); ++k) {
      std::vector<double> re(1 + static_cast<size_t>(n)), im(1 + static_cast<size_t>(n));
      for (int j = 0; j <= n; ++j) complex_modulus(unit_weight(j), 2 * kPi * ex->frequency_Hz[k], re[j], im[j]);
      const double E1 = ex->storage_MPa[k], E2 = ex->loss_MPa[k], modulus = std::hypot(E1, E2);
      add(re, E1, by_modulus ? modulus : std::abs(E1));
      add(im, E2, by_modulus ? modulus : std::abs(E2));
    }
    if (ex->kind != Experiment::Relaxation && ex->kind != Experiment::Tension) continue;
    for (const auto& r : ex->runs)
      for (size_t k = 0; k < r.time_s.size(); ++k) {
        std::vector<double> row(1 + static_cast<size_t>(n));
        for (int j = 0; j <= n; ++j)
          row[j] = strain_program_stress(unit_weight(j), r.strain_step, r.strain_rate_per_s, r.time_s[k]);
        add(row, r.measured[k], std::abs(r.measured[k]));
      }
  }
  Design out{Eigen::MatrixXd(static_cast<Eigen::Index>(rows.size()), 1 + n),
             Eigen::VectorXd(static_cast<Eigen::Index>(rows.size()))};
  for (size_t i = 0; i < rows.size(); ++i) {
    for (int j = 0; j <= n; ++j) out.A(static_cast<Eigen::Index>(i), j) = rows[i][static_cast<size_t>(j)];
    out.b(static_cast<Eigen::Index>(i)) = rows[i][static_cast<size_t>(n) + 1];
  }
  return out;
}

class PronyModel final : public Model {
 public:
  explicit PronyModel(const Options& o) : options_(o), n_(static_cast<int>(o.times_s.size())) {
    if (n_ < 1) throw InputError("a Prony series needs at least one term");
    if (n_ > kMaxTerms) throw InputError(fmt::format("a Prony series has at most {} terms, not {}", kMaxTerms, n_));
    for (double tau : o.times_s)
      if (!(tau > 0) || !std::isfinite(tau))
        throw InputError(fmt::format("Prony relaxation time {:g} s must be positive and finite", tau));
    const char m = o.modulus == Modulus::Shear ? 'G' : 'E';
    const std::string kind = o.modulus == Modulus::Shear ? "shear" : "tensile";
    using D = Dimension;
    table_.push_back({fmt::format("{}_inf", m), D::Stress, "MPa", 1.0, 0, kInf, true, false, false,
                      fmt::format("long-time (equilibrium) {} modulus", kind)});
    for (int i = 1; i <= n_; ++i)
      table_.push_back({fmt::format("{}_{}", m, i), D::Stress, "MPa", 1.0, 0, kInf, true, false, false,
                        fmt::format("weight of term {} (a {} modulus, >= 0)", i, kind)});
    for (int i = 1; i <= n_; ++i)
      table_.push_back({fmt::format("tau_{}", i), D::Time, "s", o.times_s[i - 1], 0, kInf, false, false, true,
                        fmt::format("relaxation time of term {}", i)});
    kernel_ = kernel_for(n_);
  }
  std::string name() const override { return "prony"; }
  std::string meaning() const override {
    return fmt::format("Prony series (generalized Maxwell) of the {} relaxation modulus, {} term{}{}",
                       options_.modulus == Modulus::Shear ? "shear" : "tensile", n_, n_ == 1 ? "" : "s",
                       options_.choose_terms ? " (terms chosen by the fit)" : "");
  }
  std::span<const ParameterSpec> parameters() const override { return table_; }
  std::string relation_violation(std::span<const double>) const override { return {}; }
  bool predicts(Experiment kind) const override {
    return kind == Experiment::Dma || kind == Experiment::Relaxation || kind == Experiment::Tension;
  }
  bool uses_temperature() const override { return false; }
  // Relative E', E'' residuals put E' 9-14 % high on the glassy plateau of the shipped tensile
  // masters (E'' there is not what any Maxwell sum gives); |E*| keeps it within 0.5 %
  // (docs/models/prony.md, "Residual").
  bool dma_residual_complex_by_default() const override { return true; }
  ModulusKind modulus_kind() const override {
    return options_.modulus == Modulus::Shear ? ModulusKind::Shear : ModulusKind::Tensile;
  }
  std::string data_problem(const ExperimentData& data) const override {
    // Temperatures more than 1 K apart are different temperatures (a sweep's own drift is less).
    std::vector<double> T(data.temperature_K.begin(), data.temperature_K.end());
    for (const auto& r : data.runs) T.push_back(r.temperature_K);
    std::erase_if(T, [](double t) { return std::isnan(t); });
    std::sort(T.begin(), T.end());
    size_t groups = T.empty() ? 0 : 1;
    for (size_t i = 1; i < T.size(); ++i) groups += T[i] - T[i - 1] > 1.0;
    if (groups <= 1) return {};
    return fmt::format(
        "a Prony series is isothermal, but the data hold {} temperatures: fit it to a master curve "
        "('glassfit shift') or to one temperature",
        groups);
  }
  void predict(std::span<const double> values, const Condition& c, std::span<double> out) const override {
    // The kernel's own code in doubles (its width does not enter the evaluation).
    if (!Kernel<kMaxTerms>{n_}.evaluate(values.data(), c, out.data()))
      throw InputError("model prony cannot predict creep");
  }
  const FitKernel& kernel() const override { return *kernel_; }
  FitHelpers fit_helpers() const override {
    FitHelpers h;
    for (int k = 0; k < 1 + n_; ++k) h.free_by_default.push_back(k);
    if (options_.free_times)
      for (int k = 1 + n_; k < 1 + 2 * n_; ++k) h.free_by_default.push_back(k);
    const int n = n_;
    h.start_from_data = [n](std::span<double> values, const std::vector<const ExperimentData*>& data,
                            const std::vector<bool>& modulus_scaled) {
      // The weights are linear: at the table's relaxation times, the non-negative least-squares
      // fit of the scaled residuals (numerics/nnls.h) is the optimum itself, and the start.
      const std::vector<double> times(values.begin() + 1 + n, values.end());
      const Design d = design_of(times, data, modulus_scaled);
      if (d.A.rows() < 2) return;
      const Eigen::VectorXd x = nnls(d.A, d.b);
      if (!x.allFinite()) return;
      for (int j = 0; j <= n; ++j) values[j] = x(j);
    };
    if (options_.choose_terms) {
      const AutoTerms a = *options_.choose_terms;
      h.max_order = n_;
      h.order_tolerance = a.tolerance;
      // The subsets of backward elimination, computed once per fit (the helpers live for one fit).
      auto subsets = std::make_shared<std::vector<std::vector<int>>>();
      h.with_order = [o = options_, a, subsets](int order, const std::vector<const ExperimentData*>& data,
                                                const std::vector<bool>& modulus_scaled) {
        Options smaller = o;
        smaller.choose_terms.reset();
        if (!a.minimal) {
          smaller.times_s = spaced_times(order, a.log10_lo, a.log10_hi);
          return make_model(smaller);
        }
        if (subsets->empty()) {
          const Design d = design_of(o.times_s, data, modulus_scaled);
          if (d.A.rows() < 2) throw InputError("model prony: no data to choose the terms from");
          *subsets = minimal_subsets(d.A, d.b);
        }
        smaller.times_s.clear();
        for (int k : (*subsets)[static_cast<size_t>(order - 1)])
          smaller.times_s.push_back(o.times_s[static_cast<size_t>(k)]);
        return make_model(smaller);
      };
    }
    return h;
  }

 private:
  Options options_;
  int n_;
  std::vector<ParameterSpec> table_;
  std::unique_ptr<FitKernel> kernel_;
};

}  // namespace

std::vector<double> spaced_times(int n, double lo, double hi) {
  std::vector<double> out;
  if (n == 1) return {std::pow(10.0, 0.5 * (lo + hi))};
  for (int i = 0; i < n; ++i) out.push_back(std::pow(10.0, lo + (hi - lo) * i / (n - 1)));
  return out;
}

std::vector<std::vector<int>> minimal_subsets(const Eigen::MatrixXd& A, const Eigen::VectorXd& b) {
  const int n = static_cast<int>(A.cols()) - 1;
  std::vector<int> kept(static_cast<size_t>(n));
  for (int j = 0; j < n; ++j) kept[static_cast<size_t>(j)] = j;
  auto cost_without = [&](int skip) {  // E_inf and the kept terms but `skip`
    Eigen::MatrixXd sub(A.rows(), static_cast<Eigen::Index>(kept.size()) + (skip < 0 ? 1 : 0));
    Eigen::Index c = 0;
    sub.col(c++) = A.col(0);
    for (int j : kept)
      if (j != skip) sub.col(c++) = A.col(1 + j);
    return (sub * nnls(sub, b) - b).squaredNorm();
  };
  std::vector<std::vector<int>> out(static_cast<size_t>(n));
  out[static_cast<size_t>(n) - 1] = kept;
  for (int k = n; k > 1; --k) {
    int drop = kept.front();
    double best = kInf;
    for (int j : kept) {
      const double c = cost_without(j);
      if (c < best) best = c, drop = j;
    }
    std::erase(kept, drop);
    out[static_cast<size_t>(k) - 2] = kept;
  }
  return out;
}

ModelPtr make_model(const Options& options) { return std::make_shared<PronyModel>(options); }

PronySeries series_of(const Model& model, std::span<const double> values) {
  const auto table = model.parameters();
  if (model.name() != "prony" || table.size() < 3 || table.size() % 2 == 0 || values.size() != table.size())
    throw InputError(fmt::format("model {} is not a Prony series", model.name()));
  const size_t n = (table.size() - 1) / 2;
  PronySeries s;
  s.shear = table[0].name[0] == 'G';
  s.E_inf = values[0];
  s.E.assign(values.begin() + 1, values.begin() + 1 + static_cast<long>(n));
  s.tau_s.assign(values.begin() + 1 + static_cast<long>(n), values.end());
  return s;
}

namespace {

// Terms and times from the options, the parameter names a file gives, or the data's window.
ModelPtr from_setup(const ModelSetup& setup) {
  check_model_options(setup, "prony", {"modulus", "terms", "per_decade", "times", "auto_tolerance"});
  Options o;
  const bool shear_names = std::any_of(setup.parameter_names.begin(), setup.parameter_names.end(),
                                       [](const std::string& n) { return n.rfind("G_", 0) == 0; });
  const bool shear_data = setup.data_modulus == ModulusKind::Shear;
  const std::string modulus = model_option(setup, "modulus", shear_names || shear_data ? "shear" : "tensile");
  if (modulus != "tensile" && modulus != "shear")
    throw InputError(fmt::format("model prony option 'modulus' must be \"tensile\" or \"shear\", not '{}'", modulus));
  o.modulus = modulus == "shear" ? Modulus::Shear : Modulus::Tensile;
  const std::string times = model_option(setup, "times", "fixed");
  if (times != "fixed" && times != "free")
    throw InputError(fmt::format("model prony option 'times' must be \"fixed\" or \"free\", not '{}'", times));
  o.free_times = times == "free";
  const double per_decade = model_option_number(setup, "prony", "per_decade", 1.0);
  if (!(per_decade > 0) || per_decade > 10)
    throw InputError(fmt::format("model prony option 'per_decade' must be in (0, 10], not {:g}", per_decade));
  const double tolerance = model_option_number(setup, "prony", "auto_tolerance", 0.01);
  if (!(tolerance >= 0)) throw InputError("model prony option 'auto_tolerance' must be >= 0");
  // The window in whole decades (data), else 1e-2 to 1e4 s.
  const bool have_window = !setup.window.empty();
  const double lo = have_window ? std::floor(setup.window.log10_lo) : -2.0;
  const double hi = have_window ? std::ceil(setup.window.log10_hi) : 4.0;
  const int per_decade_terms = std::max(1, static_cast<int>(std::lround((hi - lo) * per_decade)) + 1);
  int from_names = 0;
  for (const auto& name : setup.parameter_names)
    if (name.rfind("tau_", 0) == 0) ++from_names;
  const std::string terms = model_option(setup, "terms", "");
  int n = from_names > 0 ? from_names : have_window ? per_decade_terms : 4;
  const bool minimal = terms == "minimal";
  const bool automatic = terms == "auto" || minimal;
  if (!terms.empty() && !automatic) {
    const double t = model_option_number(setup, "prony", "terms", 0);
    if (t != std::floor(t) || t < 1 || t > kMaxTerms)
      throw InputError(
          fmt::format("model prony option 'terms' must be \"auto\", \"minimal\" or a whole number 1-{}, not '{}'",
                      kMaxTerms, terms));
    n = static_cast<int>(t);
  }
  if (n > kMaxTerms)
    throw InputError(
        fmt::format("model prony: {} terms over {:g} decades at {:g} per decade is more than {}; lower "
                    "per_decade or set terms",
                    n, hi - lo, per_decade, kMaxTerms));
  o.times_s = spaced_times(n, lo, hi);
  if (automatic) o.choose_terms = AutoTerms{lo, hi, tolerance, minimal};
  return make_model(o);
}

}  // namespace

ModelEntry registry_entry() {
  return {"prony", "Prony series (generalized Maxwell) of the relaxation modulus: E(t) = E_inf + sum E_i exp(-t/tau_i)",
          "modulus: \"tensile\" (E_inf, E_i) or \"shear\" (G_inf, G_i); default: what the data state (shear for "
          "G', G'' or a shear master curve, unless a dataset gives poisson_ratio), else what a parameter file's names "
          "say, else tensile\n"
          "terms: a whole number (1-64); \"auto\": the fit tries 1 to the default number, each spaced over the "
          "window, and keeps the fewest within auto_tolerance of the best; or \"minimal\": the candidates are the "
          "full series' terms less those whose removal costs least, one at a time (backward elimination); default: "
          "per_decade over the data's time window (whole decades), else "
          "the tau_i a parameter file "
          "names, else 4\n"
          "per_decade: relaxation times per decade of the data's window (default 1), log-spaced at whole decades\n"
          "times: \"fixed\" (default: the tau_i stay where they are placed, weights >= 0 fitted) or \"free\" (the "
          "tau_i fitted too, log scale)\n"
          "auto_tolerance: with terms = \"auto\" or \"minimal\", the excess of RMS scaled residual over the best "
          "accepted (default "
          "0.01: with "
          "relative residuals, one percentage point)",
          from_setup};
}

}  // namespace glassfit::prony
