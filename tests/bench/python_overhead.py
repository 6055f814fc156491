#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""The cost of going through Python: the same two calls timed in C++ (bench_python_overhead,
Google Benchmark) and through `import glassfit`, in one run, and their ratio (goal: within 5 %).

Usage: PYTHONPATH=BUILD/python /usr/bin/python3 tests/bench/python_overhead.py BUILD/tests/bench/bench_python_overhead
(BUILD: a build with -DGLASSFIT_BUILD_BENCHMARKS=ON; the module and the program from the same build)
"""
import json
import os
import subprocess
import sys
import timeit

import numpy as np

import glassfit

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def best_ms(fn, number, repeat):
    return 1e3 * min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def main():
    out = subprocess.run([sys.argv[1], "--benchmark_format=json"], check=True, capture_output=True, text=True).stdout
    cxx = {b["name"].split("/")[0]: b["real_time"] for b in json.loads(out)["benchmarks"]}
    T = np.linspace(300, 550, 10000)
    spec = os.path.join(ROOT, "fits", "la60ni15al25_dma.toml")
    py = {
        "BM_PredictDma10k": best_ms(lambda: glassfit.predict("hc", "dma", temperature=T, frequency=1.0), 10, 5),
        "BM_ReadAndFitDma": best_ms(lambda: glassfit.fit(spec), 3, 5),
    }
    print(f"{'call':<20} {'C++ [ms]':>10} {'Python [ms]':>12} {'Python/C++':>11}")
    for name, t in py.items():
        print(f"{name:<20} {cxx[name]:>10.3f} {t:>12.3f} {t / cxx[name]:>11.3f}")


if __name__ == "__main__":
    main()
