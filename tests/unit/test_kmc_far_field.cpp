// SPDX-License-Identifier: BSD-3-Clause
// The local engine's far field (far_field.h): the bilinear interpolation of far events' fields
// at a block's corners misses the exact field by no more than the block's remainder bound, on
// every voxel, and the bound is not vacuous; and near events stay exact. 64 x 64 lattice.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "glassfit/kmc/far_field.h"

using namespace glassfit::kmc;

TEST(KmcFarField, InterpolatedFarFieldStaysWithinItsRemainderBound) {
  const Grid g{64, 64};
  for (const int far_gap : {0, 4}) {  // 0: the default, 2 block sides
    FarField far(Elasticity{}, g, 8, 2, 1000, far_gap);
    std::vector<Sym2> stress(g.size());
    std::mt19937_64 rng(7);
    std::normal_distribution<double> strain(0, 0.05);
    std::uniform_int_distribution<int> pos(0, 63);
    std::uniform_int_distribution<size_t> block(0, far.blocks() - 1);
    for (int k = 0; k < 400; ++k) {
      const double e1 = strain(rng), e3 = strain(rng);
      far.add_event(stress, pos(rng), pos(rng), Sym2{e1, -e1, e3});
      if (k % 3 == 0) far.catch_up(block(rng));  // blocks caught up at different points of the log
    }
    double worst = 0;  // the largest |error| / remainder
    size_t interpolating = 0;
    for (size_t b = 0; b < far.blocks(); ++b) {
      far.catch_up(b);
      if (far.remainder_p(b) > 0) ++interpolating;
      far.for_each_voxel(b, [&](size_t v, size_t) {
        const Sym2 exact = far.pending(v);  // the far events, exactly (the near ones are in correction)
        double p = 0, q = 0;
        far.far_estimate(v, p, q);
        const double ep = std::abs(exact.xx - exact.yy - p), eq = std::abs(2 * exact.xy - q);
        EXPECT_LE(ep, far.remainder_p(b) + 1e-9) << "block " << b << " voxel " << v;
        EXPECT_LE(eq, far.remainder_q(b) + 1e-9) << "block " << b << " voxel " << v;
        if (far.remainder_p(b) > 0) worst = std::max({worst, ep / far.remainder_p(b), eq / far.remainder_q(b)});
      });
    }
    std::printf("far gap %d: %zu of %zu blocks interpolate; largest error / bound %.3f\n", far_gap, interpolating,
                far.blocks(), worst);
    EXPECT_GT(interpolating, far.blocks() / 2);
    EXPECT_GT(worst, 0.01);  // the bound is a bound, not a blanket
  }
}
