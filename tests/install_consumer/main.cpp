// Predicts E' at 300 K, 1 Hz with Table 1 through the installed library; prints it.
#include <cstdio>

#include "glassfit/models/hc/dma.h"

int main() {
  const auto p = glassfit::hc_params_from(glassfit::ParameterSet(glassfit::hc_parameter_table()));
  const glassfit::DmaPoint pt{300.0, 1.0};
  const auto pred = glassfit::predict_dma(p, {&pt, 1});
  std::printf("%.0f\n", pred[0].storage_MPa);
  return pred[0].storage_MPa > 30000 ? 0 : 1;
}
