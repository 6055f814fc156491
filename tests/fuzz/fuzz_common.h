// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Shared by the libFuzzer harnesses: run one parser on the input; an InputError is the
// expected answer to bad input, anything else (another exception, a crash, a sanitizer report)
// is a bug that stops the fuzzer.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "glassfit/core/error.h"

namespace glassfit::fuzz {

template <typename F>
int run(F&& f) {
  try {
    f();
  } catch (const InputError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: unexpected exception (a bug): %s\n", e.what());
    std::abort();
  }
  return 0;
}

inline std::string text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace glassfit::fuzz
