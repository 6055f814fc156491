#include "glassfit/fit/shift_law_fit.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/fit/curve_fit.h"
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
  return out;
}

}  // namespace

std::vector<ShiftLawFit> fit_shift_laws(const std::vector<double>& T, const std::vector<double>& L,
                                        const Eigen::MatrixXd& C, double Tref) {
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

  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.aic < b.aic - 1e-9; });
  return out;
}

}  // namespace glassfit
