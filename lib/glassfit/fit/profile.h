// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Profile-likelihood intervals: for a free shared parameter held at trial values, the other
// parameters re-optimised by the fit's local search; the interval ends are where the cost rises
// by the chi-square quantile of one degree of freedom (68.27 %: 1, 95 %: 3.8415), times
// chi2_reduced when the covariance is scaled by it, so that on a linear model the profile
// interval is the standard-error interval. Parameters are profiled in parallel.
#include <string>
#include <vector>

#include "glassfit/fit/fitter.h"

namespace glassfit {

// One interval per free shared parameter (per-dataset ones are not profiled). `best` is the
// fit's result (its values are the start of every profile); threads 0: one per core.
std::vector<ProfileInterval> profile_intervals(const FitSpec& spec, const FitResult& best, unsigned threads = 0);

}  // namespace glassfit
