#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Posterior sampling on the synthetic joint fit (fits/la60ni15al25_joint.toml: DMA, creep with
recovery, stress relaxation; 10 free parameters): glassfit.sample with emcee, then per parameter
the truth (data/la60ni15al25-synthetic/truth.txt), the fit's value and standard error, the
posterior mean, median and 68 %/95 % credible intervals, and whether the truth lies inside.

Usage: PYTHONPATH=build/python /usr/bin/python3 scripts/sampling-study.py [steps=4000] [walkers=40] [seed=1]
"""
import os
import sys
import time

import numpy as np

import glassfit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    walkers = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    truth = {}
    for line in open(os.path.join(ROOT, "data", "la60ni15al25-synthetic", "truth.txt")):
        if "=" in line:
            k, v = line.split("=")
            truth[k.strip()] = float(v)
    t0 = time.time()
    r = glassfit.fit(os.path.join(ROOT, "fits", "la60ni15al25_joint.toml"))
    t1 = time.time()
    s = glassfit.sample(r, steps=steps, walkers=walkers, seed=seed)
    t2 = time.time()
    print(f"fit {t1 - t0:.1f} s (chi2_reduced {r.chi2_reduced:.4f}), sampling {t2 - t1:.1f} s "
          f"({steps} steps x {s.chain.shape[1]} walkers, burn {s.burn})")
    print(s.table())
    print(f"\n{'parameter':<10} {'truth':>12} {'(mean-truth)/sd':>16} {'in 68%':>7} {'in 95%':>7} "
          f"{'68% width / 2 se':>17} {'tau':>6}")
    inside68 = inside95 = 0
    for i, k in enumerate(s.labels):
        flat = s.chain[s.burn:, :, i].ravel()
        sd = flat.std()
        c68, c95 = s.credible[k]["68"], s.credible[k]["95"]
        in68, in95 = c68[0] <= truth[k] <= c68[1], c95[0] <= truth[k] <= c95[1]
        inside68 += in68
        inside95 += in95
        print(f"{k:<10} {truth[k]:>12.6g} {(s.mean[k] - truth[k]) / sd:>16.2f} {str(in68):>7} {str(in95):>7} "
              f"{(c68[1] - c68[0]) / (2 * s.stderr[k]):>17.3f} {s.autocorr_time[i]:>6.1f}")
    print(f"truth inside the 68 % credible interval for {inside68} of {len(s.labels)}, the 95 % for {inside95}")


if __name__ == "__main__":
    main()
