# SPDX-License-Identifier: BSD-3-Clause
# The documentation site: Sphinx with MyST for the Markdown pages, autodoc for the Python API
# (from the built module: PYTHONPATH=build/python), furo as the theme; all Debian packages.
# Built by scripts/docs.sh with warnings as errors.
import re
from pathlib import Path

root = Path(__file__).resolve().parents[1]
project = "glassfit"
version = release = re.search(r"project\(glassfit VERSION (\S+)", (root / "CMakeLists.txt").read_text()).group(1)
copyright = "glassfit developers, BSD 3-Clause"
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.mathjax"]
source_suffix = {".md": "markdown"}
myst_heading_anchors = 3
myst_enable_extensions = ["dollarmath"]  # $...$ in the model pages: equations rendered
html_theme = "furo"
html_title = f"glassfit {release}"
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
nitpicky = False


def setup(app):
    # The docstrings are plain text written for help() (units, shapes, examples in prose), not
    # reStructuredText: shown as they are, in a literal block.
    def literal(app, what, name, obj, options, lines):
        if lines:
            lines[:] = ["::", ""] + ["   " + line for line in lines] + [""]

    app.connect("autodoc-process-docstring", literal)
