# SPDX-License-Identifier: BSD-3-Clause
"""The kMC engine from Python against `glassfit kmc`: the same run bit for bit."""
import numpy as np
import pytest

import glassfit
from conftest import csv_rows

CONFIG = {
    "lattice": {"nx": 16, "ny": 16},
    "barrier": {"law": "kww", "beta": 1.3},
    "loading": {"final_strain": 0.1},
    "run": {"checkpoint_every": 100000},
    "output": {"plots": False},
}


@pytest.fixture()
def config_file(tmp_path):
    path = tmp_path / "k.toml"
    path.write_text(glassfit.kmc.to_toml(CONFIG))
    return path


def test_a_run_equals_the_cli_bit_for_bit(cli, config_file, tmp_path):
    code, _, _ = cli("kmc", config_file, "-o", tmp_path / "cli", "-q")
    assert code == 0
    k = glassfit.Kmc(config_file)
    assert k.run() is False and k.finished
    # The final state, sealed as the CLI's checkpoint at the end of its run, is the same bytes.
    assert k.save() == (tmp_path / "cli" / "checkpoint.bin").read_bytes()
    header, rows = csv_rows(tmp_path / "cli" / "stress_strain.csv")
    table = k.outputs().tables["stress_strain.csv"]
    for j, h in enumerate(header):
        assert [f"{v:.10g}" for v in table[h]] == [r[j] for r in rows], h
    assert k.curve["stress_MPa"].shape == (len(rows),)
    assert k.eigenstrain.shape == (16, 16, 3) and k.voxel_events.sum() == k.events


def test_a_dict_is_its_toml_and_a_restored_state_goes_on_identically(config_file):
    a, b = glassfit.Kmc(CONFIG), glassfit.Kmc(config_file)
    assert a.fingerprint == b.fingerprint
    a.run(until_strain=0.05)
    assert 0.05 <= a.strain < 0.06 and not a.finished
    state = a.save()
    a.run()
    c = glassfit.Kmc(CONFIG)
    c.restore(state)
    c.run()
    assert c.save() == a.save()
    b.run()
    assert b.save() == a.save()


def test_a_sweep_equals_the_cli(cli, tmp_path):
    sweep = dict(CONFIG, sweep={"temperatures_K": [300], "strain_rates_per_s": [1e-3], "seeds": [1]})
    del sweep["run"]
    path = tmp_path / "s.toml"
    path.write_text(glassfit.kmc.to_toml(sweep))
    code, _, _ = cli("kmc", path, "-o", tmp_path / "cli", "-q")
    assert code == 0
    o = glassfit.kmc_sweep(sweep)
    for name in ("flow_stress.csv", "srs.csv"):
        header, rows = csv_rows(tmp_path / "cli" / name)
        for j, h in enumerate(header):
            assert [f"{v:.10g}" for v in o.tables[name][h]] == [r[j] for r in rows], h


def test_a_crosscheck_equals_the_cli(cli, tmp_path):
    """glassfit.crosscheck makes the command's comparison: the same cells, the same fitted values."""
    sweep = dict(CONFIG, sweep={"temperatures_K": [350, 450], "strain_rates_per_s": [1e-2, 1],
                                "rate_factors": [0.5, 2], "seeds": [1]})
    del sweep["run"]
    path = tmp_path / "x.toml"
    path.write_text(glassfit.kmc.to_toml(sweep))
    code, _, err = cli("crosscheck", path, "-o", tmp_path / "cli", "-q")
    assert code == 0, err
    x = glassfit.crosscheck(sweep)
    header, rows = csv_rows(tmp_path / "cli" / "comparison.csv")
    for j, h in enumerate(header):
        assert [f"{v:.10g}" for v in x.comparison.tables["comparison.csv"][h]] == [r[j] for r in rows], h
    assert x.report["sign_agreement"]["compared"] == 4
    assert {p["name"] for p in x.report["fit"]["parameters"] if not p["fixed"]} == {"Q0", "V_STZ"}
    x.write(tmp_path / "py")
    assert (tmp_path / "py" / "fit" / "onebody_fit.toml").read_text() == \
        (tmp_path / "cli" / "fit" / "onebody_fit.toml").read_text()
    with pytest.raises(glassfit.InputError, match="not one of the sweep"):
        glassfit.crosscheck(sweep, compare_temperature_K=500)


def test_bad_configurations_are_input_errors(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[lattice]\nnx = 2000000\n[barrier]\nlaw = \"kww\"\n")
    code, _, err = cli("kmc", bad, "-o", tmp_path / "o")
    assert code == 2
    with pytest.raises(glassfit.InputError) as e:
        glassfit.Kmc(bad)
    assert err.strip() == "error: " + str(e.value)
    with pytest.raises(glassfit.InputError, match="lattice.nx: nan is not a finite number"):
        glassfit.Kmc({"lattice": {"nx": float("nan")}})
    with pytest.raises(glassfit.InputError, match="no such file"):
        glassfit.Kmc("missing.toml")
    with pytest.raises(glassfit.InputError, match="state"):
        glassfit.Kmc(CONFIG).restore(b"not a checkpoint")


def test_the_state_of_a_finished_run_restores(config_file):
    # Its end-of-run snapshot was once refused as "corrupt state (snapshots)".
    a = glassfit.Kmc(config_file)
    assert not a.run()  # over
    assert a.finished
    b = glassfit.Kmc(config_file)
    b.restore(a.save())
    assert b.finished and not b.step()
    assert b.save() == a.save()
