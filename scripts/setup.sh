#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs every Debian (bookworm) package glassfit needs to build, test and plot.
# Idempotent; run as root (or with sudo available) on a fresh machine.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libceres-dev libeigen3-dev libboost-dev libfmt-dev
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  gnuplot-nox libssl-dev libfftw3-dev
  clang-14 libfuzzer-14-dev libomp-14-dev libclang-rt-14-dev clang-format-14
  slurmctld slurmd slurm-client munge
  python3-dev python3-numpy pybind11-dev python3-pytest
  python3-emcee python3-matplotlib python3-xlrd python3-nbclient python3-nbformat python3-ipykernel python3-tqdm
  python3-setuptools python3-wheel python3-venv python3-pip python3-sphinx python3-myst-parser furo
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
