// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Statistics at the optimum: chi2, AIC/BIC, the covariance (pseudo-inverse of J^T J with the
// poorly determined directions reported instead of inverted), correlations, parameters in
// physical units with standard errors, and the goodness of fit of each dataset.
#include "glassfit/fit/fitter.h"
#include "glassfit/fit/problem.h"

namespace glassfit {

// Fills everything but the multistart and the search's summary fields.
void fill_statistics(FitProblem& fp, FitResult& result);

}  // namespace glassfit
