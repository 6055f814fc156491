// The dataset reader: CSV with units (and the pyvisco layout), its runs, and the experiment a
// dataset defines (DMA, creep, relaxation, ...).
#include "fuzz_common.h"
#include "glassfit/io/csv.h"
#include "glassfit/protocols/experiment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return glassfit::fuzz::run([&] {
    const auto ds = glassfit::parse_csv(glassfit::fuzz::text(data, size), "fuzz.csv");
    ds.runs();
    glassfit::experiment_from(ds);
  });
}
