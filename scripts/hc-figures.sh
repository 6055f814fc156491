#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The HC model's side of every figure of Hao et al. that shows model output, made by shipped
# commands from Table 1 (data/la60ni15al25/table1.toml, or examples/hc/*.toml for a variant).
# Writes CSVs and plots into OUTDIR (default docs/figures) and prints the numbers that
# docs/figures.md sets beside the paper's.
# Usage: scripts/hc-figures.sh [OUTDIR] [path/to/glassfit]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/figures}
bin=$(realpath "${2:-build/tools/glassfit}")
mkdir -p "$out"
t1=data/la60ni15al25/table1.toml
lin=examples/hc/linear.toml
p() { "$bin" predict "$@"; }
# Fig. 5: isochronal E', E'' at 1 Hz, 300-550 K (linear regime: sigma_1 and a2 play no part).
p --params "$t1" --protocol dma --temperature 300:550:1 --frequency 1 -o "$out/fig5_dma_1Hz.csv" --plot "$out/fig5_dma_1Hz.png"
# Fig. 6(b): the beta process as a peak, a shoulder or an excess wing, by t0 alone.
for t0 in 6e-7 6e-5 6e-3; do
  printf 'model = "hc"\nt0 = %s\n' "$t0" > "$out/t0_$t0.toml"
  p --params "$out/t0_$t0.toml" --protocol dma --temperature 300:550:1 --frequency 1 -o "$out/fig6b_t0_$t0.csv"
done
# Fig. 7: the model's E'' master curve at 430 K with its beta and alpha parts.
p --params "$t1" --protocol master --temperature 430 --frequency 1e-8:1e8:161log -o "$out/fig7_master_430K.csv" \
  --plot "$out/fig7_master_430K.png"
# Fig. 8: tau_beta (Eq. 8) and tau_max (Eq. 11b) against 1000/T, beside those read off the
# synthetic DMA data (the paper's symbols are its measurements, which we do not have).
d=../shared/data/la60ni15al25-synthetic
if [ -f "$d/dma_isochronal.csv" ]; then
  "$bin" relaxation-map --isochronal "$d/dma_isochronal.csv" --isothermal "$d/dma_isothermal.csv" --params "$t1" \
    -o "$out/fig8_relaxation_map" -q
fi
# Fig. 9: stress relaxation after a 0.002 step, 310-490 K, Eq. 25a (linear).
p --params "$lin" --protocol relaxation --temperature 310:490:20 --strain 0.002 --time 1e-3:1e7:151log \
  -o "$out/fig9_relaxation.csv" --plot "$out/fig9_relaxation.png"
# Fig. 10: tension at 430 K and 3e-4 /s: Table 1 (sigma_1 = 28000 MPa, a2 = 1.8), the same
# without them, and Eq. 22c read with eps_an in percent.
for v in table1:$t1 linear:$lin a2_percent:examples/hc/a2_percent.toml; do
  p --params "${v#*:}" --protocol tension --temperature 430 --strain-rate 3e-4 --max-strain 0.1 --points 200 \
    -o "$out/fig10_tension_${v%%:*}.csv" --plot "$out/fig10_tension_${v%%:*}.png"
done
# Fig. 11: creep at 25 and 50 MPa for 330 s and recovery, 430 K, with and without sigma_1 and a2.
for s in 25 50; do
  for v in table1:$t1 linear:$lin; do
    p --params "${v#*:}" --protocol creep --temperature 430 --stress "$s@0,0@330" --time 1:660:1 \
      -o "$out/fig11_creep_${s}MPa_${v%%:*}.csv" --plot "$out/fig11_creep_${s}MPa_${v%%:*}.png"
  done
done
/usr/bin/python3 scripts/hc-figure-numbers.py "$out"
