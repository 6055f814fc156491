// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// A registered model described for people: its parameter table and options as plain text
// (`glassfit models`) or Markdown (`glassfit models NAME --markdown`, the tables of docs/models/).
#include <string>

#include "glassfit/models/registry.h"

namespace glassfit {

std::string model_listing(const ModelEntry& entry);
std::string model_markdown(const ModelEntry& entry);

}  // namespace glassfit
