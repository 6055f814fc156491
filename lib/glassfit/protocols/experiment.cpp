// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/protocols/experiment.h"

#include <cmath>
#include <limits>
#include <fmt/format.h>

#include "glassfit/core/error.h"

namespace glassfit {

const char* experiment_name(Experiment e) {
  switch (e) {
    case Experiment::Dma:
      return "dma";
    case Experiment::Creep:
      return "creep";
    case Experiment::Relaxation:
      return "relaxation";
    case Experiment::Tension:
      return "tension";
    case Experiment::FlowStress:
      return "flow_stress";
    case Experiment::StrainHistory:
      return "strain_history";
    case Experiment::StressHistory:
      return "stress_history";
  }
  return "?";
}

size_t ExperimentData::points() const {
  if (kind == Experiment::Dma) return 2 * frequency_Hz.size();
  if (kind == Experiment::FlowStress) return flow_stress_MPa.size();
  size_t n = 0;
  for (const auto& r : runs) n += r.measured.size();
  return n;
}

size_t ExperimentData::rows() const {
  if (kind == Experiment::Dma) return frequency_Hz.size();
  if (kind == Experiment::FlowStress) return flow_stress_MPa.size();
  size_t n = 0;
  for (const auto& r : runs) n += r.rows.size();
  return n;
}

bool ExperimentData::has_temperature() const {
  for (double T : temperature_K)
    if (!std::isfinite(T)) return false;
  for (const auto& r : runs)
    if (!std::isfinite(r.temperature_K)) return false;
  return true;
}

namespace {

bool nearly(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

}  // namespace

ExperimentData experiment_from(const Dataset& ds) {
  ExperimentData ex;
  ex.path = ds.path;
  ex.modulus = ds.modulus;
  // Without a temperature column every temperature is NaN (an isothermal master curve). A
  // master curve that 'glassfit shift' wrote (reduced frequency or time) is at its reference
  // temperature: its temperature column says where each point came from, not where it is.
  const std::vector<double> no_temperature(ds.rows(), std::numeric_limits<double>::quiet_NaN());
  const bool reduced = ds.find("reduced_frequency") || ds.find("reduced_time");
  const auto* T_column = reduced ? nullptr : ds.find("temperature");
  const auto& T = T_column ? T_column->values : no_temperature;
  if (ds.find("frequency") || ds.find("reduced_frequency")) {
    ex.kind = Experiment::Dma;
    ex.temperature_K = T;
    ex.frequency_Hz = (ds.find("frequency") ? ds.find("frequency") : ds.find("reduced_frequency"))->values;
    ex.storage_MPa = ds.require("storage_modulus", "for DMA (with a frequency column)").values;
    ex.loss_MPa = ds.require("loss_modulus", "for DMA (with a frequency column)").values;
    return ex;
  }
  if (ds.find("flow_stress")) {
    ex.kind = Experiment::FlowStress;
    if (!T_column) throw InputError(ds.path + ": flow-stress data need a temperature column");
    ex.temperature_K = T;
    ex.strain_rate_per_s = ds.require("strain_rate", "for flow-stress data").values;
    ex.flow_stress_MPa = ds.find("flow_stress")->values;
    for (size_t i = 0; i < ex.strain_rate_per_s.size(); ++i)
      if (!(ex.strain_rate_per_s[i] > 0))
        throw InputError(located(ds.path, ds.line_of_row[i], "strain_rate", "a strain rate must be above 0 1/s"));
    return ex;
  }
  const auto& t = ds.find("reduced_time")
                      ? ds.find("reduced_time")->values
                      : ds.require("time", "for creep, relaxation or tension (no frequency column)").values;
  if (const auto* E = ds.find("relaxation_modulus")) {
    ex.kind = Experiment::Relaxation;
    for (const auto& r : ds.runs()) {
      TestRun run;
      run.temperature_K = T[r.begin];
      run.strain_step = 1.0;
      run.modulus = true;
      for (size_t i = r.begin; i < r.end; ++i) {
        if (t[i] <= 0)
          throw InputError(located(ds.path, ds.line_of_row[i], "time", "times must be above 0 s in a fit"));
        run.time_s.push_back(t[i]);
        run.measured.push_back(E->values[i]);
        run.rows.push_back(i);
      }
      ex.runs.push_back(std::move(run));
    }
    return ex;
  }
  const auto& stress = ds.require("stress", "for creep, relaxation or tension").values;
  const auto& strain = ds.require("strain", "for creep, relaxation or tension").values;
  const auto runs = ds.runs();
  // A comment line "control: stress" makes every run a stress path (strain measured): the stress
  // linear between rows, as the strain of a strain history.
  bool stress_control = false;
  for (const auto& c : ds.comments) stress_control = stress_control || c == "control: stress";
  // A run's rows: one temperature, times above 0.
  auto rows_of = [&](const auto& r) {
    TestRun run;
    run.temperature_K = T[r.begin];
    for (size_t i = r.begin; i < r.end; ++i) {
      if (!nearly(T[i], run.temperature_K) && !(std::isnan(T[i]) && std::isnan(run.temperature_K)))
        throw InputError(
            located(ds.path, ds.line_of_row[i], "temperature",
                    "temperature changes inside a test; start a new test (time restarting) per temperature"));
      if (t[i] <= 0) throw InputError(located(ds.path, ds.line_of_row[i], "time", "times must be above 0 s in a fit"));
      run.time_s.push_back(t[i]);
      run.rows.push_back(i);
    }
    return run;
  };
  if (stress_control) {
    ex.kind = Experiment::StressHistory;
    for (const auto& r : runs) {
      TestRun run = rows_of(r);
      for (size_t i = r.begin; i < r.end; ++i) {  // finite: the readers take no other number
        run.stress_history.push_back({stress[i], t[i]});
        run.measured.push_back(strain[i]);
      }
      ex.runs.push_back(std::move(run));
    }
    return ex;
  }
  // Creep when the stress is piecewise constant in every run; otherwise strain control.
  bool stepwise = true;
  for (const auto& r : runs) {
    size_t changes = 0;
    for (size_t i = r.begin + 1; i < r.end; ++i) changes += stress[i] != stress[i - 1];
    if (changes * 4 > r.end - r.begin) stepwise = false;
  }
  for (const auto& r : runs) {
    TestRun run = rows_of(r);
    if (stepwise) {
      run.stress_history.push_back({stress[r.begin], 0.0});
      for (size_t i = r.begin + 1; i < r.end; ++i)
        if (stress[i] != stress[i - 1]) run.stress_history.push_back({stress[i], t[i - 1]});
      for (size_t i = r.begin; i < r.end; ++i) run.measured.push_back(strain[i]);
      ex.kind = Experiment::Creep;
    } else {
      bool constant = true;
      for (size_t i = r.begin; i < r.end; ++i) constant = constant && nearly(strain[i], strain[r.begin]);
      for (size_t i = r.begin; i < r.end; ++i) run.measured.push_back(stress[i]);
      if (constant) {
        ex.kind = Experiment::Relaxation;
        run.strain_step = strain[r.begin];
      } else {
        // Constant rate when strain = rate * t at every row; any other path is a strain history.
        const double rate = strain[r.end - 1] / t[r.end - 1];
        bool proportional = true;
        for (size_t i = r.begin; i < r.end; ++i)
          proportional = proportional && std::abs(strain[i] - rate * t[i]) <= 1e-6 * std::abs(strain[r.end - 1]);
        if (proportional) {
          ex.kind = Experiment::Tension;
          run.strain_rate_per_s = rate;
        } else {
          ex.kind = Experiment::StrainHistory;
          for (size_t i = r.begin; i < r.end; ++i) run.stress_history.push_back({strain[i], t[i]});
        }
      }
    }
    ex.runs.push_back(std::move(run));
  }
  return ex;
}

}  // namespace glassfit
