// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/numerics/gumbel_debye.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <vector>

#include "glassfit/numerics/gumbel.h"

namespace glassfit {

namespace {
// The node loop on arrays; AVX2 and baseline versions, chosen at load time. Per node: hw = h w(u)
// (quadrature weight times the Gumbel density, Eq. 24) and e = e^(u/B), so that x = w tau =
// A e with A = w tau_beta: no exponential per node.
__attribute__((target_clones("avx2", "default"))) DebyeAverage debye_sum(const double* __restrict u,
                                                                         const double* __restrict hw,
                                                                         const double* __restrict e, int n, double B,
                                                                         double A) {
  double re = 0, im = 0, dre = 0, dim = 0, bre = 0, bim = 0;
  const double inv_B2 = 1.0 / (B * B);
#pragma omp simd reduction(+ : re, im, dre, dim, bre, bim)
  for (int i = 0; i < n; ++i) {
    const double weight = hw[i];
    const double x = A * e[i];  // finite: the caller keeps ln x within +-700
    // 1/(1 + i x) = (1 - i x)/(1 + x^2); d/dy (y = ln tau) = -i x/(1 + i x)^2
    //   = (-2 x^2 - i x (1 - x^2))/(1 + x^2)^2, written in z = min(x, 1/x) so nothing overflows.
    const bool big = x > 1.0;
    const double z = big ? 1.0 / x : x, q = 1.0 / (1.0 + z * z);
    const double f_re = big ? z * z * q : q;
    const double f_im = -z * q;
    const double d_re = -2.0 * z * z * q * q;
    const double d_im = (big ? z * (1.0 - z * z) : -z * (1.0 - z * z)) * q * q;
    re += weight * f_re;
    im += weight * f_im;
    dre += weight * d_re;
    dim += weight * d_im;
    const double du = -weight * u[i] * inv_B2;  // dy/dB = -u/B^2
    bre += du * d_re;
    bim += du * d_im;
  }
  return {re, im, dre, dim, bre, bim};
}

std::uint64_t bits(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

// By the exponent's bits: -ffast-math lets the compiler drop std::isfinite.
bool finite(double x) { return ((bits(x) >> 52) & 0x7ff) != 0x7ff; }

// The nodes of one B, by where the refined window sits: gumbel_edges refines around the u at which
// w tau = 1; here that window is widened to whole cells of the fine panel width, k fine to
// (k + 1) fine, so that every point whose u_c falls in cell k shares one node set, with its
// densities and e^(u/B) computed once (a DMA data set spans some 30 cells). The singularities then
// may sit above a panel's middle: panels of 1.5 B instead of 1.9 B keep the error at or below
// the unaligned rule's (docs/fit-spec.md, Performance), for ~8 more nodes per point. Per thread;
// cleared when B changes.
constexpr double kFinePerB = 1.5;
class NodeCache {
 public:
  static constexpr size_t kMaxSets = 1024;
  struct Nodes {
    std::vector<double> u, hw, e;
    double max_abs_y = 0;  // the largest |u/B|
  };
  const Nodes& get(double B, double u_c) {
    // at most kMaxSets node sets (~10 MB at B = 0.01); a non-finite u_c (the caller returns NaN
    // before) would sit in cell 0
    if (bits(B) != B_bits_ || sets_.size() >= kMaxSets) sets_.clear(), B_bits_ = bits(B);
    const double fine = std::min(1.0, kFinePerB * B);
    const double cell = finite(u_c) ? std::floor(std::clamp(u_c, 2 * kGumbelLo, 2 * kGumbelHi) / fine) : 0.0;
    auto [it, added] = sets_.try_emplace(static_cast<long>(cell));
    if (added) {
      Nodes& n = it->second;
      std::vector<double> h;
      quad::fill_nodes(gumbel_edges(B, cell * fine, (cell + 1) * fine, kFinePerB), n.u, h);
      n.hw.resize(n.u.size()), n.e.resize(n.u.size());
      for (size_t i = 0; i < n.u.size(); ++i) {
        n.hw[i] = h[i] * gumbel_density(n.u[i]), n.e[i] = std::exp(std::clamp(n.u[i] / B, -700.0, 700.0));
        n.max_abs_y = std::max(n.max_abs_y, std::abs(n.u[i] / B));
      }
    }
    return it->second;
  }

 private:
  std::uint64_t B_bits_ = ~std::uint64_t(0);
  std::unordered_map<long, Nodes> sets_;
};

// The last averages, by the exact bits of (B, ln tau_beta, omega): a fit evaluates its Jacobian at
// the point whose residuals it has just evaluated (an accepted step), and the average carries its
// own derivatives, so the Jacobian's DMA sums are found here. Direct-mapped, per thread.
class DebyeMemo {
 public:
  static constexpr size_t kSlots = 4096;  // 7 DMA data sets of 557 points would still mostly hit
  const DebyeAverage* find(const std::array<std::uint64_t, 3>& key) const {
    const Slot& s = slots_[index(key)];
    return s.used && s.key == key ? &s.value : nullptr;
  }
  void store(const std::array<std::uint64_t, 3>& key, const DebyeAverage& value) {
    slots_[index(key)] = {key, value, true};
  }

 private:
  struct Slot {
    std::array<std::uint64_t, 3> key{};
    DebyeAverage value;
    bool used = false;
  };
  // splitmix64's finaliser after each word: every bit of the key moves the slot (an isochronal
  // sweep's frequencies share B and tau_beta and differ in a few high bits of omega)
  static std::uint64_t mix(std::uint64_t h) {
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
    return h ^ (h >> 31);
  }
  static size_t index(const std::array<std::uint64_t, 3>& k) {
    return static_cast<size_t>(mix(mix(mix(k[0]) ^ k[1]) ^ k[2]) % kSlots);
  }
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
};

}  // namespace

DebyeAverage gumbel_debye_average(double B, double log_tau_beta, double omega_rad_s) {
  thread_local DebyeMemo memo;
  const std::array<std::uint64_t, 3> key{bits(B), bits(log_tau_beta), bits(omega_rad_s)};
  if (const DebyeAverage* hit = memo.find(key)) return *hit;
  const double log_A = std::log(omega_rad_s) + log_tau_beta;  // ln(w tau_beta)
  if (!finite(log_A)) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan, nan, nan, nan, nan};
  }
  thread_local NodeCache cache;
  const auto& n = cache.get(B, -B * log_A);
  const int count = static_cast<int>(n.u.size());
  DebyeAverage a;
  if (std::abs(log_A) + n.max_abs_y <= 700) {  // every x = A e^(u/B) a finite product
    a = debye_sum(n.u.data(), n.hw.data(), n.e.data(), count, B, std::exp(log_A));
  } else {  // w tau_beta or 1/B extreme: x per node, its logarithm capped at +-700
    thread_local std::vector<double> x;
    x.resize(count);
    for (int i = 0; i < count; ++i) x[i] = std::exp(std::clamp(log_A + n.u[i] / B, -700.0, 700.0));
    a = debye_sum(n.u.data(), n.hw.data(), x.data(), count, B, 1.0);
  }
  memo.store(key, a);
  return a;
}

}  // namespace glassfit
