// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/mastercurve/shift.h"

#include <algorithm>
#include <ceres/ceres.h>
#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include "glassfit/core/error.h"
#include "glassfit/numerics/spline.h"
#include "glassfit/numerics/ceres_util.h"

namespace glassfit {
namespace {

// The channels compared, log10 of a positive quantity, per segment.
struct Channels {
  std::vector<std::vector<double>> y;  // [channel][point]
  std::vector<NaturalSpline> spline;   // [channel]
};

Channels channels_of(const ShiftSegment& s, ShiftObjective objective) {
  Channels c;
  if (s.loss_MPa.empty() || objective == ShiftObjective::Storage) {
    c.y.emplace_back();
    for (double E : s.modulus_MPa) c.y.back().push_back(std::log10(E));
  } else if (objective == ShiftObjective::TanDelta) {
    c.y.emplace_back();
    for (size_t k = 0; k < s.x.size(); ++k) c.y.back().push_back(std::log10(s.loss_MPa[k] / s.modulus_MPa[k]));
  } else {
    c.y.resize(2);
    for (size_t k = 0; k < s.x.size(); ++k) {
      c.y[0].push_back(std::log10(s.modulus_MPa[k]));
      c.y[1].push_back(std::log10(s.loss_MPa[k]));
    }
  }
  for (const auto& y : c.y) c.spline.emplace_back(s.x, y);
  return c;
}

// Point k of segment j (channel c), compared with segment i's spline at the same reduced x:
// r = (y_jk + v_j) - (S_i(x_jk + s_j - s_i) + v_i), s the shifts in x and v log10 b_T.
// Each channel is weighted by 1/(its rms mismatch), so a noisy E'' does not drown a smooth E'.
struct PointResidual {
  const NaturalSpline* spline_i;
  double x_jk, y_jk, weight;
  template <typename T>
  bool operator()(const T* s_i, const T* s_j, const T* v_i, const T* v_j, T* r) const {
    r[0] = weight * ((T(y_jk) + v_j[0]) - ((*spline_i)(T(x_jk) + s_j[0] - s_i[0]) + v_i[0]));
    return true;
  }
};

struct Comparison {
  size_t i, j, k, c;  // point k, channel c of segment j against segment i
  bool operator==(const Comparison&) const = default;
};

std::vector<Comparison> overlapping(const std::vector<ShiftSegment>& segs, const std::vector<Channels>& ch,
                                    const std::vector<double>& s, int neighbours) {
  std::vector<Comparison> out;
  for (size_t i = 0; i < segs.size(); ++i)
    for (size_t j = 0; j < segs.size(); ++j) {
      if (i == j || std::abs(long(i) - long(j)) > neighbours) continue;
      const double lo = segs[i].x.front(), hi = segs[i].x.back();
      for (size_t k = 0; k < segs[j].x.size(); ++k) {
        const double u = segs[j].x[k] + s[j] - s[i];
        if (u < lo || u > hi) continue;
        for (size_t c = 0; c < ch[j].y.size(); ++c) out.push_back({i, j, k, c});
      }
    }
  return out;
}

// Mean squared mismatch of segments a and b (both directions) when b is shifted by d
// relative to a; +inf when they overlap in fewer than `min_points` points.
double pair_mismatch(const ShiftSegment& a, const Channels& ca, const ShiftSegment& b, const Channels& cb, double d,
                     size_t min_points) {
  double sum = 0;
  size_t n = 0;
  auto one_way = [&](const ShiftSegment& from, const Channels& cf, const ShiftSegment& onto, const Channels& co,
                     double shift) {
    for (size_t k = 0; k < from.x.size(); ++k) {
      const double u = from.x[k] + shift;
      if (u < onto.x.front() || u > onto.x.back()) continue;
      for (size_t c = 0; c < cf.y.size(); ++c) {
        const double r = cf.y[c][k] - co.spline[c](u);
        sum += r * r;
      }
      ++n;
    }
  };
  one_way(b, cb, a, ca, d);
  one_way(a, ca, b, cb, -d);
  return n >= min_points ? sum / double(n) : INFINITY;
}

// Relative shift of b against a by a scan (step 0.01 decade) and a parabolic refinement.
double align_pair(const ShiftSegment& a, const Channels& ca, const ShiftSegment& b, const Channels& cb) {
  const size_t min_points = std::max<size_t>(4, (a.x.size() + b.x.size()) / 4);
  const double span = (a.x.back() - a.x.front()) + (b.x.back() - b.x.front());
  const double step = 0.01;
  double best = INFINITY, best_d = NAN;
  for (double d = -span; d <= span; d += step) {
    const double m = pair_mismatch(a, ca, b, cb, d, min_points);
    if (m < best) best = m, best_d = d;
  }
  if (!std::isfinite(best))
    throw InputError(fmt::format("segments at {:.2f} K and {:.2f} K cannot overlap in {} points at any shift",
                                 a.temperature_K, b.temperature_K, min_points));
  const double m0 = pair_mismatch(a, ca, b, cb, best_d - step, min_points),
               m2 = pair_mismatch(a, ca, b, cb, best_d + step, min_points);
  const double curvature = m0 - 2 * best + m2;
  if (std::isfinite(m0) && std::isfinite(m2) && curvature > 0) best_d += 0.5 * step * (m0 - m2) / curvature;
  return best_d;
}

void require_shared_range(const ShiftSegment& a, const Channels& ca, const ShiftSegment& b, const Channels& cb,
                          const char* what) {
  for (size_t c = 0; c < ca.y.size(); ++c) {
    const auto [alo, ahi] = std::minmax_element(ca.y[c].begin(), ca.y[c].end());
    const auto [blo, bhi] = std::minmax_element(cb.y[c].begin(), cb.y[c].end());
    if (*alo <= *bhi && *blo <= *ahi) return;
  }
  throw InputError(
      fmt::format("segments at {:.2f} K and {:.2f} K share no range of {}: no horizontal shift superposes "
                  "them (non-overlapping segments; --vertical allows a vertical shift)",
                  a.temperature_K, b.temperature_K, what));
}

}  // namespace

ShiftInput shift_input_from(const Dataset& data, double tolerance_K, bool drop_nonpositive) {
  ShiftInput in;
  in.file = data.path;
  in.modulus = data.modulus;
  const Column& temperature = data.require("temperature", "for a master curve");
  const Column *xcol, *m1, *m2 = nullptr;
  if (data.find("frequency")) {
    in.domain = ShiftDomain::Frequency;
    xcol = data.find("frequency");
    m1 = &data.require("storage_modulus", "for a master curve of frequency sweeps");
    m2 = &data.require("loss_modulus", "for a master curve of frequency sweeps");
  } else if (data.find("time")) {
    in.domain = ShiftDomain::Time;
    xcol = data.find("time");
    m1 = &data.require("relaxation_modulus", "for a master curve of relaxation data");
  } else {
    throw InputError(located(data.path, 0, "",
                             "a master curve needs a frequency column (with storage and loss "
                             "modulus) or a time column (with relaxation modulus)"));
  }
  if (data.rows() == 0) throw InputError(located(data.path, 0, "", "no data rows"));
  // About 1.2 kB and 0.1 ms a row (Ceres' problem included): decided before anything is built.
  if (data.rows() > kMaxShiftRows)
    throw InputError(located(data.path, 0, "",
                             fmt::format("{} rows is more than the {} a master curve is built from (about 1.2 kB "
                                         "and 0.1 ms of work a row); thin the sweeps",
                                         data.rows(), kMaxShiftRows)));
  const Column* set = data.find("set");
  // Logarithms of every value: the CSV reader guarantees finite numbers, T > 0 and f > 0; times
  // and moduli must be positive too.
  auto positive = [&](const Column& col, size_t row) {
    return data.positive(col, row, "(a master curve works on logarithms)");
  };
  size_t begin = 0;
  for (size_t r = 1; r <= data.rows(); ++r) {
    const bool split =
        r == data.rows() || (set ? set->values[r] != set->values[r - 1]
                                 : std::abs(temperature.values[r] - temperature.values[begin]) > tolerance_K);
    if (!split) continue;
    ShiftSegment s;
    std::vector<size_t> rows(r - begin);
    std::iota(rows.begin(), rows.end(), begin);
    std::sort(rows.begin(), rows.end(), [&](size_t a, size_t b) { return xcol->values[a] < xcol->values[b]; });
    double Tsum = 0;
    size_t kept = 0;
    for (size_t row : rows) {
      if (drop_nonpositive && (!(m1->values[row] > 0) || (m2 && !(m2->values[row] > 0)))) {
        in.dropped_lines.push_back(data.line_of_row[row]);
        continue;
      }
      ++kept;
      const double x = std::log10(positive(*xcol, row));
      if (!s.x.empty() && !(x > s.x.back()))
        throw InputError(
            located(data.path, data.line_of_row[row], xcol->header, "the same value twice at one temperature"));
      s.x.push_back(x);
      s.modulus_MPa.push_back(positive(*m1, row));
      if (m2) s.loss_MPa.push_back(positive(*m2, row));
      s.line.push_back(data.line_of_row[row]);
      Tsum += temperature.values[row];
    }
    s.temperature_K = kept ? Tsum / double(kept) : temperature.values[begin];
    if (kept < 3)
      throw InputError(located(data.path, data.line_of_row[begin], temperature.header,
                               fmt::format("the segment at {:.2f} K has {} point(s); a master curve needs at least 3 "
                                           "per temperature",
                                           s.temperature_K, kept)));
    in.segments.push_back(std::move(s));
    begin = r;
  }
  std::sort(in.segments.begin(), in.segments.end(),
            [](const auto& a, const auto& b) { return a.temperature_K < b.temperature_K; });
  for (size_t i = 1; i < in.segments.size(); ++i)
    if (in.segments[i].temperature_K - in.segments[i - 1].temperature_K < 0.01)
      throw InputError(located(data.path, in.segments[i].line.front(), temperature.header,
                               fmt::format("two segments at {:.2f} K; give each temperature once (or a set column)",
                                           in.segments[i].temperature_K)));
  return in;
}

std::optional<ShiftObjective> shift_objective_named(const std::string& name) {
  if (name == "moduli") return ShiftObjective::Moduli;
  if (name == "storage") return ShiftObjective::Storage;
  if (name == "tan-delta") return ShiftObjective::TanDelta;
  return std::nullopt;
}

ShiftResult shift_master_curve(const ShiftInput& in, const ShiftOptions& o) {
  quiet_ceres_logging();
  const auto& segs = in.segments;
  const size_t n = segs.size();
  if (n < 2)
    throw InputError(
        located(in.file, 0, "",
                fmt::format("one temperature only ({:.2f} K): nothing to superpose", n ? segs[0].temperature_K : 0.0)));
  const double Tmin = segs.front().temperature_K, Tmax = segs.back().temperature_K;
  if (!(o.reference_K >= Tmin - o.reference_tolerance_K && o.reference_K <= Tmax + o.reference_tolerance_K))
    throw InputError(fmt::format("reference temperature {:.2f} K is outside the data ({:.2f} to {:.2f} K)",
                                 o.reference_K, Tmin, Tmax));
  if (o.vertical && (o.objective == ShiftObjective::TanDelta))
    throw InputError("--vertical: tan(delta) does not change under a vertical shift; use the moduli objective");
  if (o.neighbours < 1) throw InputError("neighbours must be at least 1");

  std::vector<Channels> ch;
  for (const auto& s : segs) ch.push_back(channels_of(s, o.objective));
  const char* what = in.domain == ShiftDomain::Time            ? "log E(t)"
                     : o.objective == ShiftObjective::TanDelta ? "tan(delta)"
                     : o.objective == ShiftObjective::Storage  ? "E'"
                                                               : "E' or E''";
  if (!o.vertical)
    for (size_t i = 0; i + 1 < n; ++i) require_shared_range(segs[i], ch[i], segs[i + 1], ch[i + 1], what);

  // Start: chain the pairwise alignments, then put the segment nearest T_ref at 0.
  std::vector<double> s(n, 0.0), v(n, 0.0);
  for (size_t i = 0; i + 1 < n; ++i) s[i + 1] = s[i] + align_pair(segs[i], ch[i], segs[i + 1], ch[i + 1]);
  size_t ref = 0;
  for (size_t i = 1; i < n; ++i)
    if (std::abs(segs[i].temperature_K - o.reference_K) < std::abs(segs[ref].temperature_K - o.reference_K)) ref = i;
  const double s_ref = s[ref];
  for (double& si : s) si -= s_ref;

  ShiftResult out;
  out.reference_K = o.reference_K;
  std::vector<Comparison> active = overlapping(segs, ch, s, o.neighbours);
  const size_t channels = ch.front().y.size();
  std::vector<double> weight(channels, 1.0);
  ceres::Solver::Summary summary;
  auto residual_of = [&](const Comparison& cmp, double w) {
    return PointResidual{&ch[cmp.i].spline[cmp.c], segs[cmp.j].x[cmp.k], ch[cmp.j].y[cmp.c][cmp.k], w};
  };
  auto build = [&](ceres::Problem& problem) {
    for (size_t i = 0; i < n; ++i) {
      problem.AddParameterBlock(&s[i], 1);
      problem.AddParameterBlock(&v[i], 1);
      if (i == ref) problem.SetParameterBlockConstant(&s[i]);
      if (i == ref || !o.vertical) problem.SetParameterBlockConstant(&v[i]);
    }
    for (const auto& cmp : active) {
      auto* cost = new ceres::AutoDiffCostFunction<PointResidual, 1, 1, 1, 1, 1>(
          new PointResidual(residual_of(cmp, weight[cmp.c])));
      problem.AddResidualBlock(cost, nullptr, &s[cmp.i], &s[cmp.j], &v[cmp.i], &v[cmp.j]);
    }
  };
  auto solve = [&](ceres::Problem& problem) {
    build(problem);
    ceres::Solve(small_dense_options(), &problem, &summary);
  };
  for (int outer = 0;; ++outer) {
    ceres::Problem problem;
    solve(problem);
    out.iterations += int(summary.iterations.size());
    // Channel weights from this solution's mismatch (unweighted, log10 units).
    std::vector<double> ss(channels, 0.0), count(channels, 0.0);
    for (const auto& cmp : active) {
      double r = 0;
      residual_of(cmp, 1.0)(&s[cmp.i], &s[cmp.j], &v[cmp.i], &v[cmp.j], &r);
      ss[cmp.c] += r * r, count[cmp.c] += 1;
    }
    // Weights settle in a few rounds; after 5 they are frozen so the overlaps can settle too.
    bool weights_settled = true;
    for (size_t c = 0; c < channels && outer < 5; ++c) {
      const double w = count[c] > 0 ? 1.0 / std::max(std::sqrt(ss[c] / count[c]), 1e-6) : 1.0;
      weights_settled &= std::abs(w - weight[c]) <= 0.01 * weight[c];
      weight[c] = w;
    }
    if (channels == 1) weights_settled = true, weight[0] = 1.0;  // one channel: plain log10 units
    auto next = overlapping(segs, ch, s, o.neighbours);
    const bool same = weights_settled && next == active;
    active = std::move(next);
    if (same || outer == 20) {
      out.converged = same && summary.IsSolutionUsable();
      break;
    }
  }

  // A segment that no longer overlaps any neighbour is not determined: say so rather than
  // report a shift with a meaningless (zero) error.
  std::vector<int> touching(n, 0);
  for (const auto& cmp : active) ++touching[cmp.i], ++touching[cmp.j];
  for (size_t i = 0; i < n; ++i)
    if (touching[i] == 0)
      throw InputError(
          fmt::format("the segment at {:.2f} K overlaps none of its neighbours after shifting "
                      "(non-overlapping segments)",
                      segs[i].temperature_K));

  // Covariance of (s, v) from the final problem's Jacobian.
  ceres::Problem problem;
  build(problem);
  ceres::CRSMatrix jac;
  std::vector<double> residuals;
  std::vector<double*> blocks;
  for (size_t i = 0; i < n; ++i) blocks.push_back(&s[i]);
  for (size_t i = 0; i < n; ++i) blocks.push_back(&v[i]);
  ceres::Problem::EvaluateOptions eval;
  eval.parameter_blocks = blocks;
  problem.Evaluate(eval, nullptr, &residuals, nullptr, &jac);
  const long m = jac.num_rows, p = 2 * long(n);
  // Free parameters (every shift but the reference's, and the vertical shifts when fitted):
  // free_of[column of the Jacobian] = index among them, or -1.
  std::vector<long> free, free_of(size_t(p), -1);
  for (size_t i = 0; i < n; ++i)
    if (i != ref) free_of[i] = long(free.size()), free.push_back(long(i));
  if (o.vertical)
    for (size_t i = 0; i < n; ++i)
      if (i != ref) free_of[n + i] = long(free.size()), free.push_back(long(n + i));
  const long nf = long(free.size());
  double ss = 0, ss_log = 0;  // weighted, and in plain log10 units
  for (size_t a = 0; a < residuals.size(); ++a) {
    ss += residuals[a] * residuals[a];
    residuals[a] /= weight[active[a].c];
    ss_log += residuals[a] * residuals[a];
  }
  out.residuals = int(m);
  out.rms_mismatch = m ? std::sqrt(ss_log / double(m)) : 0.0;
  // Every residual compares a noisy point with a spline through other noisy points, and one
  // spline serves many residuals: the plain Gauss-Newton covariance would take the splines as
  // exact and understate the errors. Instead, to first order in the data y (weighted log10
  // values, one common variance sigma^2): r = R dy, the shifts move by -G dy with
  // G = (J^T J)^-1 J^T R, so cov = sigma^2 G G^T = sigma^2 P (J^T R)(J^T R)^T P, P = (J^T J)^-1;
  // and E[r_a^2] = sigma^2 |R_a|^2 gives sigma^2. Memory stays linear in the data: J is read
  // row by row from its sparse form, a row of R is the +w entry of point (j, k) and -w times
  // the spline's cardinal weights at u (a few dozen knots around u, NaturalSpline::cardinal),
  // and J^T R is kept per segment, only for the free parameters of the segments within
  // `neighbours` of it (no other parameter shares a residual with that segment's points).
  const size_t reach = size_t(std::max(o.neighbours, 0));
  auto near = [&](size_t seg) {  // free indices of the parameters that can touch segment seg
    std::vector<long> q;
    const size_t lo = seg > reach ? seg - reach : 0, hi = std::min(n - 1, seg + reach);
    for (size_t t = lo; t <= hi; ++t)
      for (const size_t col : {t, n + t})
        if (free_of[col] >= 0) q.push_back(free_of[col]);
    return q;
  };
  std::vector<std::vector<long>> local(n);     // [segment] -> free indices
  std::vector<Eigen::MatrixXd> JtR(n);         // [segment] local params x (points x channels)
  std::vector<std::vector<long>> local_of(n);  // [segment][free index] -> row in JtR, or -1
  for (size_t i = 0; i < n; ++i) {
    local[i] = near(i);
    local_of[i].assign(size_t(nf), -1);
    for (size_t r = 0; r < local[i].size(); ++r) local_of[i][size_t(local[i][r])] = long(r);
    JtR[i] = Eigen::MatrixXd::Zero(long(local[i].size()), long(segs[i].x.size() * channels));
  }
  Eigen::MatrixXd JtJ = Eigen::MatrixXd::Zero(nf, nf);
  double R_norm2 = 0;
  std::vector<double> card;
  std::vector<std::pair<long, double>> row;  // free index, J value
  for (long a = 0; a < m; ++a) {
    row.clear();
    for (int idx = jac.rows[size_t(a)]; idx < jac.rows[size_t(a) + 1]; ++idx)
      if (const long q = free_of[size_t(jac.cols[size_t(idx)])]; q >= 0) row.emplace_back(q, jac.values[size_t(idx)]);
    for (const auto& [q1, v1] : row)
      for (const auto& [q2, v2] : row) JtJ(q1, q2) += v1 * v2;
    const auto& cmp = active[size_t(a)];
    const double wc = weight[cmp.c], u = segs[cmp.j].x[cmp.k] + s[cmp.j] - s[cmp.i];
    const size_t first = ch[cmp.i].spline[cmp.c].cardinal(u, card);
    double card2 = 0;
    for (const double w : card) card2 += w * w;
    R_norm2 += wc * wc * (1 + card2);
    for (const auto& [q, jv] : row) {
      JtR[cmp.j](local_of[cmp.j][size_t(q)], long(cmp.k * channels + cmp.c)) += jv * wc;
      const long qi = local_of[cmp.i][size_t(q)];
      for (size_t l = 0; l < card.size(); ++l)
        JtR[cmp.i](qi, long((first + l) * channels + cmp.c)) -= jv * wc * card[l];
    }
  }
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(nf, nf);  // (J^T R)(J^T R)^T
  for (size_t i = 0; i < n; ++i) {
    const Eigen::MatrixXd Ki = JtR[i] * JtR[i].transpose();
    for (size_t r1 = 0; r1 < local[i].size(); ++r1)
      for (size_t r2 = 0; r2 < local[i].size(); ++r2) K(local[i][r1], local[i][r2]) += Ki(long(r1), long(r2));
  }
  const double dof_factor = m > nf ? double(m) / double(m - nf) : NAN;
  const double variance = ss / R_norm2 * dof_factor;
  const Eigen::MatrixXd P = JtJ.completeOrthogonalDecomposition().pseudoInverse();
  const Eigen::MatrixXd cov_free = variance * P * K * P.transpose();
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(p, p);
  for (size_t a = 0; a < free.size(); ++a)
    for (size_t b = 0; b < free.size(); ++b) cov(free[a], free[b]) = cov_free(long(a), long(b));

  // Relative to T_ref: q_i - (w q_lo + (1 - w) q_hi) for the bracketing segments lo, hi.
  size_t lo = 0;
  while (lo + 2 < n && segs[lo + 1].temperature_K <= o.reference_K) ++lo;
  const double w = (segs[lo + 1].temperature_K - o.reference_K) / (segs[lo + 1].temperature_K - segs[lo].temperature_K);
  const double sign = in.domain == ShiftDomain::Frequency ? 1.0 : -1.0;  // f a_T, or t / a_T
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(long(n), p);
  for (size_t i = 0; i < n; ++i) {
    A(long(i), long(i)) += 1;
    A(long(i), long(lo)) -= w;
    A(long(i), long(lo + 1)) -= 1 - w;
  }
  Eigen::VectorXd sv = Eigen::Map<Eigen::VectorXd>(s.data(), long(n)),
                  vv = Eigen::Map<Eigen::VectorXd>(v.data(), long(n));
  const Eigen::MatrixXd As = A.leftCols(long(n)), Cs = cov.topLeftCorner(long(n), long(n)),
                        Cv = cov.bottomRightCorner(long(n), long(n));
  const Eigen::VectorXd La = sign * (As * sv), Lb = As * vv;
  out.log_aT_covariance = As * Cs * As.transpose();
  const Eigen::MatrixXd cov_b = As * Cv * As.transpose();
  for (size_t i = 0; i < n; ++i) {
    out.temperature_K.push_back(segs[i].temperature_K);
    out.log_aT.push_back(La(long(i)));
    out.log_aT_stderr.push_back(std::sqrt(std::max(0.0, out.log_aT_covariance(long(i), long(i)))));
    out.log_bT.push_back(Lb(long(i)));
    out.log_bT_stderr.push_back(std::sqrt(std::max(0.0, cov_b(long(i), long(i)))));
  }

  // Mismatch of each adjacent pair (both directions) at the solution.
  for (size_t i = 0; i + 1 < n; ++i) {
    double sum = 0;
    int count = 0;
    for (size_t a = 0; a < active.size(); ++a) {
      const auto& cmp = active[a];
      if (std::min(cmp.i, cmp.j) == i && std::max(cmp.i, cmp.j) == i + 1) sum += residuals[a] * residuals[a], ++count;
    }
    out.neighbours.push_back(
        {segs[i].temperature_K, segs[i + 1].temperature_K, count, count ? std::sqrt(sum / count) : NAN});
  }
  return out;
}

std::vector<MasterPoint> master_curve(const ShiftInput& in, const ShiftResult& r) {
  std::vector<MasterPoint> out;
  for (size_t i = 0; i < in.segments.size(); ++i) {
    const auto& s = in.segments[i];
    const double sign = in.domain == ShiftDomain::Frequency ? 1.0 : -1.0;
    const double b = std::pow(10.0, r.log_bT[i]);
    for (size_t k = 0; k < s.x.size(); ++k)
      out.push_back({std::pow(10.0, s.x[k] + sign * r.log_aT[i]), b * s.modulus_MPa[k],
                     s.loss_MPa.empty() ? NAN : b * s.loss_MPa[k], s.temperature_K});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.reduced_x < b.reduced_x; });
  return out;
}

}  // namespace glassfit
