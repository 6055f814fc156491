// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// TA Instruments TRIOS text exports, both layouts: the "LIMS export format" (`[Step]` sections
// with `Variables`, `Units` and `Data point` rows) and the older text export (`[step]`
// sections: a step name, a variable row, a units row, then data rows). Tab-separated, UTF-8.
// Frequency sweeps become DMA rows (temperature, frequency, storage and loss modulus, with a
// `set` column per step); creep steps (time, stress, strain) and stress-relaxation steps (time,
// strain, stress) become time-domain rows; other steps are skipped and named in the comments,
// as are the instrument, geometry and run date. Units as the file states them.
#include <string>
#include <string_view>

#include "glassfit/io/csv.h"

namespace glassfit {

// Whether text is a TRIOS export: "[Version]" and the LIMS format's name, or "Filename<TAB>" and
// [step] sections (a CSV that quotes TRIOS metadata in its comments is not).
bool is_trios_text(std::string_view text);

// InputError naming file and line for a step without its units row, a unit of the wrong kind,
// a cell that is not a number, a file with no step glassfit reads, or steps of different kinds.
Dataset parse_trios(std::string_view text, const std::string& name);

}  // namespace glassfit
