#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Sets up a fresh Debian machine, builds, and runs the main job on shipped data, into out/:
# the joint HC fit of all four synthetic La60Ni15Al25 datasets (DMA isochronal and isothermal,
# creep with recovery, stress relaxation; report.json, fitted.toml, data-vs-fit and residual
# plots), and the Table 1 isochronal DMA prediction at 1 Hz with its plot.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
# The program, library and Python package into /usr/local, where Debian's /usr/bin/python3
# finds `import glassfit`.
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO cmake --install build --prefix /usr/local >/dev/null
mkdir -p out
./build/tools/glassfit predict --model hc --params data/la60ni15al25/table1.toml --protocol dma \
  --temperature 300:550:1 --frequency 1 -o out/dma_1Hz.csv --plot out/dma_1Hz.png
./build/tools/glassfit fit fits/la60ni15al25_joint.toml -o out/la60ni15al25_joint
echo "wrote out/dma_1Hz.csv, out/dma_1Hz.png and out/la60ni15al25_joint/ (report.json, fitted.toml, plots)"
