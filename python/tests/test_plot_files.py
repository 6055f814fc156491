# SPDX-License-Identifier: BSD-3-Clause
"""Every plot the commands write, checked as files (docs/figures.md, "House style"): each
NAME.png has its NAME.svg and NAME.pdf under --plot-formats png,svg,pdf; the SVG has the expected
panels, axis labels with units, decades as 10^n (no 1e+05 tick labels) and at most 12 legend
entries; Python's write(plot_formats=...) writes the same files."""
import re
import xml.etree.ElementTree as ET

import pytest

import glassfit

SVG = "{http://www.w3.org/2000/svg}"
MAX_LEGEND = 12


def svg_texts(path):
    """(every text drawn, the legend entries) of a gnuplot SVG."""
    tree = ET.parse(path)
    texts = ["".join(t.itertext()).strip() for t in tree.iter(SVG + "text")]
    titles = {t.text for t in tree.iter(SVG + "title")}
    legend = {t for t in titles if t and not t.startswith("gnuplot_plot") and t != "Gnuplot"}
    return texts, legend


def check_folder(folder, expected_panels):
    """Checks every plot in folder; expected_panels maps a file stem to texts it must show."""
    stems = sorted(p.stem for p in folder.glob("*.png"))
    assert stems, f"no plots in {folder}"
    for stem in stems:
        for ext, magic in ((".svg", b"<?xml"), (".pdf", b"%PDF")):
            assert (folder / (stem + ext)).read_bytes()[:len(magic)] == magic, stem + ext
        texts, legend = svg_texts(folder / (stem + ".svg"))
        assert len(legend) <= MAX_LEGEND, (stem, sorted(legend))
        ticks_1e = [t for t in texts if re.fullmatch(r"[-+]?\d+(\.\d+)?e[+-]?\d+", t)]
        assert not ticks_1e, (stem, "tick labels as 1e+n", ticks_1e)
        assert any("[" in t and "]" in t for t in texts), (stem, "no axis label with a unit")
        for want in expected_panels.get(stem, []):
            assert want in texts, (stem, want, texts[:40])
    return stems


@pytest.fixture(scope="module")
def made(cli, root, tmp_path_factory):
    """Runs each command once into a folder of its own, all three formats."""
    out = tmp_path_factory.mktemp("plots")
    fmt = ("--plot-formats", "png,svg,pdf")
    syn = root / "data" / "la60ni15al25-synthetic"
    runs = {
        "fit": ("fit", root / "fits" / "la60ni15al25_joint.toml", "-q"),
        "shift": ("shift", root / "data" / "eplexor-polymer" / "freq_Eplexor_raw.xls",
                  "--reference-temperature", "25C", "-q"),
        "srs": ("srs", "--params", root / "data" / "onebody" / "kww_beta1.3.toml", "--temperature", "300:500:50",
                "--strain-rate", "1e-5:1e5:11log", "-q"),
        "relaxation-map": ("relaxation-map", "--isochronal", syn / "dma_isochronal.csv", "--isothermal",
                           syn / "dma_isothermal.csv", "--params", root / "data" / "la60ni15al25" / "table1.toml",
                           "-q"),
    }
    for name, args in runs.items():
        code, _, err = cli(*args, "-o", out / name, *fmt)
        assert code == 0, (name, err)
    config = out / "sweep.toml"
    config.write_text(glassfit.kmc.to_toml({
        "lattice": {"nx": 16, "ny": 16}, "barrier": {"law": "kww", "beta": 1.3},
        "loading": {"final_strain": 0.1}, "output": {"snapshot_strains": [0.1]},
        "sweep": {"temperatures_K": [300, 350, 400, 450, 500, 550, 600, 650],
                  "strain_rates_per_s": [1e-3], "rate_factors": [0.5, 1, 2], "seeds": [1]}}))
    code, _, err = cli("kmc", config, "-o", out / "kmc-sweep", "-q", *fmt)
    assert code == 0, err
    return out


def test_fit_figures_have_data_fit_and_residual_panels(made):
    dma = ["storage modulus", "loss modulus", "loss factor", "residuals (filled: E', open: E'')"]
    stems = check_folder(made / "fit", {"1_dma_isochronal_fit": dma, "2_dma_isothermal_fit": dma,
                                        "3_creep_recovery_430K_fit": ["creep", "residuals"],
                                        "4_stress_relaxation_fit": ["residuals"]})
    assert stems == ["1_dma_isochronal_fit", "2_dma_isothermal_fit", "3_creep_recovery_430K_fit",
                     "4_stress_relaxation_fit"]
    # 18 temperatures: a colour bar, no legend of 72 entries.
    texts, legend = svg_texts(made / "fit" / "2_dma_isothermal_fit.svg")
    assert "temperature [K]" in texts and legend <= {"fit"}


def test_master_curve_has_moduli_and_loss_factor_panels_on_reduced_frequency(made):
    check_folder(made / "shift", {"master_curve": ["storage modulus", "loss modulus", "loss factor",
                                                   "measurement temperature [K]",
                                                   "reduced frequency f aT [Hz] at 298.15 K"]})


def test_maps_and_sweeps_follow_the_house_style(made):
    check_folder(made / "srs", {"srs_map": ["temperature [K]", "strain rate [1/s]", "m [-]"]})
    check_folder(made / "relaxation-map", {})
    stems = check_folder(made / "kmc-sweep", {"flow_stress": ["temperature [K]"], "srs": ["SRS index m [-]"]})
    assert stems == ["flow_stress", "srs"]


def test_python_writes_the_formats_it_is_asked_for(root, tmp_path):
    r = glassfit.fit(root / "fits" / "la60ni15al25_dma.toml")
    r.write(tmp_path / "a", plot_formats=["png", "pdf"])
    assert (tmp_path / "a" / "1_dma_isochronal_fit.pdf").read_bytes()[:4] == b"%PDF"
    assert not (tmp_path / "a" / "1_dma_isochronal_fit.svg").exists()
    with pytest.raises(glassfit.InputError, match="plot_formats: 'gif' is not a plot format"):
        r.write(tmp_path / "b", plot_formats="png,gif")
    band = r.datasets[0]["model_stderr"]["storage_modulus [MPa]"]
    assert band.shape == r.datasets[0]["model"]["storage_modulus [MPa]"].shape and (band > 0).all()
