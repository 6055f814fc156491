// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/kmc/config.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "glassfit/core/text.h"
#include "glassfit/io/text_file.h"
#include "glassfit/io/toml_read.h"

namespace glassfit::kmc {
namespace {

using toml_read::check_keys;
using toml_read::Ctx;
using toml_read::integer_in;

// A number (integer or float) or the fallback.
double number(const Ctx& c, const toml::table& t, const std::string& key, double fallback) {
  const auto* n = t.get(key);
  if (!n) return fallback;
  if (auto v = n->value<double>()) return *v;
  c.fail(*n, fmt::format("'{}' must be a number", key));
}

long integer(const Ctx& c, const toml::table& t, const std::string& key, long fallback) {
  return long(toml_read::get<int64_t>(c, t, key, fallback));
}

// The node of `key` in `t`, or the table itself when the key is absent (for the line).
const toml::node& at(const toml::table& t, const std::string& key) {
  const auto* n = t.get(key);
  return n ? *n : static_cast<const toml::node&>(t);
}

std::string text(const Ctx& c, const toml::table& t, const std::string& key, const std::string& fallback) {
  return toml_read::get<std::string>(c, t, key, fallback);
}

std::vector<double> numbers(const Ctx& c, const toml::table& t, const std::string& key, std::vector<double> fallback,
                            bool allow_empty = false) {
  const auto* n = t.get(key);
  if (!n) return fallback;
  const auto* a = n->as_array();
  if (!a) c.fail(*n, fmt::format("'{}' must be an array of numbers", key));
  std::vector<double> out;
  for (const auto& x : *a) {
    const auto v = x.value<double>();
    if (!v || !std::isfinite(*v)) c.fail(*n, fmt::format("'{}' must be an array of finite numbers", key));
    out.push_back(*v);
  }
  if (out.empty() && !allow_empty) c.fail(*n, fmt::format("'{}' is empty", key));
  if (out.size() > 1000) c.fail(*n, fmt::format("'{}' has {} entries; at most 1000", key, out.size()));
  return out;
}

const toml::table* section(const Ctx& c, const toml::table& doc, const std::string& name,
                           const std::set<std::string>& keys) {
  const auto* n = doc.get(name);
  if (!n) return nullptr;
  const auto* t = n->as_table();
  if (!t) c.fail(*n, fmt::format("'{}' must be a table ([{}])", name, name));
  check_keys(c, *t, keys, "[" + name + "]");
  return t;
}

// Re-raises an engine validation error ("kmc config: 'section.key' ...") with the file's name
// and the line of the key (of its section when the key is not in the file).
void validate(const Ctx& c, const toml::table& doc, const EngineConfig& e) {
  try {
    e.validate();
  } catch (const InputError& err) {
    std::string what = err.what();
    const std::string prefix = "kmc config: '";
    if (what.rfind(prefix, 0) == 0) {
      const std::string key = what.substr(prefix.size(), what.find('\'', prefix.size()) - prefix.size());
      const std::string section = key.substr(0, key.find('.'));
      const std::string name = key.find('.') == std::string::npos ? "" : key.substr(key.find('.') + 1);
      const std::string message = what.substr(std::string("kmc config: ").size());
      if (const auto* s = doc.get(section)) {
        const auto* t = s->as_table();
        for (const auto& k : split(name, '/'))  // 'lattice.nx/ny': the first of them in the file
          if (t && t->get(k)) c.fail(*t->get(k), message);
        c.fail(*s, message);
      }
    }
    c.fail(what);
  }
}

// [loading] segments: an array of tables { control = "strain" | "stress", from, to, duration_s }.
// `from` defaults to where the previous segment of the same control ended (0 for a first strain
// segment); a segment of the other control starts at its `to` (a step, then a hold).
std::vector<LoadSegment> load_segments(const Ctx& c, const toml::node& node) {
  const auto* a = node.as_array();
  if (!a || a->empty()) c.fail(node, "segments must be a non-empty array of tables");
  if (a->size() > 10000) c.fail(node, fmt::format("segments has {} entries; at most 10000", a->size()));
  std::vector<LoadSegment> out;
  for (const auto& x : *a) {
    const auto* s = x.as_table();
    if (!s) c.fail(x, "each segment must be a table { control, to, duration_s }");
    check_keys(c, *s, {"control", "from", "to", "duration_s"}, "a loading segment");
    LoadSegment seg;
    const std::string control = text(c, *s, "control", "");
    if (control == "strain")
      seg.control = LoadSegment::Control::Strain;
    else if (control == "stress")
      seg.control = LoadSegment::Control::Stress;
    else
      c.fail(at(*s, "control"), "a segment needs control = \"strain\" or \"stress\"");
    if (!s->get("to")) c.fail(*s, "a segment needs 'to' (strain [-] or stress [MPa] at its end)");
    if (!s->get("duration_s")) c.fail(*s, "a segment needs 'duration_s'");
    seg.to = number(c, *s, "to", 0);
    seg.duration_s = number(c, *s, "duration_s", 0);
    const bool same = !out.empty() && out.back().control == seg.control;
    const double start = same ? out.back().to : out.empty() && seg.control == LoadSegment::Control::Strain ? 0 : seg.to;
    seg.from = number(c, *s, "from", start);
    if (!std::isfinite(seg.to) || !std::isfinite(seg.from)) c.fail(x, "a segment's from and to must be finite");
    if (!(seg.duration_s > 0) || !std::isfinite(seg.duration_s))
      c.fail(at(*s, "duration_s"), "duration_s must be positive");
    out.push_back(seg);
  }
  return out;
}

}  // namespace

KmcConfig parse_kmc_config(const std::string& source, const std::string& path) {
  const Ctx c{path};
  const toml::table doc = toml_read::parse(source, path);
  check_keys(c, doc, {"lattice", "stz", "material", "barrier", "loading", "time", "run", "output", "sweep", "dynamics"},
             "the kmc configuration");
  KmcConfig k;
  EngineConfig& e = k.engine;

  if (const auto* t = section(c, doc, "lattice", {"nx", "ny", "stz_volume_nm3", "plane"})) {
    e.grid.nx = int(integer_in(c, *t, "nx", e.grid.nx, 3, 1L << 16));
    e.grid.ny = int(integer_in(c, *t, "ny", e.grid.ny, 3, 1L << 16));
    e.stz_volume_nm3 = number(c, *t, "stz_volume_nm3", e.stz_volume_nm3);
    const std::string plane = text(c, *t, "plane", "strain");
    if (plane != "strain" && plane != "stress") c.fail(*t->get("plane"), "plane must be \"strain\" or \"stress\"");
    e.elasticity.plane_strain = plane == "strain";
  }
  if (const auto* t = section(c, doc, "stz",
                              {"modes", "strain_sd", "barrier_mean_eV", "barrier_sd_eV", "min_barrier_eV",
                               "initial_eigenstrain_sd", "relax_after_initial_avalanche"})) {
    e.catalog.modes = int(integer_in(c, *t, "modes", e.catalog.modes, 1, 1000));
    e.catalog.strain_sd = number(c, *t, "strain_sd", e.catalog.strain_sd);
    e.catalog.barrier_mean_eV = number(c, *t, "barrier_mean_eV", e.catalog.barrier_mean_eV);
    e.catalog.barrier_sd_eV = number(c, *t, "barrier_sd_eV", e.catalog.barrier_sd_eV);
    e.catalog.min_barrier_eV = number(c, *t, "min_barrier_eV", e.catalog.min_barrier_eV);
    e.initial_eigenstrain_sd = number(c, *t, "initial_eigenstrain_sd", e.initial_eigenstrain_sd);
    e.relax_after_initial_avalanche =
        toml_read::get<bool>(c, *t, "relax_after_initial_avalanche", e.relax_after_initial_avalanche);
  }
  std::optional<ClockReset> clock_reset;  // resolved with the barrier law below
  if (const auto* t = section(c, doc, "dynamics", {"clock_reset", "catalogue", "avalanche_mode"})) {
    auto choice = [&](const char* key, const char* a, const char* b) {
      const std::string v = text(c, *t, key, a);
      if (v != a && v != b) c.fail(*t->get(key), fmt::format("{} must be \"{}\" or \"{}\", not '{}'", key, a, b, v));
      return v == b;
    };
    if (t->get("clock_reset"))
      clock_reset = choice("clock_reset", "centre", "stencil") ? ClockReset::Stencil : ClockReset::Centre;
    e.catalogue = choice("catalogue", "fixed", "redraw") ? Catalogue::Redraw : Catalogue::Fixed;
    e.avalanche_mode = choice("avalanche_mode", "lowest", "rate") ? AvalancheMode::Rate : AvalancheMode::Lowest;
  }
  if (const auto* t = section(c, doc, "material", {"youngs_modulus_MPa", "poisson_ratio"})) {
    e.elasticity.E_MPa = number(c, *t, "youngs_modulus_MPa", e.elasticity.E_MPa);
    e.elasticity.nu = number(c, *t, "poisson_ratio", e.elasticity.nu);
  }
  const auto* b = section(c, doc, "barrier",
                          {"law", "attempt_frequency_per_s", "E_v_eV", "c", "Q_R_eV", "beta", "kappa_p", "kappa_t",
                           "eta_max", "activation_energy_eV"});
  if (!b || !b->get("law"))
    c.fail("no barrier law (add [barrier] law = \"kww\", \"time-independent\" or \"softening\")");
  const std::string law = text(c, *b, "law", "");
  if (law == "kww")
    e.law = BarrierLaw::Kww;
  else if (law == "time-independent")
    e.law = BarrierLaw::TimeIndependent;
  else if (law == "softening")
    e.law = BarrierLaw::Softening;
  else
    c.fail(*b->get("law"), fmt::format("unknown barrier law '{}' (known: kww, time-independent, softening)", law));
  // The default whose sweeps match Niiyama et al.'s statements (docs/kmc.md, "Choices the paper
  // leaves open"): the stencil's clocks; the softening law keeps its own per-voxel state.
  e.clock_reset = clock_reset.value_or(e.law == BarrierLaw::Softening ? ClockReset::Centre : ClockReset::Stencil);
  e.kww.k0_per_s = number(c, *b, "attempt_frequency_per_s", e.kww.k0_per_s);
  e.kww.E_v_eV = number(c, *b, "E_v_eV", e.kww.E_v_eV);
  e.kww.c = number(c, *b, "c", e.kww.c);
  e.kww.Q_R_eV = number(c, *b, "Q_R_eV", e.kww.Q_R_eV);
  e.kww.beta = number(c, *b, "beta", e.kww.beta);
  e.softening.kappa_p = number(c, *b, "kappa_p", e.softening.kappa_p);
  e.softening.kappa_t = number(c, *b, "kappa_t", e.softening.kappa_t);
  e.softening.eta_max = number(c, *b, "eta_max", e.softening.eta_max);
  e.softening.Q_act_eV = number(c, *b, "activation_energy_eV", e.softening.Q_act_eV);

  if (const auto* t = section(c, doc, "loading",
                              {"mode", "strain_rate_per_s", "final_strain", "final_plastic_strain", "stress_MPa",
                               "strain", "duration_s", "geometry", "segments"})) {
    const std::string mode = text(c, *t, "mode", "strain-rate");
    if (mode == "strain-rate")
      e.loading = Loading::StrainRate;
    else if (mode == "creep")
      e.loading = Loading::Creep;
    else if (mode == "relaxation")
      e.loading = Loading::Relaxation;
    else if (mode == "history")
      e.loading = Loading::History;
    else
      c.fail(*t->get("mode"),
             fmt::format("unknown loading mode '{}' (known: strain-rate, creep, relaxation, history)", mode));
    const std::string geometry = text(c, *t, "geometry", "uniaxial");
    if (geometry == "uniaxial")
      e.geometry = Geometry::Uniaxial;
    else if (geometry == "shear")
      e.geometry = Geometry::Shear;
    else
      c.fail(*t->get("geometry"), fmt::format("geometry must be \"uniaxial\" or \"shear\", not '{}'", geometry));
    if (const auto* n = t->get("segments")) {
      if (e.loading != Loading::History) c.fail(*n, "segments are read with mode = \"history\" only");
      e.history = load_segments(c, *n);
    } else if (e.loading == Loading::History) {
      c.fail(*t, "mode = \"history\" needs segments = [{ control = \"strain\", to = 0.02, duration_s = 20 }, ...]");
    }
    e.strain_rate_per_s = number(c, *t, "strain_rate_per_s", e.strain_rate_per_s);
    e.final_strain = number(c, *t, "final_strain", e.final_strain);
    e.final_plastic_strain = number(c, *t, "final_plastic_strain", e.final_plastic_strain);
    e.stress_MPa = number(c, *t, "stress_MPa", e.stress_MPa);
    e.strain = number(c, *t, "strain", e.strain);
    e.duration_s = number(c, *t, "duration_s", e.duration_s);
  }
  if (const auto* t = section(c, doc, "time", {"scheme", "max_step_s", "defo_time_s", "avalanche", "strain_step"})) {
    const std::string scheme = text(c, *t, "scheme", "exact");
    if (scheme == "exact")
      e.scheme = TimeScheme::Exact;
    else if (scheme == "frozen")
      e.scheme = TimeScheme::Frozen;
    else if (scheme == "wang")
      e.scheme = TimeScheme::Wang;
    else
      c.fail(*t->get("scheme"), fmt::format("unknown time scheme '{}' (known: exact, frozen, wang)", scheme));
    e.strain_step = number(c, *t, "strain_step", e.strain_step);
    e.max_step_s = number(c, *t, "max_step_s", e.max_step_s);
    e.defo_time_s = number(c, *t, "defo_time_s", e.defo_time_s);
    const std::string avalanche = text(c, *t, "avalanche", "synchronous");
    if (avalanche == "synchronous")
      e.avalanche = AvalancheUpdate::Synchronous;
    else if (avalanche == "sequential")
      e.avalanche = AvalancheUpdate::Sequential;
    else
      c.fail(*t->get("avalanche"),
             fmt::format("avalanche must be \"synchronous\" or \"sequential\", not '{}'", avalanche));
  }
  if (const auto* t = section(c, doc, "run",
                              {"temperature_K", "seed", "threads", "max_events", "max_rate_passes", "max_rejections",
                               "checkpoint_every", "stress_update", "engine"})) {
    e.temperature_K = number(c, *t, "temperature_K", e.temperature_K);
    const long seed = integer(c, *t, "seed", long(e.catalog.seed));
    if (seed < 0) c.fail(*t->get("seed"), "seed must be >= 0");
    e.catalog.seed = std::uint64_t(seed);
    e.threads = int(integer_in(c, *t, "threads", e.threads, 1, kMaxThreads));
    e.max_events = integer_in(c, *t, "max_events", e.max_events, 0, 1L << 50);
    e.max_rate_passes = integer_in(c, *t, "max_rate_passes", e.max_rate_passes, 0, 1L << 50);
    e.max_rejections = integer_in(c, *t, "max_rejections", e.max_rejections, 0, 1L << 50);
    k.checkpoint_every = integer_in(c, *t, "checkpoint_every", 0, 0, 1L << 50);
    const std::string update = text(c, *t, "stress_update", "kernels");
    if (update == "kernels")
      e.stress_update = EngineConfig::StressUpdate::Kernels;
    else if (update == "fft")
      e.stress_update = EngineConfig::StressUpdate::Fft;
    else
      c.fail(*t->get("stress_update"), fmt::format("stress_update must be \"kernels\" or \"fft\", not '{}'", update));
    if (k.checkpoint_every < 0) c.fail(*t->get("checkpoint_every"), "checkpoint_every must be >= 0 (events)");
    // The local engine unless the run asks for what only the reference engine does.
    const bool reference_only = e.scheme != TimeScheme::Exact || e.stress_update == EngineConfig::StressUpdate::Fft;
    const std::string engine = text(c, *t, "engine", reference_only ? "reference" : "local");
    if (engine == "local" && reference_only)
      c.fail(*t->get("engine"), "the local engine runs the exact time scheme with kernel updates; use \"reference\"");
    else if (engine == "local")
      e.engine = EngineKind::Local;
    else if (engine == "reference")
      e.engine = EngineKind::Reference;
    else
      c.fail(*t->get("engine"), fmt::format("engine must be \"local\" or \"reference\", not '{}'", engine));
  } else if (e.scheme != TimeScheme::Exact) {
    e.engine = EngineKind::Reference;
  }
  OutputOptions& o = k.output;
  if (const auto* t =
          section(c, doc, "output",
                  {"snapshot_strains", "flow_stress_window", "exceedance_threshold", "exceedance_strain", "plots"})) {
    e.snapshot_strains = numbers(c, *t, "snapshot_strains", e.snapshot_strains, /*allow_empty=*/true);
    const auto window = numbers(c, *t, "flow_stress_window", {o.flow_window_lo, o.flow_window_hi});
    if (window.size() != 2 || !(window[1] > window[0]) || window[0] < 0)
      c.fail(*t->get("flow_stress_window"), "flow_stress_window must be [lo, hi] with 0 <= lo < hi");
    o.flow_window_lo = window[0], o.flow_window_hi = window[1];
    o.exceedance_threshold = number(c, *t, "exceedance_threshold", o.exceedance_threshold);
    o.exceedance_strain = number(c, *t, "exceedance_strain", o.exceedance_strain);
    if (!(o.exceedance_threshold >= 0)) c.fail(at(*t, "exceedance_threshold"), "exceedance_threshold must be >= 0");
    if (!(o.exceedance_strain >= 0)) c.fail(at(*t, "exceedance_strain"), "exceedance_strain must be >= 0");
    o.plots = toml_read::get<bool>(c, *t, "plots", true);
  }
  // The exceedance is read off a snapshot: make sure there is one at its strain.
  auto& snaps = e.snapshot_strains;
  if (std::find(snaps.begin(), snaps.end(), o.exceedance_strain) == snaps.end()) snaps.push_back(o.exceedance_strain);
  std::sort(snaps.begin(), snaps.end());

  if (const auto* t = section(c, doc, "sweep",
                              {"temperatures_K", "strain_rates_per_s", "rate_factors", "seeds", "parallel_runs"})) {
    Sweep s;
    s.temperatures_K = numbers(c, *t, "temperatures_K", {e.temperature_K});
    s.strain_rates_per_s = numbers(c, *t, "strain_rates_per_s", {e.strain_rate_per_s});
    s.rate_factors = numbers(c, *t, "rate_factors", s.rate_factors);
    std::vector<double> seeds = numbers(c, *t, "seeds", {double(e.catalog.seed)});
    s.seeds.clear();
    for (const double x : seeds) {
      if (!(x >= 0) || x != std::floor(x) || x > 9e15) c.fail(*t->get("seeds"), "seeds must be integers >= 0");
      s.seeds.push_back(std::uint64_t(x));
    }
    s.parallel_runs = int(integer_in(c, *t, "parallel_runs", 0, 0, 1024));
    for (const double T : s.temperatures_K)
      if (!(T > 0)) c.fail(at(*t, "temperatures_K"), "temperatures must be > 0 K");
    for (const double r : s.strain_rates_per_s)
      if (!(r > 0)) c.fail(at(*t, "strain_rates_per_s"), "strain rates must be > 0 /s");
    if (s.rate_factors.size() < 2)
      c.fail(at(*t, "rate_factors"), "rate_factors needs two or more factors for the SRS index");
    for (const double f : s.rate_factors)
      if (!(f > 0)) c.fail(at(*t, "rate_factors"), "rate factors must be > 0");
    const double runs = double(s.temperatures_K.size()) * double(s.strain_rates_per_s.size()) *
                        double(s.rate_factors.size()) * double(s.seeds.size());
    if (runs > 1e6) c.fail(*t, fmt::format("the sweep has {:.3g} runs; at most 1e6 (split it)", runs));
    if (e.loading != Loading::StrainRate) c.fail(*t, "a sweep needs [loading] mode = \"strain-rate\"");
    if (e.final_strain < o.flow_window_hi)
      c.fail(*t, fmt::format("a sweep needs loading.final_strain ({:g}) to reach the flow-stress window's end ({:g})",
                             e.final_strain, o.flow_window_hi));
    k.sweep = s;
  }
  validate(c, doc, e);
  return k;
}

KmcConfig read_kmc_config(const std::string& path) {
  return parse_kmc_config(read_text_file(path, "cannot read the configuration"), path);
}

}  // namespace glassfit::kmc
