// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/waiting_time.h"

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/tools/toms748_solve.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace glassfit::kmc {
namespace {

// int_a^b rate. Boost's Gauss-Kronrod error estimate carries an absolute floor near 1e-15, so a
// relative tolerance is only met for integrals of order one: the rate is integrated divided by
// `scale` (the caller's larger end value) over [0, 1]. The caller keeps the rate within a
// factor e^2 over [a, b], so a few subdivisions suffice.
double integral(const std::function<double(double)>& rate, double a, double b, double scale, double rel_tol) {
  if (!(b > a)) return 0.0;
  if (!(scale > 0)) scale = 1.0;
  const double h = b - a;
  auto unit = [&](double u) { return rate(a + h * u) / scale; };
  return scale * h * boost::math::quadrature::gauss_kronrod<double, 15>::integrate(unit, 0.0, 1.0, 5, rel_tol);
}

}  // namespace

double waiting_time(const std::function<double(double)>& rate, double E, double t_max, double rel_tol) {
  if (!(E >= 0) || !(t_max > 0)) throw std::invalid_argument("waiting_time: need E >= 0 and t_max > 0");
  if (E == 0) return 0.0;
  double k_t = rate(0.0);
  if (!(k_t >= 0)) throw std::invalid_argument("waiting_time: negative or NaN rate");
  // Steps are sized so that the rate changes by at most a factor e^2 across one (halved until
  // it does, doubled when it barely changes), and never beyond twice the frozen-rate estimate
  // of what is left: the quadrature stays cheap and the final bracket is tight.
  double t = 0, Lambda = 0, h = t_max * 1e-6;
  for (long steps = 0; steps < 1000000; ++steps) {
    if (k_t > 0) h = std::min(h, 2 * (E - Lambda) / k_t);
    const double b = std::min(t + h, t_max);
    const double k_b = rate(b);
    if (!(k_b >= 0)) throw std::invalid_argument("waiting_time: negative or NaN rate");
    const double ratio = k_t > 0 ? k_b / k_t : (k_b > 0 ? INFINITY : 1.0);
    if ((ratio > 7.39 || ratio < 1 / 7.39) && b - t > 1e-12 * std::max(b, 1e-300)) {
      h *= 0.5;
      continue;
    }
    const double scale = std::max(k_t, k_b);  // the rate's ends, already evaluated
    const double dL = integral(rate, t, b, scale, rel_tol);
    if (Lambda + dL >= E) {
      // Lambda is non-decreasing: the root is bracketed in [t, b].
      const double a = t, L0 = Lambda;
      auto f = [&](double x) { return L0 + integral(rate, a, x, scale, rel_tol) - E; };
      std::uintmax_t iterations = 200;
      const auto tol = [rel_tol](double lo, double hi) { return std::abs(hi - lo) <= rel_tol * std::abs(hi); };
      const auto [lo, hi] = boost::math::tools::toms748_solve(f, a, b, L0 - E, L0 + dL - E, tol, iterations);
      return 0.5 * (lo + hi);
    }
    Lambda += dL, t = b, k_t = k_b;
    if (t >= t_max) return INFINITY;
    if (ratio < 1.5 && ratio > 1 / 1.5) h *= 2;
  }
  throw std::runtime_error("waiting_time: the rate could not be integrated (a million steps)");
}

}  // namespace glassfit::kmc
