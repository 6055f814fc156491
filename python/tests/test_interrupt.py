# SPDX-License-Identifier: BSD-3-Clause
"""Ctrl-C stops a long fit cleanly: KeyboardInterrupt out of fit(), the interpreter and module alive."""
import os
import signal
import subprocess
import sys
import time

SCRIPT = r"""
import sys, time, glassfit
text = open(sys.argv[1]).read().replace("[parameters]", '[fit]\nintervals = "profile"\n\n[parameters]')
print("started", flush=True)
t = time.time()
try:
    glassfit.fit(text=text, base_dir=sys.argv[2])
except KeyboardInterrupt:
    print(f"interrupted {time.time() - t:.2f}", flush=True)
    r = glassfit.fit(sys.argv[3])  # the module still works
    sys.exit(0 if r.converged else 4)
sys.exit(3)
"""


def test_ctrl_c_interrupts_a_long_fit(root):
    fits = root / "fits"
    p = subprocess.Popen([sys.executable, "-c", SCRIPT, str(fits / "la60ni15al25_joint.toml"), str(fits),
                          str(fits / "la60ni15al25_dma.toml")], stdout=subprocess.PIPE, text=True, env=os.environ)
    assert p.stdout.readline().strip() == "started"
    time.sleep(3.0)  # inside the profiles (the joint fit with profiles takes about 30 s)
    p.send_signal(signal.SIGINT)
    out, _ = p.communicate(timeout=60)
    # KeyboardInterrupt came out of fit() (a fit that had ended first would leave the signal to
    # the line after it, and exit 3 or with a traceback), and the module works afterwards.
    assert p.returncode == 0 and "interrupted" in out, out
