#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Niiyama et al.'s kMC results (paper 000, Figs. 3-5, 7 and Appendices A, B) and Derlet & Maass's
# load-unload (paper 004), made by shipped commands from examples/kmc/niiyama2026_strain_rate.toml
# on a smaller lattice. Writes the sweeps, runs and plots into OUTDIR (default
# docs/figures/kmc) and prints the numbers docs/kmc-results.md sets beside the papers'.
# Usage: scripts/kmc-figures.sh [OUTDIR] [path/to/glassfit] [lattice side, default 64]
# Cost at 64 x 64 on this 2-core machine: ~2200 runs of ~2 s, about 40 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/figures/kmc}
bin=$(realpath "${2:-build/tools/glassfit}")
side=${3:-64}
mkdir -p "$out"
base=examples/kmc/niiyama2026_strain_rate.toml
# The paper's configuration at side x side, one thread per run, no per-run plots.
config() {  # config LAW BETA > file
  sed -e "s/^nx = .*/nx = $side/; s/^ny = .*/ny = $side/; s/^threads = .*/threads = 1/" \
    -e "s/^law = .*/law = \"$1\"/; s/^beta = .*/beta = $2/" "$base"
  printf 'plots = false\n'
}
laws=("time-independent 1.0 ti" "kww 0.6 b06" "kww 1.0 b10" "kww 1.3 b13")
# Fig. 3: stress-strain curves at 400 K, 1e-5 to 1e3 /s, each barrier model (seed 1).
for l in "${laws[@]}"; do
  read -r law beta tag <<<"$l"
  for rate in 1e-5 1e-3 1e-1 1e1 1e3; do
    config "$law" "$beta" | sed "s/^strain_rate_per_s = .*/strain_rate_per_s = $rate/" >"$out/fig3_$tag.toml"
    "$bin" kmc "$out/fig3_$tag.toml" -o "$out/fig3_${tag}_$rate" -q
  done
  rm "$out/fig3_$tag.toml"
done
# Figs. 4, 5, 7 and Appendices A, B: a sweep per barrier model over 300-500 K and 1e-5 to
# 1e5 /s, five rate factors (the SRS index), two seeds.
for l in "${laws[@]}"; do
  read -r law beta tag <<<"$l"
  { config "$law" "$beta"
    printf '[sweep]\ntemperatures_K = [300, 340, 400, 450, 500]\n'
    printf 'strain_rates_per_s = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4, 1e5]\n'
    printf 'rate_factors = [0.2, 0.4, 1, 2, 4]\nseeds = [1, 2]\nparallel_runs = 2\n'
  } >"$out/sweep_$tag.toml"
  "$bin" kmc "$out/sweep_$tag.toml" -o "$out/sweep_$tag" -q
done
# Derlet & Maass: load to shear strain 0.03 at 1e-3 and 1e-4 /s, unload at once, recover.
for s in 1 2 3; do
  for d in 30 300; do
    sed -e "s/duration_s = 30 }/duration_s = $d }/" -e "s/^temperature_K = 400/temperature_K = 400\nseed = $s/" \
      examples/kmc/load_unload.toml >"$out/load_unload.toml"
    "$bin" kmc "$out/load_unload.toml" -o "$out/load_unload_${d}s_seed$s" -q
  done
done
rm "$out/load_unload.toml"
/usr/bin/python3 scripts/kmc-figures.py "$out"
