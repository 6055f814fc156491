// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Plots drawn by gnuplot (PNG via pngcairo, SVG or PDF via pdfcairo, chosen by the file
// extension), in one house style (docs/figures.md): data as markers, models as lines, many curves
// coloured by a value (temperature, rate) on a colour bar instead of a long legend, decades
// labelled 10^n, axis ranges from the data, legends inside the axes, several panels per figure.
#include <cmath>
#include <limits>
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
  std::string rgb;              // "#rrggbb" instead of `color`
  std::vector<double> y_error;  // error bars on points (same length as y)
  bool in_key = true;           // false: no key entry (e.g. many curves told apart by colour)
  bool dashed = false;          // a dashed line (e.g. an approximation beside the exact curve)
  // Coloured by this value on the panel's colour bar (PlotSpec::color_label), e.g. its
  // temperature; such series have no key entry: the colour bar says what they are.
  double color_value = std::numeric_limits<double>::quiet_NaN();
  // A shaded band from band_low to band_high at x (e.g. a 95 % confidence band) instead of a line.
  std::vector<double> band_low, band_high;
};

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
  bool decade_x = false, decade_y = false;  // x0, dx (y0, dy) are log10 of the quantity: label ticks 10^n
};

// At most this many legend entries per panel; more is a bug of the caller (colour by value).
inline constexpr int kMaxKeyEntries = 12;
// Curves told apart by a condition: up to this many get a colour and a legend entry each; more
// are coloured by the condition's value on a colour bar.
inline constexpr size_t kKeyedSeries = 6;

struct PlotSpec {
  std::string title, xlabel, ylabel, y2label;
  ColorMap map;  // when it has values, the plot is this map (with the series over it)
  bool log_x = false, log_y = false, log_y2 = false;
  std::string key_position = "inside top left";  // gnuplot `set key` placement
  std::vector<Series> series;
  std::string color_label;  // the colour bar of series with a color_value (e.g. "temperature [K]")
  // A figure of several panels: when not empty, the plot is these panels on a grid of
  // panel_columns columns (row by row), under this spec's title; the spec's own series are unused.
  std::vector<PlotSpec> panels;
  int panel_columns = 1;
  std::vector<double> row_heights;  // relative heights of the panel rows (default: equal)
};

// Series told apart by a value (temperature, frequency): up to kKeyedSeries keep their legend
// entries; more are coloured by `values` (one per series) on a colour bar named `label`.
void colour_by_value(PlotSpec& p, const std::vector<double>& values, std::string label);

// A plot with its title, axis labels and log axes set; series to be added.
PlotSpec plot_spec(std::string title, std::string xlabel, std::string ylabel, bool log_x = false, bool log_y = false);

// The gnuplot script for a spec (exposed for tests); the format from the path's extension.
std::string gnuplot_script(const std::string& output_path, const PlotSpec& spec);
// Runs gnuplot; throws InputError when the extension is not .png/.svg/.pdf or gnuplot fails.
void draw_plot(const std::string& output_path, const PlotSpec& spec);

// The formats every plot of an output folder is written in ("png", "svg", "pdf"); a plot named
// NAME.png is written as NAME.<format> for each. Default {"png"}; set once from --plot-formats.
const std::vector<std::string>& plot_formats();
// Parses "png,svg,pdf"; throws InputError naming `option` for an unknown or repeated format.
std::vector<std::string> parse_plot_formats(const std::string& comma_separated,
                                            const std::string& option = "--plot-formats");
// plot_formats() from now on (the CLI's --plot-formats).
void set_plot_formats(const std::string& comma_separated, const std::string& option = "--plot-formats");
// draw_plot for each format, the path's extension replaced.
void draw_plot_formats(const std::string& output_path, const PlotSpec& spec,
                       const std::vector<std::string>& formats = plot_formats());

}  // namespace glassfit
