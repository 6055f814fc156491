# SPDX-License-Identifier: BSD-3-Clause
"""read_dataset() and fit() against the command line."""
import json

import numpy as np
import pytest

import glassfit
from conftest import csv_rows


def test_read_dataset_reads_what_convert_writes(cli, root, tmp_path):
    trios = root / "data" / "trios-polymer" / "frequency_sweep_tts.txt"
    code, _, _ = cli("convert", trios, "-o", tmp_path / "c.csv")
    assert code == 0
    header, rows = csv_rows(tmp_path / "c.csv")
    d = glassfit.read_dataset(trios)
    assert len(d) == len(rows)
    assert d.modulus == "shear"
    for j, h in enumerate(header):
        quantity = h.split(" [")[0].replace("shear_", "")
        col = d.columns.get(quantity)
        if col is None:
            continue
        assert [f"{v:.10g}" for v in col] == [r[j] for r in rows], h


def test_read_dataset_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("temperature [K],frequency [Hz],storage_modulus [MPa]\n300,1,abc\n")
    with pytest.raises(glassfit.InputError) as e:
        glassfit.read_dataset(bad)
    assert "bad.csv:2" in str(e.value)


def test_fit_equals_the_cli_fit(cli, root, tmp_path):
    spec = root / "fits" / "la60ni15al25_dma.toml"
    code, _, _ = cli("fit", spec, "-o", tmp_path / "cli", "-q")
    assert code == 0
    want = json.load(open(tmp_path / "cli" / "report.json"))
    calls = []
    r = glassfit.fit(spec, progress=lambda done, total, best: calls.append(done))
    assert r.converged
    for name, p in want["parameters"].items():
        if p["value"] is None:  # JSON writes an infinite value (sigma_1 = inf: no stress bias) as null
            assert not np.isfinite(r.values[name]), name
            continue
        assert r.values[name] == pytest.approx(p["value"], rel=1e-10, abs=0), name
        if not p["fixed"]:
            assert r.stderr[name] == pytest.approx(p["stderr"], rel=1e-10), name
    assert r.chi2_reduced == pytest.approx(want["chi2_reduced"], rel=1e-10)
    assert r.correlation.shape == (len(r.free_names), len(r.free_names))
    np.testing.assert_allclose(np.diag(r.correlation), 1.0)
    assert r.report["parameters"]["U_beta"]["value"] == r.values["U_beta"]
    assert json.loads(r.to_json())["converged"] is True
    assert len(r.datasets) == 2 and list(r.datasets[0]["measured"]) == ["storage_modulus [MPa]", "loss_modulus [MPa]"]
    for d in r.datasets:  # every measured quantity apart, by its CSV header, the model's beside it
        assert list(d["measured"]) == list(d["model"]) and d["measured"], d["kind"]
        for k in d["measured"]:
            assert d["measured"][k].shape == d["model"][k].shape == (d["points"] // len(d["measured"]),), k
    r.write(tmp_path / "py")
    assert (tmp_path / "py" / "report.json").exists() and (tmp_path / "py" / "fitted.toml").exists()


def test_fit_from_text_resolves_data_against_base_dir(root):
    text = (root / "fits" / "la60ni15al25_dma.toml").read_text()
    r = glassfit.fit(text=text, base_dir=root / "fits")
    assert r.converged


def test_fit_errors_are_input_errors(cli, tmp_path):
    spec = tmp_path / "s.toml"
    spec.write_text('model = "hc"\n[[dataset]]\nfile = "missing.csv"\n')
    code, _, err = cli("fit", spec, "-o", tmp_path / "o")
    assert code == 2
    with pytest.raises(glassfit.InputError) as e:
        glassfit.fit(spec)
    assert err.strip() == "error: " + str(e.value)


def test_a_fit_from_arrays_and_a_dict_equals_the_fit_from_files(root):
    data = root / "data" / "la60ni15al25-synthetic"
    arrays = {}
    for name in ("dma_isochronal", "dma_isothermal"):
        d = glassfit.read_dataset(data / f"{name}.csv")
        arrays[name] = {"temperature [K]": d["temperature"], "frequency [Hz]": d["frequency"],
                        "storage_modulus [MPa]": d["storage_modulus"], "loss_modulus [MPa]": d["loss_modulus"]}
    noise = {"residual": "noise", "noise_relative": 0.003, "loss_residual": "noise", "loss_noise_relative": 0.01,
             "loss_noise_absolute": 2.0}
    spec = {
        "model": "hc", "anelastic": "published",
        "dataset": [dict(file="dma_isochronal", **noise), dict(file="dma_isothermal", **noise)],
        "parameters": {
            "E_u": {"start": 36000, "min": 1e4, "max": 6e4}, "E_r": {"start": 28000, "min": 1e4, "max": 6e4},
            "U_beta": {"start": 9.0e4, "min": 5e4, "max": 1.5e5},
            "tau_beta0": {"start": 4e-13, "min": 1e-18, "max": 1e-8},
            "A_an": {"start": 3e-5, "min": 1e-7, "max": 1e-3}, "A_vp": {"start": 0.75e-5, "min": 1e-7, "max": 1e-3},
            "chi_Tg": {"start": 0.44, "min": 0.1, "max": 1}, "a1": {"start": 0.0021, "min": 0, "max": 0.02},
            "t0": {"start": 1.2e-6, "min": 1e-10, "max": 1e-2}, "T_g": 453,
            "B": {"start": 0.33, "min": 0.05, "max": 2},
        },
    }
    from_arrays = glassfit.fit(spec, datasets=arrays)
    from_files = glassfit.fit(root / "fits" / "la60ni15al25_dma.toml")
    for k, v in from_files.values.items():
        if np.isfinite(v):
            assert from_arrays.values[k] == pytest.approx(v, rel=1e-10), k
    assert from_arrays.report["datasets"][0]["file"] == "dma_isochronal"


def test_bad_arrays_for_a_fit_are_named(root):
    spec = {"model": "hc", "dataset": [{"file": "a"}], "parameters": {"U_beta": {"start": 9e4}}}
    with pytest.raises(glassfit.InputError, match=r"datasets\['a'\]\['storage_modulus \[MPa\]'\]: element 1 is nan"):
        glassfit.fit(spec, datasets={"a": {"temperature [K]": [300, 310], "frequency [Hz]": [1, 1],
                                           "storage_modulus [MPa]": [3e4, float("nan")]}})
    with pytest.raises(glassfit.InputError, match="differ in length"):
        glassfit.fit(spec, datasets={"a": {"temperature [K]": [300, 310], "frequency [Hz]": [1]}})
    with pytest.raises(glassfit.InputError, match="dataset file .* not found"):
        glassfit.fit(spec)


def test_dataset_to_csv_is_what_convert_writes(cli, root, tmp_path):
    src = root / "data" / "pyvisco-polymer" / "freq_user_raw.csv"
    code, out, _ = cli("convert", src)
    assert code == 0
    text = glassfit.read_dataset(src).to_csv(tmp_path / "c.csv")
    data = [l for l in text.splitlines() if not l.startswith("#")]
    assert data == [l for l in out.splitlines() if not l.startswith("#")] and len(data) > 100
    assert (tmp_path / "c.csv").read_text() == text
