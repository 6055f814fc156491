// SPDX-License-Identifier: BSD-3-Clause
// kMC configurations (TOML), validated as for a run, including the memory estimate.
#include "fuzz_common.h"
#include "glassfit/kmc/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return glassfit::fuzz::run([&] { glassfit::kmc::parse_kmc_config(glassfit::fuzz::text(data, size), "fuzz.toml"); });
}
