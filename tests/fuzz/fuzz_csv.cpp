// SPDX-License-Identifier: BSD-3-Clause
// The dataset readers: CSV with units (and the pyvisco layout), TRIOS text exports, their runs,
// and the experiment a dataset defines (DMA, creep, relaxation, ...).
#include "fuzz_common.h"
#include "glassfit/io/csv.h"
#include "glassfit/io/trios.h"
#include "glassfit/protocols/experiment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return glassfit::fuzz::run([&] {
    const auto text = glassfit::fuzz::text(data, size);
    const auto ds =
        glassfit::is_trios_text(text) ? glassfit::parse_trios(text, "fuzz.txt") : glassfit::parse_csv(text, "fuzz.csv");
    ds.runs();
    glassfit::experiment_from(ds);
  });
}
