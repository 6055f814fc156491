// export_prony(): a model's relaxation modulus as a Prony series for Abaqus or ANSYS, as
// `glassfit export` writes it.
#include <pybind11/stl.h>

#include <fmt/format.h>
#include <optional>

#include "bindings.h"
#include "glassfit/core/error.h"
#include "glassfit/io/fe_export.h"
#include "glassfit/models/prony/interconvert.h"
#include "model_values.h"

namespace py = pybind11;

namespace glassfit::python {
namespace {

std::string export_prony(const std::string& model_name, const py::object& params, const std::string& format,
                         const py::object& poisson, const py::object& wlf, const py::object& shift_report,
                         const py::object& window, const py::dict& options) {
  if (format != "abaqus" && format != "ansys")
    throw InputError(fmt::format("format must be abaqus or ansys, not '{}'", format));
  const auto [model, values] = model_and_values(model_name, params, options);
  std::optional<WlfShift> shift;
  if (!wlf.is_none() && !shift_report.is_none()) throw InputError("give shift_report or wlf, not both");
  if (!shift_report.is_none()) shift = wlf_from_shift_report(shift_report.cast<std::string>());
  if (!wlf.is_none()) {
    const auto [T, C1, C2] = wlf.cast<std::tuple<double, double, double>>();
    if (!(T > 0)) throw InputError("wlf: T_ref must be above absolute zero (K)");
    shift = WlfShift{T, C1, C2};
  }
  std::optional<prony::ExportWindow> w;
  if (!window.is_none()) {
    const auto [T, lo, hi] = window.cast<std::tuple<double, double, double>>();
    if (!(T > 0)) throw InputError("window: the temperature must be above absolute zero (K)");
    w = prony::ExportWindow{T, lo, hi};
  }
  const auto exported = prony::export_series(*model, values, w);
  std::vector<std::string> provenance = {"glassfit export (python)"};
  if (!exported.note.empty()) provenance.push_back(exported.note);
  const std::optional<double> nu = poisson.is_none() ? std::nullopt : std::optional<double>(poisson.cast<double>());
  return format == "abaqus" ? abaqus_block(exported.series, shift, nu, provenance)
                            : ansys_block(exported.series, shift, nu, provenance);
}

}  // namespace

void bind_export(py::module_& m) {
  m.def("export_prony", &export_prony, py::arg("model"), py::kw_only(), py::arg("params") = py::none(),
        py::arg("format") = "abaqus", py::arg("poisson") = py::none(), py::arg("wlf") = py::none(),
        py::arg("shift_report") = py::none(), py::arg("window") = py::none(), py::arg("options") = py::dict(),
        "A model's relaxation modulus as a Prony series block for Abaqus (*VISCOELASTIC, TIME=PRONY)\n"
        "or ANSYS (TB,PRONY), as `glassfit export` writes it. params as for predict(); poisson: nu\n"
        "for the shear and bulk split; wlf: (T_ref [K], C1, C2 [K]) or shift_report: a shift\n"
        "report.json; window: (temperature [K], t_lo [s], t_hi [s]) to convert a non-Prony model.");
}

}  // namespace glassfit::python
