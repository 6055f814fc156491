// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Everything `glassfit fit` writes, as data: report.json, fitted.toml, and per dataset its data
// and model values (CSV), a data-and-fit plot and a residual plot; the summary table.
#include "glassfit/fit/report.h"
#include "glassfit/io/output_set.h"

namespace glassfit {

OutputSet fit_outputs(const FitSpec& spec, const FitResult& result, const RunInfo& info);

}  // namespace glassfit
