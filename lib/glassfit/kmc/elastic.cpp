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

}  // namespace glassfit::kmc
