// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/eplexor.h"

#include <algorithm>

#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <optional>

#include "glassfit/core/error.h"
#include "glassfit/core/text.h"
#include "glassfit/io/text_file.h"
#include "glassfit/io/xls.h"

namespace glassfit {
namespace {

// A workbook's sheets by name, with cells as text or numbers and places for messages.
class Workbook {
 public:
  Workbook(std::string_view bytes, const std::string& path) : path_(path), book_(read_xls(bytes, path)) {}

  // Selects a sheet by name; false when there is none.
  bool select(const std::string& name) {
    for (const auto& s : book_.sheets)
      if (s.name == name) return sheet_ = &s, true;
    return false;
  }
  void require(const std::string& name) {
    if (select(name)) return;
    std::string list;
    for (const auto& s : book_.sheets) list += (list.empty() ? "'" : ", '") + printable(s.name, 40) + "'";
    throw InputError(fmt::format("{}: no '{}' sheet (sheets: {})", path_, name, list.empty() ? "none" : list));
  }
  bool has(const std::string& name) const {
    return std::any_of(book_.sheets.begin(), book_.sheets.end(), [&](const auto& s) { return s.name == name; });
  }
  unsigned rows() const { return sheet_->rows; }
  unsigned cols() const { return sheet_->cols; }
  // A cell as text ("" when empty) or as a number.
  std::string text(unsigned r, unsigned c) const {
    const XlsCell* cell = sheet_->at(r, c);
    if (!cell) return "";
    return cell->number ? fmt::format("{:.10g}", *cell->number) : std::string(trim(cell->text));
  }
  std::optional<double> number(unsigned r, unsigned c) const {
    const XlsCell* cell = sheet_->at(r, c);
    return cell ? cell->number : std::nullopt;
  }
  // "file: sheet 'S', row R, column 'C'" for messages (rows from 1, as Excel shows).
  std::string where(unsigned r, const std::string& column = "") const {
    return fmt::format("{}: sheet '{}', row {}{}", path_, printable(sheet_->name, 40), r + 1,
                       column.empty() ? "" : fmt::format(", column '{}'", printable(column, 40)));
  }

 private:
  std::string path_;
  XlsWorkbook book_;
  const XlsSheet* sheet_ = nullptr;
};

// "25.0 °C" -> 298.15; "C1 : 13.50" -> 13.5; "C2 : 141.19 K" -> 141.19.
double number_in(const std::string& text, const std::string& where) {
  const auto colon = text.find(':');
  const auto start = text.find_first_of("+-0123456789.", colon == std::string::npos ? 0 : colon + 1);
  if (start == std::string::npos) throw InputError(where + ": no number in '" + printable(text, 40) + "'");
  char* end = nullptr;
  const double v = std::strtod(text.c_str() + start, &end);
  if (end == text.c_str() + start || !std::isfinite(v))
    throw InputError(where + ": no number in '" + printable(text, 40) + "'");
  return v;
}

}  // namespace

Dataset parse_eplexor(std::string_view bytes, const std::string& path) {
  Workbook book(bytes, path);
  Dataset ds;
  ds.path = path;
  const bool master = book.has("Shiftlist");
  book.require("Exported Data");
  // Names in row 0, units in row 1.
  struct Want {
    std::vector<std::string> names;
    std::string quantity;
    Dimension dimension;
    bool optional = false;
  };
  const std::vector<Want> wants = {
      {{"f"}, master ? "reduced_frequency" : "frequency", Dimension::Frequency},
      {{"T"}, "temperature", Dimension::Temperature},
      {{"E'", "G'"}, "storage_modulus", Dimension::Stress},
      {{"E''", "G''"}, "loss_modulus", Dimension::Stress},
      {{"tan delta"}, "tan_delta", Dimension::Dimensionless},
      // the load, for the record (no model reads them)
      {{"Strain stat"}, "static_strain", Dimension::Dimensionless, true},
      {{"Stress stat"}, "static_stress", Dimension::Stress, true},
      {{"Strain dyn"}, "dynamic_strain", Dimension::Dimensionless, true},
      {{"Stress dyn"}, "dynamic_stress", Dimension::Stress, true},
  };
  std::string modulus;
  for (const auto& w : wants) {
    std::optional<unsigned> at;
    for (unsigned c = 0; c < book.cols() && !at; ++c)
      for (const auto& n : w.names)
        if (book.text(0, c) == n) {
          at = c;
          if (n.front() == 'E' || n.front() == 'G') modulus = n.front() == 'E' ? "tensile" : "shear";
        }
    if (!at && w.optional) continue;
    if (!at) throw InputError(fmt::format("{}: no '{}' column in its name row", book.where(0), w.names.front()));
    std::string unit_text = book.text(1, *at);
    if (unit_text.empty()) unit_text = "-";
    const auto unit = find_unit(unit_text);
    if (!unit || unit->dimension != w.dimension)
      throw InputError(fmt::format("{}: unit '{}' is not a {} unit", book.where(1, book.text(0, *at)),
                                   printable(unit_text, 20), dimension_name(w.dimension)));
    Column col{w.quantity,
               w.quantity + " [" + std::string(internal_unit(w.dimension)) + "]",
               std::string(internal_unit(w.dimension)),
               {}};
    for (unsigned r = 2; r < book.rows(); ++r) {
      if (book.text(r, 0).empty()) break;  // the 'Nr' column ends the table
      const auto v = book.number(r, *at);
      if (!v)
        throw InputError(fmt::format("{}: '{}' is not a number", book.where(r, book.text(0, *at)),
                                     printable(book.text(r, *at), 40)));
      double value = 0;
      if (const auto problem = convert_cell(*v, book.text(r, *at), *unit, w.quantity, value); !problem.empty())
        throw InputError(fmt::format("{}: {}", book.where(r, book.text(0, *at)), problem));
      col.values.push_back(value);
    }
    ds.columns.push_back(std::move(col));
  }
  for (size_t r = 0; r < ds.columns.front().values.size(); ++r) ds.line_of_row.push_back(long(r) + 3);
  ds.modulus = modulus == "shear" ? ModulusKind::Shear : ModulusKind::Tensile;
  if (ds.rows() == 0) throw InputError(book.where(2) + ": no data rows");
  ds.comments.push_back(fmt::format("Eplexor export{}: {} moduli ({})", master ? " (master curve)" : "", modulus,
                                    modulus == "shear" ? "G', G''" : "E', E''"));
  if (book.select("Data header"))
    for (unsigned r = 0; r < book.rows() && r < 200; ++r) {
      std::string line;
      for (unsigned c = 0; c < book.cols() && c < 16; ++c)
        if (const auto t = book.text(r, c); !t.empty()) line += (line.empty() ? "" : " | ") + t;
      if (!line.empty()) ds.comments.push_back("header: " + printable(line, 200));
    }
  return ds;
}

Dataset read_eplexor(const std::string& path) {
  return parse_eplexor(read_text_file(path, "cannot open file", kMaxInputBytes, /*text=*/false), path);
}

InstrumentShifts read_eplexor_shifts(const std::string& path) {
  Workbook book(read_text_file(path, "cannot open file", kMaxInputBytes, /*text=*/false), path);
  book.require("Shiftlist");
  InstrumentShifts s;
  s.reference_K = number_in(book.text(0, 1), book.where(0, "Ref.Temp.")) + 273.15;
  if (!(s.reference_K > 0)) throw InputError(book.where(0, "Ref.Temp.") + ": not above absolute zero");
  s.C1 = number_in(book.text(1, 1), book.where(1, "C1"));
  s.C2_K = number_in(book.text(1, 2), book.where(1, "C2"));
  for (unsigned r = 3; r < book.rows(); ++r) {
    const auto T = book.number(r, 0), a = book.number(r, 1);
    if (!T && !a) break;
    if (!T || !a) throw InputError(book.where(r) + ": a temperature and a shift are needed");
    double T_K = 0;
    if (const auto problem = convert_cell(*T, book.text(r, 0), *find_unit("C"), "temperature", T_K); !problem.empty())
      throw InputError(fmt::format("{}: {}", book.where(r), problem));
    if (!std::isfinite(*a)) throw InputError(book.where(r) + ": the shift is not a finite number");
    s.temperature_K.push_back(T_K), s.log10_aT.push_back(*a);
  }
  if (s.temperature_K.empty()) throw InputError(book.where(3) + ": no shifts");
  return s;
}

}  // namespace glassfit
