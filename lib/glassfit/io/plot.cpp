#include "glassfit/io/plot.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>

#include "glassfit/core/error.h"

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
  s += "set output " + quoted(output_path) + "\n";
  s += "set title " + quoted(spec.title) + " noenhanced\n";
  s += "set xlabel " + quoted(spec.xlabel) + " noenhanced\nset ylabel " + quoted(spec.ylabel) + " noenhanced\n";
  s += "set grid\nset format y '%g'\nset format x '%g'\n";
  // Many curves: a smaller key so the plot keeps its width.
  s += "set key " + spec.key_position +
       (spec.series.size() > 12 ? " noenhanced font ',8' spacing 0.8\n" : " noenhanced\n");
  if (!spec.map.values.empty()) {
    const auto& m = spec.map;
    if (m.values.size() != size_t(m.nx) * size_t(m.ny)) throw InputError(output_path + ": colour map has the wrong size");
    s += "set view map\nset size ratio -1\nset palette defined (0 '#ffffff', 1 '#fdd49e', 2 '#fc8d59', 3 '#b30000', 4 '#300000')\n";
    s += fmt::format("set cblabel {} noenhanced\nset xrange [-0.5:{}]\nset yrange [-0.5:{}]\nset grid front\n$map << EOD\n",
                     quoted(m.label), m.nx - 0.5, m.ny - 0.5);
    for (int j = 0; j < m.ny; ++j) {
      for (int i = 0; i < m.nx; ++i) s += fmt::format("{}{:.6g}", i ? " " : "", m.values[size_t(j) * size_t(m.nx) + size_t(i)]);
      s += "\n";
    }
    return s + "EOD\nplot $map matrix with image notitle\n";
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
  s += "plot ";
  for (size_t i = 0; i < spec.series.size(); ++i) {
    const auto& se = spec.series[i];
    const std::string style = !se.y_error.empty() ? fmt::format("yerrorbars pt {} ps 0.6", se.point_type)
                              : se.points          ? fmt::format("points pt {} ps 0.6", se.point_type)
                                                   : std::string("lines");
    const std::string colour = !se.rgb.empty() ? fmt::format(" lc rgb '{}'", se.rgb)
                               : se.color > 0  ? fmt::format(" lc {}", se.color)
                                               : std::string();
    s += fmt::format("{}$d{} using 1:2{} axes x1{} with {} lw 2{} {}", i ? ", " : "", i, se.y_error.empty() ? "" : ":3",
                     se.right_axis ? "y2" : "y1", style, colour, se.in_key ? "title " + quoted(se.title) : "notitle");
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

void draw_plot(const std::string& output_path, const PlotSpec& spec) {
  const std::string tmp = fmt::format("{}.tmp{}{}", output_path, ::getpid(), extension(output_path));
  const std::string script = gnuplot_script(tmp, spec);
  FILE* pipe = ::popen("gnuplot 1>&2", "w");
  if (!pipe) throw InputError("cannot start gnuplot (install gnuplot-nox: scripts/setup.sh)");
  std::fwrite(script.data(), 1, script.size(), pipe);
  const int status = ::pclose(pipe);
  std::error_code ec;
  if (status != 0 || !std::filesystem::exists(tmp, ec)) {
    std::filesystem::remove(tmp, ec);
    throw InputError(fmt::format("{}: gnuplot failed (exit status {}); is gnuplot-nox installed?", output_path, status));
  }
  std::filesystem::rename(tmp, output_path, ec);
  if (ec) throw InputError(output_path + ": cannot write plot: " + ec.message());
}

}  // namespace glassfit
