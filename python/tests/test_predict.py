# SPDX-License-Identifier: BSD-3-Clause
"""predict() against `glassfit predict`: the same table, to the digit the CLI prints."""
import numpy as np
import pytest

import glassfit
from conftest import csv_rows


def listed(values):
    """Values for a CLI option, written exactly (repr round-trips)."""
    return ",".join(repr(float(v)) for v in values)


def same_table(py, cli_text):
    header, rows = csv_rows(cli_text, is_text=True)
    assert header == list(py)
    for j, name in enumerate(header):
        assert [f"{v:.10g}" for v in py[name]] == [r[j] for r in rows], name


def test_dma_equals_the_cli(cli):
    T = np.linspace(300, 550, 26)
    code, out, _ = cli("predict", "--protocol", "dma", "--temperature", listed(T), "--frequency", "0.1,1,10")
    assert code == 0
    same_table(glassfit.predict("hc", "dma", temperature=T, frequency=[0.1, 1, 10]), out)


def test_creep_relaxation_and_tension_equal_the_cli(cli, tmp_path, root):
    params = root / "data" / "la60ni15al25" / "table1.toml"
    t = np.linspace(1, 660, 60)
    code, out, _ = cli("predict", "--params", params, "--protocol", "creep", "--temperature", "430", "--stress",
                       "50@0,0@330", "--time", listed(t))
    assert code == 0
    same_table(glassfit.predict("hc", "creep", params=str(params), temperature=430, stress=[(50, 0), (0, 330)],
                                time=t), out)
    t = np.logspace(-3, 4, 50)
    code, out, _ = cli("predict", "--protocol", "relaxation", "--temperature", "310,490", "--strain", "0.002",
                       "--time", listed(t))
    assert code == 0
    same_table(glassfit.predict("hc", "relaxation", temperature=[310, 490], strain=0.002, time=t), out)
    t = np.linspace(1, 100, 10)
    code, out, _ = cli("predict", "--protocol", "tension", "--temperature", "300", "--strain-rate", "1e-4",
                       "--time", listed(t))
    assert code == 0
    same_table(glassfit.predict("hc", "tension", temperature=300, strain_rate=1e-4, time=t), out)


def test_strain_and_stress_paths_equal_the_cli(cli):
    # Load, hold, unload by strain; then by stress with an instant unload and a hold at zero.
    t = np.linspace(2, 300, 40)
    code, out, _ = cli("predict", "--protocol", "history", "--temperature", "430", "--strain-path",
                       "0.012@40,0.012@100,0@140", "--time", listed(t))
    assert code == 0
    py = glassfit.predict("hc", "history", temperature=430, strain_path=[(0.012, 40), (0.012, 100), (0, 140)], time=t)
    same_table(py, out)
    parts = sum(py[c] for c in ("strain_elastic [-]", "strain_beta [-]", "strain_anelastic [-]",
                                "strain_viscoplastic [-]"))
    assert np.allclose(parts, py["strain [-]"], atol=1e-12)
    code, out, _ = cli("predict", "--protocol", "history", "--temperature", "430", "--stress-path",
                       "300@40,0@40,0@400", "--time", listed(t))
    assert code == 0
    same_table(glassfit.predict("hc", "history", temperature=430, stress_path=[(300, 40), (0, 40), (0, 400)], time=t),
               out)
    with pytest.raises(glassfit.InputError, match="one of strain_path"):
        glassfit.predict("hc", "history", temperature=430, time=t)


def test_a_dict_of_values_is_a_parameter_file(tmp_path):
    f = tmp_path / "p.toml"
    f.write_text("U_beta = 90000\nchi_Tg = 0.35\n")
    a = glassfit.predict("hc", "dma", params=str(f), temperature=[350, 450], frequency=1)
    b = glassfit.predict("hc", "dma", params={"U_beta": 90000, "chi_Tg": 0.35}, temperature=[350, 450], frequency=1)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])


def test_models_list_their_parameter_tables():
    hc = next(m for m in glassfit.models() if m["name"] == "hc")
    U = next(p for p in hc["parameters"] if p["name"] == "U_beta")
    assert U["unit"] == "J/mol" and U["default"] == 83120


@pytest.mark.parametrize("kwargs, message", [
    (dict(temperature=[[300, 310]]), "temperature: a 1-D array is needed (got 2-D)"),
    (dict(temperature=[300, float("nan")]), "temperature: element 1 is nan"),
    (dict(temperature=np.array(["a", "b"])), "temperature: expected"),
    (dict(temperature="hot"), "temperature"),
    (dict(temperature="300 MPa"), "temperature"),
    (dict(temperature=300, params={"E_uu": 1.0}), "unknown parameter 'E_uu'"),
    (dict(temperature=300, params={"E_u": "33 K"}), "params['E_u']"),
    (dict(temperature=300, params={"E_u": [33e3]}), "params['E_u']: a number"),
    (dict(temperature=300, params={"E_u": -1.0}), "E_u"),
    (dict(), "temperature is required for model hc"),
])
def test_bad_input_is_an_input_error(kwargs, message):
    with pytest.raises(glassfit.InputError) as e:
        glassfit.predict("hc", "dma", frequency=1, **kwargs)
    assert message in str(e.value)
    assert isinstance(e.value, ValueError)


def test_errors_carry_the_cli_message(cli):
    code, _, err = cli("predict", "--model", "maxwell", "--protocol", "dma", "--temperature", "300", "--frequency", "1")
    assert code == 2
    with pytest.raises(glassfit.InputError) as e:
        glassfit.predict("maxwell", "dma", temperature=300, frequency=1)
    assert err.strip() == "error: " + str(e.value)


def test_quantities_take_the_command_lines_texts_with_units():
    """As the CLI: "27C" is 300.15 K, "1:100:3log" three log-spaced values, "33 GPa" 33000 MPa."""
    want = glassfit.predict("hc", "dma", temperature=[300.15], frequency=[1, 10, 100], params={"E_u": 33000.0})
    got = glassfit.predict("hc", "dma", temperature="27C", frequency="1:100:3log", params={"E_u": "33 GPa"})
    assert list(got) == list(want)
    for k in want:
        np.testing.assert_allclose(got[k], want[k], rtol=1e-13, err_msg=k)
