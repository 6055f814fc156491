#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Parameter recovery of the joint synthetic fit from starts perturbed by +-30 % (+-1 decade
for log-scale parameters), signs drawn with a fixed seed per pattern: writes one spec per
pattern next to fits/la60ni15al25_joint.toml's data, runs `glassfit fit` with and without the
time-scale scan, and prints cost, iterations and whether every free parameter lies within
3 standard errors of truth.txt. Starts with E_r >= E_u are skipped (the model needs E_r < E_u).
Usage: perturbed_starts.py path/to/glassfit [patterns=24]"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "../..")
SPEC = os.path.join(ROOT, "fits/la60ni15al25_joint.toml")
TRUTH = {k.strip(): float(v) for k, v in (l.split("=") for l in open(os.path.join(ROOT, "data/la60ni15al25-synthetic/truth.txt")) if "=" in l)}
FREE = ["E_u", "E_r", "U_beta", "tau_beta0", "A_an", "A_vp", "chi_Tg", "a1", "t0", "B"]
LOG = {"tau_beta0", "A_an", "A_vp", "t0"}


def main():
    glassfit = sys.argv[1]
    patterns = int(sys.argv[2]) if len(sys.argv) > 2 else 24
    text = open(SPEC).read().replace('file = "../data/', 'file = "%s/data/' % os.path.abspath(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, patterns + 1):
            rng = random.Random(seed)
            start = {}
            for k in FREE:
                sign = rng.choice([-1, 1])
                start[k] = TRUTH[k] * 10 ** sign if k in LOG else TRUTH[k] * (1 + 0.3 * sign)
            if start["E_r"] >= start["E_u"]:
                print(f"{seed:3d} skipped (E_r >= E_u)")
                continue
            spec = text
            for k, v in start.items():
                spec = re.sub(r"^(%s = \{ start = )[^,]+" % k, r"\g<1>%g" % v, spec, flags=re.M)
            line = f"{seed:3d}"
            for scan in (True, False):
                path = os.path.join(tmp, f"s{seed}_{scan}.toml")
                fit_table = "[fit]\nscan_time_scales = %s\n\n[[dataset]]" % str(scan).lower()
                open(path, "w").write(spec.replace("[[dataset]]", fit_table, 1))
                out = os.path.join(tmp, f"o{seed}_{scan}")
                run = subprocess.run([glassfit, "fit", path, "-o", out, "-q"], capture_output=True, text=True)
                if not os.path.exists(os.path.join(out, "report.json")):
                    line += f"  failed: {run.stderr.strip()}"
                    continue
                r = json.load(open(os.path.join(out, "report.json")))
                ok = all(abs(r["parameters"][k]["value"] - TRUTH[k]) <= 3 * (r["parameters"][k]["stderr"] or 0) for k in FREE)
                line += f"  {'scan' if scan else 'no scan'}: cost {r['cost']:.6g}, {r['iterations']} iterations, {r['seconds']:.1f} s, {'within 3 stderr' if ok else 'NOT recovered'}"
            print(line, flush=True)


main()
