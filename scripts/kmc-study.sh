#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The issue-32 study of the kMC's open choices ([dynamics] clock_reset, catalogue,
# avalanche_mode): for one variant, a strain-rate-sensitivity sweep per barrier model at 300, 400
# and 500 K, base rates 1e-4 ... 1e4 /s (each at 0.2, 0.4, 1, 2, 4 times itself), 3 seeds, on
# examples/kmc/niiyama2026_strain_rate.toml's configuration at SIDE x SIDE. Then
# scripts/kmc-study.py OUTDIR summarises every variant found there against paper 000's statements.
# Usage: scripts/kmc-study.sh OUTDIR VARIANT [SIDE=64] [LAWS="ti b06 b10 b13"] [path/to/glassfit]
#   VARIANT: clock_reset-catalogue-avalanche_mode, e.g. centre-fixed-lowest, stencil-fixed-rate
# Cost at 64 x 64: 225 runs per law, ~1.5 s each on one core; parallel_runs = $PARALLEL (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
variant=$2
side=${3:-64}
laws=${4:-"ti b06 b10 b13"}
bin=$(realpath "${5:-build/tools/glassfit}")
IFS=- read -r reset catalogue mode <<<"$variant"
base=examples/kmc/niiyama2026_strain_rate.toml
mkdir -p "$out"
for tag in $laws; do
  case $tag in
  ti) law=time-independent beta=1.0 ;;
  b06) law=kww beta=0.6 ;;
  b10) law=kww beta=1.0 ;;
  b13) law=kww beta=1.3 ;;
  *) echo "kmc-study.sh: unknown law tag '$tag' (ti, b06, b10, b13)" >&2 && exit 2 ;;
  esac
  dir="$out/${variant}_${side}_$tag"
  [ -f "$dir/srs.csv" ] && continue  # done before
  cfg="$out/${variant}_${side}_$tag.toml"
  { sed -e "s/^nx = .*/nx = $side/; s/^ny = .*/ny = $side/; s/^threads = .*/threads = 1/" \
    -e "/^\[dynamics\]/d; /^clock_reset =/d; /^catalogue =/d; /^avalanche_mode =/d" \
    -e "s/^law = .*/law = \"$law\"/; s/^beta = .*/beta = $beta/" "$base"
    printf 'plots = false\n'
    printf '[dynamics]\nclock_reset = "%s"\ncatalogue = "%s"\navalanche_mode = "%s"\n' "$reset" "$catalogue" "$mode"
    printf '[sweep]\ntemperatures_K = [300, 400, 500]\nstrain_rates_per_s = [1e-4, 1e-2, 1, 1e2, 1e4]\n'
    printf 'rate_factors = [0.2, 0.4, 1, 2, 4]\nseeds = [1, 2, 3]\nparallel_runs = %s\n' "${PARALLEL:-1}"
  } >"$cfg"
  start=$(date +%s)
  "$bin" kmc "$cfg" -o "$dir" -q
  echo "$variant $side $tag: $(($(date +%s) - start)) s" | tee -a "$out/times.txt"
done
