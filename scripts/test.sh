#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Sets up a fresh Debian machine, builds, and runs every test:
#  1. Release build (g++): unit and CLI tests (ctest), then an install + find_package consumer
#     (which also runs a fit built in code, without files), then a kMC sweep through a real
#     single-node Slurm started for the test (tests/slurm/test_slurm_sweep.sh).
#  2. Sanitizer build (clang, AddressSanitizer + UndefinedBehaviorSanitizer, libFuzzer
#     coverage): the same unit and CLI tests, then every fuzz harness for FUZZ_SECONDS (20) each.
# QUICK=1 runs stage 1 only (for a fast local loop); SANITIZE=1 runs stage 2 only.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# ctest runs two tests at once on two cores: OpenMP threads that spin while they wait take the
# core from the other test (a 1 s test took 43 s beside the Python tests).
export OMP_WAIT_POLICY=passive

if [ "${SANITIZE:-0}" != 1 ]; then
  echo "== release build: unit and CLI tests, install consumer"
  bash scripts/build.sh
  build=${BUILD_DIR:-build}
  ctest --test-dir "$build" --output-on-failure -j "$(nproc)"

  prefix=$(mktemp -d)
  trap 'rm -rf "$prefix"' EXIT
  cmake --install "$build" --prefix "$prefix/usr" >/dev/null
  cmake -S tests/install_consumer -B "$prefix/consumer" -DCMAKE_PREFIX_PATH="$prefix/usr" >/dev/null
  cmake --build "$prefix/consumer" >/dev/null
  "$prefix/consumer/consumer" >/dev/null && echo "find_package(glassfit) consumer: 1 passed, 0 failed" \
    || { echo "find_package(glassfit) consumer: FAILED" >&2; exit 1; }
  # The installed Python package imports from its dist-packages with Debian's interpreter.
  site=$(echo "$prefix"/usr/lib/python3*/dist-packages)
  PYTHONPATH=$site /usr/bin/python3 -c "import glassfit; glassfit.predict('hc', 'dma', temperature=300, frequency=1)" \
    && echo "installed Python package: 1 passed, 0 failed" || { echo "installed Python package: FAILED" >&2; exit 1; }
  # pip: a virtual environment over Debian's Python; pip builds through setup.py (here reusing
  # the release build tree) and installs the module and the glassfit program into it.
  venv="$prefix/venv"
  /usr/bin/python3 -m venv --system-site-packages "$venv"
  GLASSFIT_CMAKE_BUILD_DIR="$PWD/$build" "$venv/bin/pip" install --no-build-isolation --no-index -q .
  cat >"$prefix/pip_check.py" <<'PY'
import pathlib, sys
import glassfit
assert pathlib.Path(glassfit.__file__).is_relative_to(sys.prefix), glassfit.__file__  # the venv's copy
root = pathlib.Path(sys.argv[1])
r = glassfit.fit({"model": "prony", "model_options": {"terms": 4},
                  "dataset": [{"file": str(root / "data" / "pyvisco-polymer" / "time_user_master.csv")}]})
assert r.converged, r
PY
  root=$PWD
  (cd "$prefix" && "$venv/bin/glassfit" --version >/dev/null && "$venv/bin/python" pip_check.py "$root") \
    && echo "pip install into a virtual environment: 1 passed, 0 failed" \
    || { echo "pip install into a virtual environment: FAILED" >&2; exit 1; }

  echo "== docs: the Sphinx site, warnings as errors"
  bash scripts/docs.sh "$build"

  echo "== Slurm: a kMC sweep as a job array through sbatch, merged"
  bash tests/slurm/test_slurm_sweep.sh "$build/tools/glassfit"
fi

if [ "${QUICK:-0}" != 1 ]; then
  echo "== sanitizer build (clang, ASan + UBSan + libFuzzer): unit and CLI tests, fuzzers"
  # The Python module is left out here: a sanitized extension needs the sanitizer runtime
  # preloaded into the interpreter.
  # -O1 with line tables only: symbolised reports at ~20 % less compile time than -O2 -g.
  CC=clang-14 CXX=clang++-14 BUILD_DIR=build-sanitize bash scripts/build.sh \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
    -DGLASSFIT_SANITIZE=ON -DGLASSFIT_FUZZ=ON -DGLASSFIT_PYTHON=OFF
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ctest --test-dir build-sanitize --output-on-failure -j "$(nproc)"
  bash scripts/fuzz.sh build-sanitize "${FUZZ_SECONDS:-20}"
fi
