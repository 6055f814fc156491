// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The STZ catalogue of the kMC lattice: every voxel holds M shear modes, each a traceless
// transformation strain [[e1, e3], [e3, -e1]] with e1, e3 ~ Normal(0, s) and its own
// stress-free barrier Q0 ~ Normal(mean, sd) (Niiyama et al. Sec. II; Wang et al. Sec. 2.3).
// A mode's barrier under the local stress is G = Q(t) - (1/2) sigma : dEps V_STZ (Eq. 4) and
// its rate k0 exp(-G / kT) (Eq. 3). Energies in eV, stress in MPa, volumes in nm^3.
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "glassfit/kmc/elastic.h"

namespace glassfit::kmc {

// 1 MPa nm^3 = 1e6 Pa x 1e-27 m^3 = 1e-21 J, in eV.
inline constexpr double kMPa_nm3_in_eV = 1e-21 / 1.602176634e-19;

struct CatalogOptions {
  int modes = 20;           // M
  double strain_sd = 0.05;  // s of e1, e3
  double barrier_mean_eV = 4.0, barrier_sd_eV = 0.8;
  double min_barrier_eV = 0.0;  // a drawn Q0 below this is drawn again
  std::uint64_t seed = 1;
};

struct Mode {
  Sym2 strain;   // traceless: xx = -yy
  double Q0_eV;  // stress-free barrier right after a transformation
};

// sigma : dEps for symmetric 2-D tensors (tensor shear components): xx xx + yy yy + 2 xy xy.
inline double contract(const Sym2& s, const Sym2& e) { return s.xx * e.xx + s.yy * e.yy + 2 * s.xy * e.xy; }

// The von Mises strain of Wang et al. Eq. 2 (Shimizu, Ogata & Li) of an in-plane strain with no
// strain out of the plane, sqrt(e_xy^2 + ((e_xx - e_yy)^2 + e_xx^2 + e_yy^2) / 6): sqrt(e1^2 + e3^2) for a
// traceless [[e1, e3], [e3, -e1]].
inline double mises_shear_strain(const Sym2& e) {
  const double d = e.xx - e.yy;
  return std::sqrt(e.xy * e.xy + (d * d + e.xx * e.xx + e.yy * e.yy) / 6);
}

class Catalog {
 public:
  // Draws every voxel's modes from one std::mt19937_64 seeded with options.seed, voxel by voxel
  // in index order, e1 then e3 then Q0 for each mode: the same seed gives the same catalogue.
  Catalog(const Grid& grid, const CatalogOptions& options);
  const Grid& grid() const { return grid_; }
  int modes() const { return modes_; }
  const Mode& mode(size_t voxel, int m) const { return modes_of_[voxel * size_t(modes_) + size_t(m)]; }
  // A new set of modes for one voxel from the same distributions (paper 001 Sec. 2: the strains
  // are "isotropic in both spatial and generation point of view", a generation being one
  // transformation of the STZ), e1, e3, Q0 per mode from `rng`.
  void redraw(size_t voxel, std::mt19937_64& rng);
  // Every mode, voxel-major (a checkpoint of a redrawn catalogue); set_all takes the same layout.
  const std::vector<Mode>& all() const { return modes_of_; }
  void set_all(std::vector<Mode> modes);

 private:
  Grid grid_;
  int modes_;
  CatalogOptions options_;
  std::vector<Mode> modes_of_;
  Mode draw(std::mt19937_64& rng, std::normal_distribution<double>& strain,
            std::normal_distribution<double>& barrier) const;
};

// Barrier of one mode under the voxel's stress: G = Q - (1/2) sigma : dEps V (Eq. 4), eV.
inline double activation_barrier_eV(double Q_eV, const Sym2& stress_MPa, const Sym2& strain, double V_nm3) {
  return Q_eV - 0.5 * contract(stress_MPa, strain) * V_nm3 * kMPa_nm3_in_eV;
}

// Chooses an index with probability proportional to weights[i] (>= 0, not all 0) from a
// uniform u in [0, 1): the rejection-free kMC selection, by a cumulative sum and a binary search.
size_t choose_proportional(const std::vector<double>& weights, double u);

}  // namespace glassfit::kmc
