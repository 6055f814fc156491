#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The one-way doors of docs/architecture.md: every #include "glassfit/..." under lib/glassfit/
must go to a room its own room may include. Prints each crossing as file:line and exits 1;
exits 0 when every door holds. Usage: check_doors.py [lib/glassfit]"""
import pathlib
import re
import sys

FLOOR = {"core", "numerics", "io", "protocols", "models"}
# room -> rooms it may include (itself always); "models" means models/*.h, "models/X" a model folder
MAY = {
    "core": set(),
    "numerics": {"core"},
    "io": {"core"},
    "protocols": {"core", "io"},
    "models": {"core", "numerics", "io", "protocols"},  # a model folder: these and models/*.h
    "fit": FLOOR,
    "mastercurve": FLOOR,
    "predict": FLOOR,
    "kmc": {"core", "numerics", "io", "models/barrier_laws.h"},
    "crosscheck": FLOOR | {"kmc", "fit", "mastercurve", "models/onebody"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"glassfit/([^"]+)"')


def allowed(room, target, source):
    parts = target.split("/")
    if parts[0] == room and room != "models":
        return True
    if room == "models":  # models/*.h and the model folders see the floors and models/*.h;
        if parts[0] != "models":  # a model folder also sees its own files, never another's
            return parts[0] in MAY["models"]
        if len(parts) == 2:
            return True
        if len(source.parts) == 2:  # models/*.cpp: only the registry, each model's register.h
            return source.name == "registry.cpp" and parts[-1] == "register.h"
        return parts[1] == source.parts[1]
    may = MAY.get(room)
    if may is None:
        return False
    if parts[0] == "models":
        if len(parts) == 2:
            return "models" in may or target in may
        return "models/" + parts[1] in may
    return parts[0] in may or target in may


def crossings_in(root):
    crossings = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".h", ".cpp", ".in"):
            continue
        source = path.relative_to(root)
        room = source.parts[0]
        if room not in MAY:
            crossings.append(f"{path}: room '{room}' is not in the door table (tests/tools/check_doors.py)")
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if m and not m.group(1).startswith("core/version.h") and not allowed(room, m.group(1), source):
                crossings.append(f"{path}:{number}: {room}/ includes {m.group(1)}, a door docs/architecture.md keeps shut")
    return crossings


def self_test():
    """The check can fail: a forged tree with four shut doors gives four crossings."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        forged = {"fit/a.cpp": '#include "glassfit/models/hc/hc.h"\n',
                  "models/prony/b.cpp": '#include "glassfit/models/hc/params.h"\n#include "glassfit/fit/spec.h"\n',
                  "core/c.h": '#include "glassfit/io/csv.h"\n#include "glassfit/core/error.h"\n'}
        for name, text in forged.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        found = crossings_in(root)
        assert len(found) == 4 and all("keeps shut" in c for c in found), found
    return True


def main():
    self_test()
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "lib/glassfit")
    crossings = crossings_in(root)
    for c in crossings:
        print(c)
    print(f"doors: {len(crossings)} crossing(s)")
    return 1 if crossings else 0


if __name__ == "__main__":
    sys.exit(main())
