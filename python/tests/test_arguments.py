# SPDX-License-Identifier: BSD-3-Clause
"""Every public function's arguments, checked by name: for each argument a table of bad values
(wrong type, NaN, infinity, empty, huge, negative, where they are wrong) must give InputError
whose message names the argument, never a TypeError, ValueError, AttributeError or a cast error
from the bindings, and never an echoed array."""
import math

import numpy as np
import pytest

import glassfit

NAN, INF = math.nan, math.inf
KMC = {"lattice": {"nx": 8, "ny": 8}, "stz": {"modes": 4}, "barrier": {"law": "kww"},
       "loading": {"final_strain": 0.01}, "run": {"temperature_K": 400}}
SWEEP = dict(KMC, loading={"final_strain": 0.12}, sweep={"temperatures_K": [400], "strain_rates_per_s": [1e-3], "seeds": [1]})


@pytest.fixture(scope="module")
def fitted(root):
    return glassfit.fit({"model": "prony", "model_options": {"terms": 4},
                         "dataset": [{"file": str(root / "data" / "pyvisco-polymer" / "time_user_master.csv")}]})


def calls(root, fitted):
    """(function, keyword arguments of a valid call, {argument: [bad values]})."""
    raw = str(root / "data" / "pyvisco-polymer" / "freq_user_raw.csv")
    prony = str(root / "fits" / "reference" / "pyvisco_prony_time" / "fitted.toml")
    return [
        (glassfit.models, {}, {"options": [5, "x", [1]]}),
        (glassfit.predict, dict(model="hc", protocol="dma", temperature=300, frequency=1),
         {"model": [None, 3, ["hc"]], "protocol": [None, 2.5], "temperature": ["hot", "300 MPa", NAN, [[1, 2]], {"a": 1}],
          "frequency": [INF, "1 K", object()], "params": [5, [1, 2]], "options": ["exact", 3]}),
        (glassfit.predict, dict(model="hc", protocol="creep", temperature=430, stress=50, time=[1, 2]),
         {"stress": ["50", NAN, [(50,)], [(50, 10), (0, 5)], [(50, -1)], object()], "time": [NAN, "soon", "1 Hz"]}),
        (glassfit.predict, dict(model="hc", protocol="tension", temperature=300, strain_rate=1e-4, time=[1, 2]),
         {"strain_rate": ["fast", NAN, [1, 2]]}),
        (glassfit.export_prony, dict(model="prony", params=prony),
         {"format": ["nastran", 3], "poisson": ["0.3", NAN, [0.3, 0.3]], "wlf": [(298.15, 8.86), "298,8,100", 5,
                                                                                (NAN, 1, 2), (298.15, 8.86, 0)],
          "window": [(1, 2), "a"], "shift_report": [5, ["x"]], "params": [3.5],
          "analysis_window": [(1,), (2, 1), (NAN, 1), "1:2", (1e30, 1e31)]}),
        (glassfit.read_dataset, dict(path=raw), {"path": [None, 5, "", ["a"]]}),
        (glassfit.shift, dict(data=raw, reference_temperature=298.15),
         {"data": [None, 3, ["a.csv"]], "reference_temperature": ["hot", NAN, -5, 0, None, [298], "25 MPa", "-300C"],
          "objective": ["loudness", 1], "vertical": ["yes", 1], "neighbours": [0, 2.5, "2", -1],
          "law_range": [(1, 2, 3), (NAN, 2), "1,2", 5], "temperature_tolerance": [0, -1, NAN, "0.5 s", "warm"],
          "drop_nonpositive": [None, "no"], "shifts_from": [5, ""], "law_tolerance": [0, -1, NAN, "0.1"]}),
        (glassfit.srs_map, dict(temperature=[300], strain_rate=[1]),
         {"temperature": [NAN, "hot", "300 MPa", [[300]], -5, 1e300, 10], "strain_rate": [NAN, 0, -1, 1e300, "fast"],
          "params": [3, {"beta": "one"}, {"E": "88 K"}, {"beta": NAN}, {"V_STZ": 1e300}, {"bogus": 1}, {"bogus": "1"}],
          "options": [3],
          "threads": [-1, 2.5, "2", 100000]}),
        (glassfit.fit, dict(spec=None, text=None),
         {"spec": [5, ["a.toml"]], "text": [5], "base_dir": [None, 3], "progress": [5, "x"],
          "datasets": [5, {"d": {"temperature [K]\n300,1,1": [1.0]}}, {"d": {"a [K]": [NAN]}}, {"d": {"a,b [K]": [1]}}]}),
        (glassfit.sample, dict(result=fitted, steps=10),
         {"result": [None, 5, "fit"], "walkers": [0, 2.5, "8"], "steps": [-1, 1.5, "100", NAN],
          "burn": [-1, 10, "2"], "seed": [-1, "1", 1.5], "progress": ["yes", 1]}),
        (glassfit.Kmc, dict(config=KMC), {"config": [None, 5, ["a"], {"run": 5}, "missing.toml"]}),
        (lambda **k: glassfit.Kmc(KMC).run(**k), dict(max_steps=1),
         {"until_strain": [NAN, -1, "0.1", 0], "max_steps": [-1, 0, 1.5, "10"]}),
        (lambda **k: glassfit.Kmc(KMC).restore(**k), dict(state=glassfit.Kmc(KMC).save()),
         {"state": [None, "text", 5, b"not a checkpoint"]}),
        (glassfit.kmc_sweep, dict(config=SWEEP), {"config": [None, 3.5, {"lattice": "x"}]}),
        (glassfit.crosscheck, dict(config=SWEEP),
         {"config": [None, 7], "fit": [[], 5, ["Q0", "bogus"], [""]], "rho": [0, 2, NAN, "0.25"],
          "compare_temperature_K": [NAN, -1, "hot", "400 MPa", 123]}),
    ]


def test_every_bad_argument_is_an_input_error_naming_it(root, fitted, tmp_path):
    checked, problems = 0, []
    for function, good, bad in calls(root, fitted):
        for name, values in bad.items():
            for value in values:
                args = dict(good)
                args[name] = value
                if function is glassfit.fit and name not in ("spec", "text"):
                    args["spec"] = str(root / "fits" / "la60ni15al25_dma.toml")
                try:
                    function(**args)
                except glassfit.InputError as e:
                    message = str(e)
                    where = f"{getattr(function, '__name__', function)}({name}={value!r})"
                    if "\n" in message or len(message) > 400:  # one line, no echoed arrays
                        problems.append(f"{where}: message of {len(message)} characters: {message[:200]!r}")
                    # the argument is named (a params key, a dataset's name, or the config's file)
                    named = {"params": ("params", "parameter"), "datasets": ("datasets",),
                             "config": ("config", "missing.toml", "lattice", "run"),
                             "state": ("state", "checkpoint"), "wlf": ("wlf", "WLF"),
                             "fit": ("fit",), "path": ("path", "cannot open"),
                             "compare_temperature_K": ("compare_temperature_K", "--compare-temperature")}.get(name, (name,))
                    if name in ("temperature", "strain_rate") and function is glassfit.srs_map:
                        named = ("temperature", "strain rate", "strain_rate")
                    if not any(n in message for n in named):
                        problems.append(f"{where}: the message does not name it: {message[:200]!r}")
                    checked += 1
                    continue
                except Exception as e:  # noqa: BLE001 - what this test exists to catch
                    problems.append(f"{getattr(function, '__name__', function)}({name}={value!r}): "
                                    f"{type(e).__name__}: {str(e)[:200]}")
                    continue
                problems.append(f"{getattr(function, '__name__', function)}({name}={value!r}) was accepted")
    assert not problems, "\n".join(problems)
    assert checked > 120


def test_outputs_write_checks_its_arguments(root, tmp_path):
    out = glassfit.srs_map(temperature=[300], strain_rate=[1])
    for bad in (None, 5):
        with pytest.raises(glassfit.InputError, match="outdir"):
            out.write(bad)
    with pytest.raises(glassfit.InputError, match="plots"):
        out.write(tmp_path, plots="no")
