# SPDX-License-Identifier: BSD-3-Clause
"""shift() and srs_map() against `glassfit shift` and `glassfit srs`: the same tables."""
import numpy as np
import pytest

import glassfit
from conftest import csv_rows


def same_table(table, path):
    header, rows = csv_rows(path)
    assert header == list(table)
    for j, h in enumerate(header):
        assert [f"{v:.10g}" for v in table[h]] == [r[j] for r in rows], h


def test_shift_equals_the_cli(cli, root, tmp_path):
    raw = root / "data" / "pyvisco-polymer" / "freq_user_raw.csv"
    code, _, _ = cli("shift", raw, "--reference-temperature", "298.15", "-o", tmp_path / "cli", "-q")
    assert code == 0
    o = glassfit.shift(raw, 298.15)
    same_table(o.tables["shift_factors.csv"], tmp_path / "cli" / "shift_factors.csv")
    same_table(o.tables["master_curve.csv"], tmp_path / "cli" / "master_curve.csv")
    assert o.report["best_law"] is not None
    o.write(tmp_path / "py", plots=False)
    assert (tmp_path / "py" / "report.json").exists() and not (tmp_path / "py" / "master_curve.png").exists()


def test_shift_takes_a_path_a_dataset_or_arrays_and_temperatures_with_units(root):
    raw = root / "data" / "pyvisco-polymer" / "freq_user_raw.csv"
    want = glassfit.shift(raw, 298.15).tables["shift_factors.csv"]
    d = glassfit.read_dataset(raw)
    arrays = {"temperature [K]": d["temperature"], "frequency [Hz]": d["frequency"],
              "storage_modulus [MPa]": d["storage_modulus"], "loss_modulus [MPa]": d["loss_modulus"]}
    for data, t_ref in ((raw, "25C"), (d, "298.15 K"), (arrays, 298.15)):
        got = glassfit.shift(data, t_ref, temperature_tolerance="0.5 K", law_range=("15C", "90C"))
        assert got.report["reference_temperature_K"] == pytest.approx(298.15, rel=1e-14)
        for k in want:
            np.testing.assert_allclose(got.tables["shift_factors.csv"][k], want[k], rtol=1e-12, err_msg=str(type(data)))


def test_srs_map_equals_the_cli(cli, tmp_path):
    code, _, _ = cli("srs", "--temperature", "300,400", "--strain-rate", "1e-4,1e-2,1", "-o", tmp_path / "cli", "-q")
    assert code == 0
    o = glassfit.srs_map(temperature=[300, 400], strain_rate=[1e-4, 1e-2, 1])
    same_table(o.tables["srs.csv"], tmp_path / "cli" / "srs.csv")
    # the CLI's grid and unit texts, and parameter values with units, as in a parameter file
    o = glassfit.srs_map(temperature="26.85C:126.85C:100", strain_rate="1e-4:1:3log", params={"E": "88.6 GPa"})
    same_table(o.tables["srs.csv"], tmp_path / "cli" / "srs.csv")


def test_bad_map_input_is_an_input_error():
    with pytest.raises(glassfit.InputError, match="objective must be"):
        glassfit.shift("x.csv", 300, objective="loss")
    with pytest.raises(glassfit.InputError, match="above absolute zero"):
        glassfit.shift("x.csv", -3)
    with pytest.raises(glassfit.InputError, match="strain_rate: element 0 is nan"):
        glassfit.srs_map(temperature=[300], strain_rate=[np.nan])


def test_relaxation_map_equals_the_cli(cli, root, tmp_path):
    data = root / "data" / "la60ni15al25-synthetic"
    code, _, _ = cli("relaxation-map", "--isochronal", data / "dma_isochronal.csv", "--isothermal",
                     data / "dma_isothermal.csv", "-o", tmp_path / "cli", "-q")
    assert code == 0
    o = glassfit.relaxation_map(isochronal=data / "dma_isochronal.csv", isothermal=glassfit.read_dataset(
        data / "dma_isothermal.csv"), half_width="20 K")
    assert len(o.tables) >= 2, list(o.tables)
    for name, table in o.tables.items():
        same_table(table, tmp_path / "cli" / name)
    with pytest.raises(glassfit.InputError, match="isochronal and/or isothermal"):
        glassfit.relaxation_map()


def test_export_interconversion_equals_the_cli(cli, root, tmp_path):
    params = root / "data" / "la60ni15al25" / "table1.toml"
    code, _, _ = cli("export", "--model", "hc", "--params", params, "--temperature", "430", "--time", "1e-3:1e5",
                     "--per-decade", "2", "--free-times", "--no-shift", "--format", "abaqus", "-q",
                     "-o", tmp_path / "e.inp")
    assert code == 0
    text = glassfit.export_prony("hc", params=str(params), window=(430, 1e-3, 1e5), per_decade=2, free_times=True)
    cards = [l for l in text.splitlines() if not l.startswith("**")]  # comments differ (provenance)
    assert cards == [l for l in (tmp_path / "e.inp").read_text().splitlines() if not l.startswith("**")]
    assert len(cards) > 10


def test_export_takes_texts_with_units(root):
    prony = str(root / "fits" / "reference" / "pyvisco_prony_time" / "fitted.toml")
    a = glassfit.export_prony("prony", params=prony, wlf=(323.15, 16.84, 93.0), analysis_window=(1e-3, 1e5))
    b = glassfit.export_prony("prony", params=prony, wlf=("50C", 16.84, "93 K"), analysis_window=("1 ms", "1e5 s"))
    assert a == b and "*TRS" in a
    with pytest.raises(glassfit.InputError, match="wlf"):
        glassfit.export_prony("prony", params=prony, wlf=("50 MPa", 16.84, 93.0))
