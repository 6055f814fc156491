#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Wang et al.'s measures (paper 001, Secs. 3.2-3.4) from examples/kmc/wang_softening.toml: their
# three glasses (dF* = 1.8 / 2.0 / 2.2 eV with eta_max = -ln 0.67 / -ln 0.6 / -ln 0.55, Sec. 3.3)
# at 1e-4 to 1e2 /s, and the three softening limits of Sec. 3.2.2 (eta_max = -ln 0.8 / 0.7 / 0.6
# at 2.0 eV, 1e-4 /s), three seeds each, every run stopped at 2 % plastic strain. Writes the plots,
# numbers.json and measures.csv (one row per run) into OUTDIR (default docs/figures/wang) and
# prints the numbers docs/kmc-results.md uses; the runs themselves (~60 MB) go to OUTDIR/runs and
# are removed at the end unless KEEP_RUNS=1.
# Usage: scripts/wang-figures.sh [OUTDIR] [path/to/glassfit] [lattice side, default 64]
# Cost at 64 x 64 on this 2-core machine: 69 runs of ~1-4 s, a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/figures/wang}
bin=$(realpath "${2:-build/tools/glassfit}")
side=${3:-64}
runs=$out/runs
mkdir -p "$runs"
base=examples/kmc/wang_softening.toml
run() {  # run TAG BARRIER_eV ETA_MAX RATE SEED
  local dir="$runs/$1_rate$4_seed$5"
  [ -s "$dir/report.json" ] && return 0
  sed -e "s/^nx = .*/nx = $side/; s/^ny = .*/ny = $side/" \
    -e "s/^barrier_mean_eV = .*/barrier_mean_eV = $2/; s/^eta_max = .*/eta_max = $3/" \
    -e "s/^strain_rate_per_s = .*/strain_rate_per_s = $4/" \
    -e "s/^temperature_K = .*/temperature_K = 300\nseed = $5/" "$base" >"$dir.toml"
  printf 'plots = false\n' >>"$dir.toml"
  "$bin" kmc "$dir.toml" -o "$dir" -q
  rm "$dir.toml"
}
glasses=("q18 1.8 0.4004776" "q20 2.0 0.5108256" "q22 2.2 0.5978370")
for g in "${glasses[@]}"; do
  read -r tag q eta <<<"$g"
  for rate in 1e-4 1e-3 1e-2 1e-1 1 1e1 1e2; do
    for seed in 1 2 3; do run "$tag" "$q" "$eta" "$rate" "$seed" & done
    wait
  done
done
for s in "soft1 0.2231436" "soft2 0.3566749"; do  # soft3 is q20
  read -r tag eta <<<"$s"
  for seed in 1 2 3; do run "$tag" 2.0 "$eta" 1e-4 "$seed" & done
  wait
done
/usr/bin/python3 scripts/wang-figures.py "$out"
[ "${KEEP_RUNS:-0}" = 1 ] || rm -rf "$runs"
