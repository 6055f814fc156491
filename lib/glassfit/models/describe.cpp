// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/models/describe.h"

#include <algorithm>
#include <fmt/format.h>

namespace glassfit {
namespace {

// The options help, one line per option, each line prefixed.
std::string option_lines(const std::string& help, const std::string& prefix) {
  std::string out;
  for (size_t at = 0; at < help.size();) {
    const size_t end = std::min(help.find('\n', at), help.size());
    out += prefix + help.substr(at, end - at) + "\n";
    at = end + 1;
  }
  return out;
}

}  // namespace

std::string model_listing(const ModelEntry& entry) {
  const auto model = entry.make({});
  std::string s = fmt::format("{}  {}\n", entry.name, entry.meaning);
  s += fmt::format("  {:<10} {:<8} {:>10}  {:<14} {:<4} {}\n", "name", "unit", "default", "range", "log", "meaning");
  for (const auto& p : model->parameters())
    s += fmt::format("  {:<10} {:<8} {:>10g}  {:<14} {:<4} {}\n", p.name, p.unit, p.default_value, range_text(p),
                     p.log_scale ? "yes" : "no", p.meaning);
  return s + "  options:\n" + option_lines(entry.options_help, "    ");
}

std::string model_markdown(const ModelEntry& entry) {
  const auto model = entry.make({});
  std::string s = fmt::format("### {}\n\n{}\n\n", entry.name, entry.meaning);
  s += "| name | unit | default | physical range | fitted on log scale | meaning |\n|---|---|---|---|---|---|\n";
  for (const auto& p : model->parameters())
    s += fmt::format("| `{}` | {} | {:g} | {} | {} | {} |\n", p.name, p.unit, p.default_value, range_text(p),
                     p.log_scale ? "yes" : "no", p.meaning);
  s += "\nOptions (`[model_options]` in a fit spec, `--model-option` for predict):\n\n";
  return s + option_lines(entry.options_help, "- ") + "\n";
}

}  // namespace glassfit
