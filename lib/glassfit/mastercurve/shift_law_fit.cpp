// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/mastercurve/shift_law_fit.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/numerics/curve_fit.h"
#include "glassfit/models/shift_laws.h"

namespace glassfit {

double ShiftLawFit::log_aT(double T) const {
  if (law == "arrhenius") return shift_law::arrhenius(values[0], T, reference_K);
  if (law == "wlf") return shift_law::wlf(values[0], values[1], T, reference_K);
  return shift_law::vft(values[0], values[1], T, reference_K);
}

namespace {

// Rows of the pseudo-inverse square root of the covariance: W^T W = C^+. Directions with no
// variance (the reference's own shift, fixed at 0) carry no information and are dropped.
Eigen::MatrixXd whitening(const Eigen::MatrixXd& C) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(C);
  const double top = eig.eigenvalues().maxCoeff();
  std::vector<long> keep;
  for (long i = 0; i < C.rows(); ++i)
    if (eig.eigenvalues()(i) > 1e-12 * top) keep.push_back(i);
  Eigen::MatrixXd W(long(keep.size()), C.cols());
  for (size_t r = 0; r < keep.size(); ++r)
    W.row(long(r)) = eig.eigenvectors().col(keep[r]).transpose() / std::sqrt(eig.eigenvalues()(keep[r]));
  return W;
}

ShiftLawFit finish(const CurveFit& f, std::string law, double Tref) {
  ShiftLawFit out;
  out.law = std::move(law);
  out.reference_K = Tref;
  for (const auto& p : shift_law::laws())
    if (p.name == out.law)
      for (const auto& q : p.parameters) out.names.push_back(q.name), out.units.push_back(q.unit);
  out.values = f.values;
  for (size_t i = 0; i < f.values.size(); ++i) out.stderrs.push_back(f.stderr_of(i));
  out.chi2 = f.chi2, out.chi2_reduced = f.chi2_reduced, out.aic = f.aic, out.converged = f.converged;
  if (f.dof > 0 && std::isfinite(f.chi2))
    out.chi2_p = boost::math::cdf(boost::math::complement(boost::math::chi_squared(f.dof), f.chi2));
  return out;
}

// Why the constants are unphysical over [Tmin, ...], or empty. A WLF law is a VFT law with
// T0 = T_ref - C2: both need 0 K < T0 < every temperature (the law diverges at T0), and a
// positive C1 (B) so that matter slows on cooling.
std::string invalid_why(const ShiftLawFit& f, double Tmin) {
  const double margin = 0.01;  // K: a T0 this close to the coldest temperature sits on its bound
  auto vogel = [&](double T0, const std::string& what) -> std::string {
    if (!(T0 > 0)) return fmt::format("{} = {:.4g} K is at or below absolute zero", what, T0);
    if (!(T0 < Tmin - margin))
      return fmt::format("{} = {:.4g} K is not below the coldest temperature {:.2f} K (the law diverges there)", what,
                         T0, Tmin);
    return "";
  };
  if (f.law == "arrhenius") return f.values[0] > 0 ? "" : fmt::format("Ea = {:.4g} J/mol is not positive", f.values[0]);
  if (f.law == "wlf") {
    if (!(f.values[0] > 0)) return fmt::format("C1 = {:.4g} is not positive", f.values[0]);
    if (!(f.values[1] > 0)) return fmt::format("C2 = {:.4g} K is not positive", f.values[1]);
    return vogel(f.reference_K - f.values[1], fmt::format("T_ref - C2 = {:.2f} - {:.4g}", f.reference_K, f.values[1]));
  }
  if (!(f.values[0] > 0)) return fmt::format("B = {:.4g} K is not positive", f.values[0]);
  return vogel(f.values[1], "T0");
}

// Residual statistics, validity and the verdict.
void judge(ShiftLawFit& f, const std::vector<double>& T, const std::vector<double>& L, double tolerance) {
  const size_t n = T.size();
  std::vector<double> r(n);
  double sum2 = 0;
  for (size_t i = 0; i < n; ++i) {
    r[i] = L[i] - f.log_aT(T[i]);
    sum2 += r[i] * r[i], f.largest_decades = std::max(f.largest_decades, std::abs(r[i]));
  }
  f.rms_decades = std::sqrt(sum2 / double(n));
  // Wald-Wolfowitz runs of one sign, the reference's ~0 residual left out: few long runs are a
  // law that bends the wrong way, whatever the chi2.
  int plus = 0, minus = 0, runs = 0, last = 0;
  for (double x : r) {
    if (std::abs(x) < 1e-9) continue;
    const int s = x > 0 ? 1 : -1;
    (s > 0 ? plus : minus) += 1;
    if (s != last) ++runs, last = s;
  }
  f.sign_runs = runs;
  const int m = plus + minus;
  if (m >= 6) {
    if (plus == 0 || minus == 0) {
      f.runs_p = std::pow(0.5, m - 1);
    } else {
      const double a = plus, b = minus, mu = 2 * a * b / m + 1;
      const double var = 2 * a * b * (2 * a * b - m) / (double(m) * m * (m - 1));
      f.runs_p = var > 0 ? boost::math::cdf(boost::math::normal(), (runs + 0.5 - mu) / std::sqrt(var)) : 1.0;
    }
  }
  f.invalid_why = invalid_why(f, *std::min_element(T.begin(), T.end()));
  f.valid = f.invalid_why.empty() && f.converged;
  if (f.invalid_why.empty() && !f.converged) f.invalid_why = "the fit did not converge";
  f.describes = f.valid && (f.rms_decades <= tolerance || (f.chi2_p >= 0.01 && f.runs_p >= 0.01));
  const std::string numbers =
      fmt::format("rms {:.3g} decades (tolerance {:g}), chi2_red {:.3g} (p {:.2g}), {} sign runs (p {:.2g})",
                  f.rms_decades, tolerance, f.chi2_reduced, f.chi2_p, f.sign_runs, f.runs_p);
  f.verdict = !f.valid      ? "not valid: " + f.invalid_why
              : f.describes ? "describes the shifts: " + numbers
                            : "does not describe the shifts: " + numbers;
}

}  // namespace

std::vector<ShiftLawFit> fit_shift_laws(const std::vector<double>& T, const std::vector<double>& L,
                                        const Eigen::MatrixXd& C, double Tref, double tolerance) {
  const size_t n = T.size();
  if (n < 3) throw InputError(fmt::format("{} temperature(s): fitting a shift law needs at least 3", n));
  const Eigen::VectorXd y = Eigen::Map<const Eigen::VectorXd>(L.data(), long(n));
  const Eigen::MatrixXd W = whitening(C);
  if (W.rows() < 3) throw InputError("the shift factors carry fewer than 3 independent values: no shift law fit");
  const double Tmin = *std::min_element(T.begin(), T.end());
  std::vector<ShiftLawFit> out;

  // Arrhenius: linear in Ea; start from the unweighted solution through the origin.
  double sxx = 0, sxy = 0;
  for (size_t i = 0; i < n; ++i) {
    const double x = shift_law::arrhenius(1.0, T[i], Tref);
    sxx += x * x, sxy += x * L[i];
  }
  auto arr = [&](const auto* p, auto* f) {
    for (size_t i = 0; i < n; ++i) f[i] = shift_law::arrhenius(p[0], T[i], Tref);
  };
  out.push_back(finish(curve_fit(arr, y, W, {sxy / sxx}, {-INFINITY}, {INFINITY}), "arrhenius", Tref));

  // WLF: for each C2 on a log grid above T_ref - T_min, C1 by least squares; best as start.
  const double c2_min = Tref - Tmin + 1e-3;
  double best = INFINITY, c1_0 = 10, c2_0 = 50 + c2_min;
  for (double g = -1; g <= 4; g += 0.01) {
    const double c2 = c2_min + std::pow(10.0, g);
    double a = 0, b = 0;
    for (size_t i = 0; i < n; ++i) {
      const double x = shift_law::wlf(1.0, c2, T[i], Tref);
      a += x * x, b += x * L[i];
    }
    if (!(a > 0)) continue;
    double sse = 0;
    for (size_t i = 0; i < n; ++i) sse += std::pow(L[i] - b / a * shift_law::wlf(1.0, c2, T[i], Tref), 2);
    if (sse < best) best = sse, c1_0 = b / a, c2_0 = c2;
  }
  auto wlf = [&](const auto* p, auto* f) {
    for (size_t i = 0; i < n; ++i) f[i] = shift_law::wlf(p[0], p[1], T[i], Tref);
  };
  out.push_back(finish(curve_fit(wlf, y, W, {c1_0, c2_0}, {-INFINITY, c2_min}, {INFINITY, INFINITY}), "wlf", Tref));

  // VFT: the same curve as WLF (B = C1 C2, T0 = T_ref - C2); fitted in its own coordinates.
  auto vft = [&](const auto* p, auto* f) {
    for (size_t i = 0; i < n; ++i) f[i] = shift_law::vft(p[0], p[1], T[i], Tref);
  };
  const auto& w = out.back().values;
  out.push_back(finish(
      curve_fit(vft, y, W, {w[0] * w[1], Tref - w[1]}, {-INFINITY, -INFINITY}, {INFINITY, Tmin - 1e-3}), "vft", Tref));

  for (auto& f : out) judge(f, T, L, tolerance);
  const auto group = [](const ShiftLawFit& f) { return f.describes ? 0 : f.valid ? 1 : 2; };
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
    return group(a) != group(b) ? group(a) < group(b) : a.aic < b.aic - 1e-9;
  });
  return out;
}

LawRange choose_law_range(const std::vector<double>& T, const std::vector<double>& L, const Eigen::MatrixXd& C,
                          double Tref, double tolerance, size_t min_points) {
  const size_t n = T.size();
  size_t ref = 0;
  for (size_t i = 1; i < n; ++i)
    if (std::abs(T[i] - Tref) < std::abs(T[ref] - Tref)) ref = i;
  auto fit = [&](size_t a, size_t b) {
    const long k = long(b - a + 1);
    return fit_shift_laws({T.begin() + long(a), T.begin() + long(b) + 1},
                          {L.begin() + long(a), L.begin() + long(b) + 1}, C.block(long(a), long(a), k, k), Tref,
                          tolerance);
  };
  min_points = std::clamp<size_t>(min_points, 3, std::max<size_t>(n, 3));
  for (size_t width = n; width >= min_points; --width) {
    LawRange best;
    for (size_t a = ref + 1 >= width ? ref + 1 - width : 0; a <= ref && a + width <= n; ++a) {
      auto laws = fit(a, a + width - 1);
      if (laws.front().describes && (!best.found || laws.front().rms_decades < best.laws.front().rms_decades))
        best = {a, a + width - 1, std::move(laws), true};
    }
    if (best.found) return best;
  }
  return {0, n - 1, fit(0, n - 1), false};
}

}  // namespace glassfit
