#include "glassfit/protocols/dma.h"

#include "glassfit/models/hc.h"

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
    const auto E = hc::complex_modulus(J.total());
    return DmaPrediction{E.re, E.im, E.im / E.re};
  });
}

std::vector<DmaLossParts> predict_dma_loss_parts(const HcParams<double>& p, std::span<const DmaPoint> points,
                                                 Anelastic anelastic) {
  return over_points<DmaLossParts>(p, points, anelastic, [](const hc::ComplianceTerms<double>& J) {
    const auto Jt = J.total();
    const double norm = Jt.re * Jt.re + Jt.im * Jt.im;  // E* = conj(J*)/|J*|^2
    return DmaLossParts{-J.beta.im / norm, -J.alpha.im / norm};
  });
}

}  // namespace glassfit
