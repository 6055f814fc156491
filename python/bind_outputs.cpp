// SPDX-License-Identifier: BSD-3-Clause
#include <pybind11/stl.h>

#include "arrays.h"
#include "outputs.h"

namespace py = pybind11;

namespace glassfit::python {

void bind_outputs(py::module_& m) {
  py::class_<OutputSet>(m, "_Outputs")
      .def_property_readonly("tables",
                             [](const OutputSet& s) {
                               py::dict out;
                               for (const auto& item : s.items) {
                                 if (item.kind != OutputSet::Item::Table) continue;
                                 py::dict t;
                                 for (const auto& c : item.columns)
                                   t[py::str(c.header)] = to_array(std::vector<double>(c.values));
                                 out[py::str(item.file)] = t;
                               }
                               return out;
                             })
      .def_property_readonly("texts",
                             [](const OutputSet& s) {
                               py::dict out;
                               for (const auto& item : s.items)
                                 if (item.kind == OutputSet::Item::Text) out[py::str(item.file)] = item.text;
                               return out;
                             })
      .def_property_readonly("plots",
                             [](const OutputSet& s) {
                               std::vector<std::string> out;
                               for (const auto& item : s.items)
                                 if (item.kind == OutputSet::Item::Plot) out.push_back(item.file);
                               return out;
                             })
      .def_readonly("summary", &OutputSet::summary)
      .def_readonly("warnings", &OutputSet::warnings)
      .def(
          "write",
          [](const OutputSet& s, const std::string& outdir, bool plots, const std::string& plot_formats) {
            const auto formats = parse_plot_formats(plot_formats, "plot_formats");
            py::gil_scoped_release release;
            write_output_set(outdir, s, plots, formats);
          },
          py::arg("outdir"), py::arg("plots") = true, py::arg("plot_formats") = "png");
}

}  // namespace glassfit::python
