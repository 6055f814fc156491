// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The resolved kMC configuration as JSON (every setting the engine ran with), for reports:
// beside the configuration parser (config.h).
#include <nlohmann/json.hpp>

#include "glassfit/kmc/engine.h"

namespace glassfit::kmc {

const char* law_name(BarrierLaw l);
const char* loading_name(Loading l);
nlohmann::json config_json(const EngineConfig& c);

}  // namespace glassfit::kmc
