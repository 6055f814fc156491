// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/core/grid.h"

#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/core/text.h"

namespace glassfit {
void check_point_count(double count, const std::string& what, double bytes_per_point) {
  if (count <= kMaxGridPoints) return;
  throw InputError(
      fmt::format("{}: {:.3g} points is more than the {:.0e} glassfit computes in one run (about {:.0f} "
                  "MB of memory and output)",
                  what, count, kMaxGridPoints, count * bytes_per_point / 1e6));
}

std::vector<double> parse_grid(std::string_view text, Dimension dim, const std::string& what) {
  if (text.empty()) throw InputError(what + ": empty value");
  std::vector<double> out;
  for (auto item : split(text, ',')) {
    check_point_count(double(out.size()) + 1, what);
    const auto parts = split(item, ':');
    if (parts.size() == 1) {
      out.push_back(parse_quantity(item, dim, what));
      continue;
    }
    if (parts.size() != 3)
      throw InputError(what + ": '" + std::string(item) + "' is not start:stop:step or start:stop:Nlog");
    const double a = parse_quantity(parts[0], dim, what);
    const double b = parse_quantity(parts[1], dim, what);
    std::string_view step = parts[2];
    if (b < a) throw InputError(fmt::format("{}: range '{}' is reversed (stop {:g} < start {:g})", what, item, b, a));
    if (step.size() > 3 && step.substr(step.size() - 3) == "log") {
      const double n = parse_quantity(step.substr(0, step.size() - 3), Dimension::Dimensionless, what);
      if (!(n >= 2) || n != std::floor(n))
        throw InputError(what + ": '" + std::string(printable(step, 40)) + "' needs a whole number of points >= 2");
      check_point_count(double(out.size()) + n, what);
      if (a <= 0) throw InputError(what + ": a log-spaced range must start above zero");
      const double la = std::log10(a), lb = std::log10(b);
      for (int i = 0; i < static_cast<int>(n); ++i) out.push_back(std::pow(10.0, la + (lb - la) * i / (n - 1)));
      continue;
    }
    // The step is a difference: a unit offset (°C) must not shift it.
    const double h = parse_quantity(step, dim, what, /*difference=*/true);
    if (!(h > 0)) throw InputError(what + ": step '" + std::string(step) + "' must be positive");
    const double count = std::floor((b - a) / h * (1 + 1e-12)) + 1;
    check_point_count(double(out.size()) + count, what);
    for (long i = 0; i < static_cast<long>(count); ++i) out.push_back(a + h * static_cast<double>(i));
  }
  return out;
}

std::pair<double, double> parse_range(std::string_view text, Dimension dim, const std::string& what,
                                      const std::string& example) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos)
    throw InputError(fmt::format("{}: give lo:hi (e.g. {})", what, example));
  const double lo = parse_quantity(text.substr(0, colon), dim, what);
  const double hi = parse_quantity(text.substr(colon + 1), dim, what);
  if (!(lo < hi)) throw InputError(what + ": lo must be below hi");
  return {lo, hi};
}

std::vector<Step> parse_history(std::string_view text, Dimension value_dim, const std::string& what,
                                bool repeated_times) {
  if (text.empty()) throw InputError(what + ": empty value");
  std::vector<Step> out;
  for (auto item : split(text, ',')) {
    const auto at = item.find('@');
    Step s{};
    if (at == std::string_view::npos) {
      if (!out.empty()) throw InputError(what + ": '" + std::string(item) + "' needs a start time (value@time)");
      s = {parse_quantity(item, value_dim, what), 0.0};
    } else {
      s = {parse_quantity(item.substr(0, at), value_dim, what),
           parse_quantity(item.substr(at + 1), Dimension::Time, what)};
    }
    out.push_back(s);
    check_history(out, what, repeated_times, std::string(item));
  }
  return out;
}

void check_history(const std::vector<Step>& steps, const std::string& what, bool repeated_times,
                   const std::string& item) {
  if (steps.empty()) throw InputError(what + ": empty value");
  const Step& s = steps.back();
  const std::string shown = item.empty() ? fmt::format("{:g}@{:g}", s.value, s.time_s) : item;
  if (!std::isfinite(s.value) || !std::isfinite(s.time_s))
    throw InputError(what + ": '" + shown + "' is not a finite value and time");
  if (s.time_s < 0) throw InputError(what + ": start time must not be negative");
  if (steps.size() > 1 &&
      (repeated_times ? s.time_s < steps[steps.size() - 2].time_s : s.time_s <= steps[steps.size() - 2].time_s))
    throw InputError(what + (repeated_times ? ": times must not decrease ('" : ": start times must increase ('") +
                     shown + "')");
}

}  // namespace glassfit
