// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The outputs of `glassfit srs`: srs.csv, report.json and the paper's pictures (Fig. 9: flow
// stress against rate at five temperatures; Fig. 10: the m map with the t_s and t_R lines;
// Fig. 8a: numerical solution and closed form at the temperature nearest 500 K), for
// write_output_set.
#include <span>
#include <string>

#include "glassfit/io/output_set.h"
#include "glassfit/models/onebody/srs_map.h"

namespace glassfit::onebody {

struct SrsRunInfo {
  std::string params_file, params_sha256;  // empty: the table's defaults
  std::string command;
};

OutputSet srs_outputs(const SrsMap& map, std::span<const double> values, const SrsRunInfo& info);

}  // namespace glassfit::onebody
