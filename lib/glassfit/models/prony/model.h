// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The Prony series behind the model interface (models/model.h): options, the fit kernel with a
// few compile-time widths (4, 8, 16, 32 or 64 terms), and the factory.
#include <Eigen/Dense>
#include <optional>
#include <vector>

#include "glassfit/io/fe_export.h"
#include "glassfit/models/model.h"
#include "glassfit/models/prony/prony.h"
#include "glassfit/protocols/condition.h"

namespace glassfit::prony {

inline constexpr int kMaxTerms = 64;

enum class Modulus { Tensile, Shear };  // E or G: names the parameters, and the export's kind

// terms = "auto": the fit tries 1..n terms log-spaced over [10^lo, 10^hi] s and keeps the fewest
// whose RMS scaled residual is within `tolerance` of the best. terms = "minimal" (`minimal`):
// the k-term candidates are subsets of the full series' times instead, found by backward
// elimination (minimal_subsets), as pyvisco's minimisation does with refits.
struct AutoTerms {
  double log10_lo, log10_hi, tolerance;
  bool minimal = false;
};

struct Options {
  Modulus modulus = Modulus::Tensile;
  std::vector<double> times_s;            // the relaxation times tau_i (their defaults in the table)
  bool free_times = false;                // fit the tau_i too (log scale)
  std::optional<AutoTerms> choose_terms;  // the fit chooses the number of terms, up to times_s.size()
};

template <int K>
struct Kernel {
  static constexpr int kWidth = 1 + 2 * K;
  int n = 0;  // terms in use (<= K)

  template <typename T>
  bool evaluate(const T* values, const Condition& c, T* out) const {
    const Terms<T> p{values, n};
    if (c.kind == Experiment::Dma) {
      complex_modulus(p, c.omega_rad_s, out[0], out[1]);
      return true;
    }
    if (c.kind != Experiment::Relaxation && c.kind != Experiment::Tension) return false;  // not predicted
    for (size_t j = 0; j < c.times.size(); ++j)
      out[j] = strain_program_stress(p, c.program.strain_step, c.program.strain_rate_per_s, c.times[j]);
    return true;
  }
};

// A series with the given relaxation times. InputError: no term, more than kMaxTerms, a time
// that is not positive.
ModelPtr make_model(const Options& options);
// The series a Prony model's values hold (InputError when the model is not a Prony series).
PronySeries series_of(const Model& model, std::span<const double> values);
// Backward elimination at fixed relaxation times: subsets[k - 1] holds the k term indices kept
// when, from all of them, the term whose removal raises the non-negative least-squares cost
// ||A x - b||^2 least is dropped one at a time. A: one column for E_inf, then one per term.
std::vector<std::vector<int>> minimal_subsets(const Eigen::MatrixXd& A, const Eigen::VectorXd& b);
// n relaxation times log-spaced over [10^lo, 10^hi] (the geometric middle for one term).
std::vector<double> spaced_times(int n, double log10_lo, double log10_hi);

}  // namespace glassfit::prony
