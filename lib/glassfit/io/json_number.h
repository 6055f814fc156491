// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// JSON has no NaN or infinity: an undefined statistic (a stderr that cannot be computed, a
// chi2_reduced without degrees of freedom) is written as null.
#include <cmath>
#include <nlohmann/json.hpp>

namespace glassfit {

inline nlohmann::json number_or_null(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

}  // namespace glassfit
