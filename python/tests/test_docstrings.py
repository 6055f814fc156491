# SPDX-License-Identifier: BSD-3-Clause
"""Every public name of the package is documented with an example, and every example runs and
prints what its docstring says (doctest, from the project's root: the examples use its data)."""
import doctest

import glassfit
from glassfit import kmc, outputs, sampling

PUBLIC = [n for n in glassfit.__all__ if n not in ("InputError", "__version__")]


def test_every_public_name_has_an_example_and_says_what_it_returns_and_raises():
    missing = [n for n in PUBLIC if ">>>" not in (getattr(glassfit, n).__doc__ or "")]
    assert not missing, missing
    functions = [n for n in PUBLIC if not isinstance(getattr(glassfit, n), type)]
    silent = [n for n in functions if not all(w in getattr(glassfit, n).__doc__ for w in ("Returns", "Raises"))]
    assert not silent, silent


def test_the_examples_run_as_written(root, monkeypatch):
    monkeypatch.chdir(root)
    failed = tried = 0
    for module in (glassfit, kmc, outputs, sampling):
        r = doctest.testmod(module, extraglobs={"glassfit": glassfit},
                            optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        failed, tried = failed + r.failed, tried + r.attempted
    assert failed == 0 and tried >= 30, (failed, tried)
