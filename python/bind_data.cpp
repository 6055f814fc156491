// SPDX-License-Identifier: BSD-3-Clause
// read_dataset(): any file the command line reads (our CSV, pyvisco CSV, TRIOS text, Eplexor
// .xls), its columns in internal units.
#include <pybind11/stl.h>

#include "arrays.h"
#include "bindings.h"
#include "glassfit/io/dataset_csv.h"
#include "glassfit/io/dataset_reader.h"

namespace py = pybind11;

namespace glassfit::python {
namespace {

py::dict read(const std::string& path) {
  Dataset d;
  {
    py::gil_scoped_release release;
    d = read_dataset(path);
  }
  py::dict out;
  out["path"] = d.path;
  out["modulus"] = modulus_kind_name(d.modulus);
  out["comments"] = d.comments;
  py::list columns;
  for (auto& c : d.columns) {
    py::dict col;
    col["quantity"] = c.quantity, col["header"] = c.header, col["unit"] = c.unit;
    col["values"] = to_array(std::move(c.values));
    columns.append(col);
  }
  out["columns"] = columns;
  std::vector<long> lines = d.line_of_row;
  out["lines"] = lines;
  return out;
}

}  // namespace

// `glassfit convert PATH`: the file as our CSV text, in internal units.
std::string convert(const std::string& path) {
  const Dataset ds = read_dataset(path);
  return format_csv(convert_comments(ds, path, "python: glassfit.Dataset.to_csv"), internal_columns(ds));
}

void bind_data(py::module_& m) {
  m.def("_convert", &convert, py::arg("path"));
  m.def("_read_dataset", &read, py::arg("path"),
        "The file's columns (quantity, header, unit as written, values in internal units: MPa, s,\n"
        "K, Hz, -), its comments and the file line of each row. Format detected by content.");
}

}  // namespace glassfit::python
