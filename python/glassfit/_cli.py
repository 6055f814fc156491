# SPDX-License-Identifier: BSD-3-Clause
"""The `glassfit` command of a pip install: runs the program that setup.py put in glassfit/_bin,
in place of this process (same arguments, exit code and signals)."""
import os
import sys
from pathlib import Path


def main():
    program = Path(__file__).resolve().parent / "_bin" / "glassfit"
    if not program.exists():
        sys.exit(f"glassfit: {program} is missing: this package was not installed with pip "
                 "(a CMake install puts the program in <prefix>/bin)")
    os.execv(program, [str(program), *sys.argv[1:]])
