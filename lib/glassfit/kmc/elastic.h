// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Elasticity of the kMC lattice: the internal stress of an eigenstrain field on a 2-D periodic
// lattice of N_x x N_y square voxels, isotropic, in plane strain (plane stress as an option),
// with the mean total strain prescribed (strain control). Two ways to get it:
//  - stress_fft: the full solve with the Fourier-space Green's operator, O(N log N);
//  - StressKernels: the stress change of one event (an eigenstrain increment spread over the
//    3x3 stencil 1/4 centre, 1/8 edges, 1/16 corners) from precomputed real-space influence
//    kernels, O(N) per event, exactly linear in the increment.
// Units: MPa for moduli and stress; strains are tensor components (xy is epsilon_xy, half the
// engineering shear).
#include <array>
#include <cstddef>
#include <memory>
#include <vector>

namespace glassfit::kmc {

struct Sym2 {
  double xx = 0, yy = 0, xy = 0;
};

struct Elasticity {
  double E_MPa = 88.6e3;
  double nu = 0.371;
  bool plane_strain = true;
  // In-plane Lame constants: plane strain uses lambda, mu of the solid; plane stress the
  // reduced lambda* = 2 lambda mu / (lambda + 2 mu).
  double mu() const { return E_MPa / (2 * (1 + nu)); }
  double lambda() const {
    const double l = E_MPa * nu / ((1 + nu) * (1 - 2 * nu));
    return plane_strain ? l : 2 * l * mu() / (l + 2 * mu());
  }
  // The 2-D body's uniaxial modulus, 4 mu (lambda + mu) / (lambda + 2 mu): E / (1 - nu^2) in
  // plane strain, E in plane stress.
  double uniaxial_modulus_MPa() const { return 4 * mu() * (lambda() + mu()) / (lambda() + 2 * mu()); }
  // sigma = lambda tr(eps) I + 2 mu eps (in plane).
  Sym2 stress(const Sym2& strain) const {
    const double tr = strain.xx + strain.yy;
    return {lambda() * tr + 2 * mu() * strain.xx, lambda() * tr + 2 * mu() * strain.yy, 2 * mu() * strain.xy};
  }
};

struct Grid {
  int nx = 0, ny = 0;
  size_t size() const { return size_t(nx) * size_t(ny); }
  size_t index(int i, int j) const {  // periodic
    const int a = ((i % nx) + nx) % nx, b = ((j % ny) + ny) % ny;
    return size_t(b) * size_t(nx) + size_t(a);
  }
};

// The 3x3 stencil that spreads an event's eigenstrain: weight of offset (di, dj), di, dj in
// {-1, 0, 1}; the weights sum to 1.
double stencil_weight(int di, int dj);

// Stress field (one Sym2 per voxel, row-major in j) of the eigenstrain field under a prescribed
// mean total strain: sigma = C : (eps - eps*), with eps the compatible strain whose mean is
// `mean_strain` and whose fluctuation makes sigma divergence-free (Fourier-space Green's
// operator with the continuum wavevector 2 pi k / N per voxel).
std::vector<Sym2> stress_fft(const Elasticity& el, const Grid& g, const std::vector<Sym2>& eigenstrain,
                             const Sym2& mean_strain);

// The stress of an eigenstrain field at zero mean total strain, as stress_fft computes it (equal
// to rounding), with real-to-complex transforms planned once and the Green's operator tabulated:
// for repeated solves on one lattice (the local engine's flushes).
class FieldSolver {
 public:
  FieldSolver(const Elasticity& el, const Grid& g);
  ~FieldSolver();
  FieldSolver(const FieldSolver& other);
  FieldSolver& operator=(const FieldSolver&) = delete;
  // Adds the stress of `eigenstrain` to `stress`.
  void add_stress(const std::vector<Sym2>& eigenstrain, std::vector<Sym2>& stress);

 private:
  struct Plans;
  Elasticity el_;
  Grid grid_;
  std::shared_ptr<const Plans> plans_;  // immutable; shared by copies
  std::vector<double> green_;           // 6 per half-spectrum wavevector: the symmetric map tau -> eps
  double* real_ = nullptr;              // 3 N (fftw_malloc: the alignment the plans assume)
  void* spectrum_ = nullptr;            // 3 ny (nx/2 + 1) complex
};

class StressKernels {
 public:
  StressKernels(const Elasticity& el, const Grid& g);
  // Adds the stress change of an eigenstrain increment `d` spread by the stencil around voxel
  // (i, j), at fixed mean total strain, to `stress`.
  void add_event(std::vector<Sym2>& stress, int i, int j, const Sym2& d) const;
  // The same, restricted to the voxels within |di| <= rx, |dj| <= ry of (i, j) (periodic; 2 rx < nx
  // and 2 ry < ny, so that no voxel is counted twice).
  void add_window(std::vector<Sym2>& stress, int i, int j, const Sym2& d, int rx, int ry) const;
  // The stress change at offset (a, b) from the event, a in [0, nx), b in [0, ny).
  Sym2 response(int a, int b, const Sym2& d) const {
    const size_t s = size_t(b) * size_t(grid_.nx) + size_t(a);
    const Sym2 &kx = kernel_[0][s], &ky = kernel_[1][s], &kxy = kernel_[2][s];
    return {d.xx * kx.xx + d.yy * ky.xx + d.xy * kxy.xx, d.xx * kx.yy + d.yy * ky.yy + d.xy * kxy.yy,
            d.xx * kx.xy + d.yy * ky.xy + d.xy * kxy.xy};
  }
  // The stress of a unit xx (c = 0), yy (1) or xy (2) increment at voxel 0.
  const std::vector<Sym2>& kernel(int c) const { return kernel_[size_t(c)]; }
  const Grid& grid() const { return grid_; }

 private:
  Grid grid_;
  std::array<std::vector<Sym2>, 3> kernel_;  // stress of a unit xx, yy, xy increment at voxel 0
};

}  // namespace glassfit::kmc
