# SPDX-License-Identifier: BSD-3-Clause
"""Arguments checked by name before anything runs: every public function of the package passes
its arguments through these, so that a wrong type, a NaN, an empty or an out-of-range value is an
InputError that names the argument in the command line's words, never a TypeError from deep
inside, an AttributeError or an echoed array (docs/python.md, "Errors")."""
import math
import numbers
import os

from ._glassfit import InputError


def _kind(value):
    return "None" if value is None else type(value).__name__


def number(name, value, *, minimum=None, maximum=None, above=None, unit=""):
    """A finite real number (not a bool, text or sequence), optionally within limits."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InputError(f"{name}: a number{unit and ' (' + unit.strip() + ')'} is needed, not {_kind(value)}")
    x = float(value)
    if not math.isfinite(x):
        raise InputError(f"{name}: {x:g} is not a finite number")
    if above is not None and not x > above:
        if above == 0 and unit.strip() == "K":
            raise InputError(f"{name}: {x:g} K must be above absolute zero")
        raise InputError(f"{name}: {x:g}{unit} must be above {above:g}{unit}")
    if minimum is not None and x < minimum:
        raise InputError(f"{name}: {x:g}{unit} must be at least {minimum:g}{unit}")
    if maximum is not None and x > maximum:
        raise InputError(f"{name}: {x:g}{unit} must be at most {maximum:g}{unit}")
    return x


def integer(name, value, *, minimum=None, maximum=None):
    """An integer (not a bool or a float), optionally within limits."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InputError(f"{name}: an integer is needed, not {_kind(value)}")
    n = int(value)
    if minimum is not None and n < minimum:
        raise InputError(f"{name}: {n} must be at least {minimum}")
    if maximum is not None and n > maximum:
        raise InputError(f"{name}: {n} must be at most {maximum}")
    return n


def flag(name, value):
    if not isinstance(value, bool):
        raise InputError(f"{name}: True or False is needed, not {_kind(value)}")
    return value


def text(name, value, allowed=None):
    if not isinstance(value, str):
        raise InputError(f"{name}: a text is needed, not {_kind(value)}")
    if allowed is not None and value not in allowed:
        raise InputError(f"{name} must be {', '.join(repr(a) for a in allowed)}, not {value[:40]!r}")
    return value


def path(name, value):
    """A file's path: a text or an os.PathLike, not empty."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise InputError(f"{name}: a file's path is needed, not {_kind(value)}")
    if not value:
        raise InputError(f"{name}: an empty path")
    return value


def numbers_of(name, value, count, form):
    """Exactly `count` finite numbers (a tuple, list or 1-D array)."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) != count:
        raise InputError(f"{name}: give {form}")
    return tuple(number(name, v) for v in value)


def names(name, value):
    """One or more names: a text ('Q0,V_STZ') or a sequence of texts."""
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")]
    if not hasattr(value, "__iter__") or isinstance(value, bytes):
        raise InputError(f"{name}: names are needed (e.g. ['Q0', 'V_STZ']), not {_kind(value)}")
    out = list(value)
    if not out or not all(isinstance(v, str) and v for v in out):
        raise InputError(f"{name}: names are needed (e.g. ['Q0', 'V_STZ'])")
    return out


def mapping(name, value):
    """A dict (None gives an empty one)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{name}: a dict is needed, not {_kind(value)}")
    return value


_DIMENSION_UNITS = {"temperature": " K", "stress": " MPa", "time": " s", "frequency": " Hz", "strain_rate": " 1/s",
                    "dimensionless": ""}


def quantity(name, value, dimension, *, difference=False, **limits):
    """A number in the internal unit, or a text with a unit as the command line takes it ("50C",
    "323.15 K", "88.6 GPa"; with difference, "10 C" is 10 K), checked against the limits."""
    from . import _glassfit
    if isinstance(value, str):
        value = _glassfit._quantity(value, dimension, name, difference)
    return number(name, value, unit=_DIMENSION_UNITS[dimension], **limits)
