#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The gallery (docs/gallery.md): one figure of each kind glassfit draws, from shipped data, with
# the command that made it. Runs every command into a scratch folder, copies the figures into
# docs/gallery/ and writes docs/gallery.md. About 2 minutes on this 2-core machine.
# Usage: scripts/gallery.sh [path/to/glassfit]   (Python figures need build/python on PYTHONPATH)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/tools/glassfit}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pics=docs/gallery
rm -rf "$pics" && mkdir -p "$pics"
md=docs/gallery.md.new
cat >"$md" <<'EOF'
# Gallery

One figure of each kind that glassfit draws, each made from shipped data by the command shown
(run from the repository's root). `scripts/gallery.sh` makes them all again and rewrites this
page. Every plot follows one house style: data as markers, models as lines, many curves coloured
by their temperature (or frequency) on a colour bar instead of a long legend, axes labelled with
quantity and unit, decades as 10ⁿ, axis ranges from the data, fits with a residual panel and a
shaded 95 % band. `--plot-formats png,svg,pdf` (CLI) or `plot_formats=` (Python) writes each plot
also as SVG and PDF.

EOF
# entry TITLE TEXT COMMAND FILE... : runs COMMAND (in $work), copies each FILE, writes the entry.
entry() {
  local title=$1 text=$2 command=$3
  shift 3
  (cd "$work" && eval "$command") >/dev/null
  { printf '## %s\n\n%s\n\n```\n%s\n```\n\n' "$title" "$text" "$command"
    for f in "$@"; do
      local name
      name=$(echo "$f" | tr '/' '_')
      cp "$work/$f" "$pics/$name"
      printf '![%s](gallery/%s)\n\n' "$title" "$name"
    done
  } >>"$md"
}
export PATH="$(dirname "$bin"):$PATH"
root=$PWD
ln -s "$root/data" "$root/fits" "$root/examples" "$work/"

entry "A DMA fit: isochronal sweeps" \
  "The HC model fitted to five isochronal sweeps (synthetic, known truth): E', E'', tan δ and the residuals, one colour per frequency." \
  "glassfit fit fits/la60ni15al25_dma.toml -o out/dma -q" out/dma/1_dma_isochronal_fit.png
entry "A joint fit: 18 isothermal sweeps, creep and relaxation" \
  "Four experiments fitted at once; 18 temperatures are told apart by a colour bar. Here, as in most fits of these data, the 95 % band is narrower than the fit's line; the relaxation plot's residual panel shows where the fit misses the tails of the hottest curves." \
  "glassfit fit fits/la60ni15al25_joint.toml -o out/joint -q" \
  out/joint/2_dma_isothermal_fit.png out/joint/3_creep_recovery_430K_fit.png out/joint/4_stress_relaxation_fit.png
entry "A Prony series fitted to a master curve" \
  "One Maxwell element per decade fitted to pyvisco's E', E'' master curve; the x-axis is the reduced frequency, the band shows on E''. The fit misses E' by up to 30 % below 1 Hz and tan δ at the low end: below 1e-5 Hz these data are not the moduli of one linear material (docs/models/prony.md, which explains it)." \
  "glassfit fit fits/pyvisco_prony_freq.toml -o out/prony -q" out/prony/1_freq_user_master_fit.png
entry "A master curve from an instrument file" \
  "Time-temperature superposition of an Eplexor file's 21 frequency sweeps, its shift factors with the WLF and Arrhenius laws, and the van Gurp-Palmen check." \
  "glassfit shift data/eplexor-polymer/freq_Eplexor_raw.xls --reference-temperature 25C -o out/master -q" \
  out/master/master_curve.png out/master/shift_factors.png out/master/van_gurp_palmen.png
entry "A relaxation map" \
  "Relaxation times read off DMA data (points) against the HC model's (lines)." \
  "glassfit relaxation-map --isochronal data/la60ni15al25-synthetic/dma_isochronal.csv --isothermal data/la60ni15al25-synthetic/dma_isothermal.csv --params data/la60ni15al25/table1.toml -o out/taumap -q" \
  out/taumap/relaxation_map.png
entry "Predictions" \
  "What a model says for a protocol: isothermal DMA at nine temperatures, and creep with recovery." \
  "glassfit predict --protocol dma --temperature 400:480:10 --frequency 0.01:100:30log -o out/iso.csv --plot out/iso.png && glassfit predict --protocol creep --temperature 430 --stress 50@0,0@330 --time 1:660:1 -o out/creep.csv --plot out/creep.png" \
  out/iso.png out/creep.png
entry "The one-body SRS map" \
  "Niiyama et al.'s Fig. 10: the SRS index of the one-body model over temperature and rate, with the characteristic rates; and Fig. 9, its flow stress." \
  "glassfit srs --params data/onebody/kww_beta1.3.toml --temperature 300:500:10 --strain-rate 1e-5:1e5:41log -o out/srs -q" \
  out/srs/srs_map.png out/srs/flow_stress.png
entry "A kMC run" \
  "One constant-strain-rate run of the paper's configuration on 64 x 64: its stress-strain curve and the von Mises eigenstrain at strain 0.1." \
  "sed -e 's/^nx = .*/nx = 64/; s/^ny = .*/ny = 64/' examples/kmc/niiyama2026_strain_rate.toml > run.toml && glassfit kmc run.toml -o out/kmc -q" \
  out/kmc/stress_strain.png out/kmc/von_mises_strain_0.100.png
entry "A kMC sweep" \
  "Flow stress and SRS index of a 32 x 32 sweep over five temperatures." \
  "sed -e 's/^nx = .*/nx = 32/; s/^ny = .*/ny = 32/; s/^plots = .*/plots = false/' examples/kmc/niiyama2026_strain_rate.toml > sweep.toml && printf '[sweep]\ntemperatures_K = [300, 350, 400, 450, 500]\nstrain_rates_per_s = [1e-3, 1, 1e3]\nrate_factors = [0.5, 1, 2]\nseeds = [1]\n' >> sweep.toml && glassfit kmc sweep.toml -o out/sweep -q" \
  out/sweep/flow_stress.png out/sweep/srs.png
entry "The cross-check: kMC against the one-body theory" \
  "Niiyama et al.'s Fig. 8 and the two SRS maps, from a 32 x 32 sweep (docs/kmc-results.md has the 64 x 64 one and reads them: the one-body curve, fitted with Q0 and V_STZ free, follows the kMC's slopes, not its level everywhere, and above ~10 /s its intervals end athermally, where its m is several times the kMC's)." \
  "sed -e 's/^nx = .*/nx = 32/; s/^ny = .*/ny = 32/' examples/kmc/crosscheck.toml > xc.toml && glassfit crosscheck xc.toml -o out/xc -q" \
  out/xc/flow_stress_compare.png out/xc/m_kmc.png out/xc/m_onebody.png
export PYTHONPATH=${PYTHONPATH:-$root/build/python}
if /usr/bin/python3 -c "import glassfit, emcee, matplotlib" 2>/dev/null; then
  entry "Posterior sampling (Python)" \
    "glassfit.sample after a fit: the walkers' traces, the corner plot, and the fit drawn with the central 95 % of the model over posterior draws." \
    "/usr/bin/python3 -c \"import glassfit; r = glassfit.fit('fits/la60ni15al25_dma.toml'); s = glassfit.sample(r, steps=600, seed=1); s.plot('out/sample'); r.write('out/sample/fit', band=s)\"" \
    out/sample/trace.png out/sample/corner.png out/sample/fit/1_dma_isochronal_fit.png
fi
mv "$md" docs/gallery.md
echo "gallery: $(ls "$pics" | wc -l) figures in $pics, docs/gallery.md written"
