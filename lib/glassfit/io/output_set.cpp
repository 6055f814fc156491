// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/output_set.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/io/output_file.h"

namespace glassfit {

void OutputSet::table(std::string file, std::vector<std::string> comments, std::vector<OutputColumn> columns) {
  for (const auto& c : columns) {
    if (!c.may_be_undefined || c.undefined_is_expected) continue;
    const auto n = std::count_if(c.values.begin(), c.values.end(), [](double v) { return std::isnan(v); });
    if (n > 0)
      warnings.push_back(fmt::format("{}: {} of {} values of '{}' are undefined (written as nan)", file, n,
                                     c.values.size(), c.header));
  }
  Item i{Item::Table, std::move(file), std::move(comments), std::move(columns), {}, {}};
  items.push_back(std::move(i));
}

void OutputSet::text(std::string file, std::string content) {
  items.push_back({Item::Text, std::move(file), {}, {}, std::move(content), {}});
}

void OutputSet::plot(std::string file, PlotSpec spec) {
  items.push_back({Item::Plot, std::move(file), {}, {}, {}, std::move(spec)});
}

const std::string& OutputSet::text_of(const std::string& file) const {
  for (const auto& i : items)
    if (i.kind == Item::Text && i.file == file) return i.text;
  throw InputError("no output named " + file);
}

void write_output_set(const std::string& dir, const OutputSet& set, bool plots,
                      const std::vector<std::string>& plot_formats) {
  create_output_dir(dir);
  for (const auto& i : set.items) {
    const std::string path = in_dir(dir, i.file);
    switch (i.kind) {
      case OutputSet::Item::Table:
        write_csv(path, i.comments, i.columns);
        break;
      case OutputSet::Item::Text:
        write_file_atomically(path, i.text);
        break;
      case OutputSet::Item::Plot:
        if (plots) draw_plot_formats(path, i.plot, plot_formats);
        break;
    }
  }
}

}  // namespace glassfit
