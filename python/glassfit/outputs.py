# SPDX-License-Identifier: BSD-3-Clause
"""What a command writes, as data: tables (dicts of column header -> array), texts (report.json
and the like), the plot files it would draw, a summary and warnings."""
import json as _json


class Outputs:
    """`tables[file][header]` is an array, `texts[file]` a string, `report` report.json as a
    dict, `summary` the terminal summary, `warnings` one line each; `write(outdir)` writes the
    files (plots included) exactly as the command line does.

    Example:

    >>> o = glassfit.shift("data/pyvisco-polymer/freq_user_raw.csv", "50C")
    >>> "log10_aT [-]" in o.tables["shift_factors.csv"], o.report["best_law"]
    (True, 'wlf')
    """

    def __init__(self, core):
        self._core = core
        self.tables = core.tables
        self.texts = core.texts
        self.plots = list(core.plots)
        self.summary = core.summary
        self.warnings = list(core.warnings)

    @property
    def report(self):
        return _json.loads(self.texts["report.json"])

    def write(self, outdir, plots=True, plot_formats="png"):
        """Writes every table, text and (with plots) plot into outdir, as the command does.

        plot_formats: "png", "svg", "pdf" or several (a list, or comma-separated as the CLI's
        --plot-formats).
        """
        from . import _check
        self._core.write(_check.path("outdir", outdir), _check.flag("plots", plots),
                         ",".join(_check.names("plot_formats", plot_formats)))

    def __repr__(self):
        return f"Outputs(tables={list(self.tables)}, texts={list(self.texts)}, plots={self.plots})"
