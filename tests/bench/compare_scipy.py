#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""The isochronal DMA fit of dma_fit_spec.toml done by SciPy least_squares (TRF) and lmfit
(MINPACK leastsq), with the HC model (Eq. 8, 11b, 17b, 22, 24, 25b published) written in NumPy.
Same data, start, bounds, fitted coordinates (log10 for log-scale parameters) and residual
scale as glassfit. Prints one line per method: seconds, final cost (1/2 sum r^2), evaluations.
Given the path of bench_fit, it first runs glassfit's same fit there (Google Benchmark,
BM_Fit/IsochronalDma) and then prints each alternative's time as a multiple of glassfit's.
Run with Debian's /usr/bin/python3 (python3-scipy, python3-lmfit):
    /usr/bin/python3 tests/bench/compare_scipy.py [build/tests/bench/bench_fit]"""
import json
import subprocess
import csv
import os
import sys
import time

import numpy as np
from numpy.polynomial.legendre import leggauss
from scipy.optimize import least_squares

R = 8.314462618
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "../../data/la60ni15al25-synthetic/dma_isochronal.csv")

rows = [r for r in csv.reader(l for l in open(DATA) if not l.startswith("#"))][1:]
T, f, E1, E2 = (np.array([float(r[i]) for r in rows]) for i in range(4))
w = 2 * np.pi * f
s1 = 0.003 * E1
s2 = np.hypot(0.01 * E2, 2.0)

# name, start, min, max, log10
P = [("E_u", 36000, 1e4, 6e4, False), ("E_r", 28000, 1e4, 6e4, False), ("U_beta", 9.0e4, 5e4, 1.5e5, False),
     ("tau_beta0", 4e-13, 1e-18, 1e-8, True), ("A_an", 3e-5, 1e-7, 1e-3, True), ("A_vp", 0.75e-5, 1e-7, 1e-3, True),
     ("chi_Tg", 0.44, 0.1, 1, False), ("a1", 0.0021, 0, 0.02, False), ("t0", 1.2e-6, 1e-10, 1e-2, True),
     ("B", 0.33, 0.05, 2, False)]
T_g = 453.0
x0 = np.array([np.log10(p[1]) if p[4] else p[1] for p in P])
lo = np.array([np.log10(p[2]) if p[4] else p[2] for p in P])
hi = np.array([np.log10(p[3]) if p[4] else p[3] for p in P])
gl_x, gl_w = leggauss(8)


def values(x):
    return [10 ** xi if p[4] else xi for xi, p in zip(x, P)]


def gumbel_nodes(B):
    h = min(0.5, 1.2 * B)
    edges = np.append(np.arange(-46.0, 5.0, h), 5.0)
    mid, half = 0.5 * (edges[1:] + edges[:-1]), 0.5 * (edges[1:] - edges[:-1])
    u = (mid[:, None] + half[:, None] * gl_x[None, :]).ravel()
    wt = (half[:, None] * gl_w[None, :]).ravel() * np.exp(u - np.exp(u))
    return u, wt


def residuals(x):
    E_u, E_r, U, tb0, A_an, A_vp, chi_Tg, a1, t0, B = values(x)
    if not E_r < E_u:
        return np.full(2 * len(T), 1e6)
    chi = np.minimum(np.where(T <= T_g, chi_Tg, chi_Tg + a1 * (T - T_g)), 1.0)
    tb = tb0 * np.exp(U / (R * T))
    tmax = (tb / t0 ** (1 - chi)) ** (1 / chi)
    tan = chi ** (1 / chi) * tmax
    u, wt = gumbel_nodes(B)
    tau = tb[:, None] * np.exp(u[None, :] / B)
    beta = (wt[None, :] / (1 + 1j * w[:, None] * tau)).sum(axis=1)
    J = 1 / E_u + (1 / E_r - 1 / E_u) * beta + A_an * (1j * w * tan) ** (-chi) + A_vp / (1j * w * tmax)
    E = 1 / J
    return np.concatenate([(E.real - E1) / s1, (E.imag - E2) / s2])


def run_scipy():
    t = time.perf_counter()
    r = least_squares(residuals, x0, bounds=(lo, hi), method="trf", x_scale="jac", ftol=1e-12, xtol=1e-12,
                      gtol=1e-14, max_nfev=20000)
    return time.perf_counter() - t, r.cost, r.nfev, r.status > 0


def run_lmfit():
    import lmfit
    params = lmfit.Parameters()
    for (name, *_), v, a, b in zip(P, x0, lo, hi):
        params.add(name, value=v, min=a, max=b)
    t = time.perf_counter()
    out = lmfit.minimize(lambda p: residuals(np.array([p[n[0]].value for n in P])), params, method="leastsq",
                         ftol=1e-12, xtol=1e-12, max_nfev=20000)
    return time.perf_counter() - t, 0.5 * float(np.sum(out.residual ** 2)), out.nfev, out.success


def run_glassfit(bench_fit):
    out = subprocess.run([bench_fit, "--benchmark_filter=IsochronalDma", "--benchmark_format=json"],
                         check=True, capture_output=True, text=True).stdout
    b = json.loads(out)["benchmarks"][0]
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
    return b["real_time"] * scale, b["cost"], bool(b["converged"])


if __name__ == "__main__":
    ours = None
    if len(sys.argv) > 1:
        ours, cost, ok = run_glassfit(sys.argv[1])
        print(f"glassfit (bench_fit, Ceres): {ours:.3f} s, cost {cost:.6g}, converged {ok}")
        sys.stdout.flush()
    for name, fn in (("scipy least_squares (trf)", run_scipy), ("lmfit leastsq (MINPACK)", run_lmfit)):
        seconds, cost, nfev, ok = fn()
        ratio = f", {seconds / ours:.1f}x glassfit's time" if ours else ""
        print(f"{name}: {seconds:.2f} s, cost {cost:.6g}, {nfev} evaluations, success {ok}{ratio}")
        sys.stdout.flush()
