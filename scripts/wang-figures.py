#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Plots and numbers of scripts/wang-figures.sh: Wang et al.'s stress-strain curves, barrier
change dQ/Q, yield (peak) stress, extreme-site fraction and localisation index against strain
rate for their three glasses, and against the softening limit, from the runs in OUTDIR/runs.
Writes wang_*.png, numbers.json and measures.csv into OUTDIR and prints the numbers
docs/kmc-results.md uses.
Usage: scripts/wang-figures.py OUTDIR   (Debian's python3 with matplotlib)"""
import csv
import glob
import json
import math
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OUT = sys.argv[1]
RUNS = os.path.join(OUT, "runs")
GLASSES = [("q18", "dF* 1.8 eV, eta_max -ln 0.67"), ("q20", "dF* 2.0 eV, eta_max -ln 0.6"),
           ("q22", "dF* 2.2 eV, eta_max -ln 0.55")]
SOFTENING = [("soft1", "-ln 0.8"), ("soft2", "-ln 0.7"), ("q20", "-ln 0.6")]
MEASURES = ["barrier_shift_transformed", "barrier_shift", "peak_stress_MPa", "extreme_site_fraction",
            "localisation_index"]


def runs(tag):
    """{rate: [results.softening of each seed]} of the runs named TAG_rateR_seedS."""
    found = {}
    for path in sorted(glob.glob(os.path.join(RUNS, f"{tag}_rate*_seed*", "report.json"))):
        rate = float(re.search(r"_rate([^_]+)_seed", path).group(1))
        with open(path) as f:
            found.setdefault(rate, []).append(json.load(f)["results"]["softening"])
    return dict(sorted(found.items()))


def stats(values):
    values = [v for v in values if v is not None and not math.isnan(v)]
    if not values:
        return float("nan"), float("nan")
    m = sum(values) / len(values)
    sd = math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1)) if len(values) > 1 else 0.0
    return m, sd


def curve(path):
    with open(path) as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    return [float(r[1]) for r in rows[1:]], [float(r[2]) for r in rows[1:]]


numbers = {"glasses": {}, "softening_limit": {}}
for tag, label in GLASSES:
    numbers["glasses"][tag] = {"label": label, "rates_per_s": [], **{k: [] for k in MEASURES},
                               **{k + "_sd": [] for k in MEASURES}}
    for rate, rs in runs(tag).items():
        g = numbers["glasses"][tag]
        g["rates_per_s"].append(rate)
        for k in MEASURES:
            m, sd = stats([r[k] for r in rs])
            g[k].append(m), g[k + "_sd"].append(sd)
for tag, label in SOFTENING:
    rs = runs(tag).get(1e-4, [])
    numbers["softening_limit"][label] = {k: stats([r[k] for r in rs])[0] for k in MEASURES}

# Stress-strain curves at 1e-4 /s (seed 1), the three glasses (Wang Fig. 6a).
fig, ax = plt.subplots(figsize=(6, 4))
for tag, label in GLASSES:
    path = os.path.join(RUNS, f"{tag}_rate1e-4_seed1", "stress_strain.csv")
    if os.path.exists(path):
        x, y = curve(path)
        ax.plot(x, y, lw=1, label=label)
ax.set(xlabel="strain [-]", ylabel="stress [MPa]", title="1e-4 /s, 300 K, to 2 % plastic strain")
ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(os.path.join(OUT, "wang_stress_strain.png"), dpi=120)

# The measures against the strain rate (Wang Figs. 7c, d and the dQ/Q of Sec. 3.4).
panels = [("barrier_shift_transformed", "dQ/Q, transformed voxels [-]"), ("barrier_shift", "dQ/Q, all voxels [-]"),
          ("peak_stress_MPa", "peak stress [MPa]"), ("extreme_site_fraction", "extreme sites (> 0.7) [-]"),
          ("localisation_index", "localisation index [-]")]
fig, axes = plt.subplots(1, len(panels), figsize=(4 * len(panels), 3.6))
for ax, (k, name) in zip(axes, panels):
    for tag, label in GLASSES:
        g = numbers["glasses"][tag]
        ax.errorbar(g["rates_per_s"], g[k], yerr=g[k + "_sd"], marker="o", ms=3, capsize=2, label=label)
    ax.set(xscale="log", xlabel="strain rate [1/s]", ylabel=name)
    if k == "barrier_shift_transformed":
        ax.plot([1e-4, 1e2], [0.165, 0.215], "k*", ms=9, label="Wang et al. (text)")
axes[0].legend(fontsize=7)
fig.tight_layout()
fig.savefig(os.path.join(OUT, "wang_measures_vs_rate.png"), dpi=110)

with open(os.path.join(OUT, "measures.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["run"] + MEASURES + ["plastic_strain"])
    for path in sorted(glob.glob(os.path.join(RUNS, "*", "report.json"))):
        with open(path) as g:
            s = json.load(g)["results"]["softening"]
        w.writerow([os.path.basename(os.path.dirname(path))] + [s[k] for k in MEASURES + ["plastic_strain"]])
with open(os.path.join(OUT, "numbers.json"), "w") as f:
    json.dump(numbers, f, indent=1)
for tag, label in GLASSES:
    g = numbers["glasses"][tag]
    print(label)
    for i, rate in enumerate(g["rates_per_s"]):
        print(f"  {rate:7.0e} /s: dQ/Q {g['barrier_shift_transformed'][i]:.3f} (all voxels {g['barrier_shift'][i]:.4f}), "
              f"peak {g['peak_stress_MPa'][i]:.0f} +- {g['peak_stress_MPa_sd'][i]:.0f} MPa, "
              f"extreme {g['extreme_site_fraction'][i]:.4f}, localisation {g['localisation_index'][i]:.4f}")
for label, m in numbers["softening_limit"].items():
    print(f"eta_max {label}: dQ/Q {m['barrier_shift_transformed']:.3f}, peak {m['peak_stress_MPa']:.0f} MPa, "
          f"extreme {m['extreme_site_fraction']:.4f}, localisation {m['localisation_index']:.4f}")
