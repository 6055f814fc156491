#!/usr/bin/python3
"""Coverage of the fit's 68 % intervals: profile likelihood against standard errors.

For each of N noise realisations of the synthetic La60Ni15Al25 DMA data (isochronal and
isothermal, the fit of fits/la60ni15al25_dma.toml, 10 free parameters), the noise-free data are
predicted at the truth (data/la60ni15al25-synthetic/truth.txt), the files' stated noise is drawn
with a fixed seed, the data are fitted with [fit] intervals = "profile", and each parameter's truth
is checked against its 68 % profile interval and against value +- 1 standard error.

Usage: /usr/bin/python3 scripts/coverage-study.py build/tools/glassfit [N=50] [first_seed=1]
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
FILES = ["dma_isochronal.csv", "dma_isothermal.csv"]


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
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    truth = {}
    for line in open(os.path.join(DATA, "truth.txt")):
        k, v = line.split("=")
        truth[k.strip()] = float(v)
    work = tempfile.mkdtemp(prefix="glassfit-coverage-")
    params = os.path.join(work, "truth.toml")
    with open(params, "w") as fh:
        fh.write('model = "hc"\n' + "".join(f"{k} = {v!r}\n" for k, v in truth.items()))
    points = {f: read_points(os.path.join(DATA, f)) for f in FILES}
    clean = {f: predict(glassfit, params, points[f], work) for f in FILES}
    spec = open(os.path.join(ROOT, "fits", "la60ni15al25_dma.toml")).read()
    spec = spec.replace("../data/la60ni15al25-synthetic/", "").replace(
        '[parameters]', '[fit]\nintervals = "profile"\n\n[parameters]')
    hits_profile, hits_stderr, total, unbounded = {}, {}, 0, 0
    for seed in range(first, first + n):
        rng = np.random.default_rng(seed)
        for f in FILES:
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
