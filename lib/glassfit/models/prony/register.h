// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The Prony model's line in the registry (models/registry.cpp).
#include "glassfit/models/registry.h"

namespace glassfit::prony {

ModelEntry registry_entry();

}  // namespace glassfit::prony
