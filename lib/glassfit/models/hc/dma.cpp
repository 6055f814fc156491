// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/hc/dma.h"

#include <algorithm>
#include <cmath>

#include "glassfit/models/hc/hc.h"

namespace glassfit {

namespace {

// One value per point from the terms of J*(i w) at that point's temperature and frequency.
template <typename Out, typename FromTerms>
std::vector<Out> over_points(const HcParams<double>& p, std::span<const DmaPoint> points, Anelastic anelastic,
                             FromTerms from_terms) {
  std::vector<Out> out;
  out.reserve(points.size());
  for (const auto& pt : points) {
    const auto s = hc::times(p, pt.temperature_K);
    out.push_back(from_terms(hc::complex_compliance_terms(p, s, 2 * kPi * pt.frequency_Hz, anelastic)));
  }
  return out;
}

}  // namespace

std::vector<DmaPrediction> predict_dma(const HcParams<double>& p, std::span<const DmaPoint> points,
                                       Anelastic anelastic) {
  return over_points<DmaPrediction>(p, points, anelastic, [](const hc::ComplianceTerms<double>& J) {
    const auto Jt = J.total();
    const auto E = hc::complex_modulus(Jt);
    // tan(delta) = E''/E' = -J''/J': from J it stays finite where E' and E'' both become tiny.
    return DmaPrediction{E.re, E.im, -Jt.im / Jt.re};
  });
}

std::vector<DmaLossParts> predict_dma_loss_parts(const HcParams<double>& p, std::span<const DmaPoint> points,
                                                 Anelastic anelastic) {
  return over_points<DmaLossParts>(p, points, anelastic, [](const hc::ComplianceTerms<double>& J) {
    // E* = conj(J*)/|J*|^2, each part of -J'' scaled like complex_modulus (no overflow of |J|^2).
    const auto Jt = J.total();
    const double s = std::max(std::abs(Jt.re), std::abs(Jt.im));
    const double norm = (Jt.re / s) * (Jt.re / s) + (Jt.im / s) * (Jt.im / s);
    return DmaLossParts{-J.beta.im / s / norm / s, -J.alpha.im / s / norm / s};
  });
}

}  // namespace glassfit
