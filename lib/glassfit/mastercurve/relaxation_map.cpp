// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/mastercurve/relaxation_map.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <numeric>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "glassfit/numerics/curve_fit.h"

namespace glassfit {
namespace {

// Rows grouped by a key column (equal within a relative 1e-6 or an absolute tolerance),
// each group sorted by `sort_by`.
std::vector<std::vector<size_t>> groups(const Column& key, const Column& sort_by, double abs_tol) {
  std::vector<std::vector<size_t>> out;
  for (size_t r = 0; r < key.values.size(); ++r) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& g) {
      const double k = key.values[g.front()];
      return std::abs(k - key.values[r]) <= std::max(abs_tol, 1e-6 * std::abs(k));
    });
    if (it == out.end())
      out.push_back({r});
    else
      it->push_back(r);
  }
  for (auto& g : out)
    std::stable_sort(g.begin(), g.end(), [&](size_t a, size_t b) { return sort_by.values[a] < sort_by.values[b]; });
  return out;
}

}  // namespace

std::vector<LossPeak> beta_loss_peaks(const Dataset& d, double half_width_K) {
  if (!(half_width_K > 0) || !std::isfinite(half_width_K))
    throw InputError(
        fmt::format("half-width of the beta peak: {:g} K; it must be a positive, finite temperature "
                    "difference (--half-width)",
                    half_width_K));
  const Column& T = d.require("temperature", "for loss-peak temperatures");
  const Column& f = d.require("frequency", "for loss-peak temperatures");
  const Column& loss = d.require("loss_modulus", "for loss-peak temperatures");
  // One curve per frequency, cut where the alpha wing passes 15 % of the curve's maximum.
  struct Curve {
    double freq, T_hi;
    std::vector<size_t> rows;
    std::vector<double> T_K, loss_MPa;
    double A0, Tp0, c0, k0;  // start
  };
  std::vector<Curve> curves;
  for (const auto& g : groups(f, T, 0.0)) {
    Curve c;
    c.freq = f.values[g.front()];
    for (size_t r : g) d.positive(loss, r);  // T > 0 is the CSV reader's own check
    double top = 0;
    for (size_t r : g) top = std::max(top, loss.values[r]);
    for (size_t r : g) {
      if (loss.values[r] > 0.15 * top) break;
      c.rows.push_back(r), c.T_K.push_back(T.values[r]), c.loss_MPa.push_back(loss.values[r]);
    }
    const size_t m = c.rows.size();
    if (m < 8)
      throw InputError(located(d.path, d.line_of_row[g.front()], loss.header,
                               fmt::format("{:g} Hz: no beta loss peak found ({} points below the alpha wing; a "
                                           "loss-peak fit needs at least 8)",
                                           c.freq, m)));
    c.T_hi = c.T_K.back();
    // Start: the wing through the last points' slope, making most of the last point; the peak
    // where the data stand highest above it.
    c.k0 = std::max(1.0, std::log(c.loss_MPa[m - 1] / c.loss_MPa[m - 3]) / (1.0 / c.T_K[m - 3] - 1.0 / c.T_K[m - 1]));
    c.c0 = 0.9 * c.loss_MPa[m - 1];
    double excess = -INFINITY;
    for (size_t i = 0; i + 3 < m; ++i) {
      const double e = c.loss_MPa[i] - c.c0 * std::exp(-c.k0 * (1.0 / c.T_K[i] - 1.0 / c.T_hi));
      if (e > excess) excess = e, c.Tp0 = c.T_K[i];
    }
    c.A0 = std::max(excess, 1e-3 * top);
    curves.push_back(std::move(c));
  }
  std::sort(curves.begin(), curves.end(), [](const auto& a, const auto& b) { return a.freq < b.freq; });

  // One fit of all curves: E''_f(T) = A_f (a + b) / (b e^{-a z} + a e^{b z}) + c_f exp(-k (1/T - 1/T_hi,f)),
  // z = 1000/Tp_f - 1000/T. A loss peak of height A_f at Tp_f, exponential in 1/T on each side
  // with its own slope (a Debye peak has a = b; a broad, skewed spectrum does not), on the
  // Arrhenius wing of the alpha process. The shape (a, b) and the wing's slope k are shared:
  // for thermally activated processes a change of frequency shifts the curves along 1/T and
  // leaves their shape, which pins the peaks that the alpha wing half buries at high
  // frequencies. Relative residuals.
  size_t total = 0;
  for (const auto& c : curves) total += c.rows.size();
  Eigen::VectorXd y = Eigen::VectorXd::Zero(static_cast<long>(total)), w = y;
  {
    size_t i = 0;
    for (const auto& c : curves)
      for (double v : c.loss_MPa) y(long(i)) = v, w(long(i)) = 1.0 / v, ++i;
  }
  const Whitening W = diagonal_whitening(w);
  auto model = [&](const auto* p, auto* out_f) {
    size_t i = 0;
    for (size_t n = 0; n < curves.size(); ++n) {
      const auto* q = p + 3 + 3 * n;  // A, Tp, c of this curve
      for (double Ti : curves[n].T_K) {
        const auto z = 1000.0 / q[1] - 1000.0 / Ti;
        out_f[i++] = q[0] * (p[0] + p[1]) / (p[1] * exp(-p[0] * z) + p[0] * exp(p[1] * z)) +
                     q[2] * exp(-p[2] * (1.0 / Ti - 1.0 / curves[n].T_hi));
      }
    }
  };
  // Peak slopes from the half-width: the peak falls to 1/e at 1000/T a half-width away.
  const double slope0 = curves.front().Tp0 * curves.front().Tp0 / (1000.0 * half_width_K);
  double k0 = 0;
  for (const auto& c : curves) k0 += c.k0 / double(curves.size());
  std::vector<double> start = {slope0, slope0, k0}, lower = {0.05, 0.05, 0.0}, upper = {200.0, 200.0, 1e6};
  for (const auto& c : curves) {
    start.insert(start.end(), {c.A0, c.Tp0, c.c0});
    lower.insert(lower.end(), {0.0, c.T_K.front(), 0.0});
    upper.insert(upper.end(), {INFINITY, c.T_hi, INFINITY});
  }
  const auto fit = curve_fit(model, y, W, start, lower, upper);
  if (!std::isfinite(fit.chi2))
    throw InputError(
        fmt::format("{}: the peak-plus-wing model of the beta loss peaks cannot be evaluated on these "
                    "data ({:g}-{:g} K; is a temperature mistyped?)",
                    d.path, *std::min_element(T.values.begin(), T.values.end()),
                    *std::max_element(T.values.begin(), T.values.end())));

  std::vector<LossPeak> out;
  for (size_t n = 0; n < curves.size(); ++n) {
    const auto& c = curves[n];
    const double Tp = fit.values[4 + 3 * n], Tp_err = fit.stderr_of(4 + 3 * n);
    if (!fit.converged || !(Tp > c.T_K.front() + 1e-6 && Tp < c.T_hi - 1e-6) || !std::isfinite(Tp_err))
      throw InputError(located(d.path, d.line_of_row[c.rows.front()], loss.header,
                               fmt::format("{:g} Hz: no beta loss peak found (the peak-plus-wing fit put it at {:.1f} "
                                           "K, at the edge of {:.0f}-{:.0f} K)",
                                           c.freq, Tp, c.T_K.front(), c.T_hi)));
    size_t nearest = 0;
    for (size_t i = 0; i < c.T_K.size(); ++i)
      if (std::abs(c.T_K[i] - Tp) < std::abs(c.T_K[nearest] - Tp)) nearest = i;
    out.push_back(
        {c.freq, Tp, Tp_err, 1.0 / (2 * kPi * c.freq), fit.values[3 + 3 * n], d.line_of_row[c.rows[nearest]]});
  }
  return out;
}

ArrheniusFit fit_peak_arrhenius(const std::vector<LossPeak>& peaks) {
  const size_t n = peaks.size();
  if (n < 3) throw InputError(fmt::format("{} loss peak(s): an Arrhenius fit needs at least 3 frequencies", n));
  // 1/T_p = (R/U)(ln tau - ln tau0): the error sits in T_p, so it is the dependent variable.
  Eigen::VectorXd y = Eigen::VectorXd::Zero(static_cast<long>(n)), w = y;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = 0; i < n; ++i) {
    const double x = std::log(peaks[i].tau_s), Ti = peaks[i].temperature_K;
    y(long(i)) = 1.0 / Ti;
    w(long(i)) = Ti * Ti / std::max(peaks[i].temperature_stderr_K, 1e-9);
    sx += x, sy += 1.0 / Ti, sxx += x * x, sxy += x / Ti;
  }
  const double nd = double(n);
  const double b = (nd * sxy - sx * sy) / (nd * sxx - sx * sx), a = (sy - b * sx) / nd;
  if (!(b > 0))
    throw InputError("the loss-peak temperatures do not rise with frequency: no Arrhenius activation energy");
  auto model = [&](const auto* p, auto* f) {
    for (size_t i = 0; i < n; ++i)
      f[i] = kGasConstant_J_per_molK / p[0] * (std::log(peaks[i].tau_s) - std::log(10.0) * p[1]);
  };
  const auto fit = curve_fit(model, y, diagonal_whitening(w), {kGasConstant_J_per_molK / b, -a / b / std::log(10.0)},
                             {1.0, -INFINITY}, {INFINITY, INFINITY});
  return {fit.values[0], fit.stderr_of(0), fit.values[1], fit.stderr_of(1), fit.chi2_reduced};
}

std::vector<ChiEstimate> chi_from_isothermal(const Dataset& d) {
  const Column& T = d.require("temperature", "for chi from isothermal sweeps");
  const Column& f = d.require("frequency", "for chi from isothermal sweeps");
  const Column& E1 = d.require("storage_modulus", "for chi from isothermal sweeps");
  const Column& E2 = d.require("loss_modulus", "for chi from isothermal sweeps");
  std::vector<ChiEstimate> out;
  for (const auto& g : groups(T, f, 0.5)) {
    if (g.size() < 3)
      throw InputError(
          located(d.path, d.line_of_row[g.front()], T.header,
                  fmt::format("{:g} K: {} point(s); a slope needs at least 3", T.values[g.front()], g.size())));
    const long n = long(g.size());
    Eigen::MatrixXd X(n, 2);
    Eigen::VectorXd y(n);
    double Tsum = 0;
    for (long i = 0; i < n; ++i) {
      const size_t r = g[size_t(i)];
      d.positive(E1, r), d.positive(E2, r);  // f > 0 is the CSV reader's own check
      X(i, 0) = std::log(2 * kPi * f.values[r]), X(i, 1) = 1.0;
      y(i) = std::log(E2.values[r] / E1.values[r]);
      Tsum += T.values[r];
    }
    const Eigen::Vector2d beta = X.colPivHouseholderQr().solve(y);
    const Eigen::VectorXd res = y - X * beta;
    const double ss = res.squaredNorm(), tot = (y.array() - y.mean()).square().sum();
    const double var = n > 2 ? ss / double(n - 2) : NAN;
    const Eigen::Matrix2d cov = (X.transpose() * X).inverse() * var;
    // ln tan(delta) = -chi ln w - chi ln tau_max (Eq. 26-27)
    const double chi = -beta(0), ln_tau = beta(1) / beta(0);
    // d ln_tau / d(slope, intercept) = (-intercept/slope^2, 1/slope)
    const Eigen::Vector2d grad(-beta(1) / (beta(0) * beta(0)), 1.0 / beta(0));
    const double ln_tau_err = std::sqrt(std::max(0.0, grad.dot(cov * grad)));
    out.push_back({Tsum / double(n), int(n), chi, std::sqrt(cov(0, 0)), ln_tau / std::log(10.0),
                   ln_tau_err / std::log(10.0), tot > 0 ? 1 - ss / tot : NAN});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.temperature_K < b.temperature_K; });
  return out;
}

}  // namespace glassfit
