#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Runs every libFuzzer harness of a GLASSFIT_FUZZ build for a bounded time, each from a fresh
# copy of its seed corpus (shipped data, fit specs, examples), under the sanitizers the build
# has, as many at once as there are cores. A crash, a sanitizer report, a leak, an input
# slower than 10 s or above 2 GB fails.
# Usage: scripts/fuzz.sh BUILD_DIR [SECONDS_PER_HARNESS (default 30)]
set -uo pipefail
cd "$(dirname "$0")/.."
build=$1
seconds=${2:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A seeds=(
  [fuzz_csv]="data/la60ni15al25-synthetic/*.csv data/pyvisco-polymer/*.csv data/trios-polymer/*.txt"
  [fuzz_params]="data/la60ni15al25/table1.toml fits/reference/*/fitted.toml"
  [fuzz_fit_spec]="fits/*.toml tests/bench/dma_fit_spec.toml"
  [fuzz_kmc_config]="examples/kmc/*.toml"
  [fuzz_trios]="data/trios-polymer/*.txt"
  [fuzz_xls]="data/eplexor-polymer/*.xls data/eplexor-polymer/instrument-biff5/*.xls tests/data/xls/*.xls"
  [fuzz_checkpoint]=""
)
# Inputs up to 64 KiB, but the .xls seeds are 80-150 KiB whole files.
declare -A max_len=([fuzz_xls]=262144)
# One harness: its verdict goes to $work/NAME.verdict ("pass" or "fail"), its log beside it.
run_harness() {
  local name=$1 corpus=$work/$1 log=$work/$1.log
  mkdir -p "$corpus"
  for f in ${seeds[$name]}; do [ -f "$f" ] && cp "$f" "$corpus/$(echo "$f" | tr / _)"; done
  if "$build/tests/fuzz/$name" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="${max_len[$name]:-65536}" \
       -print_final_stats=1 -artifact_prefix="$work/$name-" >"$log" 2>&1; then
    echo pass >"$work/$name.verdict"
  else
    echo fail >"$work/$name.verdict"
  fi
}
# As many harnesses at once as there are cores (each is single-threaded), then the verdicts in order.
harnesses=(fuzz_csv fuzz_xls fuzz_trios fuzz_params fuzz_fit_spec fuzz_kmc_config fuzz_checkpoint)
for name in "${harnesses[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
  run_harness "$name" &
done
wait
pass=0
fail=0
for name in "${harnesses[@]}"; do
  log=$work/$name.log
  if [ "$(cat "$work/$name.verdict" 2>/dev/null)" = pass ]; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "$name: ${runs:-?} executions in ${seconds} s, ${cov:-cov: ?}, no crash"
    pass=$((pass + 1))
  else
    echo "FAIL: $name"
    tail -40 "$log"
    mkdir -p fuzz-artifacts && cp "$work/$name-"* fuzz-artifacts/ 2>/dev/null && echo "(crashing input kept in fuzz-artifacts/)"
    fail=$((fail + 1))
  fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
