// SPDX-License-Identifier: BSD-3-Clause
// fit(): a fit spec (a TOML file, or its text) fitted by the library's fitter; the result
// with its values, standard errors, correlation, goodness of fit, curves and report.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <chrono>
#include <fmt/format.h>
#include <cmath>
#include <atomic>
#include <future>
#include <map>
#include <thread>
#include <memory>

#include "arrays.h"
#include "bindings.h"
#include "fit_handle.h"
#include "glassfit/core/error.h"
#include "glassfit/fit/fit_outputs.h"
#include "glassfit/fit/fitter.h"
#include "glassfit/fit/report.h"
#include "glassfit/io/output_set.h"
#include "glassfit/io/csv.h"
#include "glassfit/io/provenance.h"
#include "glassfit/io/text_file.h"

namespace py = pybind11;

namespace glassfit::python {
namespace {

std::shared_ptr<Fit> run(const py::object& path, const py::object& text, const std::string& base,
                         const std::function<void(int, int, double)>& progress,
                         const std::map<std::string, std::string>& datasets,
                         const std::map<std::string, std::string>& datasets_sha256) {
  auto f = std::make_shared<Fit>();
  const auto t0 = std::chrono::steady_clock::now();
  InMemoryDatasets held;
  for (const auto& [name, csv] : datasets) held.emplace(name, parse_csv(csv, name));
  if (!path.is_none()) {
    const std::string p = path.cast<std::string>();
    f->spec = parse_fit_spec(read_fit_spec_text(p), p, &held);
    f->info.spec_sha256 = sha256_file(p);
  } else if (!text.is_none()) {
    f->spec = parse_fit_spec(text.cast<std::string>(), base, &held);
  } else {
    throw InputError("fit: give spec (a fit spec file's path) or text (its TOML)");
  }
  for (const auto& d : f->spec.datasets)
    f->info.dataset_sha256.push_back(held.count(d.file) ? datasets_sha256.at(d.file) : sha256_file(d.file));
  f->info.command = "python: glassfit.fit";
  Progress report;
  if (progress)
    report = [&progress](int done, int total, double best) {
      py::gil_scoped_acquire hold;
      progress(done, total, best);
    };
  // The fit runs on a worker thread; this (Python's) thread checks for signals every 50 ms, and
  // on Ctrl-C sets the fit's cancel flag, waits for it to stop and raises KeyboardInterrupt.
  // The wait wakes as soon as the fit ends (a sleep would add up to 50 ms to every fit).
  std::atomic<bool> cancel{false};
  bool interrupted = false;
  std::exception_ptr error;
  f->spec.options.cancel = &cancel;
  {
    py::gil_scoped_release release;
    std::promise<void> finished;
    auto done = finished.get_future();
    std::thread worker([&] {
      try {
        f->result = run_fit(f->spec, report);
      } catch (...) {
        error = std::current_exception();
      }
      finished.set_value();
    });
    while (done.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
      py::gil_scoped_acquire hold;
      if (!interrupted && PyErr_CheckSignals() != 0) interrupted = true, cancel = true;
    }
    worker.join();
  }
  f->spec.options.cancel = nullptr;
  if (interrupted) throw py::error_already_set();  // the KeyboardInterrupt PyErr_CheckSignals set
  if (error) std::rethrow_exception(error);
  f->info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return f;
}

py::dict parameters(const Fit& f) {
  py::dict out;
  for (const auto& p : f.result.parameters) {
    py::dict d;
    d["value"] = p.value, d["stderr"] = p.stderr_value, d["unit"] = p.unit, d["fixed"] = p.fixed;
    d["at_bound"] = p.at_bound, d["dataset"] = p.dataset;
    out[py::str(p.label())] = d;
  }
  return out;
}

py::array_t<double> correlation(const Fit& f) {
  const auto& c = f.result.correlation;
  const size_t n = c.size();
  std::vector<double> flat;
  flat.reserve(n * n);
  for (const auto& row : c) flat.insert(flat.end(), row.begin(), row.end());
  return to_array(std::move(flat)).reshape({n, n});
}

// The quantities a dataset of this kind measures, named as our CSV headers name them: a DMA
// dataset's E' and E'' are kept apart (the fit holds them one after the other).
std::vector<std::string> measured_headers(const std::string& kind) {
  if (kind == "dma") return {"storage_modulus [MPa]", "loss_modulus [MPa]"};
  if (kind == "creep" || kind == "stress_history") return {"strain [-]"};
  if (kind == "flow_stress") return {"flow_stress [MPa]"};
  return {"stress [MPa]"};  // relaxation, tension, strain_history
}

py::dict named_parts(const std::vector<double>& values, const std::vector<std::string>& headers) {
  py::dict out;
  const size_t n = values.size() / headers.size();
  for (size_t k = 0; k < headers.size(); ++k)
    out[py::str(headers[k])] =
        to_array(std::vector<double>(values.begin() + ptrdiff_t(k * n), values.begin() + ptrdiff_t((k + 1) * n)));
  return out;
}

py::list datasets(const Fit& f) {
  py::list out;
  for (const auto& d : f.result.datasets) {
    py::dict x;
    x["file"] = d.file, x["kind"] = d.kind, x["points"] = d.points, x["cost"] = d.cost;
    x["rms_residual"] = d.rms_residual, x["rms_relative"] = d.rms_relative, x["r2"] = d.r2;
    const auto headers = measured_headers(d.kind);
    if (d.measured.size() % headers.size() != 0 || d.model.size() != d.measured.size())
      throw std::logic_error("fit result: dataset " + d.file + " holds unequal measured and model parts");
    x["measured"] = named_parts(d.measured, headers);
    x["model"] = named_parts(d.model, headers);
    x["model_stderr"] = named_parts(d.model_stderr, headers);
    out.append(x);
  }
  return out;
}

}  // namespace

void bind_fit(py::module_& m) {
  py::class_<Fit, std::shared_ptr<Fit>>(m, "_Fit")
      .def_property_readonly("parameters", &parameters)
      .def_property_readonly("free_names", [](const Fit& f) { return f.result.free_names; })
      .def_property_readonly("correlation", &correlation)
      .def_property_readonly("datasets", &datasets)
      .def_property_readonly("cost", [](const Fit& f) { return f.result.cost; })
      .def_property_readonly("chi2", [](const Fit& f) { return f.result.chi2; })
      .def_property_readonly("chi2_reduced", [](const Fit& f) { return f.result.chi2_reduced; })
      .def_property_readonly("aic", [](const Fit& f) { return f.result.aic; })
      .def_property_readonly("bic", [](const Fit& f) { return f.result.bic; })
      .def_property_readonly("points", [](const Fit& f) { return f.result.points; })
      .def_property_readonly("converged", [](const Fit& f) { return f.result.converged; })
      .def_property_readonly("iterations", [](const Fit& f) { return f.result.iterations; })
      .def_property_readonly("termination", [](const Fit& f) { return f.result.termination; })
      .def_property_readonly("weak_combinations", [](const Fit& f) { return f.result.weak_combinations; })
      // What the covariance (and so the standard errors) was scaled by: chi2_reduced, or 1 when
      // the residual scales are stated noise.
      .def_property_readonly("covariance_scale",
                             [](const Fit& f) {
                               const double s = f.result.chi2_reduced;
                               return f.spec.options.scale_covariance && std::isfinite(s) ? s : 1.0;
                             })
      .def("report_json", [](const Fit& f) { return report_json(f.spec, f.result, f.info); })
      .def("summary", [](const Fit& f) { return summary_table(f.spec, f.result); })
      .def("fitted_toml", [](const Fit& f) { return fitted_toml(f.spec, f.result); })
      .def(
          "write",
          [](const Fit& f, const std::string& outdir, const std::string& plot_formats,
             const std::vector<std::pair<std::vector<double>, std::vector<double>>>& band,
             const std::string& band_label) {
            const auto formats = parse_plot_formats(plot_formats, "plot_formats");
            // A band (one (low, high) per dataset, e.g. from posterior draws) for the plots.
            FitResult result = f.result;
            if (!band.empty() && band.size() != result.datasets.size())
              throw InputError(fmt::format("band: {} datasets, not {}", result.datasets.size(), band.size()));
            for (size_t d = 0; d < band.size(); ++d) {
              auto& df = result.datasets[d];
              if (band[d].first.size() != df.model.size() || band[d].second.size() != df.model.size())
                throw InputError(fmt::format("band: dataset {} has {} model values", d + 1, df.model.size()));
              df.band_low = band[d].first, df.band_high = band[d].second, df.band_label = band_label;
            }
            const OutputSet out = fit_outputs(f.spec, result, f.info);
            py::gil_scoped_release release;
            write_output_set(outdir, out, true, formats);
          },
          py::arg("outdir"), py::arg("plot_formats") = "png",
          py::arg("band") = std::vector<std::pair<std::vector<double>, std::vector<double>>>(),
          py::arg("band_label") = "");
  m.def("_fit", &run, py::arg("spec") = py::none(), py::arg("text") = py::none(), py::arg("base") = "<python>",
        py::arg("progress") = nullptr, py::arg("datasets") = std::map<std::string, std::string>(),
        py::arg("datasets_sha256") = std::map<std::string, std::string>());
}

}  // namespace glassfit::python
