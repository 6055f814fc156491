// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// What a Python FitResult holds: the spec it came from (for the report, and for the sampler's
// problem) and the result.
#include "glassfit/fit/fitter.h"
#include "glassfit/fit/report.h"
#include "glassfit/fit/spec.h"

namespace glassfit::python {

struct Fit {
  FitSpec spec;
  FitResult result;
  RunInfo info;
};

}  // namespace glassfit::python
