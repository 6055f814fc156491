// SPDX-License-Identifier: BSD-3-Clause
// Legacy Excel instrument files (.xls): the compound-file container, the BIFF5/BIFF8 records and
// the Eplexor tables read from them (io/cfb.h, io/xls.h, io/eplexor.h).
#include "fuzz_common.h"
#include "glassfit/io/eplexor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return glassfit::fuzz::run([&] { glassfit::parse_eplexor(glassfit::fuzz::text(data, size), "fuzz.xls"); });
}
