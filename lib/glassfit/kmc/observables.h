// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// What a kMC run is summarised by (Niiyama et al. Sec. III): the flow stress of Eq. 24, the
// strain-rate-sensitivity index, avalanche and per-voxel statistics, the distribution of
// executed transformation strains and the von Mises eigenstrain with its exceedance.
#include <vector>

#include "glassfit/kmc/elastic.h"
#include "glassfit/kmc/engine.h"

namespace glassfit::kmc {

// Flow stress (Eq. 24): the mean of the stress over strain [lo, hi], the stress interpolated
// linearly between the recorded points (exact between events under a constant strain rate) and
// sampled uniformly, i.e. its integral over the window divided by the width. Throws
// std::invalid_argument when the curve does not cover the window.
double flow_stress_MPa(const std::vector<CurvePoint>& curve, double lo = 0.06, double hi = 0.10);
// The same, or NaN when the curve does not cover the window (a run that ended early).
double flow_stress_or_nan(const std::vector<CurvePoint>& curve, double lo, double hi);

// SRS index m = d ln sigma_f / d ln rate by least squares over (rate, flow stress) pairs, with
// its standard error (0 for two points; needs two distinct rates and positive stresses).
struct SrsIndex {
  double m, stderr_m;
};
SrsIndex srs_index(const std::vector<double>& rates_per_s, const std::vector<double>& flow_stress_MPa);
// The same slope with one intercept per group (fixed effects): runs of one seed share their
// catalogue and initial state at every rate, so their common level cancels and only the rate
// dependence is fitted. Standard error from the pooled residuals with n - groups - 1 degrees
// of freedom (0 when there are none). One group gives srs_index.
SrsIndex srs_index(const std::vector<double>& rates_per_s, const std::vector<double>& flow_stress_MPa,
                   const std::vector<long>& group);

// Von Mises equivalent of an in-plane strain with no strain out of the plane:
// sqrt(2/3 e':e'), e' the 3-D deviator.
double von_mises(const Sym2& e);

// The accumulated eigenstrain of a site, sqrt(e_xx^2 + e_yy^2 + e_xy^2) (Niiyama et al. Sec. III,
// the measure of their Figs. 6 and 7; e_xy the tensor shear).
double accumulated_strain(const Sym2& e);

// The mean exceedance of Niiyama et al. Sec. III (Fig. 7): the mean accumulated strain over the
// sites where it is >= threshold (NaN when there is none), and the fraction of such sites.
struct Exceedance {
  double mean, fraction;
};
Exceedance exceedance(const std::vector<Sym2>& eigenstrain, double threshold);

// Wang et al.'s measures of a softening run (paper 001, Sec. 3.2): the barrier change dQ/Q as the
// mean relative lowering 1 - <exp(-eta)> of the stress-free barriers (Eq. 8), over all voxels and
// over those that transformed (NaN: none did); the fraction of extreme sites (von Mises
// eigenstrain above `extreme_threshold`, 0.7 in their text); the strain localisation index (the
// standard deviation of the von Mises eigenstrain over the voxels).
constexpr double kExtremeSiteStrain = 0.7;  // Wang et al. Sec. 3.2.1: "exceeding 0.7"
struct SofteningMeasures {
  double barrier_shift, barrier_shift_transformed, extreme_fraction, localisation_index;
};
SofteningMeasures softening_measures(const std::vector<double>& softening_scale,
                                     const std::vector<long>& events_per_voxel, const std::vector<Sym2>& eigenstrain,
                                     double extreme_threshold = kExtremeSiteStrain);

// The first snapshot at or beyond `strain` (nullptr: none).
const Snapshot* snapshot_at(const std::vector<Snapshot>& snapshots, double strain);

// The mean of the values, NaN when there are none.
double mean_or_nan(const std::vector<double>& values);

// Fractions of voxels that never transformed and that transformed exactly once.
struct VoxelActivity {
  double never, once;
};
VoxelActivity voxel_activity(const std::vector<long>& events_per_voxel);

// Counts of each integer value 0..max (index = value).
std::vector<long> count_values(const std::vector<long>& values);

// Complementary cumulative distribution P(S >= s) at each distinct s, for heavy-tail plots.
struct Ccdf {
  std::vector<double> size, probability;
};
Ccdf ccdf(const std::vector<long>& sizes);

// Maximum-likelihood exponent of a discrete power-law tail P(s) ~ s^-tau for s >= s_min
// (Clauset, Shalizi and Newman 2009, Eq. 3.7's continuous approximation with s_min - 1/2).
double tail_exponent(const std::vector<long>& sizes, long s_min);
// The avalanche sizes' tail is fitted from this size on (a lone event is size 1).
inline constexpr long kTailMinSize = 2;

// A run's avalanches in numbers: how many, the largest, the mean size (0 without any) and the
// tail exponent over sizes >= kTailMinSize (NaN with fewer than two such avalanches).
struct AvalancheSummary {
  size_t count = 0;
  long largest = 0;
  double mean_size = 0, tail_exponent = 0;
};
AvalancheSummary avalanche_summary(const std::vector<long>& sizes);

struct Histogram {
  std::vector<double> center, count;
};
// Equal-width bins over [lo, hi]; values outside are dropped.
Histogram histogram(const std::vector<double>& values, double lo, double hi, int bins);
// `bins` equal bins over [-r, r], r the largest |value|: a signed distribution such as the
// executed dEps_xx. Empty for no values.
Histogram symmetric_histogram(const std::vector<double>& values, int bins);

}  // namespace glassfit::kmc
