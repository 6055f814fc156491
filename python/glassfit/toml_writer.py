# SPDX-License-Identifier: BSD-3-Clause
"""Dicts as TOML, for the specs and configurations the C++ core reads (so that a dict is checked
and reported exactly as the same file would be). Top-level scalars, then [tables] (whose dict
values become inline tables), then [[arrays of tables]]."""
import json as _json
import math

from . import _glassfit


def _value(v, where):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)) or type(v).__module__ == "numpy":
        x = float(v) if not isinstance(v, (bool, int)) else v
        if isinstance(x, float) and not math.isfinite(x):
            raise _glassfit.InputError(f"{where}: {x} is not a finite number")
        return repr(x)
    if isinstance(v, str):
        return _json.dumps(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x, where) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x, f'{where}.{k}')}" for k, x in v.items()) + " }"
    raise _glassfit.InputError(f"{where}: {type(v).__name__} is not a TOML value")


def _key(k):
    k = str(k)
    return k if k.replace("_", "").replace("-", "").isalnum() else _json.dumps(k)


def _is_table_array(v):
    return isinstance(v, (list, tuple)) and len(v) > 0 and all(isinstance(x, dict) for x in v)


def to_toml(d):
    lines = [f"{_key(k)} = {_value(v, k)}" for k, v in d.items() if not isinstance(v, dict) and not _is_table_array(v)]
    for k, v in d.items():
        if isinstance(v, dict):
            lines.append(f"[{_key(k)}]")
            lines += [f"{_key(x)} = {_value(y, f'{k}.{x}')}" for x, y in v.items()]
    for k, v in d.items():
        if _is_table_array(v):
            for i, entry in enumerate(v):
                lines.append(f"[[{_key(k)}]]")
                lines += [f"{_key(x)} = {_value(y, f'{k}[{i}].{x}')}" for x, y in entry.items()]
    return "\n".join(lines) + "\n"
