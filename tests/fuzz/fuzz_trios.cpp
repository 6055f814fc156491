// SPDX-License-Identifier: BSD-3-Clause
// TRIOS text exports (both layouts) read as a dataset, whatever the bytes look like: fuzz_csv
// reaches this reader only for input that passes is_trios_text; here every input does.
#include "fuzz_common.h"
#include "glassfit/io/trios.h"
#include "glassfit/protocols/experiment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return glassfit::fuzz::run([&] {
    const auto ds = glassfit::parse_trios(glassfit::fuzz::text(data, size), "fuzz.txt");
    ds.runs();
    glassfit::experiment_from(ds);
  });
}
