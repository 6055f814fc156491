// SPDX-License-Identifier: BSD-3-Clause
// _Problem: a fit's cost at any values of its free parameters, for samplers (glassfit.sample).
// One FitProblem per thread, so a batch of walkers is evaluated on every core without the GIL.
#include <pybind11/stl.h>

#include <fmt/format.h>
#include <limits>
#include <memory>
#include <thread>

#include "arrays.h"
#include "bindings.h"
#include "fit_handle.h"
#include "glassfit/core/error.h"
#include "glassfit/core/parallel.h"
#include "glassfit/fit/fitter.h"
#include "glassfit/fit/problem.h"

namespace py = pybind11;

namespace glassfit::python {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Rows = py::array_t<double, py::array::c_style | py::array::forcecast>;

class Problem {
 public:
  explicit Problem(const Fit& f) : spec_(f.spec) {
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned t = 0; t < threads; ++t) problems_.push_back(std::make_unique<FitProblem>(spec_));
    for (const auto& free : problems_[0]->free()) {
      const auto& c = spec_.parameters[size_t(free.k)];
      labels_.push_back(parameter_label(c.name, free.dataset));
      log_scale_.push_back(c.log_scale);
      lower_.push_back(problems_[0]->lower_x(free.k)), upper_.push_back(problems_[0]->upper_x(free.k));
      // The optimum and its standard error in fitted coordinates (log10 for a log-scale parameter).
      const auto& p = f.result.parameter(c.name, free.dataset);
      optimum_.push_back(to_fitted(c, p.value));
      stderr_.push_back(fitted_stderr(c, p.value, p.stderr_value));
    }
  }
  const std::vector<std::string>& labels() const { return labels_; }
  const std::vector<bool>& log_scale() const { return log_scale_; }
  const std::vector<double>& lower() const { return lower_; }
  const std::vector<double>& upper() const { return upper_; }
  const std::vector<double>& optimum() const { return optimum_; }
  const std::vector<double>& stderr_fitted() const { return stderr_; }

  // chi2 (2 cost) at each row of x: the free parameters in fitted coordinates (log10 of a
  // log-scale parameter), in the order of labels(); infinite outside the bounds or where the
  // model cannot be evaluated.
  py::array_t<double> chi2(const Rows& x) {
    const size_t n = rows_in(x, "chi2");
    std::vector<double> out(n, kInf);
    for_each_row(x, [&](FitProblem& fp, size_t i) { out[i] = 2 * fp.cost(); });
    return to_array(std::move(out));
  }

  // The model at every point of every dataset (each dataset's values in the layout of its
  // FitResult `model`, the datasets one after another) for each row of x; NaN rows outside the
  // bounds. Shape (n, points).
  py::array_t<double> models(const Rows& x) {
    const size_t n = rows_in(x, "models");
    std::vector<size_t> offset{0};
    for (const auto& d : spec_.datasets) offset.push_back(offset.back() + d.experiment.points());
    const size_t points = offset.back();
    std::vector<double> out(n * points, kNaN);
    for_each_row(x, [&](FitProblem& fp, size_t i) {
      std::vector<double> m;
      for (const auto& u : fp.pieces()) {
        m.assign(u.data.size(), kNaN);
        fp.model().predict(fp.values_for(u.dataset), u.condition, m);
        for (size_t k = 0; k < m.size(); ++k) out[i * points + offset[size_t(u.dataset)] + u.index[k]] = m[k];
      }
    });
    py::array_t<double> a({n, points});
    std::copy(out.begin(), out.end(), a.mutable_data());
    return a;
  }

 private:
  // The rows of x, after checking its shape (n, free parameters).
  size_t rows_in(const Rows& x, const char* name) const {
    if (x.ndim() != 2 || size_t(x.shape(1)) != labels_.size())
      throw InputError(fmt::format("{}: an array of shape (n, {}) is needed", name, labels_.size()));
    return size_t(x.shape(0));
  }

  // Calls at(problem, i) for each row i of x inside the bounds, with the problem's free
  // parameters set to the row: on every core, without the GIL.
  template <typename At>
  void for_each_row(const Rows& x, At&& at) {
    const size_t width = labels_.size(), n = size_t(x.shape(0));
    const std::vector<double> rows(x.data(), x.data() + n * width);
    py::gil_scoped_release release;
    const size_t chunks = std::min(problems_.size(), std::max<size_t>(n, 1));
    parallel_for(chunks, unsigned(chunks), [&](size_t c) {
      FitProblem& fp = *problems_[c];
      for (size_t i = c; i < n; i += chunks) {
        const double* row = &rows[i * width];
        bool inside = true;
        for (size_t j = 0; j < width; ++j) inside = inside && row[j] >= lower_[j] && row[j] <= upper_[j];
        if (!inside) continue;
        for (size_t j = 0; j < width; ++j) fp.free()[j].x() = row[j];
        at(fp, i);
      }
    });
  }

  FitSpec spec_;
  std::vector<std::unique_ptr<FitProblem>> problems_;
  std::vector<std::string> labels_;
  std::vector<bool> log_scale_;
  std::vector<double> lower_, upper_, optimum_, stderr_;
};

}  // namespace

void bind_problem(py::module_& m) {
  py::class_<Problem>(m, "_Problem")
      .def(py::init<const Fit&>(), py::arg("fit"))
      .def_property_readonly("labels", &Problem::labels)
      .def_property_readonly("log_scale", &Problem::log_scale)
      .def_property_readonly("lower", &Problem::lower)
      .def_property_readonly("upper", &Problem::upper)
      .def_property_readonly("optimum", &Problem::optimum)
      .def_property_readonly("stderr", &Problem::stderr_fitted)
      .def("chi2", &Problem::chi2, py::arg("x"))
      .def("models", &Problem::models, py::arg("x"));
}

}  // namespace glassfit::python
