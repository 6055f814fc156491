# SPDX-License-Identifier: BSD-3-Clause
"""docs/python.md, "The command line in Python": the table of every CLI command and option and
its Python call, checked both ways against `glassfit CMD --help` and the package."""
import inspect
import re

import glassfit


def rows(root):
    text = (root / "docs" / "python.md").read_text()
    body = text.split("<!-- cli-python table -->")[1].split("<!-- end of cli-python table -->")[0]
    out, command = [], None
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("command", "---"):
            continue
        if cells[0]:
            command = cells[0].strip("`")
        out.append((command, cells[1].strip("`"), cells[2]))
    return out


def help_options(cli, command):
    code, out, _ = cli(command, "--help")
    assert code == 0
    return {m.group(1) for m in re.finditer(r"^  ((?:-[a-z],)?--[a-z-]+)", out, re.M)} - {"-h,--help"}


def callable_of(name):
    """'shift' -> glassfit.shift; 'Outputs.write' -> glassfit.Outputs.write."""
    obj = glassfit
    for part in name.split("."):
        assert hasattr(obj, part), f"glassfit has no {name}"
        obj = getattr(obj, part)
    return obj


def test_every_cli_option_has_its_python_call(cli, root):
    table = rows(root)
    commands = {c for c, _, _ in table}
    assert commands == {"models", "predict", "fit", "shift", "relaxation-map", "export", "srs", "convert", "kmc",
                        "crosscheck"}
    for command in commands:
        listed = {o for c, o, _ in table if c == command and o}
        assert listed == help_options(cli, command), command
    checked = 0
    for command, option, python in table:
        if python.startswith("—"):
            assert len(python) > 10, f"{command} {option}: say why it is not a call"
            continue
        for name, keyword in re.findall(r"`([A-Za-z_.]+)\(([A-Za-z_]*)=?", python):
            f = callable_of(name)
            if keyword:
                params = inspect.signature(f).parameters
                assert keyword in params, f"{command} {option}: {name}() has no argument {keyword}"
            checked += 1
    assert checked >= 70
