# SPDX-License-Identifier: BSD-3-Clause
"""Fixtures: the glassfit command line and the project root, as CTest passes them."""
import os
import pathlib
import subprocess

import pytest


@pytest.fixture(scope="session")
def root():
    return pathlib.Path(os.environ.get("GLASSFIT_ROOT", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def cli(root):
    """Runs `glassfit ARGS`; returns (exit code, stdout, stderr)."""
    exe = os.environ.get("GLASSFIT_CLI", str(root / "build" / "tools" / "glassfit"))

    def run(*args):
        p = subprocess.run([exe, *map(str, args)], capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    return run


def csv_rows(path_or_text, is_text=False):
    """(header cells, rows of cells as text) of one of our CSV files."""
    text = path_or_text if is_text else pathlib.Path(path_or_text).read_text()
    lines = [l for l in text.splitlines() if l and not l.startswith("#")]
    return lines[0].split(","), [l.split(",") for l in lines[1:]]
