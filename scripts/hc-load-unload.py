# SPDX-License-Identifier: BSD-3-Clause
"""Derlet & Maass's load-unload protocol in the HC model (docs/figures.md): strain-controlled
loading to 1.2 % at several rates, an instant unload to zero stress, then a hold at zero stress.
Prints the residual strain just after unloading and its recovery, and writes
OUTDIR/load_unload_430K.csv. Table 1 parameters, 430 K.
Usage: /usr/bin/python3 scripts/hc-load-unload.py [OUTDIR] [path/to/glassfit]"""
import subprocess
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
out = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "docs" / "figures"
glassfit = sys.argv[2] if len(sys.argv) > 2 else str(root / "build" / "tools" / "glassfit")
T, strain_max = 430, 0.012


def predict(*args):
    text = subprocess.run([glassfit, "predict", "--temperature", str(T), *args], check=True, capture_output=True,
                          text=True).stdout
    rows = [l.split(",") for l in text.splitlines() if not l.startswith("#")]
    return [dict(zip(rows[0], map(float, r))) for r in rows[1:]]


lines = ["rate [1/s],time_after_unload_over_load_time [-],residual_strain [-],anelastic [-],viscoplastic [-]"]
print(f"{'rate 1/s':>9} {'peak MPa':>9} {'residual':>10} {'after 1x':>10} {'after 10x':>10} {'after 100x':>10} {'viscoplastic':>12}")
for rate in (3e-3, 3e-4, 3e-5):
    t_load = strain_max / rate
    load = predict("--protocol", "tension", "--strain-rate", str(rate), "--max-strain", str(strain_max), "--points", "60")
    # The loading's stress as a stress path (it gives back the strain path to 2e-3), an instant
    # unload at t_load, and a hold at zero stress for 100 loading times.
    path = ",".join(f"{r['stress [MPa]']:.10g}@{r['time [s]']:.10g}" for r in load)
    path += f",0@{t_load:.10g},0@{101 * t_load:.10g}"
    ratios = [1e-3, 1e-2, 0.1, 0.3, 1, 3, 10, 30, 100]
    times = ",".join(f"{t_load * (1 + x):.10g}" for x in ratios)
    hold = predict("--protocol", "history", "--stress-path", path, "--time", times)
    for x, r in zip(ratios, hold):
        lines.append(f"{rate:g},{x:g},{r['strain [-]']:.6g},{r['strain_anelastic [-]']:.6g},{r['strain_viscoplastic [-]']:.6g}")
    pick = {x: r for x, r in zip(ratios, hold)}
    print(f"{rate:9.0e} {load[-1]['stress [MPa]']:9.1f} {pick[1e-3]['strain [-]']:10.3e} {pick[1]['strain [-]']:10.3e} "
          f"{pick[10]['strain [-]']:10.3e} {pick[100]['strain [-]']:10.3e} {pick[100]['strain_viscoplastic [-]']:12.3e}")
out.mkdir(parents=True, exist_ok=True)
(out / "load_unload_430K.csv").write_text("\n".join(lines) + "\n")
print(f"wrote {out / 'load_unload_430K.csv'}")
