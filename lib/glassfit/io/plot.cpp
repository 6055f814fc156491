// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/plot.h"

#include <algorithm>
#include <cmath>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <stdexcept>
#include <sys/wait.h>

#include "glassfit/core/error.h"
#include "glassfit/core/text.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/io/output_file.h"

namespace glassfit {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string extension(const std::string& path) { return std::filesystem::path(path).extension().string(); }

// A panel's place on the canvas, in screen fractions (multi-panel figures only).
struct Box {
  double left, right, bottom, top;
};

std::string terminal(const std::string& output_path, int width_px, int height_px) {
  const std::string ext = extension(output_path);
  if (ext == ".png")
    return fmt::format("set terminal pngcairo size {},{} enhanced font 'sans,11'\n", width_px, height_px);
  if (ext == ".svg")
    return fmt::format("set terminal svg size {},{} enhanced font 'sans,11' background rgb 'white'\n", width_px,
                       height_px);
  if (ext == ".pdf")
    return fmt::format("set terminal pdfcairo size {:.2f}in,{:.2f}in enhanced font 'sans,9'\n", width_px / 100.0,
                       height_px / 100.0);
  throw InputError(fmt::format("{}: plot must end in .png, .svg or .pdf", output_path));
}

// The smallest and largest finite x (or y) of the series, positive ones only on a log axis.
std::pair<double, double> data_range(const PlotSpec& spec, bool x_axis, bool positive_only) {
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  auto take = [&](double v) {
    if (std::isfinite(v) && (!positive_only || v > 0)) lo = std::min(lo, v), hi = std::max(hi, v);
  };
  for (const auto& se : spec.series) {
    if (x_axis) {
      for (double v : se.x) take(v);
    } else if (!se.right_axis) {
      for (double v : se.y) take(v);
      for (double v : se.band_low) take(v);
      for (double v : se.band_high) take(v);
    }
  }
  return {lo, hi};
}

// Decades as 10^n on a log axis that spans at least two of them; on a shorter log axis, ticks
// at 1, 2 and 5 times the powers of ten within it (gnuplot would label the decades alone, often
// one or none); plain numbers on a linear axis.
// `to_decades`: the axis is autoscaled, which gnuplot widens to whole decades on a log axis.
std::string tick_format(const std::string& axis, bool log, std::pair<double, double> range, bool to_decades) {
  auto [lo, hi] = range;
  if (log && to_decades && lo > 0 && hi > 0)
    lo = std::pow(10.0, std::floor(std::log10(lo))), hi = std::pow(10.0, std::ceil(std::log10(hi)));
  if (log && lo > 0 && hi / lo >= 100) return fmt::format("set format {} '10^{{%L}}'\nset m{}tics 10\n", axis, axis);
  std::string s = fmt::format("set format {} '%g'\n", axis);
  if (log && lo > 0 && hi > lo) {
    std::string ticks;
    for (double decade = std::pow(10.0, std::floor(std::log10(lo))); decade <= hi; decade *= 10)
      for (double f : {1.0, 2.0, 5.0})
        if (f * decade >= lo * (1 - 1e-9) && f * decade <= hi * (1 + 1e-9))
          ticks += fmt::format("{}{:.6g}", ticks.empty() ? "" : ", ", f * decade);
    if (!ticks.empty()) s += fmt::format("set {}tics ({})\n", axis, ticks);
  }
  return s;
}

bool coloured(const Series& se) { return !std::isnan(se.color_value); }

std::string colour_of(const Series& se) {
  if (coloured(se)) return fmt::format(" lc palette cb {:.10g}", se.color_value);
  if (!se.rgb.empty()) return fmt::format(" lc rgb '{}'", se.rgb);
  return se.color > 0 ? fmt::format(" lc {}", se.color) : std::string();
}

// The colour map of a PlotSpec: palette, ranges and its data block; returns the plot clause.
std::string map_commands(const std::string& output_path, const ColorMap& m, const std::string& id, std::string& s) {
  if (m.values.size() != size_t(m.nx) * size_t(m.ny)) throw InputError(output_path + ": colour map has the wrong size");
  if (m.square_cells) s += "set size ratio -1\n";
  s += "set view map\n";
  if (m.diverging) {
    double largest = m.range;
    if (!(largest > 0))
      for (double v : m.values)
        if (std::isfinite(v)) largest = std::max(largest, std::abs(v));
    if (!(largest > 0)) largest = 1;
    s += fmt::format(
        "set palette defined (-1 '#2166ac', -0.5 '#92c5de', 0 '#f7f7f7', 0.5 '#f4a582', 1 '#b2182b')\n"
        "set cbrange [{:.6g}:{:.6g}]\n",
        -largest, largest);
  } else {
    s += "set palette defined (0 '#ffffff', 1 '#fdd49e', 2 '#fc8d59', 3 '#b30000', 4 '#300000')\n";
  }
  const double x_lo = m.x0 - 0.5 * m.dx, x_hi = m.x0 + (m.nx - 0.5) * m.dx, y_lo = m.y0 - 0.5 * m.dy,
               y_hi = m.y0 + (m.ny - 0.5) * m.dy;
  s += fmt::format(
      "set cblabel {} noenhanced\nset xrange [{:.10g}:{:.10g}]\nset yrange [{:.10g}:{:.10g}]\nset grid front\n",
      quoted(m.label), x_lo, x_hi, y_lo, y_hi);
  // Axes holding log10 of a quantity: a tick per decade (or per two), labelled 10^n.
  auto decades = [&](const char* axis, double lo, double hi) {
    const double step = hi - lo > 8 ? 2 : 1;
    s += fmt::format("set {}tics {:g}\nset format {} '10^{{%.0f}}'\n", axis, step, axis);
  };
  if (m.decade_x) decades("x", x_lo, x_hi);
  if (m.decade_y) decades("y", y_lo, y_hi);
  s += "$" + id + "map << EOD\n";
  for (int j = 0; j < m.ny; ++j) {
    for (int i = 0; i < m.nx; ++i) {
      const double v = m.values[size_t(j) * size_t(m.nx) + size_t(i)];
      s += fmt::format("{}{}", i ? " " : "", std::isfinite(v) ? fmt::format("{:.6g}", v) : std::string("NaN"));
    }
    s += "\n";
  }
  s += "EOD\n";
  return fmt::format("${}map matrix using ({:.10g}+$1*{:.10g}):({:.10g}+$2*{:.10g}):3 with image notitle", id, m.x0,
                     m.dx, m.y0, m.dy);
}

// One panel: its settings, data blocks (named after `id`) and plot command. `box` places it on
// a multi-panel canvas (nullptr: the whole canvas, margins chosen by gnuplot).
std::string panel_script(const std::string& output_path, const PlotSpec& spec, const std::string& id, const Box* box) {
  std::string s;
  if (box) {
    s += "reset\n";
    s += fmt::format("set lmargin at screen {:.4f}\nset rmargin at screen {:.4f}\n", box->left, box->right);
    s += fmt::format("set bmargin at screen {:.4f}\nset tmargin at screen {:.4f}\n", box->bottom, box->top);
  }
  s += "set title " + quoted(spec.title) + " noenhanced\n";
  s += "set xlabel " + quoted(spec.xlabel) + " noenhanced\nset ylabel " + quoted(spec.ylabel) + " noenhanced\n";
  s += "set grid lc rgb '#dddddd'\n";
  // Curves told apart by colour: eight that stay distinct on white (no pale yellow).
  static constexpr const char* kCycle[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                           "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};
  for (int k = 0; k < 8; ++k) s += fmt::format("set linetype {} lc rgb '{}'\n", k + 1, kCycle[k]);
  s += "set linetype cycle 8\n";
  std::string map_plot;  // the colour map's plot clause, drawn first
  if (!spec.map.values.empty()) {
    map_plot = map_commands(output_path, spec.map, id, s);
    if (!spec.map.decade_x) s += "set format x '%g'\n";
    if (!spec.map.decade_y) s += "set format y '%g'\n";
  } else {
    // Axis ranges from the data: x exactly, y with gnuplot's rounding to a tick.
    s += "set autoscale xfix\n";
    s += tick_format("x", spec.log_x, data_range(spec, true, spec.log_x), false);
    s += tick_format("y", spec.log_y, data_range(spec, false, spec.log_y), true);
  }
  if (spec.log_x) s += "set logscale x\n";
  if (spec.log_y) s += "set logscale y\n";
  int key_entries = 0;
  bool any_y2 = false, any_coloured = false;
  double c_lo = HUGE_VAL, c_hi = -HUGE_VAL;
  for (const auto& se : spec.series) {
    any_y2 |= se.right_axis;
    if (coloured(se)) {
      any_coloured = true, c_lo = std::min(c_lo, se.color_value), c_hi = std::max(c_hi, se.color_value);
    } else if (se.in_key) {
      ++key_entries;
    }
  }
  if (key_entries > kMaxKeyEntries)
    throw std::logic_error(fmt::format("{}: {} legend entries in panel '{}' (at most {}; colour the series by value)",
                                       output_path, key_entries, spec.title, kMaxKeyEntries));
  if (key_entries > 0)
    s += "set key " + spec.key_position + " noenhanced opaque box lc rgb '#bbbbbb' samplen 2 spacing 1.1\n";
  else
    s += "unset key\n";
  if (any_y2) {
    s += "set y2label " + quoted(spec.y2label) + " noenhanced\nset y2tics\nset ytics nomirror\nset format y2 '%g'\n";
    if (spec.log_y2) s += "set logscale y2\n";
  }
  if (any_coloured && spec.map.values.empty()) {
    if (!(c_hi > c_lo)) c_lo -= 0.5, c_hi += 0.5;
    // plasma without its palest end: every curve stays visible on white.
    s += "set palette defined (0 '#0d0887', 0.33 '#7e03a8', 0.66 '#cc4778', 1 '#f89540')\n";
    s += fmt::format(
        "set cbrange [{:.10g}:{:.10g}]\nset cblabel {} noenhanced offset char 1.5,0\nset colorbox\nset cbtics format "
        "'%g'\n",
        c_lo, c_hi, quoted(spec.color_label));
  } else if (spec.map.values.empty()) {
    s += "unset colorbox\n";
  }
  for (size_t i = 0; i < spec.series.size(); ++i) {
    s += fmt::format("${}d{} << EOD\n", id, i);
    const auto& se = spec.series[i];
    const bool band = !se.band_low.empty();
    for (size_t k = 0; k < se.x.size(); ++k) {
      if (band)
        s += fmt::format("{:.10g} {:.10g} {:.10g}", se.x[k], se.band_low[k], se.band_high[k]);
      else
        s += fmt::format("{:.10g} {:.10g}", se.x[k], se.y[k]);
      if (!se.y_error.empty()) s += fmt::format(" {:.10g}", se.y_error[k]);
      s += "\n";
    }
    s += "EOD\n";
  }
  s += "plot " + map_plot;
  // Bands first, so that lines and markers lie over them.
  std::vector<size_t> order;
  for (size_t i = 0; i < spec.series.size(); ++i)
    if (!spec.series[i].band_low.empty()) order.push_back(i);
  for (size_t i = 0; i < spec.series.size(); ++i)
    if (spec.series[i].band_low.empty()) order.push_back(i);
  bool first = map_plot.empty();
  for (size_t i : order) {
    const auto& se = spec.series[i];
    const bool band = !se.band_low.empty();
    const std::string style = band                  ? std::string("filledcurves fs transparent solid 0.2 noborder")
                              : !se.y_error.empty() ? fmt::format("yerrorbars pt {} ps 0.6", se.point_type)
                              : se.points
                                  ? fmt::format("points pt {} ps {}", se.point_type, se.x.size() > 300 ? 0.4 : 0.8)
                                  : std::string("lines");
    const bool keyed = se.in_key && !coloured(se);
    s += fmt::format("{}${}d{} using 1:2{} axes x1{} with {} lw {}{}{} {}", first ? "" : ", ", id, i,
                     band || !se.y_error.empty() ? ":3" : "", se.right_axis ? "y2" : "y1", style, se.points ? 1.0 : 1.5,
                     colour_of(se), se.dashed ? " dt 2" : "", keyed ? "title " + quoted(se.title) : "notitle");
    first = false;
  }
  return s + "\n";
}

}  // namespace

std::string gnuplot_script(const std::string& output_path, const PlotSpec& spec) {
  // No `set output`: the picture goes to gnuplot's standard output, which draw_plot reads and
  // writes like any other result (checked, atomic, never over a device or through a symlink).
  if (spec.panels.empty()) return terminal(output_path, 1100, 750) + panel_script(output_path, spec, "p0", nullptr);
  const int columns = std::max(1, spec.panel_columns);
  const int rows = static_cast<int>((spec.panels.size() + size_t(columns) - 1) / size_t(columns));
  std::vector<double> heights = spec.row_heights;
  heights.resize(size_t(rows), heights.empty() ? 1.0 : heights.back());
  double total = 0;
  for (double h : heights) total += h;
  const int width_px = columns == 1 ? 1000 : 700 * columns,
            height_px = 60 + (columns == 1 && rows == 1 ? 560 : 360 * rows);
  bool colour_bar = false;
  for (const auto& p : spec.panels)
    for (const auto& se : p.series) colour_bar |= coloured(se);
  // Margins in pixels: room for tick labels and axis labels (and a colour bar on the right).
  const double title_px = 40, left_px = 85, right_px = colour_bar ? 140 : 30, bottom_px = 62, top_px = 34;
  std::string s = terminal(output_path, width_px, height_px);
  s += "set multiplot title " + quoted(spec.title) + " noenhanced\n";
  double row_top = 1 - title_px / height_px;
  const double usable = 1 - title_px / height_px;
  for (int r = 0; r < rows; ++r) {
    const double row_height = usable * heights[size_t(r)] / total;
    for (int c = 0; c < columns; ++c) {
      const size_t k = size_t(r) * size_t(columns) + size_t(c);
      if (k >= spec.panels.size()) break;
      const Box box{double(c) / columns + left_px / width_px, double(c + 1) / columns - right_px / width_px,
                    row_top - row_height + bottom_px / height_px, row_top - top_px / height_px};
      s += panel_script(output_path, spec.panels[k], fmt::format("p{}", k), &box);
    }
    row_top -= row_height;
  }
  return s + "unset multiplot\n";
}

// gnuplot reads the script from a temporary file and writes the picture to its standard output;
// its messages go to a second temporary file, whose last line explains a failure.
void draw_plot(const std::string& output_path, const PlotSpec& spec) {
  const std::string script = gnuplot_script(output_path, spec);
  std::error_code ec;  // TMPDIR set to something that is not a folder: fall back to /tmp
  std::string tmpdir = std::filesystem::temp_directory_path(ec).string();
  if (ec) tmpdir = "/tmp";
  if (tmpdir.find('\'') != std::string::npos) tmpdir = "/tmp";  // the shell command quotes with '...'
  TemporaryFile script_file(in_dir(tmpdir, "glassfit-plot.gp."), output_path + " (gnuplot script in " + tmpdir + ")");
  TemporaryFile messages(in_dir(tmpdir, "glassfit-plot.err."), output_path + " (gnuplot messages in " + tmpdir + ")");
  write_all(script_file.fd(), script, script_file.path());
  script_file.close(script_file.path());
  messages.close(messages.path());
  const std::string command = fmt::format("gnuplot '{}' 2>'{}'", script_file.path(), messages.path());
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw InputError(fmt::format("{}: cannot start gnuplot: {}", output_path, std::strerror(errno)));
  std::string picture;
  char buf[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) picture.append(buf, n);
  const int status = ::pclose(pipe);
  const int code = status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 127)
    throw InputError(fmt::format("{}: gnuplot not found (install gnuplot-nox: scripts/setup.sh)", output_path));
  if (code != 0 || picture.empty()) {
    std::string said;
    std::ifstream err(messages.path());
    for (std::string line; std::getline(err, line);)
      if (!trim(line).empty()) said = std::string(trim(line));
    throw InputError(fmt::format("{}: gnuplot failed (exit status {}){}{}", output_path, code, said.empty() ? "" : ": ",
                                 printable(said, 200)));
  }
  write_file_atomically(output_path, picture);
}

namespace {
std::vector<std::string>& formats() {
  static std::vector<std::string> f{"png"};
  return f;
}
}  // namespace

const std::vector<std::string>& plot_formats() { return formats(); }

std::vector<std::string> parse_plot_formats(const std::string& comma_separated, const std::string& option) {
  std::vector<std::string> f;
  for (const auto& part : split(comma_separated, ',')) {
    const std::string name(trim(part));
    if (name != "png" && name != "svg" && name != "pdf")
      throw InputError(fmt::format("{}: '{}' is not a plot format (png, svg, pdf)", option, printable(name, 40)));
    if (std::find(f.begin(), f.end(), name) != f.end())
      throw InputError(fmt::format("{}: '{}' is given twice", option, name));
    f.push_back(name);
  }
  if (f.empty()) throw InputError(option + ": give at least one of png, svg, pdf");
  return f;
}

void set_plot_formats(const std::string& comma_separated, const std::string& option) {
  formats() = parse_plot_formats(comma_separated, option);
}

void draw_plot_formats(const std::string& output_path, const PlotSpec& spec, const std::vector<std::string>& formats) {
  for (const auto& f : formats) draw_plot(std::filesystem::path(output_path).replace_extension(f).string(), spec);
}

void colour_by_value(PlotSpec& p, const std::vector<double>& values, std::string label) {
  if (p.series.size() <= kKeyedSeries) return;
  for (size_t i = 0; i < p.series.size() && i < values.size(); ++i) p.series[i].color_value = values[i];
  p.color_label = std::move(label);
}

PlotSpec plot_spec(std::string title, std::string xlabel, std::string ylabel, bool log_x, bool log_y) {
  PlotSpec p;
  p.title = std::move(title), p.xlabel = std::move(xlabel), p.ylabel = std::move(ylabel);
  p.log_x = log_x, p.log_y = log_y;
  return p;
}

}  // namespace glassfit
