// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The strain-rate-sensitivity map of the one-body model over temperatures x strain rates
// (Niiyama et al., Figs. 9-10): the numerical flow stress and its slope (implicit-function
// theorem), the closed form (Eq. 35) with its m (Eqs. 42-44) and the negative-SRS condition
// (Eq. 48), and the characteristic rates of t_s and t_R per temperature.
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "glassfit/models/onebody/onebody.h"

namespace glassfit::onebody {

struct SrsCell {
  double flow_stress_numerical_MPa;
  double dsigma0_dlnrate_MPa;          // of the numerical solution: its sign is the sign of the SRS
  double m_numerical;                  // d ln sigma_0 / d ln rate; NaN where sigma_0 <= 0 (m has no meaning there)
  double flow_stress_closed_form_MPa;  // NaN where Eq. 34 has no peak
  double m_analytic;                   // NaN where the closed form is NaN or <= 0
  bool negative_srs_eq48;
  double survival_at_tc;  // S(t_c) at the root: the share of intervals that end athermally
};

// Cells with S(t_c) above this are flagged: there the load ends a noticeable share of the
// intervals at the stress where the barrier vanishes, not by a thermal event.
inline constexpr double kAthermalShareFlag = 1e-3;

struct SrsMap {
  Reading reading;  // the cosh activation has no closed form (its columns are NaN)
  std::vector<double> temperatures_K, rates_per_s;
  std::vector<SrsCell> cells;  // temperature-major: cells[iT * rates + irate]
  // rho dEps / t_s and rho dEps / t_R per temperature (Eqs. 15, 6 with Eq. 27); NaN for the
  // time-independent barrier, which has neither.
  std::vector<double> rate_ts_per_s, rate_tR_per_s;
  const SrsCell& at(std::size_t iT, std::size_t irate) const { return cells[iT * rates_per_s.size() + irate]; }
};

inline constexpr double kMaxSrsCells = 1e6;

struct SrsRequest {
  std::vector<double> temperatures_K, rates_per_s;
  unsigned threads = 0;                            // 0: one per core
  std::function<void(std::size_t done)> progress;  // cells done so far
};

// InputError for a temperature or rate the model is not computed at (check_loading: below the
// temperature where its relaxation scales leave a double's range, above 1e4 K, a rate outside
// 1e-15 to 1e9 /s), an empty grid or more than kMaxSrsCells cells.
// With the cosh activation the closed-form columns (Eqs. 34-48, derived for the exp law) are NaN.
SrsMap srs_map(std::span<const double> values, const Reading& reading, const SrsRequest& request);

}  // namespace glassfit::onebody
