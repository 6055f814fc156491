#include "fit.h"

#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

#include "glassfit/fit/fit_outputs.h"
#include "glassfit/fit/fitter.h"
#include "glassfit/io/provenance.h"

namespace glassfit::cli {

int run_fit_command(const std::string& spec_path, const std::string& outdir, const std::string& command_line,
                    bool quiet) {
  const auto t0 = std::chrono::steady_clock::now();
  const FitSpec spec = read_fit_spec(spec_path);
  RunInfo info;
  info.command = command_line;
  info.spec_sha256 = sha256_file(spec_path);
  for (const auto& d : spec.datasets) info.dataset_sha256.push_back(sha256_file(d.file));
  create_output_dir(outdir);

  const bool show = !quiet && ::isatty(STDERR_FILENO) && spec.options.multistart > 0;
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
  if (!quiet)
    std::cout << out.summary
              << fmt::format("wrote {}/report.json, fitted.toml, plots ({:.2f} s)\n", outdir, info.seconds);
  if (!r.converged) {
    std::cerr << "error: the fit did not converge: " << r.termination << " (report written)\n";
    return 3;
  }
  return 0;
}

}  // namespace glassfit::cli
