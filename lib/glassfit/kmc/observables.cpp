// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/observables.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace glassfit::kmc {

double flow_stress_MPa(const std::vector<CurvePoint>& curve, double lo, double hi) {
  if (!(hi > lo)) throw std::invalid_argument("flow stress: the window needs hi > lo");
  double integral = 0, covered = 0;
  for (size_t i = 1; i < curve.size(); ++i) {
    const CurvePoint &p = curve[i - 1], &q = curve[i];
    const double a = std::max(p.strain, lo), b = std::min(q.strain, hi);
    if (!(b > a) || !(q.strain > p.strain)) continue;  // outside, or a jump at one strain
    const auto at = [&](double x) {
      return p.stress_MPa + (x - p.strain) / (q.strain - p.strain) * (q.stress_MPa - p.stress_MPa);
    };
    integral += 0.5 * (at(a) + at(b)) * (b - a);
    covered += b - a;
  }
  if (!(covered > (1 - 1e-9) * (hi - lo)))
    throw std::invalid_argument("flow stress: the stress-strain curve does not cover the strain window");
  return integral / covered;
}

double flow_stress_or_nan(const std::vector<CurvePoint>& curve, double lo, double hi) {
  try {
    return flow_stress_MPa(curve, lo, hi);
  } catch (const std::invalid_argument&) {
    return std::nan("");
  }
}

SrsIndex srs_index(const std::vector<double>& rates, const std::vector<double>& stress) {
  return srs_index(rates, stress, std::vector<long>(rates.size(), 0));
}

SrsIndex srs_index(const std::vector<double>& rates, const std::vector<double>& stress,
                   const std::vector<long>& group) {
  if (rates.size() != stress.size() || rates.size() != group.size() || rates.size() < 2)
    throw std::invalid_argument("srs index: needs two or more points, each with a rate, a stress and a group");
  const size_t n = rates.size();
  std::map<long, std::pair<double, double>> sum;  // per group: sum of ln rate, sum of ln stress
  std::map<long, long> count;
  for (size_t i = 0; i < n; ++i) {
    if (!(rates[i] > 0) || !(stress[i] > 0))
      throw std::invalid_argument("srs index: rates and stresses must be positive");
    sum[group[i]].first += std::log(rates[i]), sum[group[i]].second += std::log(stress[i]), ++count[group[i]];
  }
  const auto centred = [&](size_t i) {
    const double k = double(count[group[i]]);
    return std::pair{std::log(rates[i]) - sum[group[i]].first / k, std::log(stress[i]) - sum[group[i]].second / k};
  };
  double sxx = 0, sxy = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto [dx, dy] = centred(i);
    sxx += dx * dx, sxy += dx * dy;
  }
  if (!(sxx > 0)) throw std::invalid_argument("srs index: needs two distinct rates within a group");
  const double m = sxy / sxx;
  double rss = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto [dx, dy] = centred(i);
    rss += (dy - m * dx) * (dy - m * dx);
  }
  const long dof = long(n) - long(count.size()) - 1;
  return {m, dof > 0 ? std::sqrt(rss / double(dof) / sxx) : 0.0};
}

double von_mises(const Sym2& e) {
  const double mean = (e.xx + e.yy) / 3;  // e_zz = 0
  const double dx = e.xx - mean, dy = e.yy - mean, dz = -mean;
  return std::sqrt(2.0 / 3.0 * (dx * dx + dy * dy + dz * dz + 2 * e.xy * e.xy));
}

double accumulated_strain(const Sym2& e) { return std::sqrt(e.xx * e.xx + e.yy * e.yy + e.xy * e.xy); }

Exceedance exceedance(const std::vector<Sym2>& eps, double threshold) {
  double sum = 0;
  long above = 0;
  for (const auto& e : eps) {
    const double x = accumulated_strain(e);
    if (x >= threshold) sum += x, ++above;
  }
  return {above > 0 ? sum / double(above) : std::nan(""), eps.empty() ? 0.0 : double(above) / double(eps.size())};
}

SofteningMeasures softening_measures(const std::vector<double>& scale, const std::vector<long>& events,
                                     const std::vector<Sym2>& eps, double extreme_threshold) {
  const double n = double(std::max<size_t>(eps.size(), 1));
  double shift = 0, shift_transformed = 0, extreme = 0, sum = 0, sum2 = 0;
  long transformed = 0;
  for (size_t v = 0; v < scale.size(); ++v) {
    shift += 1 - scale[v];
    if (v < events.size() && events[v] > 0) shift_transformed += 1 - scale[v], ++transformed;
  }
  shift /= double(std::max<size_t>(scale.size(), 1));
  shift_transformed = transformed > 0 ? shift_transformed / double(transformed) : std::nan("");
  for (const auto& e : eps) {
    const double x = von_mises(e);
    extreme += x > extreme_threshold ? 1 : 0;
    sum += x, sum2 += x * x;
  }
  const double mean = sum / n;
  return {shift, shift_transformed, extreme / n, std::sqrt(std::max(0.0, sum2 / n - mean * mean))};
}

const Snapshot* snapshot_at(const std::vector<Snapshot>& snapshots, double strain) {
  for (const auto& s : snapshots)
    if (s.strain >= strain) return &s;
  return nullptr;
}

double mean_or_nan(const std::vector<double>& values) {
  if (values.empty()) return std::nan("");
  double m = 0;
  for (const double x : values) m += x / double(values.size());
  return m;
}

VoxelActivity voxel_activity(const std::vector<long>& n) {
  if (n.empty()) return {0, 0};
  const auto never = std::count(n.begin(), n.end(), 0L), once = std::count(n.begin(), n.end(), 1L);
  return {double(never) / double(n.size()), double(once) / double(n.size())};
}

std::vector<long> count_values(const std::vector<long>& values) {
  std::vector<long> out;
  for (const long v : values) {
    if (v < 0) throw std::invalid_argument("count_values: negative value");
    if (size_t(v) >= out.size()) out.resize(size_t(v) + 1, 0);
    ++out[size_t(v)];
  }
  return out;
}

Ccdf ccdf(const std::vector<long>& sizes) {
  std::map<long, long> counts;
  for (const long s : sizes) ++counts[s];
  Ccdf out;
  double remaining = double(sizes.size());
  for (const auto& [s, c] : counts) {
    out.size.push_back(double(s));
    out.probability.push_back(remaining / double(sizes.size()));
    remaining -= double(c);
  }
  return out;
}

double tail_exponent(const std::vector<long>& sizes, long s_min) {
  double sum = 0;
  long n = 0;
  for (const long s : sizes)
    if (s >= s_min) sum += std::log(double(s) / (double(s_min) - 0.5)), ++n;
  if (n < 2 || !(sum > 0)) return std::nan("");
  return 1 + double(n) / sum;
}

AvalancheSummary avalanche_summary(const std::vector<long>& sizes) {
  AvalancheSummary a;
  a.count = sizes.size();
  for (const long s : sizes) a.largest = std::max(a.largest, s), a.mean_size += double(s);
  if (!sizes.empty()) a.mean_size /= double(sizes.size());
  a.tail_exponent = tail_exponent(sizes, kTailMinSize);
  return a;
}

Histogram histogram(const std::vector<double>& values, double lo, double hi, int bins) {
  if (bins < 1 || !(hi > lo)) throw std::invalid_argument("histogram: needs bins >= 1 and hi > lo");
  Histogram h;
  const double w = (hi - lo) / bins;
  for (int b = 0; b < bins; ++b) h.center.push_back(lo + (b + 0.5) * w), h.count.push_back(0);
  for (const double x : values) {
    if (!(x >= lo && x <= hi)) continue;
    h.count[size_t(std::min(bins - 1, int((x - lo) / w)))] += 1;
  }
  return h;
}

Histogram symmetric_histogram(const std::vector<double>& values, int bins) {
  if (values.empty()) return {};
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  const double r = std::max(std::abs(*lo), std::abs(*hi));
  return histogram(values, -r, r, bins);
}

}  // namespace glassfit::kmc
