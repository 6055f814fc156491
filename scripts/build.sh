#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Configures and builds glassfit into ${BUILD_DIR:-build} (Release). Extra arguments go to CMake.
set -euo pipefail
cd "$(dirname "$0")/.."
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S . -B "${BUILD_DIR:-build}" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "${BUILD_DIR:-build}" -j "$(nproc)"
