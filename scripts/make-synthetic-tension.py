# SPDX-License-Identifier: BSD-3-Clause
"""Writes data/la60ni15al25/tension_430K_synthetic.csv: HC tensile curves from Table 1 (sigma_1 =
28000 MPa, a2 = 1.8) at 430 K, 3e-4 and 3e-3 /s to 5 % strain, 40 points each, the stress times
(1 + N(0, 0.005)) with a fixed seed. fits/la60ni15al25_tension.toml recovers sigma_1 and a2 from it.
Usage: /usr/bin/python3 scripts/make-synthetic-tension.py [path/to/glassfit]"""
import subprocess
import sys
from pathlib import Path

import numpy as np

root = Path(__file__).resolve().parent.parent
glassfit = sys.argv[1] if len(sys.argv) > 1 else str(root / "build" / "tools" / "glassfit")
rng = np.random.default_rng(7)
rows = []
for rate in ("3e-4", "3e-3"):
    text = subprocess.run([glassfit, "predict", "--params", str(root / "data/la60ni15al25/table1.toml"), "--protocol",
                           "tension", "--temperature", "430", "--strain-rate", rate, "--max-strain", "0.05", "--points",
                           "40"], check=True, capture_output=True, text=True).stdout
    lines = [l for l in text.splitlines() if not l.startswith("#")][1:]
    for line in lines:
        T, t, e, s = line.split(",")[:4]
        rows.append(f"{T},{t},{e},{float(s) * (1 + 0.005 * rng.standard_normal()):.8g}")
out = root / "data/la60ni15al25/tension_430K_synthetic.csv"
out.write_text("# Synthetic tensile curves of the HC model, Table 1 with sigma_1 = 28000 MPa and a2 = 1.8 (Eqs. 9, 22c),\n"
               "# 430 K, 3e-4 and 3e-3 /s; stress x (1 + N(0, 0.005)), seed 7 (scripts/make-synthetic-tension.py)\n"
               "temperature [K],time [s],strain [-],stress [MPa]\n" + "\n".join(rows) + "\n")
print(f"wrote {out}")
