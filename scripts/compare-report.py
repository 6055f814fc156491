#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Compares two fit reports: parameters and cost to a relative tolerance (default 1e-8).

Usage: scripts/compare-report.py NEW/report.json REFERENCE/report.json [TOL]
Prints the largest relative difference; exits 1 when it exceeds TOL.
"""
import json
import sys

new, ref = (json.load(open(p)) for p in sys.argv[1:3])
tol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-8
worst, where = 0.0, ""
def rel(a, b):
    if a is None or b is None:
        return 0.0 if a == b else float("inf")
    return abs(a - b) / max(abs(b), 1e-300) if a != b else 0.0
for name, p in ref["parameters"].items():
    d = rel(new["parameters"][name]["value"], p["value"])
    if d > worst:
        worst, where = d, name
d = rel(new["cost"], ref["cost"])
if d > worst:
    worst, where = d, "cost"
print(f"largest relative difference {worst:.3g} ({where or 'none'})")
sys.exit(0 if worst <= tol else 1)
