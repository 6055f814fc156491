// SPDX-License-Identifier: BSD-3-Clause
// Parameter files (TOML, values with units) for the HC model, and the command-line grids and
// histories (`300:550:1`, `1e-3:1e4:50log`, `50@0,0@330`) on the same bytes.
#include "fuzz_common.h"
#include "glassfit/core/grid.h"
#include "glassfit/io/params_toml.h"
#include "glassfit/models/hc/params.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = glassfit::fuzz::text(data, size);
  glassfit::fuzz::run([&] {
    const auto set = glassfit::parse_parameters(text, "fuzz.toml", glassfit::hc_parameter_table(), "hc");
    glassfit::hc_params_from(set);
  });
  if (size < 200) {
    glassfit::fuzz::run([&] { glassfit::parse_grid(text, glassfit::Dimension::Temperature, "--temperature"); });
    glassfit::fuzz::run([&] { glassfit::parse_history(text, glassfit::Dimension::Stress, "--stress"); });
  }
  return 0;
}
