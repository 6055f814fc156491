// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The HC model's line in the registry (models/registry.cpp).
#include "glassfit/models/registry.h"

namespace glassfit::hc {

ModelEntry registry_entry();

}  // namespace glassfit::hc
