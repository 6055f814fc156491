// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// What the bad-input tests compare: the message of the InputError a call throws, or "no error".
#include <string>

#include "glassfit/core/error.h"

namespace glassfit::test {

template <typename Call>
std::string error_of(Call&& call) {
  try {
    call();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace glassfit::test
