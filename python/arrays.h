#pragma once
// NumPy in and out. In: any 1-D sequence of numbers (a list, an int or float array) becomes a
// vector of doubles; a 2-D array, text, or a NaN/inf element is a one-line error naming the
// argument. Out: a vector's buffer is handed to NumPy without a copy.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

namespace glassfit::python {

// None gives an empty vector; a number gives one element.
std::vector<double> to_vector(pybind11::handle obj, const std::string& name);
// A 1-D float64 array that owns `v`'s buffer.
pybind11::array_t<double> to_array(std::vector<double>&& v);

}  // namespace glassfit::python
