// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// Time-temperature superposition: horizontal (and optionally vertical) shift factors that
// superpose multi-temperature frequency sweeps or relaxation curves into one master curve.
//
// Objective (docs/master-curves.md): every point of one temperature's segment that falls,
// after shifting, inside the span of a neighbouring segment (up to `neighbours` steps away in
// temperature) is compared with that segment's natural cubic spline through its own points, in
// log10 units: log E' and log E'' (moduli), log E' alone (storage), log tan(delta), or log E(t)
// for relaxation data.
// With two channels each is weighted by 1/(its rms mismatch), re-estimated as the fit goes.
// The sum of squares over both directions of every pair is minimised by Levenberg-Marquardt
// with the segment nearest T_ref held fixed; which points overlap is re-decided until it
// no longer changes. Start: each neighbour pair aligned by a scan over its relative shift.
// Standard errors: first-order propagation of the data's scatter (estimated from the
// residuals) through both the compared points and the splines they are compared with, carried
// to log10 a_T relative to T_ref (interpolated linearly in T between the two bracketing
// segments when T_ref is not one of them).
#include <Eigen/Dense>
#include <optional>
#include <string>
#include <vector>

#include "glassfit/io/csv.h"

namespace glassfit {

enum class ShiftDomain { Frequency, Time };
enum class ShiftObjective { Moduli, Storage, TanDelta };

// One temperature's measurements, sorted by x.
struct ShiftSegment {
  double temperature_K = 0;
  std::vector<double> x;            // log10 frequency [Hz] or log10 time [s], increasing
  std::vector<double> modulus_MPa;  // E' (frequency) or E(t) (time)
  std::vector<double> loss_MPa;     // E'' (frequency); empty for time data
  std::vector<long> line;           // file line of each point
};

struct ShiftInput {
  std::string file;
  ShiftDomain domain = ShiftDomain::Frequency;
  std::vector<ShiftSegment> segments;          // sorted by temperature
  std::vector<long> dropped_lines;             // rows left out for a modulus <= 0 (drop_nonpositive)
  ModulusKind modulus = ModulusKind::Unknown;  // shear data are labelled G', G
};

// The most rows a master curve is built from (InputError above it): 240 MB and ~20 s of work.
inline constexpr size_t kMaxShiftRows = 200000;

// Frequency data: temperature, frequency, storage and loss modulus columns; time data:
// temperature, time and relaxation modulus. Segments are split by a `set` column when there is
// one, else where the temperature moves by more than `temperature_tolerance_K` from the first
// row of the current segment. Errors (InputError) name file, line and column. A modulus <= 0
// is an error, or with `drop_nonpositive` its row is left out (and its line kept in
// dropped_lines): instruments write such points near their limits.
ShiftInput shift_input_from(const Dataset& data, double temperature_tolerance_K = 0.5, bool drop_nonpositive = false);

// The objective of a name ("moduli", "storage", "tan-delta"), as the CLI and Python take it;
// nullopt for any other (each caller names its own option in the message).
std::optional<ShiftObjective> shift_objective_named(const std::string& name);

struct ShiftOptions {
  double reference_K = 0;
  double reference_tolerance_K = 0.5;  // T_ref may lie this far outside the data (extrapolated)
  ShiftObjective objective = ShiftObjective::Storage;
  bool vertical = false;  // also fit log10 b_T (E_reduced = b_T E); moduli objective only
  int neighbours = 2;     // compare each segment with this many neighbours on each side
};

struct PairMismatch {
  double temperature1_K, temperature2_K;
  int points;
  double rms;  // log10 units
};

struct ShiftResult {
  double reference_K = 0;
  std::vector<double> temperature_K;
  std::vector<double> log_aT, log_aT_stderr;  // relative to T_ref
  std::vector<double> log_bT, log_bT_stderr;  // zeros unless vertical
  Eigen::MatrixXd log_aT_covariance;          // for the shift-law fits
  std::vector<PairMismatch> neighbours;       // adjacent pairs, in temperature order
  double rms_mismatch = 0;                    // all compared points, log10 units
  int residuals = 0, iterations = 0;
  bool converged = false;
};

ShiftResult shift_master_curve(const ShiftInput& input, const ShiftOptions& options);

// The master curve: each point at its reduced frequency (f a_T) or time (t / a_T).
struct MasterPoint {
  double reduced_x;              // Hz or s
  double modulus_MPa, loss_MPa;  // reduced moduli (b_T applied); loss NaN for time data
  double temperature_K;
};
std::vector<MasterPoint> master_curve(const ShiftInput& input, const ShiftResult& shifts);

}  // namespace glassfit
