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

}  // namespace glassfit
