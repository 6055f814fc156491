#include "arrays.h"

#include <cmath>
#include <fmt/format.h>

#include "glassfit/core/error.h"

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

py::array_t<double> to_array(std::vector<double>&& v) {
  auto* heap = new std::vector<double>(std::move(v));
  py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return py::array_t<double>({heap->size()}, {sizeof(double)}, heap->data(), owner);
}

}  // namespace glassfit::python
