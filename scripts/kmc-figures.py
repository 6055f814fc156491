#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Plots and numbers of scripts/kmc-figures.sh: Niiyama et al.'s Figs. 3, 4, 5, 7 and
Appendices A, B from the kMC runs and sweeps in OUTDIR, and Derlet & Maass's load-unload.
Writes fig*SUFFIX.png and numbers SUFFIX.json into OUTDIR and prints the numbers
docs/kmc-results.md uses. Any sweep grid works (the 128 x 128 study sweeps have 3 temperatures and
5 base rates); cells whose m is at least 2 standard errors from zero are marked on the SRS map.
Usage: scripts/kmc-figures.py OUTDIR [SUFFIX, e.g. _128]   (Debian's python3 with matplotlib)"""
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import LogLocator  # noqa: E402

OUT = sys.argv[1]
SUFFIX = sys.argv[2] if len(sys.argv) > 2 else ""
LAWS = [("ti", "time-independent", None), ("b06", "β = 0.6", 0.6), ("b10", "β = 1.0", 1.0),
        ("b13", "β = 1.3", 1.3)]
KB = 8.617333262e-5
# The KWW law's constants (Niiyama et al. Sec. II D; k0 our choice): Eq. 6 and Eq. 15.
E_V, C, Q_R, K0 = 3.28, 60.45, 1.2, 1e13
RHO_DEPS = 0.25 * 0.1  # rho * mean executed strain (Sec. IV: 1/4 and 0.1)


def table(path):
    with open(path) as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    head = rows[0]
    return [{h.split(" [")[0]: float(x) for h, x in zip(head, r)} for r in rows[1:]]


def figure_path(name):
    return os.path.join(OUT, f"{name}{SUFFIX}.png")


def log_rate_axis(ax, labels=7):
    """Strain rate on a log axis labelled 10^n, at most `labels` labelled decades."""
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10, numticks=labels))
    ax.set_xlabel("strain rate [1/s]")


def cell_edges(centres):
    """Edges of log-spaced cells centred on sorted rates (for pcolormesh on a log axis)."""
    lg = [math.log10(c) for c in centres]
    half = [(b - a) / 2 for a, b in zip(lg, lg[1:])] or [0.5]
    edges = [lg[0] - half[0]] + [a + h for a, h in zip(lg, half)] + [lg[-1] + half[-1]]
    return [10**e for e in edges]


def temperature_edges(temps):
    """Edges of temperature cells centred on sorted temperatures."""
    half = [(b - a) / 2 for a, b in zip(temps, temps[1:])] or [25]
    return [temps[0] - half[0]] + [a + h for a, h in zip(temps, half)] + [temps[-1] + half[-1]]


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
                label=f"{rate} /s", color=plt.cm.viridis(["1e-5", "1e-3", "1e-1", "1e1", "1e3"].index(rate) / 4))
        rep = json.load(open(os.path.join(d, "report.json")))["results"]
        numbers.setdefault("fig3_flow_stress_MPa", {}).setdefault(tag, {})[rate] = rep["flow_stress_MPa"]
    ax.set_title(f"400 K, {title}")
    ax.set_xlabel("strain [-]")
axes[0].set_ylabel("stress [MPa]")
axes[0].legend(fontsize=8, title="strain rate", title_fontsize=8)
fig.tight_layout()
if "fig3_flow_stress_MPa" in numbers:
    fig.savefig(figure_path("fig3_stress_strain_400K"), dpi=110)
plt.close(fig)

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
        seeds = len({r["seed"] for r in flow})
        for T in temps:
            rates = sorted({r["strain_rate"] for r in flow if r["temperature"] == T})
            ys = [mean([r["flow_stress"] for r in flow if r["temperature"] == T and r["strain_rate"] == x])
                  for x in rates]
            colour = plt.cm.plasma(0.85 * (T - temps[0]) / max(1, temps[-1] - temps[0]))
            ax.plot(rates, ys, ".-", lw=0.8, ms=3, color=colour, label=f"{T:g} K")
        ax.set_title(title)
        log_rate_axis(ax)
    axes[0].set_ylabel(f"flow stress [MPa] (mean of {seeds} seeds)")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(figure_path("fig4_flow_stress"), dpi=110)
    plt.close(fig)

    def grid(rows, key, T, x, factor_one=False):
        vals = [r[key] for r in rows if r["temperature"] == T and r["strain_rate"] == x]
        return mean(vals)

    fig, axes = plt.subplots(1, 4, figsize=(17, 4.6), sharey=True)
    xe, ye = cell_edges(bases), temperature_edges(temps)
    for ax, (tag, title, beta) in zip(axes, LAWS):
        if tag not in sweeps:
            continue
        srs = sweeps[tag][1]
        z = [[grid(srs, "srs_index", T, b) for b in bases] for T in temps]
        se = [[grid(srs, "stderr", T, b) for b in bases] for T in temps]
        # Blue below zero, white at zero, red above (as glassfit srs and kmc draw their maps).
        im = ax.pcolormesh(xe, ye, z, cmap="RdBu_r", vmin=-0.03, vmax=0.03)
        neg = [(T, b, v) for T, row in zip(temps, z) for b, v in zip(bases, row) if v < 0]
        resolved = [(T, b, v) for T, row, srow in zip(temps, z, se) for b, v, e in zip(bases, row, srow)
                    if abs(v) >= 2 * e]
        for sign, marker in [(-1, "v"), (1, "^")]:
            pts = [(b, T) for T, b, v in resolved if v * sign > 0]
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], marker, ms=3, color="k", ls="none",
                        label="m < 0 at ≥ 2 s.e." if sign < 0 else "m > 0 at ≥ 2 s.e.")
        numbers.setdefault("fig5", {})[tag] = {
            "cells": len(temps) * len(bases),
            "negative": len(neg),
            "negative_resolved": sum(1 for _, _, v in resolved if v < 0),
            "positive_resolved": sum(1 for _, _, v in resolved if v > 0),
            "median_stderr": sorted(e for row in se for e in row)[len(bases) * len(temps) // 2],
            "negative_cells": [[T, b, round(v, 4)] for T, b, v in neg],
            "m_range": [min(v for row in z for v in row if not math.isnan(v)),
                        max(v for row in z for v in row if not math.isnan(v))],
        }
        if beta:
            ts = [T for T in [temps[0] + (temps[-1] - temps[0]) * k / 100 for k in range(101)]]
            tR = [math.exp(Q_R / (KB * T)) / K0 for T in ts]
            tS = [math.exp(E_V / (KB * T) - C) ** (-1 / beta) * t for T, t in zip(ts, tR)]
            ax.plot([RHO_DEPS / t for t in tR], ts, "k--", lw=1, label="ρΔε / t_R")
            ax.plot([RHO_DEPS / t for t in tS], ts, "k:", lw=1, label="ρΔε / t_s")
        ax.set_xlim(xe[0], xe[-1])
        ax.set_ylim(ye[0], ye[-1])
        ax.set_title(title)
        log_rate_axis(ax, labels=6)
    axes[0].set_ylabel("temperature [K]")
    handles, labels = axes[3].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.subplots_adjust(bottom=0.24)
    fig.colorbar(im, ax=axes, shrink=0.9, label="SRS index m [-]")
    fig.savefig(figure_path("fig5_srs_map"), dpi=110)
    plt.close(fig)

    fig, axes = plt.subplots(1, 4, figsize=(17, 4), sharey=True)
    for ax, (tag, title, _) in zip(axes, LAWS):
        if tag not in sweeps:
            continue
        sites = sweeps[tag][2]
        # The runs at the base rates themselves (factor 1); nan (no site >= 0.4) counts as 0.4 here.
        z = [[mean([0.4 if math.isnan(r["exceedance"]) else r["exceedance"] for r in sites
                    if r["temperature"] == T and r["strain_rate"] == b]) for b in bases] for T in temps]
        im = ax.pcolormesh(xe, ye, z, cmap="viridis", vmin=0.4)
        numbers.setdefault("fig7_max_exceedance", {})[tag] = max(
            [(v, T, b) for T, row in zip(temps, z) for b, v in zip(bases, row)])
        ax.set_title(title)
        log_rate_axis(ax, labels=6)
    axes[0].set_ylabel("temperature [K]")
    fig.subplots_adjust(bottom=0.16)
    fig.colorbar(im, ax=axes, shrink=0.9, label="mean ε̃ of sites ≥ 0.4 at strain 0.1 [-]")
    fig.savefig(figure_path("fig7_exceedance_map"), dpi=110)
    plt.close(fig)

    fig, axes = plt.subplots(1, 2, figsize=(12, 4))
    for k, (tag, title, _) in enumerate(LAWS):
        if tag not in sweeps:
            continue
        sites = sweeps[tag][2]
        for T, style in [(300, ":"), (500, "-")]:
            never = [mean([r["never_transformed"] for r in sites if r["temperature"] == T and r["strain_rate"] == b])
                     for b in bases]
            axes[0].plot(bases, never, style, color=f"C{k}", label=f"{title}, {T} K")
        deps = [r["mean_dEps_xx"] for r in sites]
        nev = [r["never_transformed"] for r in sites]
        once = [r["never_transformed"] + r["transformed_once"] for r in sites]
        numbers.setdefault("appendix", {})[tag] = {
            "never_transformed": [min(nev), max(nev)],
            "never_or_once": [min(once), max(once)],
            "mean_dEps_xx": [min(deps), max(deps), mean(deps)],
        }
        axes[1].hist(deps, bins=30, histtype="step", color=f"C{k}", label=title)
    log_rate_axis(axes[0])
    axes[0].set_ylabel("fraction never transformed [-]")
    low, high = axes[0].get_ylim()
    axes[0].set_ylim(low, high + 0.45 * (high - low))  # room for the legend above the curves
    axes[0].legend(fontsize=7, ncol=2, loc="upper center")
    axes[1].set_xlabel("mean executed Δε_xx of a run [-]")
    axes[1].set_ylabel("runs")
    axes[1].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(figure_path("appendix_sites"), dpi=110)
    plt.close(fig)

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
    fig.savefig(figure_path("derlet_maass_recovery"), dpi=110)
    numbers["load_unload"] = {d: {"at_unload": a, "end": e} for d, (_, _, a, e) in runs.items()}

with open(os.path.join(OUT, f"numbers{SUFFIX}.json"), "w") as f:
    json.dump(numbers, f, indent=1)
print(json.dumps(numbers, indent=1))
