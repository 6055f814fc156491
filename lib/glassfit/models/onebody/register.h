// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The one-body model's line in the registry (models/registry.cpp).
#include "glassfit/models/registry.h"

namespace glassfit::onebody {

ModelEntry registry_entry();

}  // namespace glassfit::onebody
