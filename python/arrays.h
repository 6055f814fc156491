// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// NumPy in and out. In: any 1-D sequence of numbers (a list, an int or float array) becomes a
// vector of doubles; a 2-D array, text, or a NaN/inf element is a one-line error naming the
// argument. Out: a vector's buffer is handed to NumPy without a copy.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "glassfit/core/grid.h"
#include "glassfit/core/units.h"

namespace glassfit::python {

// None gives an empty vector; a number gives one element. With a dimension, a text is read as
// the command line reads it (core/grid.h parse_grid: "27C", "300:500:10", "1e-5:1e5:50log",
// "1,2,5") into internal units.
std::vector<double> to_vector(pybind11::handle obj, const std::string& name);
std::vector<double> to_vector(pybind11::handle obj, const std::string& name, Dimension dim);
// One finite number (int or float); InputError "NAME: ..." otherwise (text, a list, NaN, None).
// With a dimension, a text with a unit ("50C", "88.6 GPa") is converted (core/units.h).
double to_number(pybind11::handle obj, const std::string& name);
double to_number(pybind11::handle obj, const std::string& name, Dimension dim);
// Exactly n finite numbers (a tuple, list or array); InputError "NAME: give FORM" otherwise.
std::vector<double> to_numbers(pybind11::handle obj, const std::string& name, size_t n, const std::string& form);
// A text or a path (os.PathLike); InputError "NAME: ..." for anything else.
std::string to_text(pybind11::handle obj, const std::string& name);
// A history: a number (held from t = 0) or a sequence of (value, time_s) pairs, checked as the
// command line checks value@time lists (grid.h check_history).
std::vector<Step> to_history(pybind11::handle obj, const std::string& name, const std::string& form,
                             bool repeated_times);
// A 1-D float64 array that owns `v`'s buffer.
pybind11::array_t<double> to_array(std::vector<double>&& v);

}  // namespace glassfit::python
