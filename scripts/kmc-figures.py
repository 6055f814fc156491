#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Plots and numbers of scripts/kmc-figures.sh: Niiyama et al.'s Figs. 3, 4, 5, 7 and
Appendices A, B from the kMC runs and sweeps in OUTDIR, and Derlet & Maass's load-unload.
Writes fig*.png and numbers.json into OUTDIR and prints the numbers docs/kmc-results.md uses.
Usage: scripts/kmc-figures.py OUTDIR   (Debian's python3 with matplotlib)"""
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OUT = sys.argv[1]
LAWS = [("ti", "time-independent", None), ("b06", "beta = 0.6", 0.6), ("b10", "beta = 1.0", 1.0),
        ("b13", "beta = 1.3", 1.3)]
KB = 8.617333262e-5
# The KWW law's constants (Niiyama et al. Sec. II D; k0 our choice): Eq. 6 and Eq. 15.
E_V, C, Q_R, K0 = 3.28, 60.45, 1.2, 1e13
RHO_DEPS = 0.25 * 0.1  # rho * mean executed strain (Sec. IV: 1/4 and 0.1)


def table(path):
    with open(path) as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    head = rows[0]
    return [{h.split(" [")[0]: float(x) for h, x in zip(head, r)} for r in rows[1:]]


def mean(xs):
    xs = [x for x in xs if not math.isnan(x)]
    return sum(xs) / len(xs) if xs else float("nan")


numbers = {}

# Fig. 3: stress-strain curves at 400 K.
fig, axes = plt.subplots(1, 4, figsize=(16, 4), sharey=True)
for ax, (tag, title, _) in zip(axes, LAWS):
    for rate in ["1e-5", "1e-3", "1e-1", "1e1", "1e3"]:
        d = os.path.join(OUT, f"fig3_{tag}_{rate}")
        if not os.path.isdir(d):
            continue
        rows = table(os.path.join(d, "stress_strain.csv"))
        step = max(1, len(rows) // 2000)
        ax.plot([r["strain"] for r in rows[::step]], [r["stress"] for r in rows[::step]], lw=0.8,
                label=f"{rate} /s")
        rep = json.load(open(os.path.join(d, "report.json")))["results"]
        numbers.setdefault("fig3_flow_stress_MPa", {}).setdefault(tag, {})[rate] = rep["flow_stress_MPa"]
    ax.set_title(f"400 K, {title}")
    ax.set_xlabel("strain [-]")
axes[0].set_ylabel("stress [MPa]")
axes[0].legend(fontsize=8)
fig.tight_layout()
fig.savefig(os.path.join(OUT, "fig3_stress_strain_400K.png"), dpi=110)

# Sweeps: flow stress (Fig. 4), SRS map (Fig. 5), exceedance map (Fig. 7), Appendices A, B.
sweeps = {}
for tag, title, beta in LAWS:
    d = os.path.join(OUT, f"sweep_{tag}")
    if os.path.isfile(os.path.join(d, "sites.csv")):
        sweeps[tag] = (table(os.path.join(d, "flow_stress.csv")), table(os.path.join(d, "srs.csv")),
                       table(os.path.join(d, "sites.csv")))
if sweeps:
    temps = sorted({r["temperature"] for r in next(iter(sweeps.values()))[1]})
    bases = sorted({r["strain_rate"] for r in next(iter(sweeps.values()))[1]})

    fig, axes = plt.subplots(1, 4, figsize=(16, 4), sharey=True)
    for ax, (tag, title, _) in zip(axes, LAWS):
        if tag not in sweeps:
            continue
        flow = sweeps[tag][0]
        for T in [300, 340, 400, 500]:
            rates = sorted({r["strain_rate"] for r in flow if r["temperature"] == T})
            ys = [mean([r["flow_stress"] for r in flow if r["temperature"] == T and r["strain_rate"] == x])
                  for x in rates]
            ax.semilogx(rates, ys, ".-", lw=0.8, label=f"{T:g} K")
        ax.set_title(title)
        ax.set_xlabel("strain rate [1/s]")
    axes[0].set_ylabel("flow stress [MPa] (mean of 2 seeds)")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, "fig4_flow_stress.png"), dpi=110)

    def grid(rows, key, T, x, factor_one=False):
        vals = [r[key] for r in rows if r["temperature"] == T and r["strain_rate"] == x]
        return mean(vals)

    fig, axes = plt.subplots(1, 4, figsize=(17, 4), sharey=True)
    lr = [math.log10(b) for b in bases]
    for ax, (tag, title, beta) in zip(axes, LAWS):
        if tag not in sweeps:
            continue
        srs = sweeps[tag][1]
        z = [[grid(srs, "srs_index", T, b) for b in bases] for T in temps]
        im = ax.pcolormesh(lr, temps, z, cmap="RdBu", vmin=-0.03, vmax=0.03, shading="nearest")
        neg = [(T, b, v) for T, row in zip(temps, z) for b, v in zip(bases, row) if v < 0]
        numbers.setdefault("fig5", {})[tag] = {
            "cells": len(temps) * len(bases),
            "negative": len(neg),
            "negative_cells": [[T, b, round(v, 4)] for T, b, v in neg],
            "m_range": [min(v for row in z for v in row if not math.isnan(v)),
                        max(v for row in z for v in row if not math.isnan(v))],
        }
        if beta:
            ts = [T for T in [temps[0] + (temps[-1] - temps[0]) * k / 100 for k in range(101)]]
            tR = [math.exp(Q_R / (KB * T)) / K0 for T in ts]
            tS = [math.exp(E_V / (KB * T) - C) ** (-1 / beta) * t for T, t in zip(ts, tR)]
            ax.plot([math.log10(RHO_DEPS / t) for t in tR], ts, "k--", lw=1, label="rho dEps / t_R")
            ax.plot([math.log10(RHO_DEPS / t) for t in tS], ts, "k:", lw=1, label="rho dEps / t_s")
            ax.set_xlim(lr[0] - 0.5, lr[-1] + 0.5)
        ax.set_title(f"m, {title}")
        ax.set_xlabel("log10 strain rate [1/s]")
    axes[0].set_ylabel("T [K]")
    axes[3].legend(fontsize=7, loc="lower right")
    fig.colorbar(im, ax=axes, shrink=0.9)
    fig.savefig(os.path.join(OUT, "fig5_srs_map.png"), dpi=110)

    fig, axes = plt.subplots(1, 4, figsize=(17, 4), sharey=True)
    for ax, (tag, title, _) in zip(axes, LAWS):
        if tag not in sweeps:
            continue
        sites = sweeps[tag][2]
        # The runs at the base rates themselves (factor 1); nan (no site >= 0.4) counts as 0.4 here.
        z = [[mean([0.4 if math.isnan(r["exceedance"]) else r["exceedance"] for r in sites
                    if r["temperature"] == T and r["strain_rate"] == b]) for b in bases] for T in temps]
        im = ax.pcolormesh(lr, temps, z, cmap="viridis", vmin=0.4, shading="nearest")
        numbers.setdefault("fig7_max_exceedance", {})[tag] = max(
            [(v, T, b) for T, row in zip(temps, z) for b, v in zip(bases, row)])
        ax.set_title(f"mean exceedance, {title}")
        ax.set_xlabel("log10 strain rate [1/s]")
    axes[0].set_ylabel("T [K]")
    fig.colorbar(im, ax=axes, shrink=0.9)
    fig.savefig(os.path.join(OUT, "fig7_exceedance_map.png"), dpi=110)

    fig, axes = plt.subplots(1, 2, figsize=(12, 4))
    for tag, title, _ in LAWS:
        if tag not in sweeps:
            continue
        sites = sweeps[tag][2]
        for T, style in [(300, ":"), (500, "-")]:
            never = [mean([r["never_transformed"] for r in sites if r["temperature"] == T and r["strain_rate"] == b])
                     for b in bases]
            axes[0].semilogx(bases, never, style, label=f"{title}, {T} K")
        deps = [r["mean_dEps_xx"] for r in sites]
        nev = [r["never_transformed"] for r in sites]
        once = [r["never_transformed"] + r["transformed_once"] for r in sites]
        numbers.setdefault("appendix", {})[tag] = {
            "never_transformed": [min(nev), max(nev)],
            "never_or_once": [min(once), max(once)],
            "mean_dEps_xx": [min(deps), max(deps), mean(deps)],
        }
        axes[1].hist(deps, bins=30, histtype="step", label=title)
    axes[0].set_xlabel("strain rate [1/s]")
    axes[0].set_ylabel("fraction never transformed")
    axes[0].legend(fontsize=7)
    axes[1].set_xlabel("mean executed dEps_xx of a run [-]")
    axes[1].set_ylabel("runs")
    axes[1].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, "appendix_sites.png"), dpi=110)

# Derlet & Maass: residual strain after unloading, and its recovery.
runs = {}
for d in sorted(os.listdir(OUT)):
    if d.startswith("load_unload_") and os.path.isdir(os.path.join(OUT, d)):
        rows = table(os.path.join(OUT, d, "stress_strain.csv"))
        t_load = 30.0 if "_30s_" in d else 300.0
        after = [r for r in rows if r["time"] >= t_load and r["stress"] == 0]
        runs[d] = (rows, t_load, after[0]["strain"], rows[-1]["strain"])
if runs:
    fig, ax = plt.subplots(figsize=(7, 4))
    for d, (rows, t_load, at_unload, end) in runs.items():
        if d.endswith("seed1"):
            ax.semilogx([r["time"] - t_load for r in rows if r["time"] > t_load],
                        [r["strain"] for r in rows if r["time"] > t_load],
                        label=f"loaded at {0.03 / t_load:g} /s")
    ax.set_xlabel("time after unloading [s]")
    ax.set_ylabel("residual shear strain [-]")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, "derlet_maass_recovery.png"), dpi=110)
    numbers["load_unload"] = {d: {"at_unload": a, "end": e} for d, (_, _, a, e) in runs.items()}

with open(os.path.join(OUT, "numbers.json"), "w") as f:
    json.dump(numbers, f, indent=1)
print(json.dumps(numbers, indent=1))
