// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// What a command produces, as data: the files of an output folder (CSV tables, texts such as
// report.json, plots) in the order they are written, a summary for people and the warnings.
// The library's drivers and reports build these; the command line only writes them
// (write_output_set), so C++ callers get the same JSON and tables as the CLI.
#include <string>
#include <vector>

#include "glassfit/io/csv_writer.h"
#include "glassfit/io/plot.h"

namespace glassfit {

struct OutputSet {
  struct Item {
    enum Kind { Table, Text, Plot } kind;
    std::string file;                   // name inside the output folder
    std::vector<std::string> comments;  // Table
    std::vector<OutputColumn> columns;  // Table
    std::string text;                   // Text
    PlotSpec plot;                      // Plot
  };
  std::vector<Item> items;
  std::string summary;                // for a terminal
  std::vector<std::string> warnings;  // one line each

  void table(std::string file, std::vector<std::string> comments, std::vector<OutputColumn> columns);
  void text(std::string file, std::string content);
  void plot(std::string file, PlotSpec spec);
  // The text of a file (e.g. "report.json"); InputError when there is none.
  const std::string& text_of(const std::string& file) const;
};

// Creates the folder and writes every item in order (plots only when `plots`), atomically.
void write_output_set(const std::string& dir, const OutputSet& set, bool plots = true,
                      const std::vector<std::string>& plot_formats = glassfit::plot_formats());

}  // namespace glassfit
