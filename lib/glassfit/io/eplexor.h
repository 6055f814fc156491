// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// NETZSCH/GABO Eplexor DMA exports: legacy Excel (.xls; BIFF5 as the instrument software
// writes it, BIFF8 as Excel re-saves it), read by io/xls.h. The
// `Exported Data` sheet (a name row, a unit row, then a row per point) gives frequency,
// temperature, storage and loss modulus (E', E'' tensile or G', G'' shear) and tan delta; the
// `Data header` sheet (the test set-up) goes into the comments. A file with a `Shiftlist`
// sheet is a master curve: its frequencies are reduced to the list's reference temperature.
#include <string>
#include <string_view>
#include <vector>

#include "glassfit/io/csv.h"

namespace glassfit {

// The instrument's own shifts (a `Shiftlist` sheet): log10 aT per temperature and its WLF law.
struct InstrumentShifts {
  double reference_K = 0;
  double C1 = 0, C2_K = 0;  // log10 aT = -C1 (T - T_ref) / (C2 + T - T_ref)
  std::vector<double> temperature_K, log10_aT;
};

// InputError naming the file (and sheet) for a file that is no readable workbook (truncated,
// damaged, not Excel), a missing `Exported Data` sheet, a missing column or unit, a cell that is
// not a number. parse_eplexor reads bytes already in memory (the input is read once).
Dataset parse_eplexor(std::string_view bytes, const std::string& path);
Dataset read_eplexor(const std::string& path);
// The `Shiftlist` sheet; InputError when the file has none.
InstrumentShifts read_eplexor_shifts(const std::string& path);

}  // namespace glassfit
