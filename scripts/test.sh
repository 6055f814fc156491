#!/usr/bin/env bash
# Sets up a fresh Debian machine, builds, and runs every test: unit tests and CLI tests (ctest),
# then installs the library and builds a separate project against it with find_package.
# SANITIZE=1 builds and tests with AddressSanitizer + UndefinedBehaviorSanitizer instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${SANITIZE:-0}" = 1 ]; then
  export BUILD_DIR=build-sanitize
  bash scripts/build.sh -DGLASSFIT_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
else
  bash scripts/build.sh
fi
build=${BUILD_DIR:-build}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"

prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix/usr" >/dev/null
consumer_flags=()
[ "${SANITIZE:-0}" = 1 ] && consumer_flags=(-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined)
cmake -S tests/install_consumer -B "$prefix/consumer" -DCMAKE_PREFIX_PATH="$prefix/usr" "${consumer_flags[@]}" >/dev/null
cmake --build "$prefix/consumer" >/dev/null
"$prefix/consumer/consumer" >/dev/null && echo "find_package(glassfit) consumer: 1 passed, 0 failed"
