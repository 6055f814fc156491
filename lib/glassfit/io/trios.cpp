// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/trios.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <optional>

#include "glassfit/core/error.h"
#include "glassfit/core/text.h"

namespace glassfit {
namespace {

struct Line {
  long number;
  std::string_view text;
};

std::vector<Line> lines_of(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // byte-order mark
  std::vector<Line> out;
  long n = 0;
  for (auto l : split(text, '\n')) {
    ++n;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    out.push_back({n, l});
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_section(std::string_view l) { return !l.empty() && l.front() == '['; }

// One step: its name, variables with their units, and data rows (cells, file line).
struct Step {
  std::string name;
  long line = 0;
  std::vector<std::string> variables, units;
  std::vector<std::pair<std::vector<std::string_view>, long>> rows;
};

std::vector<std::string_view> cells_after_label(std::string_view line) {
  auto cells = split(line, '\t');
  cells.erase(cells.begin());
  for (auto& c : cells) c = trim(c);
  return cells;
}

std::vector<std::string_view> cells_of(std::string_view line) {
  auto cells = split(line, '\t');
  for (auto& c : cells) c = trim(c);
  return cells;
}

std::vector<std::string> strings(const std::vector<std::string_view>& v) { return {v.begin(), v.end()}; }

std::string_view label_of(std::string_view line) { return trim(split(line, '\t').front()); }

// "[Step]" sections: "Step name", "Number of points", "Variables", "Units", "Data point" rows.
std::vector<Step> lims_steps(const std::vector<Line>& lines, const std::string& name) {
  std::vector<Step> steps;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (trim(lines[i].text) != "[Step]") continue;
    Step s;
    s.line = lines[i].number;
    size_t j = i + 1;
    for (; j < lines.size() && !is_section(lines[j].text); ++j) {
      const auto label = label_of(lines[j].text);
      if (label == "Step name")
        s.name = std::string(trim(lines[j].text.substr(lines[j].text.find('\t') + 1)));
      else if (label == "Variables")
        s.variables = strings(cells_after_label(lines[j].text));
      else if (label == "Units") {
        if (s.variables.empty())
          throw InputError(located(name, lines[j].number, "", "a Units row before the step's Variables row"));
        s.units = strings(cells_after_label(lines[j].text));
      } else if (label == "Data point") {
        if (s.units.empty())
          throw InputError(located(
              name, lines[j].number, "",
              fmt::format("step '{}' has data but no Units row after its Variables row", printable(s.name, 60))));
        s.rows.emplace_back(cells_after_label(lines[j].text), lines[j].number);
      }
    }
    steps.push_back(std::move(s));
    i = j - 1;
  }
  return steps;
}

// A cell as a finite number, or nothing.
std::optional<double> number_of(std::string_view s) {
  double v = 0;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// "[step]" sections of the older export: the step's name, a variable row, a units row, data
// rows up to a blank line or the next section.
std::vector<Step> legacy_steps(const std::vector<Line>& lines, const std::string& name) {
  std::vector<Step> steps;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (trim(lines[i].text) != "[step]") continue;
    Step s;
    s.line = lines[i].number;
    size_t j = i + 1;
    if (j < lines.size()) s.name = std::string(trim(lines[j++].text));
    if (j < lines.size() && !is_section(lines[j].text)) s.variables = strings(cells_of(lines[j++].text));
    if (j < lines.size() && !is_section(lines[j].text) && !trim(lines[j].text).empty()) {
      const auto row = cells_of(lines[j].text);
      if (!row.empty() && number_of(row.front()))
        throw InputError(
            located(name, lines[j].number, "",
                    fmt::format("step '{}' has data but no units row after its variable row", printable(s.name, 60))));
      s.units = strings(row), ++j;
    }
    for (; j < lines.size() && !is_section(lines[j].text) && !trim(lines[j].text).empty(); ++j)
      s.rows.emplace_back(cells_of(lines[j].text), lines[j].number);
    steps.push_back(std::move(s));
    i = j - 1;
  }
  return steps;
}

// What glassfit reads of a step, by its name.
enum class Kind { Sweep, Creep, Relaxation, Other };
Kind kind_of(const Step& s) {
  const auto n = lower(s.name);
  if (n.find("frequency sweep") != std::string::npos) return Kind::Sweep;
  if (n.find("creep") != std::string::npos) return Kind::Creep;
  if (n.find("relaxation") != std::string::npos) return Kind::Relaxation;
  return Kind::Other;
}

// A column wanted from the steps: the first variable present of `names`, its quantity and unit
// dimension.
struct Want {
  std::string quantity;
  std::vector<std::string> names;
  Dimension dimension;
};

int index_of(const Step& s, const Want& w) {
  for (const auto& n : w.names)
    for (size_t i = 0; i < s.variables.size(); ++i)
      if (s.variables[i] == n) return static_cast<int>(i);
  return -1;
}

std::vector<Want> wants_for(Kind k) {
  using D = Dimension;
  const Want T{"temperature", {"Temperature"}, D::Temperature};
  const Want time{"time", {"Step time", "Time"}, D::Time};
  switch (k) {
    case Kind::Sweep:
      return {T,
              {"frequency", {"Frequency", "Angular frequency"}, D::Frequency},
              {"storage_modulus", {"Storage modulus"}, D::Stress},
              {"loss_modulus", {"Loss modulus"}, D::Stress}};
    case Kind::Creep:
      return {T, time, {"stress", {"Stress"}, D::Stress}, {"strain", {"Strain"}, D::Dimensionless}};
    case Kind::Relaxation:
      return {T, time, {"strain", {"Strain"}, D::Dimensionless}, {"stress", {"Stress"}, D::Stress}};
    case Kind::Other:
      break;
  }
  return {};
}

const char* kind_name(Kind k) {
  return k == Kind::Sweep ? "frequency sweeps" : k == Kind::Creep ? "creep steps" : "stress-relaxation steps";
}

// The instrument, geometry and run date from the header sections, for the report.
std::vector<std::string> metadata(const std::vector<Line>& lines) {
  static const std::vector<std::string> keys = {
      "Instrument name", "Instrument serial number", "Instrument type", "Run date", "rundate", "Trios version"};
  std::vector<std::string> out;
  std::string section;
  for (const auto& l : lines) {
    const auto t = trim(l.text);
    if (t == "[Step]" || t == "[step]") break;
    if (is_section(t)) {
      section = std::string(t);
      continue;
    }
    const auto cells = split(l.text, '\t');
    if (cells.size() < 2) continue;
    const std::string key(trim(cells[0]));
    const std::string value(trim(cells[1]));
    const bool geometry = section.rfind("[Geometry", 0) == 0 &&
                          (key == "Name" || key == "Geometry Type" || key == "Diameter" || key == "Gap");
    if (geometry || std::find(keys.begin(), keys.end(), key) != keys.end()) {
      const std::string entry = (geometry ? "geometry " : "") + key + ": " + value;
      if (std::find(out.begin(), out.end(), entry) == out.end()) out.push_back(entry);
    }
  }
  return out;
}

}  // namespace

bool is_trios_text(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  // LIMS: "[Version]" then the format's name; the older export: "Filename<TAB>..." and [step]s.
  if (text.rfind("[Version]", 0) == 0) return text.substr(0, 200).find("LIMS export format") != std::string_view::npos;
  return text.rfind("Filename\t", 0) == 0 && text.find("\n[step]") != std::string_view::npos;
}

Dataset parse_trios(std::string_view text, const std::string& name) {
  const auto lines = lines_of(text);
  const bool lims = text.find("TA Instruments LIMS export format") != std::string_view::npos;
  const auto steps = lims ? lims_steps(lines, name) : legacy_steps(lines, name);
  if (steps.empty())
    throw InputError(fmt::format("{}: a TRIOS export without any {} section", name, lims ? "[Step]" : "[step]"));
  // The kind read: frequency sweeps if there are any, else creep, else relaxation steps.
  std::optional<Kind> kind;
  for (const Kind k : {Kind::Sweep, Kind::Creep, Kind::Relaxation})
    if (!kind && std::any_of(steps.begin(), steps.end(), [&](const Step& s) { return kind_of(s) == k; })) kind = k;
  if (!kind)
    throw InputError(fmt::format("{}: no frequency-sweep, creep or stress-relaxation step (steps: {})", name,
                                 printable(steps.front().name, 60)));
  Dataset ds;
  ds.path = name;
  ds.modulus = ModulusKind::Shear;  // a TRIOS rheometer shears its sample: G', G''
  ds.comments.push_back(
      fmt::format("TRIOS {} export: {}, shear moduli (G', G'')", lims ? "LIMS" : "text", kind_name(*kind)));
  for (const auto& m : metadata(lines)) ds.comments.push_back(m);
  const auto wants = wants_for(*kind);
  for (const auto& w : wants) ds.columns.push_back({w.quantity, w.names.front(), "", {}});
  ds.columns.push_back({"set", "step", "-", {}});
  int set = 0;
  for (const auto& s : steps) {
    if (kind_of(s) != *kind) {
      ds.comments.push_back(fmt::format("step at line {} not read: {}", s.line, printable(s.name, 80)));
      continue;
    }
    ++set;
    std::vector<int> at;
    std::vector<Unit> unit;
    for (const auto& w : wants) {
      const int i = index_of(s, w);
      if (i < 0)
        throw InputError(located(
            name, s.line, "", fmt::format("step '{}' has no '{}' variable", printable(s.name, 60), w.names.front())));
      const std::string u = size_t(i) < s.units.size() ? s.units[size_t(i)] : "";
      const auto found = find_unit(u);
      if (!found || found->dimension != w.dimension)
        throw InputError(
            located(name, s.line, s.variables[size_t(i)],
                    fmt::format("unit '{}' is not a {} unit", printable(u, 20), dimension_name(w.dimension))));
      at.push_back(i), unit.push_back(*found);
    }
    const size_t first_row = ds.rows();
    for (const auto& [cells, line] : s.rows) {
      for (size_t c = 0; c < wants.size(); ++c) {
        const auto cell = size_t(at[c]) < cells.size() ? cells[size_t(at[c])] : std::string_view();
        const auto v = number_of(cell);
        if (!v)
          throw InputError(located(name, line, s.variables[size_t(at[c])],
                                   fmt::format("'{}' is not a number", printable(cell, 40))));
        double value = 0;
        if (const auto problem = convert_cell(*v, cell, unit[c], ds.columns[c].quantity, value); !problem.empty())
          throw InputError(located(name, line, s.variables[size_t(at[c])], problem));
        ds.columns[c].values.push_back(value);
      }
      ds.columns.back().values.push_back(set);
      ds.line_of_row.push_back(line);
    }
    // A time-domain test is isothermal (protocols/experiment.h): its controller's drift is
    // averaged out, and its range noted.
    auto& T = ds.columns.front().values;
    if (*kind != Kind::Sweep && ds.rows() > first_row) {
      const auto [lo, hi] = std::minmax_element(T.begin() + long(first_row), T.end());
      double mean = 0;
      for (size_t r = first_row; r < T.size(); ++r) mean += T[r] / double(T.size() - first_row);
      ds.comments.push_back(fmt::format("step at line {}: temperature {:.3f} K (the mean of {:.3f} to {:.3f} K)",
                                        s.line, mean, *lo, *hi));
      std::fill(T.begin() + long(first_row), T.end(), mean);
    }
  }
  // Column headers as our CSV writes them, units internal.
  for (auto& c : ds.columns) {
    const auto dim = expected_dimension(c.quantity);
    c.unit = dim ? std::string(internal_unit(*dim)) : "-";
    c.header = c.quantity + " [" + c.unit + "]";
  }
  if (ds.rows() == 0) throw InputError(fmt::format("{}: the TRIOS {} hold no data rows", name, kind_name(*kind)));
  return ds;
}

}  // namespace glassfit
