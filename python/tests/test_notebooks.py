# SPDX-License-Identifier: BSD-3-Clause
"""The notebooks under examples/notebooks run from top to bottom without an error (nbclient,
Debian's python3 kernel), so they cannot rot."""
import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = ["la60ni15al25_fit", "polymer_master_curve", "kmc_vs_onebody"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(root, name):
    folder = root / "examples" / "notebooks"
    nb = nbformat.read(folder / f"{name}.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    images = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    assert images >= 2  # the plots were drawn


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_stored_with_its_outputs_and_checks_its_claims(root, name):
    """What a reader opens: every code cell executed in order (scripts/run-notebooks.py), no error
    among the stored outputs, and assertions that check what the text claims."""
    nb = nbformat.read(root / "examples" / "notebooks" / f"{name}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "run scripts/run-notebooks.py"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert sum(c.source.count("assert ") for c in code) >= 2
