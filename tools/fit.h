#pragma once
#include <string>

namespace glassfit::cli {

// `glassfit fit SPEC -o OUTDIR`: 0 converged, 3 fitted but not converged (report still written).
int run_fit_command(const std::string& spec_path, const std::string& outdir, const std::string& command_line,
                    bool quiet);

}  // namespace glassfit::cli
