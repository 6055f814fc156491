#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Fails (and lists the files) when a tracked C++ file differs from what .clang-format makes of it.
# Usage: scripts/check-format.sh [--fix]
set -euo pipefail
cd "$(dirname "$0")/.."
formatter=$(command -v clang-format-14 || command -v clang-format || true)
[ -n "$formatter" ] || { echo "check-format: clang-format-14 is not installed (scripts/setup.sh installs it)"; exit 1; }
bad=0
while IFS= read -r f; do
  if [ "${1:-}" = "--fix" ]; then
    "$formatter" -i --style=file "$f"
  elif ! "$formatter" --style=file "$f" | cmp -s - "$f"; then
    echo "not formatted: $f"
    bad=$((bad + 1))
  fi
done < <(git ls-files --cached --others --exclude-standard '*.cpp' '*.h' '*.h.in')
[ "$bad" -eq 0 ] && echo "check-format: every C++ file follows .clang-format" || exit 1
