# SPDX-License-Identifier: BSD-3-Clause
"""The numbers docs/figures.md sets beside Hao et al.'s, from the CSVs scripts/hc-figures.sh writes."""
import csv
import sys
from pathlib import Path

out = Path(sys.argv[1])


def table(name):
    rows = [r for r in csv.reader(l for l in open(out / name) if not l.startswith("#"))]
    head = rows[0]
    return {h: [float(r[i]) for r in rows[1:]] for i, h in enumerate(head)}


def peaks(x, y, lo, hi):
    """Local maxima of y with x in [lo, hi]."""
    return [x[i] for i in range(1, len(x) - 1) if lo <= x[i] <= hi and y[i] > y[i - 1] and y[i] >= y[i + 1]]


d = table("fig5_dma_1Hz.csv")
T, E1, E2 = d["temperature [K]"], d["storage_modulus [MPa]"], d["loss_modulus [MPa]"]
print(f"Fig. 5: E'(300 K) = {E1[0] / 1000:.2f} GPa; E'' peaks at {peaks(T, E2, 300, 550)} K")
for t0 in ["6e-7", "6e-5", "6e-3"]:
    d = table(f"fig6b_t0_{t0}.csv")
    print(f"Fig. 6b: t0 = {t0} s: E'' peaks at {peaks(d['temperature [K]'], d['loss_modulus [MPa]'], 300, 550)} K")
d = table("fig7_master_430K.csv")
f = d["frequency [Hz]"]
print(f"Fig. 7: 430 K master curve: E'' peaks at {[f'{x:.3g}' for x in peaks(f, d['loss_modulus [MPa]'], 0, 1e9)]} Hz; "
      f"beta part peaks at {[f'{x:.3g}' for x in peaks(f, d['loss_modulus_beta [MPa]'], 0, 1e9)]} Hz, "
      f"alpha part at {[f'{x:.3g}' for x in peaks(f, d['loss_modulus_alpha [MPa]'], 0, 1e9)]} Hz")
d = table("fig9_relaxation.csv")
for T0 in sorted(set(d["temperature [K]"])):
    rows = [(t, s) for T, t, s in zip(d["temperature [K]"], d["time [s]"], d["stress [MPa]"]) if T == T0]
    s0 = 0.002 * 33000
    at = {x: min(rows, key=lambda r: abs(r[0] / x - 1))[1] / s0 for x in (1e-2, 1e0, 1e2, 1e4, 1e6)}
    print(f"Fig. 9: {T0:.0f} K: sigma/sigma0 at 1e-2, 1, 1e2, 1e4, 1e6 s = "
          + ", ".join(f"{v:.3f}" for v in at.values()))
for v in ["table1", "linear", "a2_percent"]:
    d = table(f"fig10_tension_{v}.csv")
    e, s = d["strain [-]"], d["stress [MPa]"]
    k = max(range(len(s)), key=lambda i: s[i])
    tail = "" if k < len(s) - 1 else " (still rising at 10 %)"
    print(f"Fig. 10 ({v}): initial slope {s[0] / e[0] / 1000:.1f} GPa, peak {s[k]:.0f} MPa at strain {e[k]:.4f}{tail}; "
          f"at 10 %: {s[-1]:.0f} MPa, chi = {d['chi [-]'][-1]:.3f}, anelastic {d['strain_anelastic [-]'][-1]:.4f}, "
          f"viscoplastic {d['strain_viscoplastic [-]'][-1]:.4f}")
for st in (25, 50):
    for v in ["table1", "linear"]:
        d = table(f"fig11_creep_{st}MPa_{v}.csv")
        t, e = d["time [s]"], d["strain [-]"]
        i330, i660 = t.index(330.0), t.index(660.0)
        print(f"Fig. 11 ({st} MPa, {v}): strain at 330 s {e[i330]:.5f}, at 660 s {e[i660]:.5f} "
              f"(recovered {1 - e[i660] / e[i330]:.1%})")
