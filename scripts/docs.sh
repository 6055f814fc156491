#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Builds the documentation site from docs/ into build/docs (open build/docs/index.html):
# Sphinx with MyST for the Markdown pages, the Python API reference from the built module's
# docstrings, warnings as errors (a broken internal link, a missing image or page fails it).
# Usage: scripts/docs.sh [BUILD_DIR=build]   (after scripts/build.sh, which builds the module)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[ -d "$build/python/glassfit" ] || { echo "docs.sh: no Python module in $build/python: run scripts/build.sh first" >&2; exit 2; }
rm -rf "$build/docs"
PYTHONPATH="$PWD/$build/python" /usr/bin/python3 -m sphinx -W --keep-going -q -b html docs "$build/docs"
echo "docs: $(find "$build/docs" -name '*.html' | wc -l) pages in $build/docs, 0 warnings"
