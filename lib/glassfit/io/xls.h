// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Legacy Excel workbooks (.xls): BIFF5 (Excel 5.0/95, as Eplexor software writes them) and
// BIFF8 (Excel 97-2003, as Excel re-saves them), read from bytes in memory. Only what a data
// table needs is kept: each worksheet's text and number cells (formula results included).
// Cell formats are not applied, so a number stays a number (no dates made of sample sizes).
// Every record, string and count is checked against the stream: a damaged file is an
// InputError naming the file, never a read outside it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace glassfit {

struct XlsCell {
  std::string text;              // a text cell's UTF-8 text; empty for a number
  std::optional<double> number;  // a number cell's value
};

struct XlsSheet {
  std::string name;
  std::map<std::pair<uint32_t, uint32_t>, XlsCell> cells;  // (row, column) from 0
  uint32_t rows = 0, cols = 0;                             // one past the last row and column used
  const XlsCell* at(uint32_t row, uint32_t col) const {
    const auto it = cells.find({row, col});
    return it == cells.end() ? nullptr : &it->second;
  }
};

struct XlsWorkbook {
  int biff = 0;  // 5 or 8
  std::vector<XlsSheet> sheets;
};

// The most cells a workbook may hold (a DMA export has a few thousand): decided before the
// cells are stored, so a hostile file cannot ask for gigabytes.
inline constexpr size_t kMaxXlsCells = size_t(1) << 20;

// InputError "PATH: ..." when the bytes are no compound file, hold no `Workbook`/`Book`
// stream, are encrypted, or any record does not fit.
XlsWorkbook read_xls(std::string_view bytes, const std::string& path);

}  // namespace glassfit
