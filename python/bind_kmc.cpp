// SPDX-License-Identifier: BSD-3-Clause
// The kMC engine for Python: built from a configuration's TOML, stepped or run (without the
// GIL; Ctrl-C stops a run between steps), its observations as arrays, its state as bytes, its
// outputs as `glassfit kmc` writes them; and sweeps.
#include <pybind11/stl.h>

#include <chrono>
#include <fmt/format.h>
#include <memory>
#include <sstream>

#include "arrays.h"
#include "bindings.h"
#include "glassfit/core/error.h"
#include "glassfit/crosscheck/crosscheck.h"
#include "glassfit/io/provenance.h"
#include "glassfit/kmc/config.h"
#include "glassfit/kmc/engine.h"
#include "glassfit/kmc/run.h"
#include "outputs.h"

namespace py = pybind11;

namespace glassfit::python {
namespace {

using namespace glassfit::kmc;

class Kmc {
 public:
  Kmc(const std::string& toml, const std::string& name)
      : name_(name), config_(parse_kmc_config(toml, name)), engine_(std::make_unique<Engine>(config_.engine)) {}

  const KmcConfig& config() const { return config_; }
  Engine& engine() { return *engine_; }
  const Engine& engine() const { return *engine_; }

  // Steps until the run ends, the strain reaches `until_strain` or `max_steps` steps are done;
  // returns whether the run goes on. Signals are checked every 256 steps, with the GIL.
  bool run(double until_strain, long max_steps) {
    const auto t0 = std::chrono::steady_clock::now();
    bool more = !engine_->finished();
    for (long done = 0; more && engine_->strain() < until_strain && done < max_steps;) {
      {
        py::gil_scoped_release release;
        for (int k = 0; k < 256 && done < max_steps && engine_->strain() < until_strain; ++k, ++done)
          if (!(more = engine_->step())) break;
      }
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    }
    wall_s_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return more;
  }

  OutputSet outputs() const {
    RunRequest q;
    q.config_name = name_, q.command = "python: glassfit.Kmc";
    return run_outputs(config_, *engine_, q, wall_s_);
  }

  py::bytes save() const {
    std::ostringstream out;
    engine_->save(out);
    return py::bytes(out.str());
  }
  void restore(const py::bytes& state) {
    const std::string bytes = state;
    engine_->restore_bytes(bytes, "state");
  }

 private:
  std::string name_;
  KmcConfig config_;
  std::unique_ptr<Engine> engine_;
  double wall_s_ = 0;
};

py::dict curve(const Engine& e) {
  std::vector<double> t, strain, stress, plastic, events;
  for (const auto& p : e.observations().curve)
    t.push_back(p.time_s), strain.push_back(p.strain), stress.push_back(p.stress_MPa),
        plastic.push_back(p.plastic_strain), events.push_back(double(p.events));
  py::dict d;
  d["time_s"] = to_array(std::move(t)), d["strain"] = to_array(std::move(strain));
  d["stress_MPa"] = to_array(std::move(stress)), d["plastic_strain"] = to_array(std::move(plastic));
  d["events"] = to_array(std::move(events));
  return d;
}

// A field of Sym2 as an (ny, nx, 3) array of xx, yy, xy.
py::array_t<double> field(const std::vector<Sym2>& f, const Grid& g) {
  std::vector<double> flat;
  flat.reserve(3 * f.size());
  for (const auto& s : f) flat.insert(flat.end(), {s.xx, s.yy, s.xy});
  return to_array(std::move(flat)).reshape({size_t(g.ny), size_t(g.nx), size_t(3)});
}

OutputSet sweep(const std::string& toml, const std::string& name) {
  const KmcConfig cfg = parse_kmc_config(toml, name);
  if (!cfg.sweep) throw InputError(name + ": a sweep needs a [sweep] section");
  SweepRequest q;
  q.config_name = name, q.command = "python: glassfit.kmc_sweep";
  py::gil_scoped_release release;
  return run_sweep_report(cfg, q);
}

// `glassfit crosscheck` in process: the sweep, then the one-body fit and the comparison; the four
// output sets (OUTDIR/kmc, fit, onebody and OUTDIR itself).
py::tuple crosscheck_run(const std::string& toml, const std::string& name, const std::vector<std::string>& fit,
                         double rho, double compare_temperature_K, const std::string& attempt_rate) {
  const KmcConfig cfg = parse_kmc_config(toml, name);
  if (!cfg.sweep) throw InputError(name + ": crosscheck needs a kMC configuration with a [sweep] section");
  crosscheck::Options o;
  o.fit = fit, o.rho = rho, o.compare_temperature_K = compare_temperature_K, o.attempt_rate = attempt_rate;
  if (o.fit.empty()) throw InputError("fit: name at least one one-body parameter (e.g. Q0, V_STZ)");
  if (!(rho > 0 && rho <= 1)) throw InputError(fmt::format("rho {:g}: must be in (0, 1]", rho));
  crosscheck::check_config(cfg);
  o.compare_temperature_K = crosscheck::compare_temperature(cfg, o);
  crosscheck::Request q;
  q.config_name = name, q.config_sha256 = sha256_text(toml), q.command = "python: glassfit.crosscheck";
  crosscheck::Outputs x;
  {
    py::gil_scoped_release release;
    const auto start = std::chrono::steady_clock::now();
    std::vector<SweepRun> runs = sweep_runs(*cfg.sweep);
    q.parallel_runs = sweep_workers(*cfg.sweep, runs.size());
    run_sweep(cfg, runs, q.parallel_runs);
    q.kmc_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    x = crosscheck::crosscheck(cfg, runs, o, q);
  }
  return py::make_tuple(x.kmc, x.fit, x.onebody, x.comparison);
}

}  // namespace

void bind_kmc(py::module_& m) {
  py::class_<Kmc>(m, "_Kmc")
      .def(py::init<const std::string&, const std::string&>(), py::arg("toml"), py::arg("name"))
      .def("step",
           [](Kmc& k) {
             py::gil_scoped_release release;
             return k.engine().step();
           })
      .def("run", &Kmc::run, py::arg("until_strain"), py::arg("max_steps"))
      .def("outputs", &Kmc::outputs)
      .def("save", &Kmc::save)
      .def("restore", &Kmc::restore, py::arg("state"))
      .def_property_readonly("time_s", [](const Kmc& k) { return k.engine().time_s(); })
      .def_property_readonly("strain", [](const Kmc& k) { return k.engine().strain(); })
      .def_property_readonly("stress_MPa", [](const Kmc& k) { return k.engine().stress_MPa(); })
      .def_property_readonly("plastic_strain", [](const Kmc& k) { return k.engine().plastic_strain(); })
      .def_property_readonly("events", [](const Kmc& k) { return k.engine().events(); })
      .def_property_readonly("finished", [](const Kmc& k) { return k.engine().finished(); })
      .def_property_readonly("hit_event_limit", [](const Kmc& k) { return k.engine().hit_event_limit(); })
      .def_property_readonly("fingerprint", [](const Kmc& k) { return k.engine().fingerprint(); })
      .def_property_readonly("curve", [](const Kmc& k) { return curve(k.engine()); })
      .def_property_readonly("avalanche_sizes",
                             [](const Kmc& k) {
                               const auto& a = k.engine().observations().avalanche_sizes;
                               return to_array(std::vector<double>(a.begin(), a.end()));
                             })
      .def_property_readonly(
          "dEps_xx", [](const Kmc& k) { return to_array(std::vector<double>(k.engine().observations().dEps_xx)); })
      .def_property_readonly(
          "voxel_events",
          [](const Kmc& k) {
            const auto& v = k.engine().voxel_events();
            const Grid& g = k.engine().config().grid;
            return to_array(std::vector<double>(v.begin(), v.end())).reshape({size_t(g.ny), size_t(g.nx)});
          })
      .def_property_readonly("eigenstrain",
                             [](const Kmc& k) { return field(k.engine().eigenstrain(), k.engine().config().grid); })
      .def_property_readonly("stress_field",
                             [](const Kmc& k) { return field(k.engine().stress_field(), k.engine().config().grid); })
      .def_property_readonly("snapshots", [](const Kmc& k) {
        py::list out;
        for (const auto& s : k.engine().observations().snapshots)
          out.append(py::make_tuple(s.strain, s.time_s, field(s.eigenstrain, k.engine().config().grid)));
        return out;
      });
  m.def("_kmc_sweep", &sweep, py::arg("toml"), py::arg("name"));
  m.def("_crosscheck", &crosscheck_run, py::arg("toml"), py::arg("name"), py::arg("fit"), py::arg("rho"),
        py::arg("compare_temperature_K"), py::arg("attempt_rate"));
}

}  // namespace glassfit::python
