// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The one entry for data files, whatever wrote them: our CSV (and pyvisco's layout), a TRIOS
// text export or an Eplexor legacy Excel file, told apart by content, not by extension. fit, shift, relaxation-map and
// convert read through it.
#include <string>

#include "glassfit/io/csv.h"

namespace glassfit {

// InputError naming the file for an unreadable file, and file, line (or sheet and row) and
// column for a bad cell.
Dataset read_dataset(const std::string& path);
// Whether bytes are a data file (legacy Excel, a TRIOS export, CSV with 'quantity [unit]'
// headers) rather than a TOML input: for the message when one is given where a spec is expected.
bool looks_like_data(std::string_view bytes);

}  // namespace glassfit
