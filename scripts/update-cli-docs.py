#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Rewrites the help blocks of docs/cli.md from the program's --help (tests/cli/test_cli.sh checks them).

Usage: scripts/update-cli-docs.py build/tools/glassfit
"""
import re
import subprocess
import sys

binary = sys.argv[1]
path = "docs/cli.md"
doc = open(path).read()
for sub in re.findall(r"^## glassfit (\S+)\n\n```\n", doc, flags=re.M):
    text = subprocess.run([binary, sub, "--help"], capture_output=True, text=True, check=True).stdout
    head = f"## glassfit {sub}\n\n```\n"
    start = doc.index(head) + len(head)
    end = doc.index("```", start)
    doc = doc[:start] + text + doc[end:]
open(path, "w").write(doc)
