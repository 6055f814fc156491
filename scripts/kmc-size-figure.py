#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""The SRS index m against the strain rate at one temperature, one line per lattice size:
how the sign of m in Niiyama et al.'s Fig. 5 settles as the lattice grows.
Usage: scripts/kmc-size-figure.py OUT.png TEMPERATURE_K LABEL=SWEEPDIR/srs.csv [...]
Prints each size's range of m and its cells with m < 0 (m ± standard error) (Debian's python3, matplotlib)."""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(2)


def srs_row(path, temperature_K):
    """(rate, m, stderr) of srs.csv at one temperature, sorted by rate."""
    with open(path) as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    head = [h.split(" [")[0] for h in rows[0]]
    out = []
    for r in rows[1:]:
        d = dict(zip(head, map(float, r)))
        if d["temperature"] == temperature_K:
            out.append((d["strain_rate"], d["srs_index"], d["stderr"]))
    if not out:
        fail(f"{path}: no rows at {temperature_K:g} K")
    return sorted(out)


def main():
    if len(sys.argv) < 4 or any("=" not in a for a in sys.argv[3:]):
        fail(__doc__.split("\n")[2])
    out_png = sys.argv[1]
    try:
        temperature_K = float(sys.argv[2])
    except ValueError:
        fail(f"TEMPERATURE_K: {sys.argv[2]!r} is not a number")
    fig, ax = plt.subplots(figsize=(7, 4))
    for shift, arg in enumerate(sys.argv[3:]):
        label, path = arg.split("=", 1)
        try:
            rows = srs_row(path, temperature_K)
        except OSError as e:
            fail(f"{path}: {e.strerror}")
        except (KeyError, ValueError, IndexError):
            fail(f"{path}: not an srs.csv of glassfit kmc (temperature, strain_rate, srs_index, stderr)")
        # A small shift along the rate axis keeps the error bars of the sizes apart.
        rates = [r[0] * 1.15**shift for r in rows]
        ax.errorbar(rates, [r[1] for r in rows], yerr=[r[2] for r in rows], fmt=".-", lw=0.8,
                    capsize=2, label=label)
        negative = [f"{r[0]:g} ({r[1]:+.4f} ± {r[2]:.4f})" for r in rows if r[1] < 0]
        print(f"{label}: m {min(r[1] for r in rows):+.4f} to {max(r[1] for r in rows):+.4f}; "
              f"{len(negative)} of {len(rows)} < 0: {', '.join(negative) or 'none'}")
    ax.axhline(0, color="k", lw=0.5)
    ax.set_xscale("log")
    ax.set_xlabel("strain rate [1/s]")
    ax.set_ylabel("SRS index m [-]")
    ax.set_title(f"m at {temperature_K:g} K (error bars: one standard error)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    try:
        fig.savefig(out_png, dpi=110)
    except OSError as e:
        fail(f"{out_png}: {e.strerror}")


main()
