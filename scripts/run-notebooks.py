#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Executes the notebooks under examples/notebooks in place, so that they are stored with their
outputs (what a reader sees on opening one), with Debian's python3 kernel and the build tree's
module. python/tests/test_notebooks.py runs them again in CI and checks the stored outputs.
Usage: scripts/run-notebooks.py [build/python]   (then commit examples/notebooks/*.ipynb)"""
import os
import sys
from pathlib import Path

import nbclient
import nbformat

ROOT = Path(__file__).resolve().parents[1]
module = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "python").resolve()
os.environ["PYTHONPATH"] = f"{module}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
folder = ROOT / "examples" / "notebooks"
for path in sorted(folder.glob("*.ipynb")):
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    nbformat.write(nb, path)
    print(f"{path.relative_to(ROOT)}: executed, {sum(1 for c in nb.cells if c.cell_type == 'code')} code cells")
