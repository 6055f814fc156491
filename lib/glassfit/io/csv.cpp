// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/csv.h"

#include <charconv>
#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/core/text.h"
#include "glassfit/io/text_file.h"

namespace glassfit {
namespace {

std::vector<std::string_view> split_cells(std::string_view line) {
  auto cells = split(line, ',');
  for (auto& c : cells) c = trim(c);
  return cells;
}

bool parse_number(std::string_view s, double& v) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
}

bool looks_numeric(const std::vector<std::string_view>& cells) {
  double v;
  for (auto c : cells)
    if (!parse_number(c, v)) return false;
  return true;
}

struct Line {
  long number;
  std::string_view text;
};

}  // namespace

ModulusKind modulus_kind_of_name(std::string_view name) {
  name = trim(name);
  if (canonical_quantity(name).find("_modulus") == std::string::npos) return ModulusKind::Unknown;
  if (name.starts_with("shear_") || name.starts_with("G_")) return ModulusKind::Shear;
  if (name.starts_with("tensile_") || name.starts_with("E_")) return ModulusKind::Tensile;
  return ModulusKind::Unknown;
}

std::string modulus_column_name(std::string_view quantity, ModulusKind kind) {
  const bool modulus = quantity == "storage_modulus" || quantity == "loss_modulus" || quantity == "relaxation_modulus";
  if (!modulus || kind == ModulusKind::Unknown) return std::string(quantity);
  return (kind == ModulusKind::Shear ? "shear_" : "tensile_") + std::string(quantity);
}

const char* modulus_kind_name(ModulusKind k) {
  return k == ModulusKind::Tensile ? "tensile" : k == ModulusKind::Shear ? "shear" : "unstated";
}

const Column* Dataset::find(std::string_view quantity) const {
  for (const auto& c : columns)
    if (c.quantity == quantity) return &c;
  return nullptr;
}

const Column& Dataset::require(std::string_view quantity, std::string_view why) const {
  if (const auto* c = find(quantity)) return *c;
  std::string have;
  for (const auto& c : columns) have += (have.empty() ? "" : ", ") + c.header;
  throw InputError(fmt::format("{}: no '{}' column, needed {} (columns: {})", path, quantity, why, have));
}

double Dataset::positive(const Column& column, size_t row, std::string_view why) const {
  const double v = column.values[row];
  if (!(v > 0))
    throw InputError(located(path, line_of_row[row], column.header,
                             fmt::format("{:g} must be positive{}{}", v, why.empty() ? "" : " ", why)));
  return v;
}

std::vector<Run> Dataset::runs() const {
  std::vector<Run> out;
  if (rows() == 0) return out;
  const Column* set = find("set");
  const Column* time = find("time");
  size_t begin = 0;
  for (size_t i = 1; i <= rows(); ++i) {
    bool boundary = i == rows();
    if (!boundary && set) boundary = set->values[i] != set->values[i - 1];
    if (!boundary && !set && time) boundary = time->values[i] <= time->values[begin];
    if (!boundary) continue;
    // A test of one point that the next row's earlier time ends: the times run backwards (a
    // file in descending order read as one-point tests).
    if (!set && time && i - begin == 1 && i < rows() && time->values[i] < time->values[begin])
      throw InputError(located(path, line_of_row[i], time->header,
                               fmt::format("time {:g} s follows {:g} s: times must increase within each test "
                                           "(a new test starts where the time falls back; is the file in "
                                           "descending order?)",
                                           time->values[i], time->values[begin])));
    if (time) {
      const auto& t = time->values;
      const bool up = i - begin < 2 || t[begin + 1] > t[begin];
      for (size_t k = begin + 1; k < i; ++k) {
        const bool ok = up ? t[k] > t[k - 1] : t[k] < t[k - 1];
        if (!ok)
          throw InputError(located(path, line_of_row[k], time->header,
                                   fmt::format("time {:g} s is not sorted (previous {:g} s); each test "
                                               "must list strictly increasing times",
                                               t[k], t[k - 1])));
      }
    }
    out.push_back({begin, i});
    begin = i;
  }
  return out;
}

Dataset read_csv(const std::string& path) { return parse_csv(read_text_file(path), path); }

std::string convert_cell(double raw, std::string_view cell, const Unit& unit, std::string_view quantity,
                         double& internal) {
  if (!std::isfinite(raw)) return fmt::format("'{}' is not a finite number", printable(cell, 40));
  const double v = unit.to_internal(raw);
  // A value that over- or underflows in internal units would turn into inf, or a subnormal
  // that passes 'positive' and later gives inf or NaN (1e-320 MPa): refused here, once.
  if (!std::isfinite(v)) return fmt::format("'{}' overflows in {}", printable(cell, 40), internal_unit(unit.dimension));
  if (v != 0 && !std::isnormal(v))
    return fmt::format("'{}' is too close to zero to compute with (below 2.2e-308 {}); write 0 if it is zero",
                       printable(cell, 40), internal_unit(unit.dimension));
  if (quantity == "temperature" && !(v > 0)) return fmt::format("{:g} K is not above absolute zero", v);
  if (quantity == "time" && v < 0) return fmt::format("negative time {:g} s", v);
  if ((quantity == "frequency" || quantity == "reduced_frequency") && !(v > 0))
    return fmt::format("frequency {:g} Hz must be positive", v);
  internal = v;
  return "";
}

Dataset parse_csv(std::string_view text, const std::string& name) {
  check_text(text, name);
  Dataset ds;
  ds.path = name;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte-order mark

  std::vector<Line> lines;
  long number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    std::string_view l = trim(text.substr(start, end - start));
    start = end + 1;
    if (l.empty()) continue;
    if (l.front() == '#') {
      ds.comments.emplace_back(trim(l.substr(1)));
      continue;
    }
    lines.push_back({number, l});
  }
  if (lines.empty()) throw InputError(name + ": empty file (no header line)");

  // Header: `quantity [unit]` cells, or bare names followed by a units line (pyvisco).
  const auto header = split_cells(lines[0].text);
  std::vector<std::string> quantities, units, headers;
  bool bare = true;
  for (auto cell : header)
    if (cell.find('[') != std::string_view::npos) bare = false;
  size_t first_data = 1;
  std::vector<std::string_view> unit_cells;
  if (bare && lines.size() > 1) {
    auto second = split_cells(lines[1].text);
    if (!looks_numeric(second)) {
      unit_cells = second;
      first_data = 2;
      if (unit_cells.size() != header.size())
        throw InputError(
            located(name, lines[1].number, "",
                    fmt::format("units line has {} cells, header has {}", unit_cells.size(), header.size())));
    }
  }
  for (size_t c = 0; c < header.size(); ++c) {
    const std::string_view cell = header[c];
    std::string_view q = cell, u;
    if (!unit_cells.empty()) {
      u = unit_cells[c];
    } else {
      const auto open = cell.find('[');
      const auto close = cell.rfind(']');
      if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        throw InputError(located(name, lines[0].number, std::string(cell),
                                 "missing unit: write the header as 'quantity [unit]', e.g. 'time [s]'"));
      q = trim(cell.substr(0, open));
      u = trim(cell.substr(open + 1, close - open - 1));
    }
    if (q.empty()) throw InputError(located(name, lines[0].number, std::string(cell), "empty quantity name"));
    Column col;
    col.quantity = canonical_quantity(q);
    col.unit = std::string(u);
    col.header = unit_cells.empty() ? std::string(cell) : fmt::format("{} [{}]", q, u);
    const auto unit = find_unit(u);
    if (u.empty()) throw InputError(located(name, lines[0].number, col.header, "missing unit"));
    if (!unit)
      throw InputError(located(name, lines[0].number, col.header, fmt::format("unknown unit '{}'", printable(u, 40))));
    if (const auto want = expected_dimension(col.quantity); want && *want != unit->dimension)
      throw InputError(located(
          name, lines[0].number, col.header,
          fmt::format("'{}' is not a {} unit (expected e.g. {})", u, dimension_name(*want), internal_unit(*want))));
    for (const auto& other : ds.columns)
      if (other.quantity == col.quantity)
        throw InputError(located(name, lines[0].number, col.header,
                                 fmt::format("duplicate column (same quantity as '{}')", other.header)));
    if (const ModulusKind kind = modulus_kind_of_name(q); kind != ModulusKind::Unknown) {
      if (ds.modulus != ModulusKind::Unknown && ds.modulus != kind)
        throw InputError(located(name, lines[0].number, col.header,
                                 "tensile and shear moduli in one file: the columns' names disagree"));
      ds.modulus = kind;
    }
    ds.columns.push_back(std::move(col));
  }
  if (lines.size() <= first_data) throw InputError(name + ": no data rows after the header");

  std::vector<Unit> conv;
  for (const auto& c : ds.columns) conv.push_back(*find_unit(c.unit));
  std::vector<long> no_flow;  // rows without a flow stress (see below)
  for (size_t r = first_data; r < lines.size(); ++r) {
    const auto cells = split_cells(lines[r].text);
    if (cells.size() != ds.columns.size())
      throw InputError(located(name, lines[r].number, "",
                               fmt::format("expected {} cells, found {}", ds.columns.size(), cells.size())));
    // A kMC sweep writes `nan` where a run never reached its flow window: that row has no
    // flow stress to fit, and is left out (named in the comments). Nowhere else is nan a value.
    bool skip = false;
    for (size_t c = 0; c < cells.size(); ++c)
      skip = skip || (ds.columns[c].quantity == "flow_stress" && cells[c] == "nan");
    if (skip) {
      no_flow.push_back(lines[r].number);
      continue;
    }
    for (size_t c = 0; c < cells.size(); ++c) {
      auto& col = ds.columns[c];
      double v = 0;
      if (cells[c].empty()) throw InputError(located(name, lines[r].number, col.header, "empty cell"));
      if (!parse_number(cells[c], v))
        throw InputError(
            located(name, lines[r].number, col.header, fmt::format("'{}' is not a number", printable(cells[c], 40))));
      if (const auto problem = convert_cell(v, cells[c], conv[c], col.quantity, v); !problem.empty())
        throw InputError(located(name, lines[r].number, col.header, problem));
      col.values.push_back(v);
    }
    ds.line_of_row.push_back(lines[r].number);
  }
  if (!no_flow.empty()) {
    std::string list;
    for (size_t i = 0; i < no_flow.size() && i < 20; ++i) list += (i ? ", " : "") + std::to_string(no_flow[i]);
    ds.comments.push_back(fmt::format("{} row(s) without a flow stress (nan) left out: line{} {}{}", no_flow.size(),
                                      no_flow.size() > 1 ? "s" : "", list, no_flow.size() > 20 ? ", ..." : ""));
  }
  if (ds.rows() == 0) throw InputError(name + ": no data rows with a flow stress");
  return ds;
}

}  // namespace glassfit
