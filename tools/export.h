// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// `glassfit export`: a Prony series (fitted, or interconverted from any model's relaxation
// modulus) with its shift law as Abaqus or ANSYS input, without CLI11.
#include <string>
#include <utility>
#include <vector>

namespace glassfit::cli {

struct ExportCommand {
  std::string model = "prony";
  std::string params_file;
  std::vector<std::pair<std::string, std::string>> model_options;
  std::string format;       // abaqus | ansys
  std::string temperature;  // interconversion: the temperature of the source model's E(t)
  std::string time;         // interconversion window "lo:hi", s
  double per_decade = 1;
  bool free_times = false;
  std::string window;        // "lo:hi" of reduced time, s: keep the terms inside, fold the others
  std::string shift_report;  // report.json of 'glassfit shift' (its WLF law)
  std::string wlf;           // "T_ref,C1,C2"
  bool no_shift = false;     // say that a card without a shift law is meant (no warning)
  std::string poisson;       // empty: no instantaneous elastic line
  std::string output;        // empty: standard output
  bool quiet = false;
  std::string command_line;
};

int run_export(const ExportCommand& c);

}  // namespace glassfit::cli
