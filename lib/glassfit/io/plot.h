// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Plots drawn by gnuplot (PNG via pngcairo, or SVG, chosen by the file extension).
#include <string>
#include <vector>

namespace glassfit {

struct Series {
  std::string title;
  std::vector<double> x, y;
  bool right_axis = false;      // plot against y2 (e.g. E'' beside E')
  bool points = false;          // points instead of lines (measured data)
  int color = 0;                // gnuplot line colour index; 0 = next in turn (data and its fit share one)
  int point_type = 7;           // gnuplot point type for `points` (7 filled circle, 6 open circle)
  std::string rgb;              // "#rrggbb" instead of `color` (e.g. a temperature scale)
  std::vector<double> y_error;  // error bars on points (same length as y)
  bool in_key = true;           // false: no key entry (e.g. many curves told apart by colour)
  bool dashed = false;          // a dashed line (e.g. an approximation beside the exact curve)
};

// A colour from blue (fraction 0) through green to red (fraction 1), for ordered series.
std::string color_scale(double fraction);

// A scalar field on an nx x ny grid (row j holds values[j nx + i]), drawn as a colour map.
// Cell (i, j) is centred at (x0 + i dx, y0 + j dy); by default the lattice's own indices with
// square cells. A diverging map is white at 0, blue below and red above, on a range symmetric
// about 0 (for a sign, such as the SRS index); NaN cells stay empty. Series of the spec are
// drawn over the map (e.g. characteristic lines).
struct ColorMap {
  int nx = 0, ny = 0;
  std::vector<double> values;
  std::string label;  // of the colour bar
  double x0 = 0, dx = 1, y0 = 0, dy = 1;
  bool square_cells = true;
  bool diverging = false;
  double range = 0;  // diverging: colour range +-range (0: the largest |value|); beyond it, the end colours
};

struct PlotSpec {
  std::string title, xlabel, ylabel, y2label;
  ColorMap map;  // when it has values, the plot is this map (with the series over it)
  bool log_x = false, log_y = false, log_y2 = false;
  std::string key_position = "outside right top";  // gnuplot `set key` placement
  std::vector<Series> series;
};

// The gnuplot script for a spec (exposed for tests).
// A plot with its title, axis labels and log axes set; series to be added.
PlotSpec plot_spec(std::string title, std::string xlabel, std::string ylabel, bool log_x = false, bool log_y = false);

std::string gnuplot_script(const std::string& output_path, const PlotSpec& spec);
// Runs gnuplot; throws InputError when the extension is not .png/.svg or gnuplot fails.
void draw_plot(const std::string& output_path, const PlotSpec& spec);

}  // namespace glassfit
