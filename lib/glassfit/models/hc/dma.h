// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// DMA protocol: E', E'' and tan(delta) at any set of (temperature, frequency) points, which
// covers isochronal (one frequency, many temperatures) and isothermal sweeps alike.
#include <span>
#include <vector>

#include "glassfit/core/parameters.h"
#include "glassfit/models/hc/params.h"

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

// E'' split into the beta and the alpha (anelastic + viscoplastic) process: the loss
// compliance is a sum of terms, J'' = J''_beta + J''_alpha, and E'' = J''/|J*|^2, so
// E''_beta = J''_beta/|J*|^2 and E''_alpha = J''_alpha/|J*|^2 add up to E'' exactly.
struct DmaLossParts {
  double beta_MPa;
  double alpha_MPa;
};
std::vector<DmaLossParts> predict_dma_loss_parts(const HcParams<double>& p, std::span<const DmaPoint> points,
                                                 Anelastic anelastic = Anelastic::Published);

std::vector<DmaPrediction> predict_dma(const HcParams<double>& p, std::span<const DmaPoint> points,
                                       Anelastic anelastic = Anelastic::Published);

}  // namespace glassfit
