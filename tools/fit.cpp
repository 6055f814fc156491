// SPDX-License-Identifier: BSD-3-Clause
#include "fit.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

#include "glassfit/core/error.h"
#include "glassfit/fit/fit_outputs.h"
#include "glassfit/fit/fitter.h"
#include "glassfit/io/output_file.h"
#include "glassfit/io/provenance.h"

namespace glassfit::cli {
int run_fit_command(const FitCommand& c) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string& outdir = c.outdir;
  const bool from_data = !c.model.empty();
  if (!from_data && (!c.free.empty() || !c.model_options.empty() || !c.residual.empty()))
    throw InputError("--free, --model-option and --residual go with --model (fitting a data file without a spec)");
  std::string spec_text, spec_path = c.input;
  if (from_data) {
    spec_path = outdir + "/spec.toml";
    spec_text = "# written by: " + c.command_line + "\n# repeat with: glassfit fit " + spec_path + " -o " + outdir +
                "\n" + fit_spec_for_data(c.input, c.model, c.model_options, c.free, c.residual);
  }
  if (from_data) {  // written first, so that a message naming a line of it points into a file
    create_output_dir(outdir);
    write_file_atomically(spec_path, spec_text);
  }
  const FitSpec spec = from_data ? parse_fit_spec(spec_text, spec_path) : read_fit_spec(c.input);
  RunInfo info;
  info.command = c.command_line;
  info.spec_sha256 = from_data ? sha256_text(spec_text) : sha256_file(spec_path);
  for (const auto& d : spec.datasets) info.dataset_sha256.push_back(sha256_file(d.file));
  create_output_dir(outdir);
  if (from_data && !c.quiet) std::cout << "spec used (" << spec_path << "):\n" << spec_text;

  const bool show = !c.quiet && ::isatty(STDERR_FILENO) && spec.options.multistart > 0;
  const Progress progress = [&](int done, int total, double best) {
    if (!show) return;
    std::fprintf(stderr, "\rfit: start %d/%d, best cost %.6g", done, total, best);
    if (done == total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  };
  const FitResult r = run_fit(spec, progress);
  info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  const OutputSet out = fit_outputs(spec, r, info);
  write_output_set(outdir, out);
  if (!c.quiet)
    std::cout << out.summary
              << fmt::format("wrote {}/report.json, fitted.toml, plots ({:.2f} s)\n", outdir, info.seconds);
  if (!r.converged) {
    std::cerr << "error: the fit did not converge: " << r.termination << " (report written)\n";
    return 3;
  }
  return 0;
}

}  // namespace glassfit::cli
