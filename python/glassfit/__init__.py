# SPDX-License-Identifier: BSD-3-Clause
"""glassfit: physically based constitutive models of metallic glasses, fitted to creep,
stress-relaxation and DMA data (C++ core, bound with pybind11). See docs/python.md.

Units are the library's internal ones everywhere: stress and moduli MPa, time s, temperature
K, frequency Hz, energies J/mol (HC) or eV (one-body, kMC), strain dimensionless.
"""
import json as _json

from ._glassfit import InputError, __version__
from . import _glassfit
from . import _check
from . import toml_writer as _toml
from .kmc import Crosscheck, Kmc, crosscheck, kmc_sweep
from .outputs import Outputs
from .sampling import SampleResult, sample

__all__ = ["InputError", "__version__", "models", "predict", "read_dataset", "Dataset", "fit", "FitResult", "sample",
           "SampleResult", "shift", "relaxation_map", "srs_map", "Outputs", "Kmc", "kmc_sweep", "crosscheck", "Crosscheck", "export_prony"]


def _params(value):
    """params: None, a dict of numbers, or a parameter file's path (checked here by kind; the
    values by the library, against the model's physical ranges)."""
    if value is None or isinstance(value, dict):
        return value
    return _check.path("params", value)


def models(options=None):
    """The registered models with their parameter tables (name, unit, default, physical range,
    meaning) and options, as `glassfit models` lists them.
    Returns a list of dicts, one per model (name, meaning, options, uses_temperature, parameters).

    Raises InputError (a ValueError) with the command line's one-line message, naming the
    argument or the file, line and column.

    Example:

    >>> [m["name"] for m in glassfit.models()]
    ['hc', 'prony', 'onebody']
    """
    return _glassfit.models(_check.mapping("options", options))


def predict(model, protocol, *, params=None, temperature=None, frequency=None, stress=None, time=None, strain=None,
            strain_rate=None, strain_path=None, stress_path=None, options=None):
    return _glassfit.predict(_check.text("model", model), _check.text("protocol", protocol), params=_params(params),
                             temperature=temperature, frequency=frequency, stress=stress, time=time, strain=strain,
                             strain_rate=strain_rate, strain_path=strain_path, stress_path=stress_path,
                             options=_check.mapping("options", options))


predict.__doc__ = _glassfit.predict.__doc__ + """

Returns a dict of column header -> 1-D float64 array, in the columns' order of the CLI.
Raises InputError (a ValueError) with the command line's one-line message, naming the argument.

Example:

>>> t = glassfit.predict("hc", "dma", temperature="27C", frequency=[1, 10])
>>> list(t)[:3], t["storage_modulus [MPa]"].round(-1).tolist()
(['temperature [K]', 'frequency [Hz]', 'storage_modulus [MPa]'], [32580.0, 32780.0])
"""


def _quantities(name, value, kinds):
    """A tuple whose entries may be texts with units ("50C", "1e-3 s"), each of its kind
    (dimension, or (dimension, True) for a difference: "93 K" of a WLF C2); anything else is
    passed on for the library's own checks."""
    if not isinstance(value, (tuple, list)) or len(value) != len(kinds):
        return value
    out = []
    for v, kind in zip(value, kinds):
        dim, difference = kind if isinstance(kind, tuple) else (kind, False)
        out.append(_check.quantity(name, v, dim, difference=difference) if isinstance(v, str) else v)
    return tuple(out)


def export_prony(model, *, params=None, format="abaqus", poisson=None, wlf=None, shift_report=None, window=None,
                 options=None, analysis_window=None, per_decade=1, free_times=False):
    wlf = _quantities("wlf", wlf, ("temperature", "dimensionless", ("temperature", True)))
    window = _quantities("window", window, ("temperature", "time", "time"))
    analysis_window = _quantities("analysis_window", analysis_window, ("time", "time"))
    return _glassfit.export_prony(_check.text("model", model), params=_params(params),
                                  format=_check.text("format", format, ("abaqus", "ansys")), poisson=poisson, wlf=wlf,
                                  shift_report=shift_report, window=window, options=_check.mapping("options", options),
                                  analysis_window=analysis_window,
                                  per_decade=_check.number("per_decade", per_decade, above=0, maximum=10),
                                  free_times=_check.flag("free_times", free_times))


export_prony.__doc__ = _glassfit.export_prony.__doc__ + """

Returns the card's text (Abaqus or ANSYS input).
Raises InputError (a ValueError) with the command line's one-line message, naming the argument.

Example:

>>> card = glassfit.export_prony("prony", params="fits/reference/pyvisco_prony_time/fitted.toml")
>>> "*VISCOELASTIC, TIME=PRONY" in card.splitlines()
True
"""


class Dataset:
    """A measured file as read by the command line: `columns` maps each quantity
    ('temperature', 'frequency', 'storage_modulus', 'time', 'stress', 'strain', ...) to a
    NumPy array in internal units; `headers` and `units` give what the file wrote;
    `lines[i]` is the file line of row i; `modulus` says 'tensile', 'shear' or 'unstated'.

    Example:

    >>> d = glassfit.read_dataset("data/pyvisco-polymer/freq_user_raw.csv")
    >>> d.to_csv().splitlines()[2]
    'frequency [Hz],tensile_storage_modulus [MPa],tensile_loss_modulus [MPa],temperature [K],set [-]'
    """

    def __init__(self, raw):
        self.path = raw["path"]
        self.modulus = raw["modulus"]
        self.comments = list(raw["comments"])
        self.lines = list(raw["lines"])
        self.columns = {c["quantity"]: c["values"] for c in raw["columns"]}
        self.headers = {c["quantity"]: c["header"] for c in raw["columns"]}
        self.units = {c["quantity"]: c["unit"] for c in raw["columns"]}

    def __getitem__(self, quantity):
        return self.columns[quantity]

    def to_csv(self, path=None):
        """The file as our CSV, every column in internal units under its `quantity [unit]` header,
        as `glassfit convert` writes it; written to `path` when given, returned as text."""
        text = _glassfit._convert(self.path)
        if path is not None:
            with open(_check.path("path", path), "w") as f:
                f.write(text)
        return text

    def __len__(self):
        return len(self.lines)

    def __repr__(self):
        return f"Dataset({self.path!r}, {len(self)} rows, columns {list(self.columns)})"


def read_dataset(path):
    """Reads any file `glassfit` reads (our CSV with units, pyvisco CSV, TRIOS text export,
    Eplexor .xls), detected by content. Returns a Dataset. Raises InputError with the CLI's
    one-line message.

    Raises InputError (a ValueError) with the command line's one-line message, naming the
    argument or the file, line and column.

    Example:

    >>> d = glassfit.read_dataset("data/pyvisco-polymer/freq_user_raw.csv")
    >>> len(d), sorted(d.columns)
    (210, ['frequency', 'loss_modulus', 'set', 'storage_modulus', 'temperature'])
    """
    return Dataset(_glassfit._read_dataset(_check.path("path", path)))


class FitResult:
    """The result of `fit`: `values` and `stderr` (dicts by parameter label, internal units),
    `correlation` (NumPy matrix over `free_names`), chi2, chi2_reduced, aic, bic, converged,
    `datasets` (per dataset: `measured`, `model` and `model_stderr` as dicts of arrays by
    quantity, E' and E'' apart, model_stderr the model's standard error from the covariance, so
    that model +- 1.96 model_stderr is the 95 % confidence band the fit plots draw; rms
    residuals), `report` (the
    report.json of the command line as a dict), `to_json()`, `summary()`, `write(outdir)`.

    Example:

    >>> r = glassfit.fit("fits/la60ni15al25_dma.toml")
    >>> round(r.chi2_reduced, 1), list(r.datasets[0]["measured"])
    (1.0, ['storage_modulus [MPa]', 'loss_modulus [MPa]'])
    """

    def __init__(self, core):
        self._core = core
        self.parameters = core.parameters
        self.values = {k: p["value"] for k, p in self.parameters.items()}
        self.stderr = {k: p["stderr"] for k, p in self.parameters.items()}
        self.free_names = list(core.free_names)
        self.correlation = core.correlation
        self.datasets = core.datasets
        for name in ("cost", "chi2", "chi2_reduced", "aic", "bic", "points", "converged", "iterations",
                     "termination", "weak_combinations"):
            setattr(self, name, getattr(core, name))

    @property
    def report(self):
        return _json.loads(self._core.report_json())

    def to_json(self):
        return self._core.report_json()

    def summary(self):
        return self._core.summary()

    def fitted_toml(self):
        return self._core.fitted_toml()

    def write(self, outdir, plot_formats="png", band=None):
        """Writes what `glassfit fit SPEC -o OUTDIR` writes (report.json, fitted.toml, plots).

        plot_formats: "png", "svg", "pdf" or several (a list, or comma-separated as the CLI's
        --plot-formats): each plot N_NAME_fit.png also as N_NAME_fit.svg and .pdf.
        band: a SampleResult of glassfit.sample(this result): the plots shade the central 95 %
        of the model over its posterior draws instead of the covariance's confidence band.
        """
        formats = ",".join(_check.names("plot_formats", plot_formats))
        parts, label = [], ""
        if band is not None:
            from .sampling import SampleResult
            if not isinstance(band, SampleResult) or band._fit is not self:
                raise InputError("band: a SampleResult of glassfit.sample(this fit result) is needed")
            parts, label = band._band_flat()
        self._core.write(_check.path("outdir", outdir), formats, parts, label)

    def __repr__(self):
        return f"FitResult(converged={self.converged}, chi2_reduced={self.chi2_reduced:.4g}, free={self.free_names})"


def _csv_text(name, columns):
    """A dataset given as {"temperature [K]": array, ...} as our CSV text, every value exact."""
    import numpy as np
    if not isinstance(columns, dict) or not columns:
        raise InputError(f"datasets['{name}']: a dict of column header ('quantity [unit]') -> array")
    arrays = []
    for header, values in columns.items():
        # a header is one CSV cell: a newline, comma or quote in it would add rows or columns
        if not isinstance(header, str) or not header or any(c in header for c in ',"\n\r\x00'):
            raise InputError(f"datasets['{name}']: column header {str(header)[:60]!r} must be a text without "
                             "newlines, commas or quotes ('quantity [unit]')")
        a = np.asarray(values, dtype=float) if not isinstance(values, str) else None
        if a is None or a.ndim != 1:
            raise InputError(f"datasets['{name}']['{header}']: a 1-D array of numbers is needed")
        bad = np.flatnonzero(~np.isfinite(a))
        if bad.size:
            raise InputError(f"datasets['{name}']['{header}']: element {bad[0]} is {a[bad[0]]}")
        arrays.append(a)
    if len({len(a) for a in arrays}) != 1:
        raise InputError(f"datasets['{name}']: the columns differ in length ({[len(a) for a in arrays]})")
    rows = (",".join(repr(float(x)) for x in row) for row in zip(*arrays))
    return ",".join(columns) + "\n" + "\n".join(rows) + "\n"


def fit(spec=None, *, text=None, base_dir=".", datasets=None, progress=None):
    """Fits as `glassfit fit` does (docs/fit-spec.md).
    Returns a FitResult (values, standard errors, correlation, datasets, report).

    spec: a fit spec file, or a dict with the spec's structure:
        {"model": "hc", "fit": {"multistart": 8},
         "dataset": [{"file": "iso", "residual": "noise", "noise_relative": 0.003}],
         "parameters": {"U_beta": {"start": 9e4, "min": 5e4, "max": 1.5e5},
                        "A_an": {"start": 1.5e-5, "per_dataset": True}, "a1": {"value": 0.0023}}}
    text: the spec's TOML instead. Dataset files are taken relative to base_dir.
    datasets: {name: {"temperature [K]": array, "frequency [Hz]": array, ...}}: data from
        arrays, used where a [[dataset]] names them as its file (headers as in our CSV files).
    progress(done, total, best_cost) is called after each multistart start. The C++ fit runs
    without the GIL.

    Raises InputError (a ValueError) with the command line's one-line message, naming the
    argument or the file, line and column.

    Example:

    >>> r = glassfit.fit("fits/la60ni15al25_dma.toml")
    >>> r.converged, r.free_names[:3]
    (True, ['E_u', 'E_r', 'U_beta'])
    """
    import hashlib
    import os
    if spec is not None and not isinstance(spec, dict):
        spec = _check.path("spec", spec)
    if text is not None:
        _check.text("text", text)
    if progress is not None and not callable(progress):
        raise InputError(f"progress: a function progress(done, total, best_cost) is needed, not {type(progress).__name__}")
    base_dir = _check.path("base_dir", base_dir)
    for name in _check.mapping("datasets", datasets):
        _check.text("datasets (a name)", name)
    if isinstance(spec, dict):
        spec, text = None, _toml.to_toml(spec)
    if (spec is None) == (text is None):
        raise InputError("fit: give a spec (a file or a dict) or text=, not both")
    held = {name: _csv_text(name, cols) for name, cols in (datasets or {}).items()}
    sha = {name: hashlib.sha256(t.encode()).hexdigest() for name, t in held.items()}
    base = os.path.join(str(base_dir), "<python>")
    return FitResult(_glassfit._fit(spec=None if spec is None else str(spec), text=text, base=base,
                                    progress=progress, datasets=held, datasets_sha256=sha))


class _DataFile:
    """data as a file for the C++ readers: a path as it is, a Dataset's own file, or a dict of
    arrays ({"temperature [K]": ..., "frequency [Hz]": ..., "storage_modulus [MPa]": ...})
    written to a temporary CSV for the call."""

    def __init__(self, name, data):
        self._tmp = None
        if isinstance(data, Dataset):
            self.path = data.path
        elif isinstance(data, dict):
            import tempfile
            self._tmp = tempfile.NamedTemporaryFile("w", suffix=".csv", prefix="glassfit_", delete=False)
            with self._tmp as f:
                f.write(_csv_text(name, data))
            self.path = self._tmp.name
        else:
            try:
                self.path = _check.path(name, data)
            except InputError:
                raise InputError(f"{name}: a file's path, a Dataset or a dict of column header -> array is needed, "
                                 f"not {_check._kind(data)}") from None

    def __enter__(self):
        return self.path

    def __exit__(self, *exc):
        if self._tmp is not None:
            import os
            os.unlink(self._tmp.name)


def shift(data, reference_temperature, *, objective="storage", vertical=False, neighbours=2, law_range="auto",
          temperature_tolerance=0.5, drop_nonpositive=False, shifts_from=None, law_tolerance=0.1):
    """A master curve by time-temperature superposition, as `glassfit shift` makes it
    (docs/master-curves.md). data: a file's path, a Dataset, or a dict of column header ->
    array (our CSV headers, e.g. "temperature [K]"). reference_temperature in K or as text with
    a unit ("50C"); temperature_tolerance a difference in K (or "0.5 K"); law_range
    'auto' (the widest run of temperatures around T_ref that a valid law describes), 'all' or
    (lo, hi) in K (or texts with units); law_tolerance: the rms misfit in decades of a_T a law may have and still
    describe the shifts; objective 'storage', 'moduli' or 'tan-delta'; shifts_from: an Eplexor
    .xls whose Shiftlist is set beside ours. Returns Outputs: tables 'shift_factors.csv' (log10
    a_T with standard errors) and 'master_curve.csv', report.json with the WLF/Arrhenius/VFT
    laws and their verdicts (best_law is None when no valid law describes the shifts), and the
    plots on write().

    Raises InputError (a ValueError) with the command line's one-line message, naming the
    argument or the file, line and column.

    Example:

    >>> o = glassfit.shift("data/pyvisco-polymer/freq_user_raw.csv", "50C")
    >>> o.report["best_law"], sorted(o.tables)
    ('wlf', ['master_curve.csv', 'shift_factors.csv'])
    """
    if law_range is not None and not isinstance(law_range, str):
        if isinstance(law_range, (tuple, list)) and len(law_range) == 2:
            law_range = tuple(_check.quantity("law_range", v, "temperature", above=0) for v in law_range)
        else:
            law_range = _check.numbers_of("law_range", law_range, 2, "(lowest_K, highest_K)")
    args = (_check.quantity("reference_temperature", reference_temperature, "temperature", above=0),
            _check.text("objective", objective, ("storage", "moduli", "tan-delta")), _check.flag("vertical", vertical),
            _check.integer("neighbours", neighbours, minimum=1, maximum=1000), law_range,
            _check.quantity("temperature_tolerance", temperature_tolerance, "temperature", difference=True, above=0),
            _check.flag("drop_nonpositive", drop_nonpositive),
            None if shifts_from is None else _check.path("shifts_from", shifts_from),
            _check.number("law_tolerance", law_tolerance, above=0, unit=" decades"))
    with _DataFile("data", data) as path:
        return Outputs(_glassfit._shift(path, *args))


def relaxation_map(*, isochronal=None, isothermal=None, params=None, half_width=20):
    """The HC model's relaxation map against data, as `glassfit relaxation-map` makes it
    (docs/master-curves.md): isochronal (beta loss peaks: tau_beta = 1/(2 pi f) at T_peak) and/or
    isothermal (chi) data as a path, a Dataset or a dict of arrays; params as predict takes them;
    half_width: the beta peak's starting half-width, K (or "20 K"). Returns Outputs (report.json,
    the tables and, on write(), relaxation_map.png and chi.png).

    Raises InputError (a ValueError) with the command line's one-line message, naming the
    argument or the file, line and column.

    Example:

    >>> o = glassfit.relaxation_map(isochronal="data/la60ni15al25-synthetic/dma_isochronal.csv")
    >>> sorted(o.tables)
    ['beta_peaks.csv']
    """
    if isochronal is None and isothermal is None:
        raise InputError("relaxation_map: give isochronal and/or isothermal data")
    width = _check.quantity("half_width", half_width, "temperature", difference=True, above=0)
    with _DataFile("isochronal", isochronal) if isochronal is not None else _NoFile() as iso, \
            _DataFile("isothermal", isothermal) if isothermal is not None else _NoFile() as ith:
        return Outputs(_glassfit._relaxation_map(iso, ith, _params(params), width))


class _NoFile:
    def __enter__(self):
        return ""

    def __exit__(self, *exc):
        pass


def srs_map(*, temperature, strain_rate, params=None, options=None, threads=0):
    """The one-body model's strain-rate-sensitivity map over temperature [K] x strain_rate [1/s]
    (docs/models/onebody.md), as `glassfit srs` makes it: table 'srs.csv' (flow stress, m
    numerical and closed form, the Eq. 48 condition), report.json and the map plots on write().
    params: a dict of the model's values (internal units); options: e.g. {'barrier': 'kww'}.
    Returns an Outputs: table 'srs.csv', report.json, the map plots on write().

    Raises InputError (a ValueError) with the command line's one-line message, naming the
    argument or the file, line and column.

    Example:

    >>> o = glassfit.srs_map(temperature="300:500:100", strain_rate="1e-4:1:3log",
    ...                      params="data/onebody/kww_beta1.3.toml")
    >>> o.report["negative_srs_cells"], o.report["cells"]
    (6, 9)
    """
    return Outputs(_glassfit._srs_map(_params(params), temperature, strain_rate,
                                      _check.mapping("options", options),
                                      _check.integer("threads", threads, minimum=0, maximum=256)))
