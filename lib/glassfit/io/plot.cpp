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

}  // namespace

std::string gnuplot_script(const std::string& output_path, const PlotSpec& spec) {
  const std::string ext = extension(output_path);
  std::string s;
  if (ext == ".png")
    s += "set terminal pngcairo size 1100,750 enhanced font 'sans,11'\n";
  else if (ext == ".svg")
    s += "set terminal svg size 1100,750 enhanced font 'sans,11' background rgb 'white'\n";
  else
    throw InputError(fmt::format("{}: plot must end in .png or .svg", output_path));
  // No `set output`: the picture goes to gnuplot's standard output, which draw_plot reads and
  // writes like any other result (checked, atomic, never over a device or through a symlink).
  s += "set title " + quoted(spec.title) + " noenhanced\n";
  s += "set xlabel " + quoted(spec.xlabel) + " noenhanced\nset ylabel " + quoted(spec.ylabel) + " noenhanced\n";
  s += "set grid\nset format y '%g'\nset format x '%g'\n";
  // Many curves: a smaller key so the plot keeps its width.
  s += "set key " + spec.key_position +
       (spec.series.size() > 12 ? " noenhanced font ',8' spacing 0.8\n" : " noenhanced\n");
  std::string map_plot;  // the colour map's plot clause, drawn first
  if (!spec.map.values.empty()) {
    const auto& m = spec.map;
    if (m.values.size() != size_t(m.nx) * size_t(m.ny))
      throw InputError(output_path + ": colour map has the wrong size");
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
    s += fmt::format(
        "set cblabel {} noenhanced\nset xrange [{:.10g}:{:.10g}]\nset yrange [{:.10g}:{:.10g}]\nset grid "
        "front\n$map << EOD\n",
        quoted(m.label), m.x0 - 0.5 * m.dx, m.x0 + (m.nx - 0.5) * m.dx, m.y0 - 0.5 * m.dy, m.y0 + (m.ny - 0.5) * m.dy);
    for (int j = 0; j < m.ny; ++j) {
      for (int i = 0; i < m.nx; ++i) {
        const double v = m.values[size_t(j) * size_t(m.nx) + size_t(i)];
        s += fmt::format("{}{}", i ? " " : "", std::isfinite(v) ? fmt::format("{:.6g}", v) : std::string("NaN"));
      }
      s += "\n";
    }
    s += "EOD\n";
    map_plot = fmt::format("$map matrix using ({:.10g}+$1*{:.10g}):({:.10g}+$2*{:.10g}):3 with image notitle", m.x0,
                           m.dx, m.y0, m.dy);
    if (spec.series.empty()) return s + "plot " + map_plot + "\n";
  }
  if (spec.log_x) s += "set logscale x\n";
  if (spec.log_y) s += "set logscale y\n";
  bool any_y2 = false;
  for (const auto& se : spec.series) any_y2 |= se.right_axis;
  if (any_y2) {
    s += "set y2label " + quoted(spec.y2label) + " noenhanced\nset y2tics\nset ytics nomirror\nset format y2 '%g'\n";
    if (spec.log_y2) s += "set logscale y2\n";
  }
  for (size_t i = 0; i < spec.series.size(); ++i) {
    s += fmt::format("$d{} << EOD\n", i);
    const auto& se = spec.series[i];
    for (size_t k = 0; k < se.x.size(); ++k) {
      s += fmt::format("{:.10g} {:.10g}", se.x[k], se.y[k]);
      if (!se.y_error.empty()) s += fmt::format(" {:.10g}", se.y_error[k]);
      s += "\n";
    }
    s += "EOD\n";
  }
  s += "plot " + map_plot;
  for (size_t i = 0; i < spec.series.size(); ++i) {
    const auto& se = spec.series[i];
    const std::string style = !se.y_error.empty() ? fmt::format("yerrorbars pt {} ps 0.6", se.point_type)
                              : se.points         ? fmt::format("points pt {} ps 0.6", se.point_type)
                                                  : std::string("lines");
    const std::string colour = !se.rgb.empty() ? fmt::format(" lc rgb '{}'", se.rgb)
                               : se.color > 0  ? fmt::format(" lc {}", se.color)
                                               : std::string();
    s += fmt::format("{}$d{} using 1:2{} axes x1{} with {} lw 2{}{} {}", i || !map_plot.empty() ? ", " : "", i,
                     se.y_error.empty() ? "" : ":3", se.right_axis ? "y2" : "y1", style, colour,
                     se.dashed ? " dt 2" : "", se.in_key ? "title " + quoted(se.title) : "notitle");
  }
  return s + "\n";
}

std::string color_scale(double f) {
  f = std::clamp(f, 0.0, 1.0);
  // blue (0.1, 0.2, 0.9) -> green (0.1, 0.7, 0.2) -> red (0.9, 0.1, 0.1)
  const double r = f < 0.5 ? 0.1 : 0.1 + 1.6 * (f - 0.5), g = f < 0.5 ? 0.2 + f : 0.7 - 1.2 * (f - 0.5),
               b = f < 0.5 ? 0.9 - 1.4 * f : 0.2 - 0.2 * (f - 0.5);
  return fmt::format("#{:02x}{:02x}{:02x}", int(255 * r), int(255 * g), int(255 * b));
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

PlotSpec plot_spec(std::string title, std::string xlabel, std::string ylabel, bool log_x, bool log_y) {
  PlotSpec p;
  p.title = std::move(title), p.xlabel = std::move(xlabel), p.ylabel = std::move(ylabel);
  p.log_x = log_x, p.log_y = log_y;
  return p;
}

}  // namespace glassfit
