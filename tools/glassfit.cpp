// SPDX-License-Identifier: BSD-3-Clause
// The glassfit command-line program: wires the library to the shell. CLI11 is included in this
// translation unit only (it is slow to compile).
#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>

#include "glassfit/core/error.h"
#include "glassfit/core/text.h"
#include "glassfit/core/version.h"
#include "glassfit/io/output_file.h"
#include "glassfit/io/plot.h"
#include "fit.h"
#include "kmc.h"
#include "predict.h"
#include "shift.h"
#include "export.h"
#include "srs.h"
#include "convert.h"
#include "crosscheck.h"

namespace {

// --model-option NAME=VALUE, each appended as (NAME, VALUE).
void add_model_options(const std::vector<std::string>& given, std::vector<std::pair<std::string, std::string>>& into) {
  for (const auto& text : given) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
      throw glassfit::InputError("--model-option: give NAME=VALUE, not '" + text + "'");
    into.emplace_back(text.substr(0, eq), text.substr(eq + 1));
  }
}

std::string joined(int argc, char** argv) {
  std::string s;
  for (int i = 0; i < argc; ++i) s += (i ? " " : "") + std::string(argv[i]);
  return s;
}

// An interrupt removes the temporary files of writes in flight, then ends the program as the
// signal would have.
extern "C" void on_terminating_signal(int sig) {
  glassfit::remove_temporary_files();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void install_signal_handlers() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, on_terminating_signal);
  // A closed pipe on standard output is a write error that we report, not a silent death.
  std::signal(SIGPIPE, SIG_IGN);
}

// Whatever was printed to standard output must have arrived: a full disk or a closed
// descriptor is an error (exit 2), not a silent success.
int check_stdout(int status) {
  errno = 0;
  std::cout.flush();
  const bool failed = std::cout.fail() || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (!failed) return status;
  const int err = errno;
  std::cerr << "error: standard output: write failed" << (err ? std::string(": ") + std::strerror(err) : "") << "\n";
  return 2;
}

int run(int argc, char** argv);

}  // namespace

int main(int argc, char** argv) {
  install_signal_handlers();
  return check_stdout(run(argc, argv));
}

namespace {

int run(int argc, char** argv) {
  CLI::App app{
      "glassfit: fit and predict constitutive models of metallic glasses.\n"
      "Internal units: MPa, s, K, Hz, J/mol. Options that take values accept a unit suffix\n"
      "(e.g. --temperature 25C, --stress 0.05GPa); a bare number is in internal units.",
      "glassfit"};  // named, so that usage lines do not depend on how it was invoked
  app.set_version_flag("--version", std::string("glassfit ") + glassfit::kVersion);
  app.require_subcommand(1);

  bool markdown = false;
  auto* models =
      app.add_subcommand("models", "List the models and their parameter tables (name, unit, default, range).");
  std::string model_name;
  models->add_option("name", model_name, "Only this model.");
  models->add_flag("--markdown", markdown, "Print the tables as Markdown (as in docs/models/NAME.md).");

  glassfit::cli::PredictOptions o;
  auto* predict =
      app.add_subcommand("predict", "Predict what a model says for one experiment and write CSV (and a plot).");
  predict->footer(
      "Grids: start:stop:step (300:550:1), start:stop:Nlog (1e-3:1e4:100log = 100 log-spaced points),\n"
      "lists (1,2,4). Stress history: value@start_time pairs in MPa@s (50@0,0@330 = 50 MPa from 0 s,\n"
      "unloaded at 330 s). Strain path: strain@time nodes, linear between them from 0 at t = 0, a\n"
      "repeated time a jump (0.012@40,0.012@100,0@140 = load at 3e-4 /s, hold, unload, hold);\n"
      "--stress-path likewise in MPa@s.\n\n"
      "Examples:\n"
      "  glassfit predict --protocol dma --temperature 300:550:1 --frequency 1 -o dma.csv --plot dma.png\n"
      "  glassfit predict --protocol master --temperature 430 -o master.csv --plot master.png\n"
      "  glassfit predict --protocol creep --temperature 430 --stress 50@0,0@330 --time 0.5:660:0.5 -o creep.csv\n"
      "  glassfit predict --protocol relaxation --temperature 310,430 --strain 0.002 --time 1e-3:1e4:100log\n"
      "  glassfit predict --protocol tension --temperature 300 --strain-rate 1e-4 --max-strain 0.01\n"
      "  glassfit predict --protocol history --temperature 430 --strain-path 0.012@40,0@80 --time 1:600:1");
  predict->add_option("--model", o.model, "Model name (see 'glassfit models').")->default_val("hc");
  predict->add_option("--params", o.params_file,
                      "TOML parameter file (name = value in internal units, or \"33 GPa\"); default: the model's\n"
                      "defaults (Table 1 of Hao et al. for hc).");
  predict
      ->add_option("--protocol", o.protocol,
                   "dma | master | creep | relaxation | tension | history. master: the model's isothermal\n"
                   "sweep at the one --temperature (the reference) over --frequency (default 1e-6:1e6:121log),\n"
                   "with E'' split into its beta and alpha parts. history: any strain path (--strain-path).\n"
                   "Time-domain tables add the model's extra columns (hc: elastic, beta, anelastic and\n"
                   "viscoplastic strain, and chi of Eq. 22c).")
      ->required();
  predict->add_option("--temperature", o.temperature,
                      "Temperature(s), K (grid or list; e.g. 300:550:1, 25C); required unless the model is\n"
                      "isothermal (prony).");
  predict->add_option("--frequency", o.frequency, "dma/master: frequency(ies), Hz (e.g. 1 or 0.01:100:50log).");
  std::string anelastic, points_per_decade;
  std::vector<std::string> model_options;
  predict->add_option("--anelastic", anelastic,
                      "hc, dma/master: 'published' (default) keeps Eq. 25b's first KWW term (i w tau_an)^-chi;\n"
                      "'exact' uses the full Laplace-Carson transform of the KWW term (= --model-option\n"
                      "anelastic=exact).");
  predict->add_option("--model-option", model_options,
                      "NAME=VALUE, repeatable: a model option (see 'glassfit models'), e.g. anelastic=exact.");
  predict->add_option("--stress", o.stress, "creep: stress history, MPa@s (e.g. 50@0,0@330).");
  predict->add_option("--time", o.time, "creep/relaxation/tension/history: output times, s (grid or list).");
  predict->add_option("--strain-path", o.strain_path,
                      "history: strain path, strain@s nodes (e.g. 0.012@40,0.012@100,0@140).");
  predict->add_option("--stress-path", o.stress_path,
                      "history: stress path instead, MPa@s nodes (e.g. 300@40,0@40,0@600: a ramp, an instant\n"
                      "unload, a hold at zero stress).");
  predict->add_option("--strain", o.strain, "relaxation: strain step applied at t = 0, - (e.g. 0.002).");
  predict->add_option("--strain-rate", o.strain_rate, "tension: constant strain rate, 1/s.");
  predict->add_option("--max-strain", o.max_strain, "tension: load up to this strain, - (instead of --time).");
  predict->add_option("--points", o.points, "tension: number of output points up to --max-strain.")->default_val(200);
  predict->add_option("--points-per-decade", points_per_decade,
                      "hc, creep/relaxation/tension/history: time steps per decade of the time-domain solvers\n"
                      "(default 30, accuracy 1e-4; = --model-option points_per_decade=N).");
  predict->add_option("-o,--output", o.output, "Output CSV (written atomically); default: standard output.");
  predict->add_option("--plot", o.plot, "Also draw the prediction with gnuplot to FILE.png, FILE.svg or FILE.pdf.");

  glassfit::cli::FitCommand fc;
  std::vector<std::string> fit_options;
  std::string fit_free;
  auto* fit = app.add_subcommand("fit", "Fit a model to datasets as a TOML spec says (docs/fit-spec.md).");
  fit->add_option("spec", fc.input,
                  "Fit spec (TOML); dataset paths in it are relative to it. With --model: a data file instead.")
      ->required();
  fit->add_option("-o,--output", fc.outdir,
                  "Output folder: report.json, fitted.toml, per-dataset fit CSVs and PNG plots (and spec.toml\n"
                  "with --model).")
      ->required();
  fit->add_option("--model", fc.model,
                  "Fit the data file given as spec with this model (glassfit models): the spec made from\n"
                  "--model, --free, --model-option and --residual is printed and written to OUTDIR/spec.toml,\n"
                  "so that 'glassfit fit OUTDIR/spec.toml' repeats the run.");
  fit->add_option("--free", fit_free,
                  "With --model: parameters to fit, comma-separated, started at their defaults, besides those\n"
                  "the model fits by default (a Prony series' weights; none for hc).");
  fit->add_option("--model-option", fit_options, "With --model: NAME=VALUE, repeatable: a model option.");
  fit->add_option("--residual", fc.residual,
                  "With --model: the dataset's residual (relative, complex, absolute; docs/fit-spec.md);\n"
                  "default: the model's (complex for a Prony series of DMA data, else relative).");
  fit->add_flag("-q,--quiet", fc.quiet, "No summary table or progress.");
  fit->footer("Exit status: 0 converged, 2 bad input, 3 fitted but not converged (report written).");

  glassfit::cli::ShiftCommand sc;
  auto* shift =
      app.add_subcommand("shift", "Build a master curve by time-temperature superposition (docs/master-curves.md).");
  shift
      ->add_option("data", sc.input,
                   "CSV of frequency sweeps (temperature, frequency, storage and loss modulus) or of relaxation\n"
                   "curves (temperature, time, relaxation modulus) at several temperatures; pyvisco layout accepted.")
      ->required();
  shift
      ->add_option("--reference-temperature", sc.reference,
                   "Reference temperature T_ref (-5C, 268.15K; a bare number is K); must lie within the data.")
      ->required();
  shift
      ->add_option("-o,--output", sc.output_dir,
                   "Output folder: shift_factors.csv, master_curve.csv, report.json, master_curve.png,\n"
                   "shift_factors.png, van_gurp_palmen.png.")
      ->required();
  shift
      ->add_option("--objective", sc.objective,
                   "What is superposed, in log10 units: 'storage' (log E'), 'moduli' (log E' and log E'',\n"
                   "each weighted by its own scatter) or 'tan-delta' (log tan delta, blind to vertical shifts).\n"
                   "Relaxation data always use log E(t).")
      ->default_val("storage");
  shift->add_flag("--vertical", sc.vertical, "Also fit a vertical shift log10 bT per temperature (E_reduced = bT E).");
  shift->add_option("--shifts-from", sc.shifts_from,
                    "An Eplexor .xls with a Shiftlist sheet: the master curve is built from its shifts\n"
                    "(re-referenced to --reference-temperature) instead of ours, which are still computed and\n"
                    "written beside them (log10_aT_instrument) with the rms difference; the laws fit ours.");
  shift->add_flag("--drop-nonpositive", sc.drop_nonpositive,
                  "Leave out rows whose storage or loss modulus is <= 0 (an instrument's point at its limit),\n"
                  "with a warning naming their lines; without it such a row is an error.");
  shift->add_option("--neighbours", sc.neighbours, "Compare each temperature with this many neighbours on each side.")
      ->default_val(2);
  shift
      ->add_option("--law-range", sc.law_range,
                   "Where the shift laws are fitted: 'auto' (the widest run of 5 or more consecutive\n"
                   "temperatures around T_ref that a valid law describes), 'all', or lo:hi give or take\n"
                   "--temperature-tolerance (e.g. 25C:100C for WLF above T_g).")
      ->default_val("auto");
  shift
      ->add_option("--law-tolerance", sc.law_tolerance,
                   "A valid law describes the shifts when its rms misfit is at most this many decades of aT,\n"
                   "or when its chi2 and the signs of its residuals are consistent with the shifts' errors.")
      ->default_val(0.1);
  shift
      ->add_option("--temperature-tolerance", sc.tolerance,
                   "Without a set column, rows within this of a segment's first temperature form one segment;\n"
                   "also how far T_ref and --law-range may reach beyond the data, K.")
      ->default_val("0.5");
  shift->add_flag("-q,--quiet", sc.quiet, "No summary table.");
  shift->footer(
      "Shift factors: f_reduced = f aT (frequency data), t_reduced = t / aT (time data); log10 aT > 0 below T_ref.\n"
      "Standard errors come from the superposition's own scatter. Arrhenius (Ea, J/mol), WLF (C1, C2 in K) and\n"
      "VFT (B, T0 in K) are fitted to log10 aT(T). Valid: Ea > 0; C1, C2 > 0 and B > 0; the Vogel temperature\n"
      "(T0 = T_ref - C2) above 0 K and below every fitted temperature. The laws that describe the shifts rank\n"
      "first, by AIC; best_law in report.json is null when none does.\n\n"
      "Example:\n"
      "  glassfit shift data/pyvisco-polymer/freq_user_raw.csv --reference-temperature 50C -o out/polymer_master");

  glassfit::cli::RelaxationMapCommand rc;
  auto* rmap = app.add_subcommand(
      "relaxation-map", "HC relaxation times from DMA: beta-peak Arrhenius fit and chi(T) (docs/master-curves.md).");
  rmap->add_option("--isochronal", rc.isochronal,
                   "Isochronal DMA CSV (temperature, frequency, storage and loss modulus), several frequencies:\n"
                   "the beta loss peak of each gives tau_beta = 1/(2 pi f) at T_peak.");
  rmap->add_option("--isothermal", rc.isothermal,
                   "Isothermal DMA CSV: chi and tau_max per temperature from ln tan(delta) = -chi ln(w tau_max).");
  rmap->add_option("--params", rc.params_file,
                   "HC parameter file for the model lines (tau_beta Eq. 8, tau_max Eq. 11b, chi Eq. 22);\n"
                   "default: Table 1.");
  rmap->add_option("--half-width", rc.half_width_K, "Starting half-width of the beta peak, K.")->default_val(20);
  rmap->add_option("-o,--output", rc.output_dir,
                   "Output folder: beta_peaks.csv, chi.csv, report.json, relaxation_map.png, chi.png.")
      ->required();
  rmap->add_flag("-q,--quiet", rc.quiet, "No summary.");
  rmap->footer(
      "Example:\n"
      "  glassfit relaxation-map --isochronal dma_isochronal.csv --isothermal dma_isothermal.csv -o out/taumap");

  glassfit::cli::ExportCommand ec;
  std::vector<std::string> export_options;
  auto* exp = app.add_subcommand(
      "export", "Write a Prony series and its shift law as Abaqus or ANSYS input (docs/models/prony.md).");
  exp->add_option("--model", ec.model,
                  "Model of the parameter file (see 'glassfit models'); a model other than\n"
                  "prony is interconverted: the Prony series of its relaxation modulus.")
      ->default_val("prony");
  exp->add_option("--params", ec.params_file, "Parameter file (e.g. the fitted.toml of 'glassfit fit').");
  exp->add_option("--model-option", export_options, "NAME=VALUE, repeatable: a model option.");
  exp->add_option("--format", ec.format, "abaqus (*VISCOELASTIC, TIME=PRONY; *TRS) or ansys (TB,PRONY; TB,SHIFT).")
      ->required();
  exp->add_option("--temperature", ec.temperature,
                  "Interconversion: temperature of the model's E(t), K (units accepted).");
  exp->add_option("--time", ec.time, "Interconversion: time window start:end, s (e.g. 1e-3:1e6).");
  exp->add_option("--per-decade", ec.per_decade, "Interconversion: relaxation times per decade (at whole decades).")
      ->default_val(1);
  exp->add_flag("--free-times", ec.free_times,
                "Interconversion: fit the relaxation times too (started at whole decades); a closer series,\n"
                "at times that are no longer round numbers.");
  exp->add_option("--window", ec.window,
                  "Analysis window start:end in s of reduced time at the series' reference temperature\n"
                  "(t / aT; for a frequency f, t = 1/(2 pi f)): terms faster than start are dropped, slower\n"
                  "than end join the long-time modulus; the largest change of E(t) inside is reported.");
  exp->add_option("--shift-report", ec.shift_report,
                  "report.json of 'glassfit shift': its WLF law (T_ref, C1, C2); refused when the report\n"
                  "judged it not valid, written with a caution when it does not describe the shifts.");
  exp->add_option("--wlf", ec.wlf, "T_ref,C1,C2 of a WLF law, log10 aT = -C1 (T - T_ref)/(C2 + T - T_ref) (C2 in K).");
  exp->add_option("--poisson", ec.poisson, "Poisson ratio: also write the instantaneous elastic constants.");
  exp->add_option("-o,--output", ec.output, "Output file (written atomically); default: standard output.");
  exp->add_flag("--no-shift", ec.no_shift,
                "A card without *TRS / TB,SHIFT is meant (the analysis runs at the reference temperature):\n"
                "no warning. Without it, a card with no --shift-report or --wlf is written with a warning.");
  exp->add_flag("-q,--quiet", ec.quiet, "No interconversion summary on standard error.");
  exp->footer(
      "Units: moduli MPa, times s, temperatures K. Weights are normalised by the instantaneous modulus\n"
      "(g_i = E_i / E_0). A tensile series is written with equal shear and bulk weights (constant\n"
      "Poisson ratio).\n\n"
      "Examples:\n"
      "  glassfit export --params out/prony/fitted.toml --format abaqus --shift-report out/master/report.json\n"
      "  glassfit export --model hc --params fitted.toml --temperature 430 --time 1e-3:1e5 --format ansys");

  glassfit::cli::SrsCommand src;
  std::vector<std::string> srs_options;
  std::string srs_barrier;
  auto* srs = app.add_subcommand(
      "srs", "Flow stress and strain-rate sensitivity of the one-body model over T x rate (docs/models/onebody.md).");
  srs->add_option("--params", src.params_file,
                  "One-body parameter file (TOML; 'glassfit models onebody' lists the names; a [model_options]\n"
                  "table may set barrier). Default: the paper's values (data/onebody/ has the four laws).");
  srs->add_option("--barrier", srs_barrier,
                  "kww (Q(t) of Eq. 11) or time_independent (the relaxed barrier); overrides the file.");
  srs->add_option("--model-option", srs_options, "NAME=VALUE, repeatable: a model option.");
  srs->add_option("--temperature", src.temperature, "Temperatures, K (start:stop:step, a list, or units: 27C).")
      ->default_val("300:500:10");
  srs->add_option("--strain-rate", src.strain_rate, "Strain rates, 1/s (start:stop:Nlog for N log-spaced rates).")
      ->default_val("1e-5:1e5:50log");
  srs->add_option("-o,--output", src.output_dir,
                  "Output folder: srs.csv, report.json, flow_stress.png (Fig. 9), srs_map.png (Fig. 10),\n"
                  "srs_slope_map.png, flow_stress_closed_form.png (Fig. 8a).")
      ->required();
  srs->add_option("--threads", src.threads, "Threads (default: one per core).");
  srs->add_flag("-q,--quiet", src.quiet, "No progress line or summary.");
  srs->footer(
      "Units: stress MPa, energies eV, rates 1/s, temperatures K. Each cell solves the steady-flow condition\n"
      "rate * t_mean(sigma_0) = rho dEps (Eqs. 27, 30-32) for the flow stress sigma_0 and its slope d sigma_0 /\n"
      "d ln(rate) (implicit-function theorem; t_mean by an asymptotic expansion in 1/(lambda t), or by adaptive\n"
      "integration where its error bounds do not hold), and evaluates the closed form (Eqs. 35-36), the SRS index\n"
      "m = d ln sigma_0 / d ln(rate) both ways (Eqs. 41-44), the negative-SRS condition (Eq. 48) and the\n"
      "characteristic rates rho dEps / t_s and rho dEps / t_R. m is nan where sigma_0 <= 0.\n\n"
      "Example:\n"
      "  glassfit srs --params data/onebody/kww_beta1.3.toml --temperature 300:500:10 \\\n"
      "      --strain-rate 1e-5:1e5:50log -o out/srs");

  glassfit::cli::ConvertCommand cc;
  auto* conv = app.add_subcommand(
      "convert", "Write any data file glassfit reads (CSV, pyvisco, TRIOS, Eplexor .xls) as CSV with units.");
  conv->add_option("file", cc.input,
                   "Data file; its layout is told by content: CSV with 'quantity [unit]' headers, pyvisco's\n"
                   "layout, a TRIOS text export (LIMS or the older format) or an Eplexor legacy Excel file.")
      ->required();
  conv->add_option("-o,--output", cc.output, "Output CSV (written atomically); default: standard output.");
  conv->footer(
      "Values are written in glassfit's internal units (MPa, s, K, Hz, 1/s). From a TRIOS export the\n"
      "frequency sweeps (or else the creep or stress-relaxation steps) are read, one set per step; the\n"
      "instrument, geometry, run date and the steps not read are listed in the '#' lines; from an\n"
      "Eplexor file its 'Exported Data' sheet, with the 'Data header' sheet as '#' lines.\n\n"
      "Example:\n"
      "  glassfit convert frequency_sweep_tts.txt -o sweeps.csv");

  glassfit::cli::KmcCommand kc;
  auto* kmc = app.add_subcommand("kmc", "Kinetic Monte Carlo of STZ plasticity, one run or a sweep (docs/kmc.md).");
  kmc->add_option("config", kc.config,
                  "Configuration (TOML): [lattice], [stz], [material], [barrier] (law required), [loading],\n"
                  "[time], [run], [output], optionally [sweep]. Keys carry their units (temperature_K,\n"
                  "strain_rate_per_s, stress_MPa, stz_volume_nm3, barrier_mean_eV, ...).");
  kmc->add_option("-o,--output", kc.output_dir,
                  "Output folder (required). A run: report.json, stress_strain.csv, avalanches.csv,\n"
                  "voxel_events.csv, deps_xx.csv, von_mises_strain_*.csv and PNG plots (+ checkpoint.bin).\n"
                  "A sweep: flow_stress.csv, srs.csv, sites.csv, report.json, flow_stress.png, srs.png.");
  kmc->add_flag("--resume", kc.resume,
                "Continue from OUTDIR/checkpoint.bin (written every [run] checkpoint_every events); the result\n"
                "is bit for bit that of an uninterrupted run.");
  kmc->add_option("--threads", kc.threads,
                  "Threads for full rate passes and block refreshes (overrides [run] threads; results\n"
                  "do not depend on it). In a sweep, [sweep] parallel_runs sets the parallel runs.\n"
                  "[run] engine = \"local\" (default: per-event cost nearly independent of the lattice)\n"
                  "or \"reference\" (every rate after every event); both sample the same process.");
  auto* kmc_task =
      kmc->add_option("--task", kc.task,
                      "Sweep only: run grid point I alone (0-based, in the order temperature, base rate,\n"
                      "factor, seed) into OUTDIR/tasks/; skipped when its result is there. OUTDIR/sweep.toml\n"
                      "keeps the configuration; `glassfit kmc merge OUTDIR` builds the sweep's tables.");
  kmc->add_flag("--slurm", kc.slurm,
                "Sweep only: write OUTDIR/slurm/{array.sbatch, merge.sbatch, submit.sh}, a Slurm job\n"
                "array over the tasks and a merge that runs after it; `bash OUTDIR/slurm/submit.sh`.");
  kmc->add_option("--partition", kc.partition, "With --slurm: the partition (default: the cluster's default).");
  kmc->add_option("--time-limit", kc.time_limit,
                  "With --slurm: the time limit of one array job, [D-]HH:MM:SS (default 24:00:00).");
  kmc->add_flag("-q,--quiet", kc.quiet, "No progress line or summary.");
  auto* kmc_merge = kmc->add_subcommand(
      "merge",
      "Merge a sweep's tasks (--task, --slurm) in OUTDIR into flow_stress.csv, srs.csv, sites.csv, report.json.");
  kmc_merge->add_option("outdir", kc.merge_dir, "The sweep's folder (holding sweep.toml and tasks/).")->required();
  kmc_merge->add_flag("-q,--quiet", kc.quiet, "No summary.");
  kmc->footer(
      "Units: stress MPa, time s, temperature K, energies eV, volumes nm^3; strains are dimensionless and\n"
      "measured from the initial (stress-free) state. Loading is uniaxial along x with zero mean lateral\n"
      "and shear stress, or simple shear ([loading] geometry = \"shear\"); [loading] mode = \"history\"\n"
      "takes segments of strain or stress (load, hold, unload). Progress is shown on a terminal.\n\n"
      "Examples:\n"
      "  glassfit kmc examples/kmc/strain_rate.toml -o out/kmc\n"
      "  glassfit kmc examples/kmc/sweep.toml --slurm -o /scratch/srs   # then bash /scratch/srs/slurm/submit.sh\n"
      "  glassfit kmc examples/kmc/sweep.toml --task 3 -o out/srs      # one grid point\n"
      "  glassfit kmc merge out/srs");

  glassfit::cli::CrosscheckCommand xc;
  std::string xc_fit = "Q0,V_STZ";
  auto* cross = app.add_subcommand(
      "crosscheck",
      "A kMC sweep, the one-body model fitted to its flow stresses, both SRS maps side by side (docs/kmc.md).");
  cross
      ->add_option("config", xc.config,
                   "A kMC sweep configuration (TOML with [sweep]; barrier law kww or time-independent,\n"
                   "uniaxial strain-rate loading).")
      ->required();
  cross
      ->add_option("-o,--output", xc.output_dir,
                   "Output folder: report.json, comparison.csv, m_kmc.png, m_onebody.png,\n"
                   "flow_stress_compare.png (Fig. 8), and kmc/ (the sweep), fit/ (the one-body fit),\n"
                   "onebody/ (its SRS map).")
      ->required();
  cross
      ->add_option("--fit", xc_fit,
                   "One-body parameters fitted to the kMC flow stresses, comma-separated; the others come\n"
                   "from the kMC configuration (E = its loading modulus, Q0, V_STZ, M, sites, k0, beta, E_v,\n"
                   "c, Q_R) and runs (dEps: the mean executed dEps_xx).")
      ->default_val("Q0,V_STZ");
  cross->add_option("--compare-temperature", xc.compare_temperature_K,
                    "K: the temperature of the flow-stress comparison (default: the sweep's highest).");
  cross->add_option("--rho", xc.rho, "N_d / N of the one-body model (Niiyama et al. App. A: 1/4).")
      ->default_val("0.25");
  cross
      ->add_option("--attempt-rate", xc.attempt_rate,
                   "The one-body model's k0_bar (Eq. 31): printed (M N_d per second, the paper's) or per_site\n"
                   "(M N_d k0, the sum of the kMC's attempt rates); docs/models/onebody.md, \"The attempt rate\".")
      ->check(CLI::IsMember({"printed", "per_site"}))
      ->default_val("printed");
  cross->add_flag("--slurm", xc.slurm,
                  "Write the sweep's Slurm scripts into OUTDIR/kmc/slurm; the merge job then runs this\n"
                  "crosscheck on the tasks' results. Submit with bash OUTDIR/kmc/slurm/submit.sh.");
  cross->add_option("--partition", xc.partition, "With --slurm: the partition.");
  cross->add_option("--time-limit", xc.time_limit, "With --slurm: the time limit of one array job (default 24:00:00).");
  cross->add_flag("-q,--quiet", xc.quiet, "No progress line or summary.");
  cross->footer(
      "Units: stress MPa, energies eV, rates 1/s, temperatures K, volumes nm^3. The sweep runs here unless\n"
      "OUTDIR/kmc holds its tasks (from --slurm), which are then collected. The comparison is made on the\n"
      "sweep's temperatures x base rates; m maps share one colour scale.\n\n"
      "Example:\n"
      "  glassfit crosscheck examples/kmc/crosscheck.toml -o out/crosscheck");

  // Every command that writes an output folder draws its plots in these formats.
  std::string plot_formats = "png";
  for (auto* sub : {fit, shift, rmap, srs, kmc, kmc_merge, cross})
    sub->add_option("--plot-formats", plot_formats,
                    "Plot files, comma-separated: png (default), svg, pdf (vector), e.g. png,svg,pdf: each\n"
                    "NAME.png is also written as NAME.svg and NAME.pdf.")
        ->default_val("png");

  // A first word that is no subcommand (a typo) is named as such, not as a missing subcommand.
  if (argc > 1 && argv[1][0] != '-') {
    std::string names;
    bool known = false;
    for (const auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      known = known || sub->get_name() == argv[1];
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known) {
      std::cerr << "error: unknown subcommand '" << glassfit::printable(argv[1], 100) << "' (" << names << ")\n";
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "error: " << glassfit::printable(e.what(), 300) << " (see --help)\n";
    return 2;
  }
  try {
    glassfit::set_plot_formats(plot_formats);
    if (*models) return glassfit::cli::run_models(model_name, markdown);
    if (*fit) {
      fc.command_line = joined(argc, argv);
      add_model_options(fit_options, fc.model_options);
      for (const auto& name : glassfit::split(fit_free, ',')) fc.free.emplace_back(name);
      if (fit_free.empty()) fc.free.clear();
      return glassfit::cli::run_fit_command(fc);
    }
    if (*shift) {
      sc.command_line = joined(argc, argv);
      return glassfit::cli::run_shift(sc);
    }
    if (*kmc) {
      kc.command_line = joined(argc, argv);
      kc.task_given = kmc_task->count() > 0;
      return glassfit::cli::run_kmc(kc);
    }
    if (*conv) {
      cc.command_line = joined(argc, argv);
      return glassfit::cli::run_convert(cc);
    }
    if (*cross) {
      xc.command_line = joined(argc, argv);
      xc.fit.clear();
      for (const auto name : glassfit::split(xc_fit, ','))
        if (!name.empty()) xc.fit.emplace_back(name);
      return glassfit::cli::run_crosscheck(xc);
    }
    if (*srs) {
      src.command_line = joined(argc, argv);
      add_model_options(srs_options, src.model_options);
      if (!srs_barrier.empty()) src.model_options.emplace_back("barrier", srs_barrier);
      return glassfit::cli::run_srs(src);
    }
    if (*exp) {
      ec.command_line = joined(argc, argv);
      add_model_options(export_options, ec.model_options);
      return glassfit::cli::run_export(ec);
    }
    if (*rmap) {
      rc.command_line = joined(argc, argv);
      return glassfit::cli::run_relaxation_map(rc);
    }
    o.command_line = joined(argc, argv);
    if (!anelastic.empty()) o.model_options.emplace_back("anelastic", anelastic);
    if (!points_per_decade.empty()) o.model_options.emplace_back("points_per_decade", points_per_decade);
    add_model_options(model_options, o.model_options);
    return glassfit::cli::run_predict(o);
  } catch (const glassfit::InputError& e) {
    std::cerr << "error: " << glassfit::printable(e.what(), 400) << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory (a limit that should have refused this input earlier did not: please report "
                 "it as a bug)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "internal error (a bug in glassfit, please report it): " << glassfit::printable(e.what(), 400) << "\n";
    return 1;
  }
}

}  // namespace
