#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Puts the SPDX line of the project's licence (LICENSE) at the top of every source file git
knows that lacks it: after a shebang or an encoding line, in the file's comment syntax.
Usage: scripts/add_spdx.py [--check]   (--check: list the files without it, exit 1 if any)"""
import pathlib
import subprocess
import sys

TAG = "SPDX-License-Identifier: BSD-3-Clause"
SLASHES = (".h", ".cpp", ".h.in")
HASHES = (".py", ".sh", "CMakeLists.txt", ".cmake", ".cmake.in")


def sources(root):
    names = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True).stdout.split()
    for name in names:
        if name.startswith("data/"):
            continue  # the shared data carry their own licences
        if name.endswith(SLASHES) or name.endswith(HASHES):
            yield root / name


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    check = "--check" in sys.argv
    missing = []
    for path in sources(root):
        text = path.read_text(encoding="utf-8")
        if any(TAG in line for line in text.split("\n", 3)[:3]):
            continue
        missing.append(path.relative_to(root))
        if check:
            continue
        line = ("// " if path.name.endswith(SLASHES) else "# ") + TAG
        lines = text.split("\n")
        at = 1 if lines and (lines[0].startswith("#!") or "coding" in lines[0]) else 0
        lines.insert(at, line)
        path.write_text("\n".join(lines), encoding="utf-8")
    if check:
        for m in missing:
            print(f"{m}: no '{TAG}' line in its first three lines")
        print(f"spdx: {len(missing)} file(s) without the licence line")
        return 1 if missing else 0
    print(f"added the SPDX line to {len(missing)} file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
