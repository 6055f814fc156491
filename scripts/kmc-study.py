#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Summarises the issue-32 study (scripts/kmc-study.sh) against paper 000's statements.

Usage: scripts/kmc-study.py OUTDIR [SIDE=64] > study.md

For every variant (clock_reset-catalogue-avalanche_mode) and barrier model found in OUTDIR as
VARIANT_SIDE_LAW/, prints m +- standard error per (temperature, base rate), the run averages
of sites.csv (rejuvenated share, never- and once-transformed fractions, mean executed dEps_xx,
avalanche tail exponent, exceedance), and a scorecard of the paper's statements:
  - beta = 1.3: m < 0 at >= 2 s.e. in a window around 1 /s at 300-400 K, wider at 300 K than
    at 500 K (Sec. III, Figs. 4d, 5d);
  - beta = 1.0: m about zero (Fig. 5c);
  - time-independent and beta = 0.6: m > 0 everywhere (Figs. 5a, b);
  - localisation at 500 K and 1 /s for beta = 1.3 (Fig. 7: exceedance);
  - App. A: never transformed >= ~0.4 and f(0) + f(1) > 0.7; App. B: mean dEps near 0.1.
"""
import csv
import glob
import math
import os
import statistics
import sys

LAWS = {"ti": "time-independent", "b06": "beta 0.6", "b10": "beta 1.0", "b13": "beta 1.3"}


def table(path):
    with open(path) as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def number(text):
    return float(text) if text not in ("nan", "") else math.nan


def srs(folder):
    """{(T, base rate): (m, se)}"""
    out = {}
    for r in table(os.path.join(folder, "srs.csv")):
        out[(number(r["temperature [K]"]), number(r["strain_rate [1/s]"]))] = (number(r["srs_index [-]"]),
                                                                               number(r["stderr [-]"]))
    return out


def sites(folder):
    """run rows of sites.csv, keyed by (T, rate)"""
    out = {}
    for r in table(os.path.join(folder, "sites.csv")):
        out.setdefault((number(r["temperature [K]"]), number(r["strain_rate [1/s]"])), []).append(r)
    return out


def mean(rows, key):
    values = [number(r[key]) for r in rows if key in r and not math.isnan(number(r[key]))]
    return statistics.mean(values) if values else math.nan


def resolved(m, se, sign):
    return not math.isnan(m) and sign * m >= 2 * se


def main():
    out = sys.argv[1]
    side = sys.argv[2] if len(sys.argv) > 2 else "64"
    folders = sorted(glob.glob(os.path.join(out, f"*_{side}_*")))
    found = {}
    for f in folders:
        if not os.path.isdir(f) or not os.path.exists(os.path.join(f, "srs.csv")):
            continue
        variant, _, law = os.path.basename(f).rpartition(f"_{side}_")
        found.setdefault(variant, {})[law] = f
    score = {}
    for variant, laws in found.items():
        print(f"## {variant} ({side} x {side})\n")
        for law in ("b13", "b10", "b06", "ti"):
            if law not in laws:
                continue
            m = srs(laws[law])
            s = sites(laws[law])
            temps = sorted({k[0] for k in m})
            rates = sorted({k[1] for k in m})
            print(f"### {LAWS[law]}: m +- s.e. (** : >= 2 s.e. from 0)\n")
            print("| T [K] | " + " | ".join(f"{r:g} /s" for r in rates) + " |")
            print("|---" * (len(rates) + 1) + "|")
            for T in temps:
                cells = []
                for r in rates:
                    mm, se = m[(T, r)]
                    mark = "**" if resolved(mm, se, 1) or resolved(mm, se, -1) else ""
                    cells.append(f"{mark}{mm:+.4f} +- {se:.4f}{mark}")
                print(f"| {T:g} | " + " | ".join(cells) + " |")
            all_rows = [row for rows in s.values() for row in rows]
            print()
            print(f"runs {len(all_rows)}: rejuvenated share {mean(all_rows, 'rejuvenated_share [-]'):.3f}, "
                  f"never transformed {mean(all_rows, 'never_transformed [-]'):.3f}, "
                  f"f(0)+f(1) {mean(all_rows, 'never_transformed [-]') + mean(all_rows, 'transformed_once [-]'):.3f}, "
                  f"mean dEps_xx {mean(all_rows, 'mean_dEps_xx [-]'):.4f}, "
                  f"avalanche tail exponent {mean(all_rows, 'avalanche_tail_exponent [-]'):.2f}")
            for T in temps:
                rows = [row for k, rs in s.items() if k[0] == T for row in rs]
                print(f"  {T:g} K: rejuvenated share {mean(rows, 'rejuvenated_share [-]'):.3f}, "
                      f"never {mean(rows, 'never_transformed [-]'):.3f}, once {mean(rows, 'transformed_once [-]'):.3f}")
            near_one = [row for k, rs in s.items() if k[0] == 500 and 0.1 <= k[1] <= 10 for row in rs]
            if near_one:
                print(f"  500 K, 0.2-4 /s: exceedance {mean(near_one, 'exceedance [-]'):.3f}")
            print()
            sc = score.setdefault(variant, {})
            if law == "b13":
                neg = {T: [r for r in rates if resolved(*m[(T, r)], -1)] for T in temps}
                window = [r for r in rates if 1e-2 <= r <= 1e2]
                sc["b13 negative near 1 /s, 300 K"] = f"{sum(r in neg.get(300, []) for r in window)} of {len(window)}"
                sc["b13 negative near 1 /s, 400 K"] = f"{sum(r in neg.get(400, []) for r in window)} of {len(window)}"
                sc["b13 negative rates 300 / 500 K"] = f"{len(neg.get(300, []))} / {len(neg.get(500, []))}"
                sc["b13 exceedance 500 K, 1 /s"] = f"{mean(near_one, 'exceedance [-]'):.3f}" if near_one else "-"
                sc["rejuvenated share (b13)"] = f"{mean(all_rows, 'rejuvenated_share [-]'):.3f}"
                sc["never / f0+f1 (b13)"] = (f"{mean(all_rows, 'never_transformed [-]'):.2f} / "
                                             f"{mean(all_rows, 'never_transformed [-]') + mean(all_rows, 'transformed_once [-]'):.2f}")
                sc["mean dEps_xx (b13)"] = f"{mean(all_rows, 'mean_dEps_xx [-]'):.3f}"
            if law == "b10":
                big = max(abs(mm) for mm, _ in m.values())
                sc["b10 resolved (neg / pos), max abs m"] = (
                    f"{sum(resolved(*v, -1) for v in m.values())} / {sum(resolved(*v, 1) for v in m.values())}, {big:.4f}")
            if law in ("ti", "b06"):
                sc[f"{law} resolved negative cells"] = f"{sum(resolved(*v, -1) for v in m.values())} of {len(m)}"
    print("## Scorecard\n")
    keys = sorted({k for sc in score.values() for k in sc})
    print("| statement | " + " | ".join(score) + " |")
    print("|---" * (len(score) + 1) + "|")
    for k in keys:
        print(f"| {k} | " + " | ".join(score[v].get(k, "-") for v in score) + " |")


if __name__ == "__main__":
    main()
