#pragma once
// DMA protocol: E', E'' and tan(delta) at any set of (temperature, frequency) points, which
// covers isochronal (one frequency, many temperatures) and isothermal sweeps alike.
#include <span>
#include <vector>

#include "glassfit/core/parameters.h"
#include "glassfit/models/hc_params.h"

namespace glassfit {

struct DmaPoint {
  double temperature_K;
  double frequency_Hz;
};

struct DmaPrediction {
  double storage_MPa;
  double loss_MPa;
  double tan_delta;
};

std::vector<DmaPrediction> predict_dma(const HcParams<double>& p, std::span<const DmaPoint> points,
                                       Anelastic anelastic = Anelastic::Published);

}  // namespace glassfit
