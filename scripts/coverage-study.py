#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Coverage of the fit's 68 % intervals: profile likelihood against standard errors.

For each of N noise realisations of the synthetic La60Ni15Al25 data, the noise-free data are
predicted at the truth (data/la60ni15al25-synthetic/truth.txt), the files' stated noise is drawn
with a fixed seed, the data are fitted with [fit] intervals = "profile", and each parameter's truth
is checked against its 68 % profile interval and against value +- 1 standard error. By default
the DMA fit (isochronal and isothermal, fits/la60ni15al25_dma.toml, 10 free parameters); with
--joint the joint fit of all four files (fits/la60ni15al25_joint.toml: DMA, creep and recovery,
stress relaxation).

Usage: /usr/bin/python3 scripts/coverage-study.py build/tools/glassfit [N=50] [first_seed=1] [--joint]
Writes a table per realisation to standard output and the coverages at the end.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "la60ni15al25-synthetic")
DMA = ["dma_isochronal.csv", "dma_isothermal.csv"]
CREEP, RELAX = "creep_recovery_430K.csv", "stress_relaxation.csv"


def read_rows(path):
    """(header line, rows of floats)."""
    lines = [l for l in open(path) if not l.startswith("#") and l.strip()]
    return lines[0], [[float(x) for x in l.split(",")] for l in lines[1:]]


def runs(rows, new_run):
    """Rows split where new_run(previous, row) says a test starts."""
    out = [[rows[0]]]
    for a, b in zip(rows, rows[1:]):
        (out.append([b]) if new_run(a, b) else out[-1].append(b))
    return out


def predict_time(glassfit, params, work, args):
    csv = os.path.join(work, "pred.csv")
    subprocess.run([glassfit, "predict", "--params", params, "-o", csv] + args, check=True)
    return [float(l.split(",")[-1]) for l in [l for l in open(csv) if not l.startswith("#")][1:]]


def creep_clean(glassfit, params, work, rows):
    """Strain of each creep run (T, t, stress, strain) at the truth: the stress steps at the
    earlier row's time, as the reader takes them."""
    out = []
    for run in runs(rows, lambda a, b: b[1] <= a[1]):
        steps = [f"{run[0][2]!r}@0"] + [f"{b[2]!r}@{a[1]!r}" for a, b in zip(run, run[1:]) if b[2] != a[2]]
        out += predict_time(glassfit, params, work, ["--protocol", "creep", "--temperature", repr(run[0][0]),
                                                     "--stress", ",".join(steps),
                                                     "--time", ",".join(repr(r[1]) for r in run)])
    return out


def relaxation_clean(glassfit, params, work, rows):
    """Stress of each relaxation run (T, t, strain, stress) at the truth."""
    out = []
    for run in runs(rows, lambda a, b: b[0] != a[0]):
        out += predict_time(glassfit, params, work, ["--protocol", "relaxation", "--temperature", repr(run[0][0]),
                                                     "--strain", repr(run[0][2]),
                                                     "--time", ",".join(repr(r[1]) for r in run)])
    return out


def read_points(path):
    rows = [l for l in open(path) if not l.startswith("#")][1:]
    return [tuple(float(x) for x in r.split(",")[:2]) for r in rows if r.strip()]


def predict(glassfit, params, points, work):
    """E', E'' at the truth for every (T, f), one predict call per frequency."""
    by_f = {}
    for i, (T, f) in enumerate(points):
        by_f.setdefault(f, []).append((T, i))
    out = [None] * len(points)
    for f, items in by_f.items():
        temps = ",".join(repr(T) for T, _ in items)
        csv = os.path.join(work, "pred.csv")
        subprocess.run([glassfit, "predict", "--protocol", "dma", "--params", params, "--temperature", temps,
                        "--frequency", repr(f), "-o", csv], check=True)
        rows = [l.split(",") for l in open(csv) if not l.startswith("#")][1:]
        by_T = {}
        for r in rows:
            by_T.setdefault(float(r[0]), (float(r[2]), float(r[3])))
        for T, i in items:
            out[i] = by_T[T]
    return out


def main():
    glassfit = os.path.abspath(sys.argv[1])
    args = [a for a in sys.argv[2:] if a != "--joint"]
    joint = "--joint" in sys.argv
    n = int(args[0]) if len(args) > 0 else 50
    first = int(args[1]) if len(args) > 1 else 1
    truth = {}
    for line in open(os.path.join(DATA, "truth.txt")):
        k, v = line.split("=")
        truth[k.strip()] = float(v)
    work = tempfile.mkdtemp(prefix="glassfit-coverage-")
    params = os.path.join(work, "truth.toml")
    with open(params, "w") as fh:
        fh.write('model = "hc"\n' + "".join(f"{k} = {v!r}\n" for k, v in truth.items()))
    points = {f: read_points(os.path.join(DATA, f)) for f in DMA}
    clean = {f: predict(glassfit, params, points[f], work) for f in DMA}
    if joint:
        creep_header, creep_rows = read_rows(os.path.join(DATA, CREEP))
        relax_header, relax_rows = read_rows(os.path.join(DATA, RELAX))
        creep_strain = creep_clean(glassfit, params, work, creep_rows)
        relax_stress = relaxation_clean(glassfit, params, work, relax_rows)
    spec = open(os.path.join(ROOT, "fits", "la60ni15al25_joint.toml" if joint else "la60ni15al25_dma.toml")).read()
    spec = spec.replace("../data/la60ni15al25-synthetic/", "").replace(
        '[parameters]', '[fit]\nintervals = "profile"\n\n[parameters]')
    hits_profile, hits_stderr, total, unbounded = {}, {}, 0, 0
    for seed in range(first, first + n):
        rng = np.random.default_rng(seed)
        if joint:
            with open(os.path.join(work, CREEP), "w") as fh:  # strain + N(0, 2e-6)
                fh.write(creep_header)
                for r, e in zip(creep_rows, creep_strain):
                    fh.write(f"{r[0]!r},{r[1]!r},{r[2]!r},{e + rng.normal(0, 2e-6)!r}\n")
            with open(os.path.join(work, RELAX), "w") as fh:  # stress x (1 + N(0, 0.002))
                fh.write(relax_header)
                for r, sg in zip(relax_rows, relax_stress):
                    fh.write(f"{r[0]!r},{r[1]!r},{r[2]!r},{sg * (1 + rng.normal(0, 0.002))!r}\n")
        for f in DMA:
            with open(os.path.join(work, f), "w") as fh:
                fh.write("temperature [K],frequency [Hz],storage_modulus [MPa],loss_modulus [MPa]\n")
                for (T, fr), (E1, E2) in zip(points[f], clean[f]):
                    e1 = E1 * (1 + rng.normal(0, 0.003))
                    e2 = E2 * (1 + rng.normal(0, 0.01)) + rng.normal(0, 2.0)
                    fh.write(f"{T!r},{fr!r},{e1!r},{e2!r}\n")
        with open(os.path.join(work, "spec.toml"), "w") as fh:
            fh.write(spec)
        out = os.path.join(work, f"fit{seed}")
        subprocess.run([glassfit, "fit", os.path.join(work, "spec.toml"), "-o", out, "-q"], check=True)
        r = json.load(open(os.path.join(out, "report.json")))
        line = []
        for name, p in r["parameters"].items():
            if p["fixed"]:
                continue
            t = truth[name]
            lo, hi = r["intervals"][name]["68"]
            in_profile = (lo is None or lo <= t) and (hi is None or t <= hi)
            unbounded += lo is None or hi is None
            in_stderr = p["stderr"] is not None and abs(p["value"] - t) <= p["stderr"]
            hits_profile[name] = hits_profile.get(name, 0) + in_profile
            hits_stderr[name] = hits_stderr.get(name, 0) + in_stderr
            line.append(f"{name}:{'P' if in_profile else '-'}{'S' if in_stderr else '-'}")
        total += 1
        print(f"seed {seed}: chi2_red {r['chi2_reduced']:.3f} " + " ".join(line), flush=True)
    print(f"\n{total} realisations; 68 % coverage (goal 0.60-0.76):")
    print(f"{'parameter':>10} {'profile':>8} {'stderr':>8}")
    for name in hits_profile:
        print(f"{name:>10} {hits_profile[name] / total:8.2f} {hits_stderr[name] / total:8.2f}")
    allp = sum(hits_profile.values()) / (total * len(hits_profile))
    alls = sum(hits_stderr.values()) / (total * len(hits_stderr))
    print(f"{'all':>10} {allp:8.3f} {alls:8.3f}   (interval ends unbounded: {unbounded})")


if __name__ == "__main__":
    main()
