// SPDX-License-Identifier: BSD-3-Clause
// The plot house style as gnuplot scripts: decades as 10^n, colour bars instead of long legends,
// multi-panel figures, and the formats a plot is written in.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "error_of.h"
#include "glassfit/core/error.h"
#include "glassfit/io/plot.h"

using namespace glassfit;

namespace {
Series line(const std::string& title, double scale) {
  Series s;
  s.title = title;
  for (double x : {1e-3, 1e-1, 1e1, 1e3}) s.x.push_back(x), s.y.push_back(scale * x);
  return s;
}

// The plot command (after the settings and the data blocks).
std::string plot_command(const std::string& script) { return script.substr(script.rfind("\nplot ")); }

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

TEST(Plot, LogAxesOverDecadesAreLabelledTenToTheN) {
  PlotSpec p = plot_spec("t", "rate [1/s]", "stress [MPa]", true, false);
  p.series = {line("a", 1)};
  const auto s = gnuplot_script("x.png", p);
  EXPECT_NE(s.find("set format x '10^{%L}'"), std::string::npos) << s;
  EXPECT_NE(s.find("set format y '%g'"), std::string::npos) << s;   // linear y: plain numbers
  EXPECT_NE(s.find("set autoscale xfix"), std::string::npos) << s;  // x range from the data
  // Less than two decades: ticks at 1, 2, 5 times the powers of ten, not the decades alone.
  PlotSpec short_range = plot_spec("t", "|E*| [MPa]", "delta [deg]", true, false);
  Series s2;
  s2.x = {300, 800, 5000}, s2.y = {1, 2, 3};
  short_range.series = {s2};
  EXPECT_NE(gnuplot_script("x.png", short_range).find("set xtics (500, 1000, 2000, 5000)"), std::string::npos);
}

TEST(Plot, SeriesColouredByValueGetAColourBarAndNoLegendEntry) {
  PlotSpec p = plot_spec("t", "x", "y", true, true);
  p.color_label = "temperature [K]";
  for (int k = 0; k < 30; ++k) {
    Series s = line(std::to_string(300 + k) + " K", 1 + k);
    s.color_value = 300 + k;
    p.series.push_back(s);
  }
  const auto s = gnuplot_script("x.svg", p);
  EXPECT_NE(s.find("set cbrange [300:329]"), std::string::npos) << s;
  EXPECT_NE(s.find("set cblabel \"temperature [K]\""), std::string::npos);
  EXPECT_EQ(count(s, "lc palette cb"), 30u);
  EXPECT_EQ(count(plot_command(s), " title \""), 0u);  // no series in the key
  EXPECT_NE(s.find("unset key"), std::string::npos);
}

TEST(Plot, MoreLegendEntriesThanTheLimitIsABug) {
  PlotSpec p = plot_spec("t", "x", "y");
  for (int k = 0; k <= kMaxKeyEntries; ++k) p.series.push_back(line("s" + std::to_string(k), k + 1));
  EXPECT_THROW(gnuplot_script("x.png", p), std::logic_error);
  p.series.pop_back();
  EXPECT_NO_THROW(gnuplot_script("x.png", p));
  colour_by_value(p, std::vector<double>(p.series.size(), 1.0), "v");  // more than 6: coloured
  EXPECT_EQ(count(plot_command(gnuplot_script("x.png", p)), " title \""), 0u);
}

TEST(Plot, PanelsAreOneMultiplotWithTheirOwnDataAndPlaces) {
  PlotSpec fig;
  fig.title = "figure";
  for (const char* name : {"storage", "loss", "tan", "residuals"}) {
    PlotSpec panel = plot_spec(name, "f [Hz]", name, true, true);
    panel.series = {line(name, 2)};
    fig.panels.push_back(panel);
  }
  fig.panel_columns = 2;
  const auto s = gnuplot_script("x.pdf", fig);
  EXPECT_NE(s.find("set terminal pdfcairo"), std::string::npos);
  EXPECT_EQ(count(s, "set multiplot title \"figure\""), 1u);
  EXPECT_EQ(count(s, "\nplot "), 4u);
  EXPECT_EQ(count(s, "set lmargin at screen"), 4u);
  for (int k = 0; k < 4; ++k) EXPECT_NE(s.find("$p" + std::to_string(k) + "d0 << EOD"), std::string::npos);
  EXPECT_NE(s.find("unset multiplot"), std::string::npos);
}

TEST(Plot, BandsAreFilledAndDrawnFirst) {
  PlotSpec p = plot_spec("t", "x", "y");
  Series fit = line("fit", 1), band = line("band", 1);
  band.band_low = {0.5e-3, 0.05, 5, 500}, band.band_high = {2e-3, 0.2, 20, 2000}, band.in_key = false;
  p.series = {fit, band};
  const auto s = gnuplot_script("x.png", p);
  const auto filled = s.find("with filledcurves"), lines = s.find("with lines");
  ASSERT_NE(filled, std::string::npos);
  EXPECT_LT(filled, lines);
  EXPECT_NE(s.find("0.001 0.0005 0.002"), std::string::npos);  // x, low, high
}

TEST(Plot, FormatsAreParsedAndCheckedAsAnOption) {
  EXPECT_EQ(parse_plot_formats("png, svg,pdf"), (std::vector<std::string>{"png", "svg", "pdf"}));
  EXPECT_EQ(test::error_of([] { parse_plot_formats("png,gif"); }),
            "--plot-formats: 'gif' is not a plot format (png, svg, pdf)");
  EXPECT_EQ(test::error_of([] { parse_plot_formats("svg,svg", "plot_formats"); }),
            "plot_formats: 'svg' is given twice");
  EXPECT_EQ(test::error_of([] { gnuplot_script("x.gif", PlotSpec{}); }), "x.gif: plot must end in .png, .svg or .pdf");
}

TEST(Plot, EachFormatIsWrittenBesideThePng) {
  const auto dir = std::filesystem::temp_directory_path() / "glassfit_test_plot_formats";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  PlotSpec p = plot_spec("t", "x [s]", "y [MPa]", true, true);
  p.series = {line("a", 1)};
  draw_plot_formats((dir / "a.png").string(), p, {"png", "svg", "pdf"});
  auto head = [&](const char* name) {
    std::ifstream f(dir / name, std::ios::binary);
    std::string h(8, '\0');
    f.read(h.data(), 8);
    return h;
  };
  EXPECT_EQ(head("a.png").substr(1, 3), "PNG");
  EXPECT_EQ(head("a.pdf").substr(0, 4), "%PDF");
  EXPECT_NE(head("a.svg").find("<"), std::string::npos);
  std::filesystem::remove_all(dir);
}
