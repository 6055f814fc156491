// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/elastic.h"

#include <cmath>
#include <complex>
#include <fftw3.h>
#include <mutex>
#include <stdexcept>

#include "glassfit/core/constants.h"

namespace glassfit::kmc {
namespace {

using cplx = std::complex<double>;

// FFTW plans are not thread-safe to create; executing them is.
std::mutex& planner_mutex() {
  static std::mutex m;
  return m;
}

// Forward or backward 2-D complex transform of `data` (ny rows of nx), unnormalised.
void fft2(std::vector<cplx>& data, const Grid& g, int sign) {
  fftw_plan plan;
  {
    std::lock_guard<std::mutex> lock(planner_mutex());
    plan = fftw_plan_dft_2d(g.ny, g.nx, reinterpret_cast<fftw_complex*>(data.data()),
                            reinterpret_cast<fftw_complex*>(data.data()), sign, FFTW_ESTIMATE);
  }
  fftw_execute(plan);
  std::lock_guard<std::mutex> lock(planner_mutex());
  fftw_destroy_plan(plan);
}

double wavenumber(int k, int n) {  // 2 pi k / n per voxel, k folded into (-n/2, n/2]
  const int kk = k <= n / 2 ? k : k - n;
  return 2 * kPi * kk / n;
}

}  // namespace

double stencil_weight(int di, int dj) {
  const int edges = (di != 0) + (dj != 0);
  return edges == 0 ? 0.25 : edges == 1 ? 0.125 : 0.0625;
}

std::vector<Sym2> stress_fft(const Elasticity& el, const Grid& g, const std::vector<Sym2>& eps_star,
                             const Sym2& mean_strain) {
  const size_t n = g.size();
  if (eps_star.size() != n) throw std::invalid_argument("stress_fft: eigenstrain field has the wrong size");
  const double lam = el.lambda(), mu = el.mu();
  // Polarisation tau = C : eps*, transformed component by component.
  std::array<std::vector<cplx>, 3> tau;
  for (auto& t : tau) t.resize(n);
  Sym2 mean_eps_star;
  for (size_t v = 0; v < n; ++v) {
    const Sym2 t = el.stress(eps_star[v]);
    tau[0][v] = t.xx, tau[1][v] = t.yy, tau[2][v] = t.xy;
    mean_eps_star.xx += eps_star[v].xx / double(n), mean_eps_star.yy += eps_star[v].yy / double(n);
    mean_eps_star.xy += eps_star[v].xy / double(n);
  }
  for (auto& t : tau) fft2(t, g, FFTW_FORWARD);
  // Compatible strain of each wavevector xi != 0: u = -i A^-1 (tau xi), A = mu |xi|^2 I +
  // (lambda + mu) xi xi; eps = sym(i xi (x) u) = sym(xi (x) A^-1 tau xi).
  std::array<std::vector<cplx>, 3> eps;
  for (auto& e : eps) e.assign(n, 0.0);
  for (int b = 0; b < g.ny; ++b)
    for (int a = 0; a < g.nx; ++a) {
      const size_t v = size_t(b) * size_t(g.nx) + size_t(a);
      const double x = wavenumber(a, g.nx), y = wavenumber(b, g.ny), k2 = x * x + y * y;
      if (k2 == 0) continue;
      const cplx tx = tau[0][v] * x + tau[2][v] * y, ty = tau[2][v] * x + tau[1][v] * y;
      const double A11 = mu * k2 + (lam + mu) * x * x, A22 = mu * k2 + (lam + mu) * y * y, A12 = (lam + mu) * x * y;
      const double det = A11 * A22 - A12 * A12;
      const cplx ux = (A22 * tx - A12 * ty) / det, uy = (A11 * ty - A12 * tx) / det;
      eps[0][v] = x * ux, eps[1][v] = y * uy, eps[2][v] = 0.5 * (x * uy + y * ux);
    }
  for (auto& e : eps) fft2(e, g, FFTW_BACKWARD);
  std::vector<Sym2> out(n);
  for (size_t v = 0; v < n; ++v) {
    const Sym2 strain{mean_strain.xx + eps[0][v].real() / double(n) - eps_star[v].xx,
                      mean_strain.yy + eps[1][v].real() / double(n) - eps_star[v].yy,
                      mean_strain.xy + eps[2][v].real() / double(n) - eps_star[v].xy};
    out[v] = el.stress(strain);
  }
  return out;
}

StressKernels::StressKernels(const Elasticity& el, const Grid& g) : grid_(g) {
  for (int c = 0; c < 3; ++c) {
    std::vector<Sym2> unit(g.size());
    for (int dj = -1; dj <= 1; ++dj)
      for (int di = -1; di <= 1; ++di) {
        Sym2& e = unit[g.index(di, dj)];
        const double w = stencil_weight(di, dj);
        (c == 0 ? e.xx : c == 1 ? e.yy : e.xy) += w;
      }
    kernel_[size_t(c)] = stress_fft(el, g, unit, Sym2{});
  }
}

void StressKernels::add_event(std::vector<Sym2>& stress, int i, int j, const Sym2& d) const {
  const int nx = grid_.nx, ny = grid_.ny;
  const auto& kx = kernel_[0];
  const auto& ky = kernel_[1];
  const auto& kxy = kernel_[2];
  for (int b = 0; b < ny; ++b) {
    const int sb = ((b - j) % ny + ny) % ny;
    for (int a = 0; a < nx; ++a) {
      const int sa = ((a - i) % nx + nx) % nx;
      const size_t s = size_t(sb) * size_t(nx) + size_t(sa), v = size_t(b) * size_t(nx) + size_t(a);
      Sym2& out = stress[v];
      out.xx += d.xx * kx[s].xx + d.yy * ky[s].xx + d.xy * kxy[s].xx;
      out.yy += d.xx * kx[s].yy + d.yy * ky[s].yy + d.xy * kxy[s].yy;
      out.xy += d.xx * kx[s].xy + d.yy * ky[s].xy + d.xy * kxy[s].xy;
    }
  }
}

void StressKernels::add_window(std::vector<Sym2>& stress, int i, int j, const Sym2& d, int rx, int ry) const {
  const int nx = grid_.nx, ny = grid_.ny;
  for (int dj = -ry; dj <= ry; ++dj) {
    const int b = ((j + dj) % ny + ny) % ny, sb = (dj % ny + ny) % ny;
    for (int di = -rx; di <= rx; ++di) {
      const int a = ((i + di) % nx + nx) % nx, sa = (di % nx + nx) % nx;
      const Sym2 r = response(sa, sb, d);
      Sym2& out = stress[size_t(b) * size_t(nx) + size_t(a)];
      out.xx += r.xx, out.yy += r.yy, out.xy += r.xy;
    }
  }
}

struct FieldSolver::Plans {
  fftw_plan forward = nullptr, backward = nullptr;
  ~Plans() {
    std::lock_guard<std::mutex> lock(planner_mutex());
    if (forward) fftw_destroy_plan(forward);
    if (backward) fftw_destroy_plan(backward);
  }
};

namespace {
size_t half_spectrum(const Grid& g) { return size_t(g.ny) * size_t(g.nx / 2 + 1); }
}  // namespace

FieldSolver::FieldSolver(const Elasticity& el, const Grid& g) : el_(el), grid_(g) {
  const size_t n = g.size(), h = half_spectrum(g);
  real_ = static_cast<double*>(fftw_malloc(sizeof(double) * 3 * n));
  spectrum_ = fftw_malloc(sizeof(fftw_complex) * 3 * h);
  if (!real_ || !spectrum_) throw std::bad_alloc();
  auto plans = std::make_shared<Plans>();
  {
    const int dims[2] = {g.ny, g.nx}, hdims[2] = {g.ny, g.nx / 2 + 1};
    auto* c = static_cast<fftw_complex*>(spectrum_);
    std::lock_guard<std::mutex> lock(planner_mutex());
    plans->forward = fftw_plan_many_dft_r2c(2, dims, 3, real_, dims, 1, int(n), c, hdims, 1, int(h), FFTW_ESTIMATE);
    plans->backward = fftw_plan_many_dft_c2r(2, dims, 3, c, hdims, 1, int(h), real_, dims, 1, int(n), FFTW_ESTIMATE);
  }
  if (!plans->forward || !plans->backward) throw std::runtime_error("FieldSolver: FFTW could not plan");
  plans_ = plans;
  // eps(k) = sym(xi (x) A^-1 tau xi), A = mu |xi|^2 I + (lambda + mu) xi xi (as stress_fft): linear in
  // tau = (txx, tyy, txy), tabulated as the 3 x 3 matrix, 9 numbers per wavevector.
  const double lam = el.lambda(), mu = el.mu();
  const auto green = [&](double x, double y, double* G) {
    const double k2 = x * x + y * y;
    if (k2 == 0) {
      for (int i = 0; i < 9; ++i) G[i] = 0;
      return;
    }
    const double A11 = mu * k2 + (lam + mu) * x * x, A22 = mu * k2 + (lam + mu) * y * y, A12 = (lam + mu) * x * y;
    const double det = A11 * A22 - A12 * A12;
    // ux and uy per txx, txy, tyy (tx = txx x + txy y, ty = txy x + tyy y).
    const double uxx = A22 * x / det, uxy = (A22 * y - A12 * x) / det, uyy = -A12 * y / det;
    const double vxx = -A12 * x / det, vxy = (A11 * x - A12 * y) / det, vyy = A11 * y / det;
    // Rows eps_xx = x ux, eps_yy = y uy, eps_xy = (x uy + y ux) / 2; columns txx, tyy, txy.
    G[0] = x * uxx, G[1] = x * uyy, G[2] = x * uxy;
    G[3] = y * vxx, G[4] = y * vyy, G[5] = y * vxy;
    G[6] = 0.5 * (x * vxx + y * uxx), G[7] = 0.5 * (x * vyy + y * uyy), G[8] = 0.5 * (x * vxy + y * uxy);
  };
  green_.assign(9 * h, 0.0);
  for (int b = 0; b < g.ny; ++b)
    for (int a = 0; a <= g.nx / 2; ++a) {
      // stress_fft takes the real part of a complex transform, which on the Nyquist lines (where the
      // wavevector of the mirrored index is not minus this one) averages the two operators.
      double G1[9], G2[9];
      green(wavenumber(a, g.nx), wavenumber(b, g.ny), G1);
      green(wavenumber((g.nx - a) % g.nx, g.nx), wavenumber((g.ny - b) % g.ny, g.ny), G2);
      double* G = &green_[9 * (size_t(b) * size_t(g.nx / 2 + 1) + size_t(a))];
      for (int i = 0; i < 9; ++i) G[i] = 0.5 * (G1[i] + G2[i]);
    }
}

FieldSolver::FieldSolver(const FieldSolver& o) : el_(o.el_), grid_(o.grid_), plans_(o.plans_), green_(o.green_) {
  real_ = static_cast<double*>(fftw_malloc(sizeof(double) * 3 * grid_.size()));
  spectrum_ = fftw_malloc(sizeof(fftw_complex) * 3 * half_spectrum(grid_));
  if (!real_ || !spectrum_) throw std::bad_alloc();
}

FieldSolver::~FieldSolver() {
  fftw_free(real_);
  fftw_free(spectrum_);
}

void FieldSolver::add_stress(const std::vector<Sym2>& eps_star, std::vector<Sym2>& stress) {
  const size_t n = grid_.size(), h = half_spectrum(grid_);
  if (eps_star.size() != n || stress.size() != n) throw std::invalid_argument("FieldSolver: field of the wrong size");
  for (size_t v = 0; v < n; ++v) {
    const Sym2 t = el_.stress(eps_star[v]);
    real_[v] = t.xx, real_[n + v] = t.yy, real_[2 * n + v] = t.xy;
  }
  auto* c = static_cast<fftw_complex*>(spectrum_);
  fftw_execute_dft_r2c(plans_->forward, real_, c);
  for (size_t k = 0; k < h; ++k) {
    const double* G = &green_[9 * k];
    const double txr = c[k][0], txi = c[k][1], tyr = c[h + k][0], tyi = c[h + k][1], tsr = c[2 * h + k][0],
                 tsi = c[2 * h + k][1];
    c[k][0] = G[0] * txr + G[1] * tyr + G[2] * tsr, c[k][1] = G[0] * txi + G[1] * tyi + G[2] * tsi;
    c[h + k][0] = G[3] * txr + G[4] * tyr + G[5] * tsr, c[h + k][1] = G[3] * txi + G[4] * tyi + G[5] * tsi;
    c[2 * h + k][0] = G[6] * txr + G[7] * tyr + G[8] * tsr, c[2 * h + k][1] = G[6] * txi + G[7] * tyi + G[8] * tsi;
  }
  fftw_execute_dft_c2r(plans_->backward, c, real_);
  for (size_t v = 0; v < n; ++v) {
    const Sym2 strain{real_[v] / double(n) - eps_star[v].xx, real_[n + v] / double(n) - eps_star[v].yy,
                      real_[2 * n + v] / double(n) - eps_star[v].xy};
    const Sym2 s = el_.stress(strain);
    stress[v].xx += s.xx, stress[v].yy += s.yy, stress[v].xy += s.xy;
  }
}

}  // namespace glassfit::kmc
