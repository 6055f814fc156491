// SPDX-License-Identifier: BSD-3-Clause
// Fit specifications (TOML): [fit] options, datasets, parameters with bounds and scales.
#include "fuzz_common.h"
#include "glassfit/fit/spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return glassfit::fuzz::run(
      [&] { glassfit::parse_fit_spec(glassfit::fuzz::text(data, size), GLASSFIT_SOURCE_DIR "/fits/fuzz.toml"); });
}
