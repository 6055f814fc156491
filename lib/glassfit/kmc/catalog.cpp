// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/catalog.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace glassfit::kmc {

Catalog::Catalog(const Grid& grid, const CatalogOptions& o) : grid_(grid), modes_(o.modes), options_(o) {
  if (o.modes < 1) throw std::invalid_argument("catalog: at least one mode per voxel");
  if (!(o.strain_sd >= 0) || !(o.barrier_sd_eV >= 0)) throw std::invalid_argument("catalog: negative spread");
  if (!(o.barrier_mean_eV > o.min_barrier_eV))
    throw std::invalid_argument("catalog: the mean barrier must exceed the minimum barrier");
  std::mt19937_64 rng(o.seed);
  std::normal_distribution<double> strain(0.0, o.strain_sd), barrier(o.barrier_mean_eV, o.barrier_sd_eV);
  modes_of_.resize(grid.size() * size_t(o.modes));
  for (auto& m : modes_of_) m = draw(rng, strain, barrier);
}

// e1, e3 ~ Normal(0, s), then Q0 ~ Normal(mean, sd), drawn again below the minimum.
Mode Catalog::draw(std::mt19937_64& rng, std::normal_distribution<double>& strain,
                   std::normal_distribution<double>& barrier) const {
  const double e1 = strain(rng), e3 = strain(rng);
  double Q = barrier(rng);
  while (Q < options_.min_barrier_eV) Q = barrier(rng);
  return {{e1, -e1, e3}, Q};
}

// The distributions are made anew per redraw: a std::normal_distribution caches its second
// variate, and the catalogue after a redraw must follow from the generator's state alone (a
// checkpoint holds that state, not the cache).
void Catalog::redraw(size_t voxel, std::mt19937_64& rng) {
  std::normal_distribution<double> strain(0.0, options_.strain_sd),
      barrier(options_.barrier_mean_eV, options_.barrier_sd_eV);
  for (int m = 0; m < modes_; ++m) modes_of_[voxel * size_t(modes_) + size_t(m)] = draw(rng, strain, barrier);
}

void Catalog::set_all(std::vector<Mode> modes) {
  if (modes.size() != modes_of_.size()) throw std::invalid_argument("catalog: wrong number of modes");
  modes_of_ = std::move(modes);
}

size_t choose_proportional(const std::vector<double>& w, double u) {
  if (w.empty() || !(u >= 0 && u < 1))
    throw std::invalid_argument("choose_proportional: empty weights or u outside [0, 1)");
  std::vector<double> cumulative(w.size());
  std::partial_sum(w.begin(), w.end(), cumulative.begin());
  const double total = cumulative.back();
  if (!(total > 0)) throw std::invalid_argument("choose_proportional: all weights are zero");
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u * total);
  return std::min(size_t(it - cumulative.begin()), w.size() - 1);
}

}  // namespace glassfit::kmc
