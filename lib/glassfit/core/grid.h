// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Condition grids from the command line: "300:550:1" (start:stop:step), "1e-3:1e4:50log"
// (50 log-spaced points), "1,2,4" (a list), "25C" (one value with a unit). Bare numbers are in
// internal units (K, s, Hz, MPa, 1/s).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "glassfit/core/units.h"

namespace glassfit {

// The most points one grid, or one prediction over several grids, may have. A request for more
// is refused before anything is allocated, with the memory it would need.
inline constexpr double kMaxGridPoints = 1e7;
// Throws an InputError naming `what` when `count` points (each about `bytes_per_point` in memory
// and output) exceed kMaxGridPoints.
void check_point_count(double count, const std::string& what, double bytes_per_point = 100);

std::vector<double> parse_grid(std::string_view text, Dimension dim, const std::string& what);

// A range "lo:hi" with units ("20C:100C", "1e-3:1e6"), lo below hi. InputError naming `what`,
// with `example` in the message when the text is not of that form.
std::pair<double, double> parse_range(std::string_view text, Dimension dim, const std::string& what,
                                      const std::string& example);

// A piecewise-constant stress history "50@0,0@330": value@start_time pairs, times increasing.
struct Step {
  double value;   // MPa (or strain for strain histories)
  double time_s;  // when it starts
};
// value@time pairs; times increase, or with repeated_times (a path's jumps) do not decrease.
// The checks parse_history makes as each step is added (the last of `steps`): finite, a start
// time >= 0 and after the previous one (or not before it with repeated_times). `item` is the
// text of the step for the message ("" : written from the numbers).
void check_history(const std::vector<Step>& steps, const std::string& what, bool repeated_times,
                   const std::string& item = "");
std::vector<Step> parse_history(std::string_view text, Dimension value_dim, const std::string& what,
                                bool repeated_times = false);

}  // namespace glassfit
