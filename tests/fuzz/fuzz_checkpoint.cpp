// SPDX-License-Identifier: BSD-3-Clause
// kMC checkpoints. Two modes, chosen by the first byte: the input as a whole checkpoint file
// (the envelope: magic, version, length, SHA-256), or as edits of a valid state that are then
// sealed again, so that the state reader behind the checksum is fuzzed too (a fuzzer would
// never forge a SHA-256).
#include <cstring>
#include <sstream>

#include "fuzz_common.h"
#include "glassfit/kmc/checkpoint_format.h"
#include "glassfit/kmc/engine.h"

namespace {

glassfit::kmc::EngineConfig small_config() {
  glassfit::kmc::EngineConfig c;
  c.grid.nx = 6, c.grid.ny = 6;
  c.catalog.modes = 3;
  c.threads = 1;
  c.max_events = 40;
  c.snapshot_strains = {0.001, 0.002};
  return c;
}

// A valid state payload after a few events (opened from a sealed checkpoint).
const std::string& valid_payload() {
  static const std::string payload = [] {
    glassfit::kmc::Engine e(small_config());
    for (int k = 0; k < 10 && e.step(); ++k) {
    }
    std::ostringstream out;
    e.save(out);
    const std::string file = out.str();
    return std::string(glassfit::kmc::open_checkpoint(file, "seed"));
  }();
  return payload;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string file;
  if (data[0] % 2 == 0) {
    file = glassfit::fuzz::text(data + 1, size - 1);
  } else {
    // Edits: (offset: 4 bytes, value: 1 byte) records; a record with offset 0xFFFFFFFF truncates.
    std::string payload = valid_payload();
    for (size_t i = 1; i + 5 <= size; i += 5) {
      uint32_t offset = 0;
      std::memcpy(&offset, data + i, 4);
      if (offset == 0xFFFFFFFFu) {
        payload.resize(payload.size() / 2);
        continue;
      }
      if (!payload.empty()) payload[offset % payload.size()] = char(data[i + 4]);
    }
    file = glassfit::kmc::seal_checkpoint(payload);
  }
  return glassfit::fuzz::run([&] {
    glassfit::kmc::Engine e(small_config());
    e.restore_bytes(file, "fuzz.bin");
  });
}
