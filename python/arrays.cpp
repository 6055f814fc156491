// SPDX-License-Identifier: BSD-3-Clause
#include "arrays.h"

#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"
#include "glassfit/core/grid.h"

namespace py = pybind11;

namespace glassfit::python {

std::vector<double> to_vector(py::handle obj, const std::string& name) {
  if (obj.is_none()) return {};
  if (py::isinstance<py::str>(obj) || py::isinstance<py::bytes>(obj))
    throw InputError(fmt::format("{}: expected numbers, got text", name));
  using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;
  const auto refuse = [&] {
    return InputError(fmt::format("{}: expected a number or a 1-D sequence of numbers", name));
  };
  Array a;
  try {
    a = Array::ensure(obj);
  } catch (const py::error_already_set&) {
    throw refuse();
  }
  if (!a.ptr()) throw refuse();
  if (a.ndim() > 1) throw InputError(fmt::format("{}: a 1-D array is needed (got {}-D)", name, a.ndim()));
  std::vector<double> v(a.data(), a.data() + a.size());
  for (size_t i = 0; i < v.size(); ++i)
    if (!std::isfinite(v[i])) throw InputError(fmt::format("{}: element {} is {:g}", name, i, v[i]));
  return v;
}

std::vector<double> to_vector(py::handle obj, const std::string& name, Dimension dim) {
  if (py::isinstance<py::str>(obj)) return parse_grid(obj.cast<std::string>(), dim, name);
  return to_vector(obj, name);
}

double to_number(py::handle obj, const std::string& name, Dimension dim) {
  if (py::isinstance<py::str>(obj)) return parse_quantity(obj.cast<std::string>(), dim, name);
  return to_number(obj, name);
}

double to_number(py::handle obj, const std::string& name) {
  const bool scalar = py::isinstance<py::int_>(obj) || py::isinstance<py::float_>(obj) ||
                      (py::isinstance<py::array>(obj) && py::reinterpret_borrow<py::array>(obj).ndim() == 0);
  if (!scalar || py::isinstance<py::bool_>(obj))
    throw InputError(
        fmt::format("{}: a number is needed, not {}", name,
                    obj.is_none() ? std::string("None") : std::string(py::str(obj.get_type().attr("__name__")))));
  const double v = obj.cast<double>();
  if (!std::isfinite(v)) throw InputError(fmt::format("{}: {:g} is not a finite number", name, v));
  return v;
}

std::vector<double> to_numbers(py::handle obj, const std::string& name, size_t n, const std::string& form) {
  std::vector<double> v;
  try {
    v = to_vector(obj, name);
  } catch (const InputError&) {
    throw InputError(fmt::format("{}: give {}", name, form));
  }
  if (obj.is_none() || v.size() != n || py::isinstance<py::int_>(obj) || py::isinstance<py::float_>(obj))
    throw InputError(fmt::format("{}: give {}", name, form));
  return v;
}

std::string to_text(py::handle obj, const std::string& name) {
  if (py::isinstance<py::str>(obj)) return obj.cast<std::string>();
  if (py::hasattr(obj, "__fspath__")) return py::str(obj.attr("__fspath__")());
  throw InputError(
      fmt::format("{}: a text or a path is needed, not {}", name,
                  obj.is_none() ? std::string("None") : std::string(py::str(obj.get_type().attr("__name__")))));
}

std::vector<Step> to_history(py::handle obj, const std::string& name, const std::string& form, bool repeated_times) {
  std::vector<Step> out;
  if (py::isinstance<py::int_>(obj) || py::isinstance<py::float_>(obj)) {
    out.push_back({to_number(obj, name), 0.0});
  } else {
    if (py::isinstance<py::str>(obj) || !py::isinstance<py::sequence>(obj))
      throw InputError(fmt::format("{}: give {}", name, form));
    for (const auto& node : py::reinterpret_borrow<py::sequence>(obj)) {
      const auto pair = to_numbers(node, name, 2, form);
      out.push_back({pair[0], pair[1]});
      check_history(out, name, repeated_times);
    }
  }
  check_history(out, name, repeated_times);
  return out;
}

py::array_t<double> to_array(std::vector<double>&& v) {
  auto* heap = new std::vector<double>(std::move(v));
  py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return py::array_t<double>({heap->size()}, {sizeof(double)}, heap->data(), owner);
}

}  // namespace glassfit::python
