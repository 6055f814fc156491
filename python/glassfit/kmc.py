# SPDX-License-Identifier: BSD-3-Clause
"""The kMC engine of STZ plasticity (docs/kmc.md) from Python."""
import math
import os

from . import _check
from . import _glassfit
from . import toml_writer as _toml
from .outputs import Outputs


def to_toml(config):
    """A configuration dict ({'lattice': {'nx': 64}, 'barrier': {'law': 'kww'}, ...}) as TOML."""
    for section, keys in config.items():
        if not isinstance(keys, dict):
            raise _glassfit.InputError(f"config['{section}']: a section is a dict of keys")
    return _toml.to_toml(config)


def _source(config):
    """(TOML text, name) of a configuration given as a dict, a file path or TOML text."""
    if isinstance(config, dict):
        return to_toml(config), "<dict>"
    if not isinstance(config, (str, os.PathLike)):
        raise _glassfit.InputError(
            f"config: a dict of sections, a TOML file's path or TOML text is needed, not {type(config).__name__}")
    config = os.fspath(config)
    if "\n" not in config and os.path.exists(config):
        with open(config, encoding="utf-8") as fh:
            return fh.read(), config
    if "[" in config and "=" in config:
        return config, "<text>"
    raise _glassfit.InputError(f"{config}: cannot read the configuration (no such file)")


class Kmc:
    """One kMC run. config: a dict of sections, a TOML file's path, or TOML text (the keys of
    `glassfit kmc`, docs/kmc.md). step() does one thermal event and its avalanche; run() goes on
    to the end (or to until_strain, or max_steps steps) without the GIL, and Ctrl-C stops it
    between steps with the state intact. Observations are NumPy arrays: `curve` (time_s,
    strain, stress_MPa, plastic_strain, events), `avalanche_sizes`, `dEps_xx`, `voxel_events`
    and `eigenstrain`/`stress_field` (ny, nx, 3: xx, yy, xy), `snapshots` [(strain, time_s,
    eigenstrain)]. save() gives the state as bytes (a checkpoint), restore(bytes) takes it
    back bit for bit; outputs() gives what `glassfit kmc` writes.

    Raises InputError (a ValueError) with the command line's one-line message, naming the
    argument or the file, line and column.

    Example:

    >>> tiny = {"lattice": {"nx": 8, "ny": 8}, "barrier": {"law": "time-independent"},
    ...         "loading": {"final_strain": 0.1}, "run": {"temperature_K": 300}}
    >>> k = glassfit.Kmc(tiny)
    >>> _ = k.run()  # False: the run is over
    >>> k.finished, round(float(k.curve["strain"][-1]), 3)
    (True, 0.1)
    """

    def __init__(self, config):
        text, name = _source(config)
        self._core = _glassfit._Kmc(text, name)

    def step(self):
        return self._core.step()

    def run(self, until_strain=math.inf, max_steps=2**62):
        """Steps until the run ends, the strain reaches until_strain or max_steps steps are done;
        returns whether the run goes on (False once it is over)."""
        if not (isinstance(until_strain, float) and until_strain == math.inf):
            until_strain = _check.number("until_strain", until_strain, above=0)
        return self._core.run(until_strain, _check.integer("max_steps", max_steps, minimum=1, maximum=2**62))

    def outputs(self):
        return Outputs(self._core.outputs())

    def save(self):
        return self._core.save()

    def restore(self, state):
        if not isinstance(state, (bytes, bytearray)):
            raise _glassfit.InputError(f"state: the bytes of save() are needed, not {type(state).__name__}")
        self._core.restore(bytes(state))

    def __getattr__(self, name):
        return getattr(self._core, name)

    def __repr__(self):
        return (f"Kmc(strain={self.strain:.5g}, stress_MPa={self.stress_MPa:.5g}, time_s={self.time_s:.5g}, "
                f"events={self.events}, finished={self.finished})")


def kmc_sweep(config):
    """A strain-rate-sensitivity sweep ([sweep] section), run in parallel as `glassfit kmc`
    does: tables 'flow_stress.csv' and 'srs.csv', report.json, plots on write().
    Returns an Outputs.

    Raises InputError (a ValueError) with the command line's one-line message, naming the
    argument or the file, line and column.

    Example:

    >>> tiny = {"lattice": {"nx": 8, "ny": 8}, "barrier": {"law": "time-independent"},
    ...         "loading": {"final_strain": 0.1}, "run": {"temperature_K": 300}}
    >>> sw = glassfit.kmc_sweep(dict(tiny, sweep={"temperatures_K": [300], "strain_rates_per_s": [1e-3],
    ...                                           "seeds": [1, 2]}))
    >>> sorted(sw.tables), len(sw.tables["flow_stress.csv"]["flow_stress [MPa]"])
    (['flow_stress.csv', 'sites.csv', 'srs.csv'], 10)
    """
    text, name = _source(config)
    return Outputs(_glassfit._kmc_sweep(text, name))


class Crosscheck:
    """What `glassfit crosscheck` writes: `kmc` (the sweep's tables, OUTDIR/kmc), `fit` (the one-body
    fit, OUTDIR/fit), `onebody` (its SRS map, OUTDIR/onebody) and `comparison` (OUTDIR itself:
    comparison.csv, report.json, the m maps and Fig. 8), each an Outputs; `report` is the
    comparison's report.json; `write(outdir)` writes all four folders as the command does.

    Example:

    >>> # x = glassfit.crosscheck(...) as in crosscheck()'s example; then
    >>> # x.write("out/xc") writes OUTDIR/{kmc, fit, onebody} and the comparison, as the command does
    """

    def __init__(self, parts):
        self.kmc, self.fit, self.onebody, self.comparison = (Outputs(p) for p in parts)

    @property
    def report(self):
        return self.comparison.report

    def write(self, outdir, plots=True, plot_formats="png"):
        """Writes OUTDIR/{kmc, fit, onebody} and the comparison, as `glassfit crosscheck` does."""
        for sub, part in (("kmc", self.kmc), ("fit", self.fit), ("onebody", self.onebody)):
            part.write(os.path.join(str(outdir), sub), plots, plot_formats)
        self.comparison.write(str(outdir), plots, plot_formats)

    def __repr__(self):
        s = self.report["sign_agreement"]
        return f"Crosscheck(sign agreement {s['agree']} of {s['compared']} cells)"


def crosscheck(config, fit=("Q0", "V_STZ"), rho=0.25, compare_temperature_K=None, attempt_rate="printed"):
    """The kMC sweep of `config` (a [sweep] TOML: path or text), the one-body model fitted to its
    flow stresses (`fit` names the free parameters; the rest come from the kMC), both SRS maps on
    the sweep's grid and the flow stresses at `compare_temperature_K` (default: the highest),
    as `glassfit crosscheck` makes them (docs/kmc.md). `attempt_rate` is the one-body model's
    k0_bar: "printed" (M N_d per second) or "per_site" (M N_d k0; docs/models/onebody.md).
    Returns a Crosscheck.

    Raises InputError (a ValueError) with the command line's one-line message, naming the
    argument or the file, line and column.

    Example:

    >>> tiny = {"lattice": {"nx": 8, "ny": 8}, "barrier": {"law": "time-independent"},
    ...         "loading": {"final_strain": 0.1}, "run": {"temperature_K": 300}}
    >>> x = glassfit.crosscheck(dict(tiny, sweep={"temperatures_K": [300, 400], "strain_rates_per_s": [1e-3, 1],
    ...                                           "seeds": [1]}))
    >>> x.report["sign_agreement"]["compared"]
    4
    """
    text, name = _source(config)
    fit = _check.names("fit", fit)
    rho = _check.number("rho", rho, above=0, maximum=1)
    compare = 0.0 if compare_temperature_K is None else _check.quantity("compare_temperature_K",
                                                                         compare_temperature_K, "temperature", above=0)
    return Crosscheck(_glassfit._crosscheck(text, name, fit, rho, compare, attempt_rate))
