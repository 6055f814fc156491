// SPDX-License-Identifier: BSD-3-Clause
#include "srs.h"

#include <fmt/format.h>
#include <iostream>

#include "glassfit/core/error.h"
#include "glassfit/core/grid.h"
#include "glassfit/io/output_set.h"
#include "glassfit/io/params_toml.h"
#include "glassfit/io/provenance.h"
#include "glassfit/models/onebody/model.h"
#include "glassfit/models/onebody/srs_report.h"
#include "glassfit/models/registry.h"
#include "progress.h"

namespace glassfit::cli {

int run_srs(const SrsCommand& c) {
  ModelSetup setup;
  // Read once: --params may be a pipe.
  const ParameterFileText params = c.params_file.empty() ? ParameterFileText{} : read_parameter_text(c.params_file);
  if (!c.params_file.empty()) setup.options = parameter_options(params);
  setup.options.insert(setup.options.end(), c.model_options.begin(), c.model_options.end());
  const ModelPtr model = make_model("onebody", setup);
  const ParameterSet set = c.params_file.empty()
                               ? ParameterSet(model->parameters())
                               : parse_parameters(params.text, params.path, model->parameters(), "onebody");
  const auto values = model->values_from(set);
  onebody::SrsRequest q;
  q.temperatures_K = parse_grid(c.temperature, Dimension::Temperature, "--temperature");
  q.rates_per_s = parse_grid(c.strain_rate, Dimension::StrainRate, "--strain-rate");
  check_point_count(double(q.temperatures_K.size()) * double(q.rates_per_s.size()), "--temperature x --strain-rate");
  if (c.threads > 256) throw InputError(fmt::format("--threads {}: must be between 1 and 256", c.threads));
  q.threads = c.threads;
  const size_t total = q.temperatures_K.size() * q.rates_per_s.size();
  Progress progress(c.quiet);
  q.progress = [&](size_t done) { progress.maybe([&] { return fmt::format("srs: {}/{} cells", done, total); }); };
  onebody::SrsRunInfo info;
  info.command = c.command_line;
  if (!c.params_file.empty()) info.params_file = c.params_file, info.params_sha256 = sha256_file(c.params_file);
  create_output_dir(c.output_dir);
  const auto map = onebody::srs_map(values, onebody::reading_of(*model), q);
  progress.done();
  const OutputSet out = onebody::srs_outputs(map, values, info);
  write_output_set(c.output_dir, out);
  for (const auto& w : out.warnings) std::cerr << "warning: " << w << "\n";
  if (!c.quiet) std::cout << out.summary << "wrote " << c.output_dir << "/{srs.csv, report.json, *.png}\n";
  return 0;
}

}  // namespace glassfit::cli
