#include "glassfit/protocols/dma.h"

#include "glassfit/models/hc.h"

namespace glassfit {

std::vector<DmaPrediction> predict_dma(const HcParams<double>& p, std::span<const DmaPoint> points,
                                       Anelastic anelastic) {
  std::vector<DmaPrediction> out;
  out.reserve(points.size());
  for (const auto& pt : points) {
    const auto s = hc::times(p, pt.temperature_K);
    const auto E = hc::complex_modulus(hc::complex_compliance(p, s, 2 * kPi * pt.frequency_Hz, anelastic));
    out.push_back({E.re, E.im, E.im / E.re});
  }
  return out;
}

std::vector<DmaLossParts> predict_dma_loss_parts(const HcParams<double>& p, std::span<const DmaPoint> points,
                                                 Anelastic anelastic) {
  std::vector<DmaLossParts> out;
  out.reserve(points.size());
  for (const auto& pt : points) {
    const auto s = hc::times(p, pt.temperature_K);
    const auto J = hc::complex_compliance_terms(p, s, 2 * kPi * pt.frequency_Hz, anelastic);
    const auto Jt = J.total();
    const double norm = Jt.re * Jt.re + Jt.im * Jt.im;  // E* = conj(J*)/|J*|^2
    out.push_back({-J.beta.im / norm, -J.alpha.im / norm});
  }
  return out;
}

}  // namespace glassfit
