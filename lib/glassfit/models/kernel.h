// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// What the fitter needs from a model's residuals, without knowing the model: a Ceres cost
// function per piece of data, built by the model with its own compile-time Jet width
// (models/autodiff_kernel.h). Pieces and the parameter mapping are the fitter's.
#include <cmath>
#include <vector>

#include "glassfit/protocols/condition.h"

namespace ceres {
class CostFunction;
}

namespace glassfit {

// Where each slot of a parameter block comes from: a constant, the shared block or the
// dataset's own block; blocks hold log10(value) for log-scale parameters. Sized to the kernel's
// width; slots beyond the model's table are constant 0.
struct Mapping {
  enum Source { Fixed, Shared, Local };
  std::vector<Source> source;
  std::vector<double> constant;
  std::vector<char> log;
};

// The value of slot k: its constant, or its coordinate in the shared or the dataset's block
// (10^x for a log-scale slot). One definition for the residuals (any scalar) and the reports.
template <typename T>
T mapped_value(const Mapping& m, int k, const T* shared, const T* local) {
  using std::exp;
  if (m.source[k] == Mapping::Fixed) return T(m.constant[k]);
  const T x = m.source[k] == Mapping::Shared ? shared[k] : local[k];
  return m.log[k] ? exp(x * T(std::log(10.0))) : x;
}

// One independent piece of a dataset (a DMA point or a whole time-domain run) with its data.
struct Piece {
  Condition condition;
  std::vector<double> data, scale;  // per residual; scale includes 1/sqrt(weight)
  std::vector<size_t> index;        // position of each residual in the dataset's measured values
  bool log_form = false;            // compare logarithms
  int dataset = 0;
};

class FitKernel {
 public:
  virtual ~FitKernel() = default;
  virtual int width() const = 0;  // parameter block size
  // The cost of one piece (the caller takes ownership): residuals (model - data)/scale as a
  // function of the shared block, or of the shared and the dataset's block.
  virtual ceres::CostFunction* cost(const Piece& piece, const Mapping& map, bool with_local) const = 0;
};

}  // namespace glassfit
