#include "glassfit/fit/fitter.h"

#include <ceres/ceres.h>
#include <glog/logging.h>

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/sobol.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <memory>
#include <mutex>
#include <type_traits>

#include "glassfit/core/error.h"
#include "glassfit/fit/ceres_util.h"
#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/creep.h"
#include "glassfit/models/hc/strain_control.h"

namespace glassfit {
namespace {

constexpr int kN = kHcParameterCount;
// Slots of the time-scale parameters in the HC table (hc_params.h).
constexpr int kU = 2, kTauBeta0 = 3, kT0 = 8;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Where each model parameter comes from: a constant, the shared block or the dataset's block;
// blocks hold log10(value) for log-scale parameters.
struct Mapping {
  enum Source { Fixed, Shared, Local };
  std::array<Source, kN> source{};
  std::array<double, kN> constant{};
  std::array<bool, kN> log{};
};

template <typename T>
HcParams<T> map_params(const Mapping& m, const T* shared, const T* local) {
  T v[kN];
  for (int k = 0; k < kN; ++k) {
    if (m.source[k] == Mapping::Fixed) {
      v[k] = T(m.constant[k]);
      continue;
    }
    const T x = m.source[k] == Mapping::Shared ? shared[k] : local[k];
    v[k] = m.log[k] ? exp(x * T(std::log(10.0))) : x;
  }
  return hc_params_from_array(v);
}

// One independent piece of a dataset: a DMA point (E', E'') or a whole time-domain run (a
// strain-controlled run's points depend on each other through the hereditary integral; a creep
// run's share one Prony series per step).
struct Piece {
  Experiment kind;
  double temperature_K = 0, omega = 0;
  std::vector<Step> history;  // creep
  StrainProgram program;      // relaxation, tension
  std::vector<double> times;
  std::vector<double> data, scale;  // per residual; scale includes 1/sqrt(weight)
  std::vector<size_t> index;        // position of each residual in DatasetFit::measured
  bool log_form = false;
  int dataset = 0;

  template <typename T>
  bool model(const HcParams<T>& p, Anelastic an, T* out) const {
    switch (kind) {
      case Experiment::Dma: {
        const auto s = hc::times(p, T(temperature_K));
        const auto E = hc::complex_modulus(hc::complex_compliance(p, s, T(omega), an));
        out[0] = E.re, out[1] = E.im;
        return true;
      }
      case Experiment::Creep: {
        const auto v = creep_strain_run(p, temperature_K, history, std::span<const double>(times));
        std::copy(v.begin(), v.end(), out);
        return true;
      }
      default: {
        const auto v = solve_stress_t(p, temperature_K, program, std::span<const double>(times), {});
        std::copy(v.begin(), v.end(), out);
        return true;
      }
    }
  }
};

struct UnitCost {
  const Piece* unit;
  const Mapping* map;
  Anelastic anelastic;

  template <typename T>
  bool residuals(const HcParams<T>& p, T* r) const {
    if (!(value_of(p.E_r) < value_of(p.E_u))) return false;  // A_beta must stay positive
    try {
      if (!unit->model(p, anelastic, r)) return false;
    } catch (const std::exception&) {
      return false;  // e.g. a stress at or above sigma_1: reject the step
    }
    for (size_t i = 0; i < unit->data.size(); ++i) {
      if (!std::isfinite(value_of(r[i]))) return false;
      if (unit->log_form) {
        if (!(value_of(r[i]) > 0)) return false;
        r[i] = (log(r[i]) - T(std::log(unit->data[i]))) / T(unit->scale[i]);
      } else {
        r[i] = (r[i] - T(unit->data[i])) / T(unit->scale[i]);
      }
    }
    return true;
  }
  template <typename T>
  bool operator()(const T* shared, T* r) const {
    return evaluate<T>(shared, nullptr, r);
  }
  template <typename T>
  bool operator()(const T* shared, const T* local, T* r) const {
    return evaluate(shared, local, r);
  }

  // The last residuals evaluated in doubles, by parameter values: in a bounded problem Ceres'
  // projected line search evaluates the full step and the trust-region loop then evaluates the
  // same point again (about a third of all cost evaluations). Evaluation is single-threaded
  // (Solver::Options::num_threads = 1), so the memo needs no lock.
  struct Memo {
    std::vector<double> key, residuals;
    bool ok = false;
  };
  mutable Memo memo;

  template <typename T>
  bool evaluate(const T* shared, const T* local, T* r) const {
    if constexpr (!std::is_same_v<T, double>) {
      return residuals(map_params<T>(*map, shared, local), r);
    } else {
      const size_t n = unit->data.size();
      std::array<double, 2 * kN> key{};
      std::copy(shared, shared + kN, key.begin());
      if (local) std::copy(local, local + kN, key.begin() + kN);
      if (memo.key.size() == key.size() && std::equal(key.begin(), key.end(), memo.key.begin())) {
        std::copy(memo.residuals.begin(), memo.residuals.end(), r);
        return memo.ok;
      }
      memo.ok = residuals(map_params<double>(*map, shared, local), r);
      memo.key.assign(key.begin(), key.end());
      memo.residuals.assign(r, r + n);
      return memo.ok;
    }
  }
};

double scale_of(const ResidualScale& s, double data, const Column* column, size_t row, const std::string& file) {
  if (s.kind == "relative") {
    if (data == 0) throw InputError(fmt::format("{}: a measured value is 0, so a relative residual is undefined; use "
                                                "residual = \"absolute\" or \"noise\"",
                                                file));
    return std::abs(data);
  }
  if (s.kind == "absolute") return 1.0;
  if (s.kind == "noise") return std::hypot(s.relative * data, s.absolute);
  const double v = column->values[row];
  if (!(v > 0)) throw InputError(fmt::format("{}: uncertainty column '{}' must be positive", file, column->header));
  return v;
}

std::vector<Piece> units_for(const FitInput& in, const DatasetSpec& d, int dataset, bool robust) {
  const auto& ex = in.experiment;
  auto column_for = [&](const ResidualScale& s) -> const Column* {
    return s.kind == "column" ? &in.dataset.require(s.column, "as the uncertainty column named in the spec") : nullptr;
  };
  const Column* c1 = column_for(d.scale);
  const Column* c2 = column_for(d.loss_scale);
  const double sw = std::sqrt(d.weight);
  std::vector<Piece> units;
  if (ex.kind == Experiment::Dma) {
    const size_t n = ex.frequency_Hz.size();
    for (size_t i = 0; i < n; ++i) {
      Piece u;
      u.kind = Experiment::Dma;
      u.temperature_K = ex.temperature_K[i];
      u.omega = 2 * kPi * ex.frequency_Hz[i];
      u.data = {ex.storage_MPa[i], ex.loss_MPa[i]};
      u.scale = {scale_of(d.scale, u.data[0], c1, i, ex.path) / sw, scale_of(d.loss_scale, u.data[1], c2, i, ex.path) / sw};
      if (d.log_moduli) {
        if (!(u.data[0] > 0 && u.data[1] > 0))
          throw InputError(located(ex.path, in.dataset.line_of_row[i], "", "log_moduli needs positive E' and E''"));
        u.scale[0] /= u.data[0], u.scale[1] /= u.data[1];
        u.log_form = true;
      }
      u.index = {i, n + i};
      u.dataset = dataset;
      units.push_back(std::move(u));
    }
    return units;
  }
  // A time-domain test is one piece; creep points are independent of each other, so under a
  // robust loss (which acts per piece) each creep point is its own piece.
  size_t k = 0;
  for (const auto& run : ex.runs) {
    const size_t n = run.time_s.size(), per_piece = ex.kind == Experiment::Creep && robust ? 1 : n;
    for (size_t first = 0; first < n; first += per_piece) {
      Piece u;
      u.kind = ex.kind;
      u.temperature_K = run.temperature_K;
      u.history = run.stress_history;
      u.program = {run.strain_step, run.strain_rate_per_s};
      for (size_t i = first; i < std::min(n, first + per_piece); ++i, ++k) {
        u.times.push_back(run.time_s[i]);
        u.data.push_back(run.measured[i]);
        u.scale.push_back(scale_of(d.scale, run.measured[i], c1, run.rows[i], ex.path) / sw);
        u.index.push_back(k);
      }
      u.dataset = dataset;
      units.push_back(std::move(u));
    }
  }
  return units;
}

template <int... Blocks>
ceres::CostFunction* make_cost(const Piece& u, const Mapping& m, Anelastic an) {
  auto* f = new ceres::AutoDiffCostFunction<UnitCost, ceres::DYNAMIC, Blocks...>(new UnitCost{&u, &m, an, {}},
                                                                                   static_cast<int>(u.data.size()));
  return f;
}

}  // namespace

std::vector<FitInput> load_fit_inputs(const FitSpec& spec) {
  std::vector<FitInput> inputs;
  for (const auto& d : spec.datasets) {
    Dataset ds = read_csv(d.file);
    ExperimentData ex = experiment_from(ds);
    inputs.push_back({std::move(ds), std::move(ex)});
  }
  return inputs;
}

FitResult run_fit(const FitSpec& spec, const std::vector<FitInput>& inputs, const Progress& progress) {
  quiet_ceres_logging();
  const auto table = hc_parameter_table();
  const Anelastic an = spec.anelastic == "exact" ? Anelastic::Exact : Anelastic::Published;
  const size_t D = inputs.size();
  const bool any_local = std::any_of(spec.parameters.begin(), spec.parameters.end(),
                                     [](const auto& p) { return !p.fixed && p.per_dataset; });
  Mapping map;
  std::array<double, kN> shared{};
  std::vector<std::array<double, kN>> local(D);
  std::vector<int> shared_free, local_free;
  auto to_x = [](const ParameterChoice& p, double v) { return p.log_scale ? std::log10(v) : v; };
  for (int k = 0; k < kN; ++k) {
    const auto& p = spec.parameters[k];
    map.log[k] = p.log_scale;
    map.constant[k] = p.start;
    map.source[k] = p.fixed ? Mapping::Fixed : p.per_dataset ? Mapping::Local : Mapping::Shared;
    shared[k] = p.fixed ? 0.0 : to_x(p, p.start);
    for (auto& l : local) l[k] = shared[k];
    if (map.source[k] == Mapping::Shared) shared_free.push_back(k);
    if (map.source[k] == Mapping::Local) local_free.push_back(k);
  }
  // Bounds in the fitted coordinates (a log-scale parameter bounded at 0 is unbounded below).
  auto lower_x = [&](int k) {
    const auto& p = spec.parameters[k];
    return p.log_scale ? (p.lower > 0 ? std::log10(p.lower) : -kInf) : p.lower;
  };
  auto upper_x = [&](int k) {
    const auto& p = spec.parameters[k];
    return p.log_scale ? (std::isfinite(p.upper) ? std::log10(p.upper) : kInf) : p.upper;
  };
  // Whether fitted coordinate x of parameter k sits on one of its bounds.
  auto on_bound = [&](int k, double x) {
    const double tol = 1e-6 * std::max(1.0, std::abs(x));
    return (std::isfinite(lower_x(k)) && x - lower_x(k) <= tol) || (std::isfinite(upper_x(k)) && upper_x(k) - x <= tol);
  };
  // Draws in the bounds (start draws, bound escape) need both bounds finite; u in [0, 1).
  auto bounded = [&](int k) { return std::isfinite(lower_x(k)) && std::isfinite(upper_x(k)); };
  auto in_bounds = [&](int k, double u) { return lower_x(k) + (upper_x(k) - lower_x(k)) * u; };

  std::vector<Piece> units;
  for (size_t d = 0; d < D; ++d) {
    auto u = units_for(inputs[d], spec.datasets[d], static_cast<int>(d), spec.loss != "none");
    units.insert(units.end(), std::make_move_iterator(u.begin()), std::make_move_iterator(u.end()));
  }

  ceres::Problem::Options popts;
  popts.manifold_ownership = ceres::TAKE_OWNERSHIP;
  ceres::Problem problem(popts);
  auto constant_indices = [&](const std::vector<int>& free) {
    std::vector<int> c;
    for (int k = 0; k < kN; ++k)
      if (std::find(free.begin(), free.end(), k) == free.end()) c.push_back(k);
    return c;
  };
  for (const auto& u : units) {
    ceres::LossFunction* loss = nullptr;
    if (spec.loss == "huber") loss = new ceres::HuberLoss(spec.loss_scale);
    if (spec.loss == "cauchy") loss = new ceres::CauchyLoss(spec.loss_scale);
    if (any_local)
      problem.AddResidualBlock(make_cost<kN, kN>(u, map, an), loss, shared.data(), local[u.dataset].data());
    else
      problem.AddResidualBlock(make_cost<kN>(u, map, an), loss, shared.data());
  }
  auto set_block = [&](double* block, const std::vector<int>& free) {
    if (free.empty()) {
      problem.SetParameterBlockConstant(block);
      return;
    }
    if (free.size() < static_cast<size_t>(kN)) problem.SetManifold(block, new ceres::SubsetManifold(kN, constant_indices(free)));
    for (int k : free) {
      if (std::isfinite(lower_x(k))) problem.SetParameterLowerBound(block, k, lower_x(k));
      if (std::isfinite(upper_x(k))) problem.SetParameterUpperBound(block, k, upper_x(k));
    }
  };
  set_block(shared.data(), shared_free);
  if (any_local)
    for (auto& l : local) set_block(l.data(), local_free);

  // Free coordinates in the order Ceres' tangent space lists them.
  struct Free {
    double* block;
    int k;
    int dataset;  // -1 shared
  };
  std::vector<Free> free;
  std::vector<double*> blocks;
  if (!shared_free.empty()) {
    blocks.push_back(shared.data());
    for (int k : shared_free) free.push_back({shared.data(), k, -1});
  }
  if (any_local)
    for (size_t d = 0; d < D; ++d) {
      blocks.push_back(local[d].data());
      for (int k : local_free) free.push_back({local[d].data(), k, static_cast<int>(d)});
    }

  ceres::Solver::Options options;
  options.linear_solver_type = ceres::DENSE_QR;
  options.max_num_iterations = spec.max_iterations;
  options.function_tolerance = 1e-12;
  options.gradient_tolerance = 1e-14;
  options.parameter_tolerance = 1e-12;
  options.logging_type = ceres::SILENT;
  options.num_threads = 1;
  options.use_nonmonotonic_steps = true;
  // With bounds, Ceres follows each trust-region step with a projected line search. Its default
  // cubic interpolation evaluates the Jacobian at every trial point; quadratic interpolation
  // needs only costs, which reach the same optimum in the same iterations at about half the
  // price of a Jacobian (joint fit: 26 Jacobians -> 11; docs/fit-spec.md, Performance).
  options.line_search_interpolation_type = ceres::QUADRATIC;

  // Starts: the spec's start, then Sobol points in the bounds.
  const int starts = 1 + spec.multistart;
  if (spec.multistart > 0)
    for (const auto& f : free)
      if (!bounded(f.k))
        throw InputError(fmt::format("{}: multistart draws starts in the bounds: give parameter '{}' a finite min and "
                                     "max{}",
                                     spec.path, table[f.k].name, spec.parameters[f.k].log_scale ? " (> 0, log scale)" : ""));
  std::vector<double> start(free.size());
  for (size_t i = 0; i < free.size(); ++i) start[i] = free[i].block[free[i].k];
  boost::random::sobol sobol(std::max<size_t>(free.size(), 1));
  sobol.seed(spec.seed);
  boost::random::uniform_01<double> unit01;

  // Every other multistart start draws tau_beta0 and t0 so that tau_beta and tau_max at the
  // median data temperature fall in the data's own time window (1/(2 pi f) for DMA, the measured
  // times otherwise, widened by a decade either side): starts whose loss peaks lie far outside
  // the data see a flat landscape and cannot find their way back. The other starts stay uniform
  // in the bounds, because a good fit may use a process outside the window (e.g. a broad
  // beta background).
  const bool time_scales_shared = map.source[kTauBeta0] == Mapping::Shared && map.source[kT0] == Mapping::Shared &&
                                  spec.parameters[kTauBeta0].log_scale && spec.parameters[kT0].log_scale;
  const bool data_window_starts = time_scales_shared && map.source[kU] == Mapping::Shared;
  double T_ref = 0, window_lo = kInf, window_hi = -kInf;  // log10 seconds
  if (data_window_starts) {
    std::vector<double> temps;
    for (const auto& in : inputs) {
      const auto& ex = in.experiment;
      temps.insert(temps.end(), ex.temperature_K.begin(), ex.temperature_K.end());
      for (double f : ex.frequency_Hz) {
        const double lt = -std::log10(2 * kPi * f);
        window_lo = std::min(window_lo, lt), window_hi = std::max(window_hi, lt);
      }
      for (const auto& r : ex.runs) {
        temps.push_back(r.temperature_K);
        window_lo = std::min(window_lo, std::log10(r.time_s.front()));
        window_hi = std::max(window_hi, std::log10(r.time_s.back()));
      }
    }
    std::nth_element(temps.begin(), temps.begin() + static_cast<long>(temps.size() / 2), temps.end());
    T_ref = temps[temps.size() / 2];
    window_lo -= 1, window_hi += 1;
  }
  // Given the other drawn values, tau_beta0 (slot 3) or t0 (slot 8) from a position u in [0, 1)
  // of the window; NaN when it falls outside the user's bounds.
  auto window_draw = [&](int k, double u) {
    const double c = 1.0 / (kGasConstant_J_per_molK * T_ref * std::log(10.0));
    const double log_tau_beta_ref = shared[kTauBeta0] + shared[kU] * c;
    double x;
    if (k == kTauBeta0) {
      x = (window_lo + (window_hi - window_lo) * u) - shared[kU] * c;
    } else {
      const auto p = map_params<double>(map, shared.data(), nullptr);
      const double chi = std::min(0.999, hc::chi(p, T_ref));
      const double log_tau_max = window_lo + (window_hi - window_lo) * u;
      x = (log_tau_beta_ref - chi * log_tau_max) / (1 - chi);
    }
    return x < lower_x(k) || x > upper_x(k) ? kNaN : x;
  };

  // Time-scale scan: before each local fit, the two time-scale prefactors (tau_beta0, t0) are
  // moved together by whole decades to the best cost on a 13 x 13 grid (+-6 decades, within
  // the bounds), the other parameters held. From a start whose loss peaks lie outside the data
  // the cost is nearly flat in every direction a local step can see; the scan puts the
  // processes back in the window, where the local fit can adjust everything else. The grid is
  // evaluated on a subsample of the cheap pieces (DMA points, creep runs; strain-controlled runs
  // only when there is nothing else), at most 200 pieces.
  ceres::Problem scan_problem;
  const bool scan = time_scales_shared && spec.scan_time_scales && !any_local;
  if (scan) {
    std::vector<const Piece*> cheap;
    for (const auto& u : units)
      if (u.kind == Experiment::Dma || u.kind == Experiment::Creep) cheap.push_back(&u);
    if (cheap.empty())
      for (const auto& u : units) cheap.push_back(&u);
    const size_t stride = (cheap.size() + 199) / 200;
    for (size_t i = 0; i < cheap.size(); i += stride)
      scan_problem.AddResidualBlock(make_cost<kN>(*cheap[i], map, an), nullptr, shared.data());
  }
  // The cost at the current parameter values; infinite where the model cannot be evaluated.
  auto cost_at = [](ceres::Problem& pb) {
    double c = kInf;
    const bool ok = pb.Evaluate(ceres::Problem::EvaluateOptions(), &c, nullptr, nullptr, nullptr);
    return ok && std::isfinite(c) ? c : kInf;
  };
  // Moves log10 tau_beta0 and log10 t0 to the grid's best cost; says whether they moved.
  auto scan_time_scales = [&] {
    const double x_tau = shared[kTauBeta0], x_t0 = shared[kT0];
    double best_c = kInf, best_tau = x_tau, best_t0 = x_t0;
    for (int a = -6; a <= 6; ++a)
      for (int b = -6; b <= 6; ++b) {
        shared[kTauBeta0] = std::clamp(x_tau + a, lower_x(kTauBeta0), upper_x(kTauBeta0));
        shared[kT0] = std::clamp(x_t0 + b, lower_x(kT0), upper_x(kT0));
        if (const double c = cost_at(scan_problem); c < best_c)
          best_c = c, best_tau = shared[kTauBeta0], best_t0 = shared[kT0];
      }
    shared[kTauBeta0] = best_tau, shared[kT0] = best_t0;
    return best_tau != x_tau || best_t0 != x_t0;
  };
  // One local search from the current parameters: scan, fit, rescan, and the unscanned fallback.
  auto local_search = [&] {
    const std::array<double, kN> unscanned = shared;
    const bool moved = scan && scan_time_scales();
    ceres::Solver::Summary summary;
    ceres::Solve(options, &problem, &summary);
    // A local optimum the scan can still improve on is left for the better basin (twice at most).
    for (int again = 0; scan && again < 2 && summary.IsSolutionUsable(); ++again) {
      const std::array<double, kN> solved = shared;
      if (!scan_time_scales()) break;
      ceres::Solver::Summary next;
      ceres::Solve(options, &problem, &next);
      if (next.IsSolutionUsable() && next.final_cost < summary.final_cost) {
        next.iterations.insert(next.iterations.begin(), summary.iterations.begin(), summary.iterations.end());
        summary = next;
      } else {
        shared = solved;
        break;
      }
    }
    // The scan judges on a subsample; should the fit from its choice end above the cost of the
    // unscanned start itself (data outside the subsample disagreeing), fit from that start too.
    if (moved) {
      const std::array<double, kN> solved = shared;
      shared = unscanned;
      if (!summary.IsSolutionUsable() || summary.final_cost > cost_at(problem)) {
        ceres::Solver::Summary plain;
        ceres::Solve(options, &problem, &plain);
        if (plain.IsSolutionUsable() && (!summary.IsSolutionUsable() || plain.final_cost < summary.final_cost)) {
          summary = plain;
        } else {
          shared = solved;
        }
      } else {
        shared = solved;
      }
    }
    return summary;
  };
  boost::random::mt19937_64 escape_rng(spec.seed);  // the bound escape's draws
  FitResult result;
  std::vector<double> best_x;
  ceres::Solver::Summary best;
  double best_cost = kInf;
  std::vector<std::vector<double>> optima;
  for (int s = 0; s < starts; ++s) {
    // Draw until the model can be evaluated there (e.g. E_r < E_u), at most 1000 times.
    for (int attempt = 0; attempt < 1000; ++attempt) {
      bool inside = true;
      for (size_t i = 0; i < free.size(); ++i) {
        const int k = free[i].k;
        const double u = s == 0 ? 0.0 : unit01(sobol);
        if (s == 0)
          free[i].block[k] = start[i];
        else if (data_window_starts && s % 2 == 1 && free[i].dataset < 0 && (k == kTauBeta0 || k == kT0))
          free[i].block[k] = window_draw(k, u), inside = inside && std::isfinite(free[i].block[k]);
        else
          free[i].block[k] = in_bounds(k, u);
      }
      if (s == 0 || (inside && std::isfinite(cost_at(problem)))) break;
    }
    ceres::Solver::Summary summary = local_search();
    // Bound escape: a local optimum with a parameter pinned on a bound is often one process
    // standing in for another (a flat beta background with B on its lower bound, or the beta
    // peak doing the alpha peak's work with t0 on its upper bound). Every free parameter of a
    // pinned one's process (kHcProcess) that has finite bounds is drawn again in them and the
    // local search repeated from there, twice at most, each time from the best end so far,
    // which is kept.
    for (int escape = 0; spec.escape_bounds && escape < 2 && summary.IsSolutionUsable(); ++escape) {
      std::array<bool, kHcProcessCount> pinned{};
      for (const auto& f : free)
        if (on_bound(f.k, f.block[f.k])) pinned[static_cast<size_t>(kHcProcess[f.k])] = true;
      auto redrawn = [&](const Free& f) { return bounded(f.k) && pinned[static_cast<size_t>(kHcProcess[f.k])]; };
      if (std::none_of(free.begin(), free.end(), redrawn)) break;
      const std::array<double, kN> kept_shared = shared;
      const auto kept_local = local;
      bool drawn = false;
      for (int attempt = 0; attempt < 100 && !drawn; ++attempt) {
        for (const auto& f : free)
          if (redrawn(f)) f.block[f.k] = in_bounds(f.k, unit01(escape_rng));
        drawn = std::isfinite(cost_at(problem));
      }
      ++result.multistart.escapes;
      ceres::Solver::Summary next;
      if (drawn) next = local_search();
      if (drawn && next.IsSolutionUsable() && next.final_cost < summary.final_cost) {
        next.iterations.insert(next.iterations.begin(), summary.iterations.begin(), summary.iterations.end());
        summary = next;
        ++result.multistart.escapes_improved;
      } else {
        shared = kept_shared, local = kept_local;
      }
    }
    std::vector<double> x(free.size());
    for (size_t i = 0; i < free.size(); ++i) x[i] = free[i].block[free[i].k];
    const double cost = summary.IsSolutionUsable() ? summary.final_cost : kInf;
    result.multistart.costs.push_back(cost);
    optima.push_back(x);
    if (cost < best_cost) best_cost = cost, best_x = x, best = summary;
    if (progress) progress(s + 1, starts, best_cost);
  }
  if (!std::isfinite(best_cost))
    throw InputError(fmt::format("{}: the model could not be evaluated at any start (check bounds and starts)", spec.path));
  for (size_t i = 0; i < free.size(); ++i) free[i].block[free[i].k] = best_x[i];
  result.multistart.starts = starts;
  result.multistart.spread.assign(free.size(), {kInf, -kInf});
  auto to_value = [&](int k, double x) { return spec.parameters[k].log_scale ? std::pow(10.0, x) : x; };
  for (size_t s = 0; s < optima.size(); ++s) {
    const double c = result.multistart.costs[s];
    if (!(c <= best_cost * (1 + 1e-6) + 1e-12)) continue;
    ++result.multistart.reached_best;
    for (size_t i = 0; i < free.size(); ++i) {
      const double v = to_value(free[i].k, optima[s][i]);
      result.multistart.spread[i].first = std::min(result.multistart.spread[i].first, v);
      result.multistart.spread[i].second = std::max(result.multistart.spread[i].second, v);
    }
  }
  std::sort(result.multistart.costs.begin(), result.multistart.costs.end());

  result.converged = best.termination_type == ceres::CONVERGENCE;
  result.iterations = static_cast<int>(best.iterations.size()) - 1;
  result.termination = best.message;
  result.cost = best.final_cost;

  // Residuals and Jacobian (tangent space = free coordinates) without the robust loss.
  ceres::Problem::EvaluateOptions eo;
  eo.parameter_blocks = blocks;
  eo.apply_loss_function = false;
  std::vector<double> r;
  ceres::CRSMatrix crs;
  double cost_plain = 0;
  problem.Evaluate(eo, &cost_plain, &r, nullptr, &crs);
  const size_t n = r.size(), p = free.size();
  result.points = n;
  result.free = p;
  result.chi2 = 2 * cost_plain;
  result.chi2_reduced = n > p ? result.chi2 / static_cast<double>(n - p) : kNaN;
  const double nd = static_cast<double>(n), pd = static_cast<double>(p);
  result.aic = nd * std::log(result.chi2 / nd) + 2.0 * pd;
  result.bic = nd * std::log(result.chi2 / nd) + std::log(nd) * pd;

  const Eigen::MatrixXd J = dense_jacobian(crs);
  // Covariance of the fitted coordinates: pseudo-inverse of J^T J after scaling columns to unit
  // norm; eigen-directions below 1e-10 of the largest eigenvalue are reported, not inverted.
  Eigen::VectorXd norms = J.colwise().norm();
  for (int i = 0; i < norms.size(); ++i)
    if (norms(i) == 0) norms(i) = 1;
  const Eigen::MatrixXd Js = J * norms.cwiseInverse().asDiagonal();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(Js.transpose() * Js);
  const Eigen::VectorXd lambda = eig.eigenvalues();
  const double lmax = lambda.size() ? lambda.maxCoeff() : 0;
  std::vector<bool> undetermined(p, false);
  Eigen::MatrixXd inv = Eigen::MatrixXd::Zero(p, p);
  std::vector<std::string> free_names;
  for (size_t i = 0; i < p; ++i)
    free_names.push_back(free[i].dataset < 0 ? table[free[i].k].name
                                             : fmt::format("{}@{}", table[free[i].k].name, free[i].dataset + 1));
  for (Eigen::Index e = 0; e < lambda.size(); ++e) {
    const Eigen::VectorXd v = eig.eigenvectors().col(e);
    if (lambda(e) > 1e-10 * lmax) {
      inv += v * v.transpose() / lambda(e);
      continue;
    }
    std::string combo;
    for (size_t i = 0; i < p; ++i)
      if (std::abs(v(i)) > 0.2) {
        combo += fmt::format("{}{:+.2f} {}", combo.empty() ? "" : " ", v(i), free_names[i]);
        undetermined[i] = true;
      }
    result.weak_combinations.push_back(fmt::format("{} (relative eigenvalue {:.1e})", combo, lambda(e) / lmax));
  }
  const double s2 = spec.scale_covariance && std::isfinite(result.chi2_reduced) ? result.chi2_reduced : 1.0;
  const Eigen::MatrixXd cov = s2 * norms.cwiseInverse().asDiagonal() * inv * norms.cwiseInverse().asDiagonal();
  result.free_names = free_names;
  result.correlation.assign(p, std::vector<double>(p, kNaN));
  for (size_t i = 0; i < p; ++i)
    for (size_t j = 0; j < p; ++j)
      if (!undetermined[i] && !undetermined[j]) result.correlation[i][j] = cov(i, j) / std::sqrt(cov(i, i) * cov(j, j));

  // Parameters in physical units: stderr through d value/dx (log scale: value ln 10).
  for (int k = 0; k < kN; ++k) {
    const auto& choice = spec.parameters[k];
    auto push = [&](int dataset, double x, double var_x, bool is_free, bool undet) {
      FittedParameter fp;
      fp.name = dataset < 0 ? choice.name : fmt::format("{}@{}", choice.name, dataset + 1);
      fp.unit = table[k].unit;
      fp.fixed = !is_free;
      fp.value = is_free ? to_value(k, x) : choice.start;
      const double dvdx = choice.log_scale ? fp.value * std::log(10.0) : 1.0;
      fp.stderr_value = is_free && !undet ? std::abs(dvdx) * std::sqrt(var_x) : kNaN;
      fp.at_bound = is_free && on_bound(k, x);
      result.parameters.push_back(fp);
    };
    if (map.source[k] == Mapping::Fixed) {
      push(-1, 0, 0, false, false);
      continue;
    }
    for (size_t i = 0; i < p; ++i)
      if (free[i].k == k) push(free[i].dataset, free[i].block[k], cov(i, i), true, undetermined[i]);
  }

  // Per-dataset goodness and model values.
  result.datasets.resize(D);
  for (size_t d = 0; d < D; ++d) {
    auto& df = result.datasets[d];
    df.file = spec.datasets[d].file_as_written;
    df.kind = experiment_name(inputs[d].experiment.kind);
    df.points = inputs[d].experiment.points();
    df.measured.assign(df.points, kNaN);
    df.model.assign(df.points, kNaN);
  }
  std::vector<double> sumsq(D, 0.0);
  for (const auto& u : units) {
    const auto params = map_params<double>(map, shared.data(), any_local ? local[u.dataset].data() : nullptr);
    std::vector<double> m(u.data.size());
    u.model(params, an, m.data());
    auto& df = result.datasets[u.dataset];
    for (size_t i = 0; i < m.size(); ++i) {
      df.measured[u.index[i]] = u.data[i];
      df.model[u.index[i]] = m[i];
      const double ri = u.log_form ? (std::log(m[i]) - std::log(u.data[i])) / u.scale[i] : (m[i] - u.data[i]) / u.scale[i];
      sumsq[u.dataset] += ri * ri;
    }
  }
  for (size_t d = 0; d < D; ++d) {
    auto& df = result.datasets[d];
    df.cost = 0.5 * sumsq[d];
    const double np = static_cast<double>(df.points);
    df.rms_residual = std::sqrt(sumsq[d] / np);
    double mean = 0, ss_res = 0, ss_tot = 0, rel = 0, largest = 0;
    size_t nrel = 0;
    for (double v : df.measured) mean += v / np, largest = std::max(largest, std::abs(v));
    for (size_t i = 0; i < df.points; ++i) {
      ss_res += std::pow(df.model[i] - df.measured[i], 2);
      ss_tot += std::pow(df.measured[i] - mean, 2);
      // Values below 1e-6 of the largest (a fully relaxed stress, 1e-12 MPa) are rounding
      // noise: relative to them any model is 100 % off.
      if (std::abs(df.measured[i]) > 1e-6 * largest)
        rel += std::pow((df.model[i] - df.measured[i]) / df.measured[i], 2), ++nrel;
    }
    df.r2 = ss_tot > 0 ? 1 - ss_res / ss_tot : kNaN;
    df.rms_relative = nrel ? std::sqrt(rel / static_cast<double>(nrel)) : kNaN;
  }
  return result;
}

}  // namespace glassfit
