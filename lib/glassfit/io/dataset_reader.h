#pragma once
// The one entry for data files, whatever wrote them: our CSV (and pyvisco's layout) or a TRIOS
// text export, told apart by content, not by extension. fit, shift, relaxation-map and convert
// read through it.
#include <string>

#include "glassfit/io/csv.h"

namespace glassfit {

// InputError naming the file for an unknown or unsupported layout (a legacy Excel file is
// named as such), and file, line and column for a bad cell.
Dataset read_dataset(const std::string& path);

}  // namespace glassfit
