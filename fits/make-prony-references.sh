#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Regenerates the Prony references: the 50 C master curve of pyvisco's raw sweeps (its WLF law
# over the range the shift chooses, 40-100 C), the three Prony fits, and the Abaqus and ANSYS
# blocks of the fit to our master curve with that WLF law.
# Usage: fits/make-prony-references.sh [path/to/glassfit]
set -euo pipefail
cd "$(dirname "$0")"
bin=$(realpath "${1:-../build/tools/glassfit}")
ref=reference
"$bin" shift ../data/pyvisco-polymer/freq_user_raw.csv --reference-temperature 50C -o "$ref/pyvisco_master_50C" -q
for name in pyvisco_prony_freq pyvisco_prony_time pyvisco_prony_shifted; do
  "$bin" fit "$name.toml" -o "$ref/$name" -q
  rm -f "$ref/$name"/*_fit.csv  # as the other references: report, parameters, plot
done
for format in abaqus ansys; do
  ext=$([ "$format" = abaqus ] && echo inp || echo mac)
  "$bin" export --params "$ref/pyvisco_prony_shifted/fitted.toml" --format "$format" \
    --shift-report "$ref/pyvisco_master_50C/report.json" --poisson 0.35 -o "$ref/pyvisco_prony_shifted/$format.$ext"
done
echo "wrote $ref/pyvisco_master_50C, $ref/pyvisco_prony_{freq,time,shifted} (with abaqus.inp, ansys.mac)"
