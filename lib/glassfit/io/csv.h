// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// CSV datasets with units: optional `#` comment lines, a header whose cells read
// `quantity [unit]`, then numbers. Also pyvisco's layout: UTF-8 byte-order mark, a header
// line of bare names, then a line of units. Values are converted to internal units on reading
// and every bad cell is reported with file, line and column.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "glassfit/core/units.h"

namespace glassfit {

struct Column {
  std::string quantity;        // canonical name: temperature, time, frequency, stress, strain, ...
  std::string header;          // as written, for messages: "time [s]"
  std::string unit;            // as written
  std::vector<double> values;  // internal units
};

// A contiguous block of rows that forms one test (e.g. one creep run at one stress).
struct Run {
  size_t begin;
  size_t end;  // one past the last row
};

// Whether a file's moduli are tensile (E', E'', E(t)) or shear (G', G'', G(t)); Unknown when
// the file does not say (our CSV), which is taken as what the model predicts.
enum class ModulusKind { Unknown, Tensile, Shear };
const char* modulus_kind_name(ModulusKind k);  // "tensile", "shear", "unstated"
// The kind a column's name states: shear_* and pyvisco's G_* shear, tensile_* and E_* tensile,
// anything else Unknown.
ModulusKind modulus_kind_of_name(std::string_view name);
// The header name under which a table states a modulus' kind: "shear_storage_modulus" for
// quantity "storage_modulus" and Shear, "tensile_..." for Tensile, the quantity itself when the
// kind is Unknown or the quantity is not a modulus.
std::string modulus_column_name(std::string_view quantity, ModulusKind kind);
// What a model's or a fit's table calls its moduli: tensile ones keep the plain names (the
// models' own; HC is tensile), shear ones say so ("shear_storage_modulus").
inline std::string model_modulus_column(std::string_view quantity, ModulusKind kind) {
  return modulus_column_name(quantity, kind == ModulusKind::Shear ? kind : ModulusKind::Unknown);
}

struct Dataset {
  std::string path;
  ModulusKind modulus = ModulusKind::Unknown;
  std::vector<std::string> comments;  // text of `#` lines, without the `#`
  std::vector<Column> columns;
  std::vector<long> line_of_row;  // 1-based file line of each data row

  size_t rows() const { return line_of_row.size(); }
  const Column* find(std::string_view quantity) const;
  // The column or an InputError that says which columns the file has.
  const Column& require(std::string_view quantity, std::string_view why) const;
  // The value of `column` at `row` when it is positive, else an InputError naming file, line
  // and column; `why` ends the message (e.g. "(a master curve works on logarithms)").
  double positive(const Column& column, size_t row, std::string_view why = "") const;
  // Tests in the file: split where the `set` column changes or, without one, where time
  // starts again (drops to or below the first time of the current run). Time must be strictly
  // monotonic inside a run; with a `set` column either direction is accepted.
  std::vector<Run> runs() const;
};

Dataset read_csv(const std::string& path);

// The one check every reader (CSV, TRIOS, Eplexor) puts a cell's value through: `raw` in the
// file's unit becomes `internal`; the answer is "" or what is wrong ("'1e-320' is too close to
// zero ...", "-26.85 K is not above absolute zero"), for the caller to place in its file.
std::string convert_cell(double raw, std::string_view cell, const Unit& unit, std::string_view quantity,
                         double& internal);
Dataset parse_csv(std::string_view text, const std::string& name);

}  // namespace glassfit
