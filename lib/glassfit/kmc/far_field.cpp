// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/far_field.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace glassfit::kmc {
namespace {

int periodic_abs(int a, int n) { return std::min(a, n - a); }  // a in [0, n)
int wrap(int a, int n) { return (a % n + n) % n; }             // a mod n in [0, n)

}  // namespace

// The largest of `values` over every block-sized patch of offsets: out[b nx + a] = max over
// a <= a' < a + side_x, b <= b' < b + side_y (periodic), along x, then along y.
void FarField::patch_max(const std::vector<double>& values, std::vector<double>& out) const {
  const Grid& g = kernels_.grid();
  const size_t nx = size_t(g.nx), ny = size_t(g.ny);
  std::vector<double> along_x(values.size());
  for (size_t b = 0; b < ny; ++b)
    for (size_t a = 0; a < nx; ++a) {
      double m = 0;
      for (size_t t = 0; t < size_t(side_x_); ++t) m = std::max(m, values[b * nx + (a + t) % nx]);
      along_x[b * nx + a] = m;
    }
  out.assign(values.size(), 0.0);
  for (size_t b = 0; b < ny; ++b)
    for (size_t a = 0; a < nx; ++a) {
      double m = 0;
      for (size_t t = 0; t < size_t(side_y_); ++t) m = std::max(m, along_x[((b + t) % ny) * nx + a]);
      out[b * nx + a] = m;
    }
}

namespace {

std::vector<float> rounded_up(const std::vector<double>& x) {  // a bound stays a bound
  std::vector<float> out(x.size());
  for (size_t k = 0; k < x.size(); ++k) {
    float f = float(x[k]);
    if (double(f) < x[k]) f = std::nextafter(f, std::numeric_limits<float>::infinity());
    out[k] = f;
  }
  return out;
}

}  // namespace

FarField::FarField(const Elasticity& el, const Grid& g, int block_side, int near_radius, size_t flush_events,
                   int far_gap)
    : kernels_(el, g), solver_(el, g), flush_events_(std::max<size_t>(flush_events, 1)) {
  side_x_ = std::min(block_side, g.nx), side_y_ = std::min(block_side, g.ny);
  nbx_ = (g.nx + side_x_ - 1) / side_x_, nby_ = (g.ny + side_y_ - 1) / side_y_;
  rx_ = std::min(near_radius, (g.nx - 1) / 2), ry_ = std::min(near_radius, (g.ny - 1) / 2);
  far_gap_ = std::max(near_radius, far_gap > 0 ? far_gap : 2 * block_side);
  // The basis of an increment: deviatoric (1, -1, 0), shear (0, 0, 1), dilatational (1, 1, 0).
  const auto unit = [&](int c, size_t s) -> Sym2 {
    const Sym2 &x = kernels_.kernel(0)[s], &y = kernels_.kernel(1)[s];
    if (c == 1) return kernels_.kernel(2)[s];
    const double sign = c == 0 ? -1 : 1;
    return {x.xx + sign * y.xx, x.yy + sign * y.yy, x.xy + sign * y.xy};
  };
  const size_t n = g.size(), nx = size_t(g.nx), ny = size_t(g.ny);
  std::vector<double> values(n), patch(n);
  for (int k = 0; k < 6; ++k) {
    for (size_t b = 0; b < ny; ++b)
      for (size_t a = 0; a < nx; ++a) {
        const Sym2 s = unit(k % 3, b * nx + a);
        values[b * nx + a] = in_window(int(a), int(b)) ? 0.0 : k < 3 ? std::abs(s.xx - s.yy) : std::abs(2 * s.xy);
      }
    patch_max(values, patch);
    envelope_[k] = rounded_up(patch);
  }
  deviatoric_kernel_.resize(n);
  pq_kernel_.resize(n);
  for (size_t s = 0; s < n; ++s) {
    const Sym2 dev = unit(0, s), shear = unit(1, s);
    deviatoric_kernel_[s] = dev;
    pq_kernel_[s] = {dev.xx - dev.yy, 2 * dev.xy, shear.xx - shear.yy, 2 * shear.xy};
  }
  // Far blocks take an event's field by bilinear interpolation between their corner voxels. Along a
  // row of h + 1 voxels the interpolation misses by at most h^2/8 times the largest second
  // difference there (the discrete Green's function of the second difference sums to k (h - k) / 2);
  // over a block, h_x^2/8 max|D_xx| + h_y^2/8 max|D_yy| (the y-interpolation of a row error is a
  // convex combination). remainder_[c] holds that bound for the patch of offsets from each
  // (a, b) on, c = p and q of the deviatoric, then of the shear response.
  const double hx = side_x_ - 1, hy = side_y_ - 1;
  std::vector<double> dxx(n), dyy(n), px(n), py(n);
  for (int c = 0; c < 4; ++c) {
    const auto K = [&](size_t a, size_t b) { return pq_kernel_[(b % ny) * nx + a % nx][size_t(c)]; };
    for (size_t b = 0; b < ny; ++b)
      for (size_t a = 0; a < nx; ++a) {
        dxx[b * nx + a] = std::abs(K(a + 1, b) - 2 * K(a, b) + K(a + nx - 1, b));
        dyy[b * nx + a] = std::abs(K(a, b + 1) - 2 * K(a, b) + K(a, b + ny - 1));
      }
    patch_max(dxx, px), patch_max(dyy, py);
    for (size_t s = 0; s < n; ++s) values[s] = hx * hx / 8 * px[s] + hy * hy / 8 * py[s];
    remainder_[c] = rounded_up(values);
  }
  state_.correction.assign(g.size(), Sym2{});
  state_.mark.assign(blocks(), 0);
  state_.bound_p.assign(blocks(), 0.0);
  state_.bound_q.assign(blocks(), 0.0);
  state_.corner.assign(8 * blocks(), 0.0);
  state_.remainder_p.assign(blocks(), 0.0);
  state_.remainder_q.assign(blocks(), 0.0);
}

bool FarField::in_window(int a, int b) const {
  const Grid& g = kernels_.grid();
  return periodic_abs(a, g.nx) <= rx_ && periodic_abs(b, g.ny) <= ry_;
}

size_t FarField::block_of(size_t v) const {
  const size_t nx = size_t(kernels_.grid().nx);
  return (v / nx / size_t(side_y_)) * size_t(nbx_) + (v % nx) / size_t(side_x_);
}

size_t FarField::slot_of(size_t v) const {
  const size_t nx = size_t(kernels_.grid().nx);
  const size_t i = v % nx, j = v / nx, bx = i / size_t(side_x_);
  const size_t width = std::min(size_t(side_x_), nx - bx * size_t(side_x_));
  return (j % size_t(side_y_)) * width + i % size_t(side_x_);
}

size_t FarField::voxel_at(size_t b, size_t slot) const {
  const size_t nx = size_t(kernels_.grid().nx), bx = b % size_t(nbx_), by = b / size_t(nbx_);
  const size_t width = std::min(size_t(side_x_), nx - bx * size_t(side_x_));
  return (by * size_t(side_y_) + slot / width) * nx + bx * size_t(side_x_) + slot % width;
}

size_t FarField::block_size(size_t b) const {
  const Extent x = extent(b);
  return size_t(x.w) * size_t(x.h);
}

void FarField::add_event(std::vector<Sym2>& stress, int i, int j, const Sym2& d) {
  kernels_.add_window(stress, i, j, d, rx_, ry_);
  state_.log.push_back({i, j, d});
  const Grid& g = kernels_.grid();
  // d = e1 (1, -1, 0) + e3 (0, 0, 1) + t (1, 1, 0): the catalogue's modes are deviatoric (t = 0).
  const double c[3] = {std::abs(0.5 * (d.xx - d.yy)), std::abs(d.xy), std::abs(0.5 * (d.xx + d.yy))};
  for (int by = 0; by < nby_; ++by) {
    const size_t oy = size_t(wrap(by * side_y_ - j, g.ny)) * size_t(g.nx);
    for (int bx = 0; bx < nbx_; ++bx) {
      const size_t e = oy + size_t(wrap(bx * side_x_ - i, g.nx)), b = size_t(by) * size_t(nbx_) + size_t(bx);
      const double p = c[0] * envelope_[0][e] + c[1] * envelope_[1][e] + c[2] * envelope_[2][e];
      const double q = c[0] * envelope_[3][e] + c[1] * envelope_[4][e] + c[2] * envelope_[5][e];
      state_.bound_p[b] += p, state_.bound_q[b] += q;
    }
  }
}

namespace {

// The least periodic |offset| over offsets start .. start + width - 1 (mod n), start in [0, n).
int range_gap(int start, int width, int n) {
  return start + width - 1 >= n ? 0 : std::min(start, n - (start + width - 1));
}

}  // namespace

// Far: the block lies beyond far_gap_ of the event in x or in y, so outside its near window; and
// the event's increment is traceless (the interpolation tables hold the traceless basis).
bool FarField::is_far(size_t b, const LoggedEvent& e) const {
  if (e.d.xx != -e.d.yy) return false;
  const Grid& g = kernels_.grid();
  const Extent x = extent(b);
  return range_gap(wrap(x.x0 - e.i, g.nx), x.w, g.nx) > far_gap_ ||
         range_gap(wrap(x.y0 - e.j, g.ny), x.h, g.ny) > far_gap_;
}

Sym2 FarField::pending(size_t v) const {
  const Grid& g = kernels_.grid();
  const int vi = int(v % size_t(g.nx)), vj = int(v / size_t(g.nx));
  const size_t b = block_of(v), mark = size_t(state_.mark[b]);
  Sym2 out;
  for (size_t k = 0; k < state_.log.size(); ++k) {
    const LoggedEvent& e = state_.log[k];
    if (k < mark && !is_far(b, e)) continue;  // in the correction
    int a = vi - e.i, c = vj - e.j;
    a += a < 0 ? g.nx : 0, c += c < 0 ? g.ny : 0;
    if (in_window(a, c)) continue;  // already exact in the stress array
    const Sym2 r = kernels_.response(a, c, e.d);
    out.xx += r.xx, out.yy += r.yy, out.xy += r.xy;
  }
  return out;
}

void FarField::far_estimate(size_t v, double& p, double& q) const {
  const Grid& g = kernels_.grid();
  const size_t b = block_of(v);
  const Extent x = extent(b);
  const int hx = x.w - 1, hy = x.h - 1;
  const double u = hx > 0 ? double(int(v % size_t(g.nx)) - x.x0) / hx : 0.0,
               w = hy > 0 ? double(int(v / size_t(g.nx)) - x.y0) / hy : 0.0;
  const double* c = &state_.corner[8 * b];  // (p, q) at (x0, y0), (x1, y0), (x0, y1), (x1, y1)
  const double w00 = (1 - u) * (1 - w), w10 = u * (1 - w), w01 = (1 - u) * w, w11 = u * w;
  p = w00 * c[0] + w10 * c[2] + w01 * c[4] + w11 * c[6];
  q = w00 * c[1] + w10 * c[3] + w01 * c[5] + w11 * c[7];
}

namespace {

// out[k] += a x[k] + b y[k] over n doubles: one row segment of Sym2s, every component alike.
void add_combination(double* out, const double* x, const double* y, double a, double b, size_t n) {
  for (size_t k = 0; k < n; ++k) out[k] += a * x[k] + b * y[k];
}
void add_combination(double* out, const double* x, const double* y, const double* z, double a, double b, double c,
                     size_t n) {
  for (size_t k = 0; k < n; ++k) out[k] += a * x[k] + b * y[k] + c * z[k];
}

}  // namespace

// Event by event, row by row: the kernel rows are contiguous, so this streams where pending()
// (voxel by voxel) jumps. A row of the block is cut where the kernel row wraps and around the near
// window, and each piece is one flat loop. A traceless increment (every catalogue mode) needs two
// kernels, not three.
void FarField::catch_up(size_t b) {
  static_assert(sizeof(Sym2) == 3 * sizeof(double));
  const Grid& g = kernels_.grid();
  const Extent ext = extent(b);
  const int x0 = ext.x0, x1 = x0 + ext.w, y0 = ext.y0, y1 = y0 + ext.h;
  const auto flat = [](const std::vector<Sym2>& k) { return reinterpret_cast<const double*>(k.data()); };
  const double *kx = flat(kernels_.kernel(0)), *ky = flat(kernels_.kernel(1)), *kxy = flat(kernels_.kernel(2)),
               *kdev = flat(deviatoric_kernel_);
  double* correction = reinterpret_cast<double*>(state_.correction.data());
  const int xe = x1 - 1, ye = y1 - 1;  // the far corners
  double* corner = &state_.corner[8 * b];
  for (size_t k = size_t(state_.mark[b]); k < state_.log.size(); ++k) {
    const LoggedEvent& e = state_.log[k];
    const Sym2 d = e.d;
    if (is_far(b, e)) {  // the corners' (p, q) and the interpolation's bound
      const int ax[2] = {wrap(x0 - e.i, g.nx), wrap(xe - e.i, g.nx)},
                ay[2] = {wrap(y0 - e.j, g.ny), wrap(ye - e.j, g.ny)};
      for (int c = 0; c < 4; ++c) {
        const auto& K = pq_kernel_[size_t(ay[c / 2]) * size_t(g.nx) + size_t(ax[c % 2])];
        corner[2 * c] += d.xx * K[0] + d.xy * K[2];
        corner[2 * c + 1] += d.xx * K[1] + d.xy * K[3];
      }
      const size_t s = size_t(ay[0]) * size_t(g.nx) + size_t(ax[0]);
      state_.remainder_p[b] += std::abs(d.xx) * remainder_[0][s] + std::abs(d.xy) * remainder_[2][s];
      state_.remainder_q[b] += std::abs(d.xx) * remainder_[1][s] + std::abs(d.xy) * remainder_[3][s];
      continue;
    }
    const bool traceless = d.xx == -d.yy;
    const int a0 = wrap(x0 - e.i, g.nx);  // kernel column of the row's first voxel
    for (int j = y0; j < y1; ++j) {
      const int rb = wrap(j - e.j, g.ny);
      const bool window_row = periodic_abs(rb, g.ny) <= ry_;
      const size_t row = size_t(rb) * size_t(g.nx), out_row = size_t(j) * size_t(g.nx);
      // Voxels i in [x0, x1) at kernel columns a = a0 + (i - x0) mod nx: pieces [i, i_end) with no
      // wrap inside, less the window's columns |a| <= rx (periodic).
      for (int i = x0; i < x1;) {
        const int a = (a0 + (i - x0)) % g.nx;
        int end = std::min(x1, i + (g.nx - a));  // up to the wrap
        if (window_row) {
          if (periodic_abs(a, g.nx) <= rx_) {  // inside the window: skip to its right edge
            const int skip = a <= rx_ ? rx_ + 1 - a : g.nx - a;
            i = std::min(end, i + skip);
            continue;
          }
          if (a < g.nx - rx_) end = std::min(end, i + (g.nx - rx_ - a));  // stop where the window begins
        }
        const size_t s = 3 * (row + size_t(a)), o = 3 * (out_row + size_t(i)), len = 3 * size_t(end - i);
        if (traceless)
          add_combination(correction + o, kdev + s, kxy + s, d.xx, d.xy, len);
        else
          add_combination(correction + o, kx + s, ky + s, kxy + s, d.xx, d.yy, d.xy, len);
        i = end;
      }
    }
  }
  state_.mark[b] = state_.log.size();
}

void FarField::flush(std::vector<Sym2>& stress) {
  if (state_.log.empty()) return;
  const Grid& g = kernels_.grid();
  // Scratch buffers kept between flushes: fresh ones of N Sym2 each would be paged in anew.
  std::vector<Sym2>&increment = increment_scratch_, &far = far_scratch_;
  increment.assign(g.size(), Sym2{}), far.assign(g.size(), Sym2{});
  for (const LoggedEvent& e : state_.log)
    for (int dj = -1; dj <= 1; ++dj)
      for (int di = -1; di <= 1; ++di) {
        Sym2& x = increment[g.index(e.i + di, e.j + dj)];
        const double w = stencil_weight(di, dj);
        x.xx += w * e.d.xx, x.yy += w * e.d.yy, x.xy += w * e.d.xy;
      }
  solver_.add_stress(increment, far);
  for (const LoggedEvent& e : state_.log) {
    const Sym2 minus{-e.d.xx, -e.d.yy, -e.d.xy};
    kernels_.add_window(far, e.i, e.j, minus, rx_, ry_);
  }
  for (size_t v = 0; v < g.size(); ++v) {
    stress[v].xx += far[v].xx, stress[v].yy += far[v].yy, stress[v].xy += far[v].xy;
    state_.correction[v] = Sym2{};
  }
  state_.log.clear();
  std::fill(state_.mark.begin(), state_.mark.end(), 0);
  std::fill(state_.corner.begin(), state_.corner.end(), 0.0);
  std::fill(state_.remainder_p.begin(), state_.remainder_p.end(), 0.0);
  std::fill(state_.remainder_q.begin(), state_.remainder_q.end(), 0.0);
}

}  // namespace glassfit::kmc
