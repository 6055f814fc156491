// SPDX-License-Identifier: BSD-3-Clause
// Uses the installed library through find_package: predicts E' at 300 K, 1 Hz with Table 1,
// then builds a fit in code, with no files: DMA points from arrays (made by the model with E_u
// and U_beta changed), a spec with typed options, and a result read by {name, dataset}.
#include <cmath>
#include <cstdio>

#include "glassfit/core/constants.h"
#include "glassfit/fit/fit_outputs.h"
#include "glassfit/fit/fitter.h"
#include "glassfit/models/hc/dma.h"
#include "glassfit/models/registry.h"

int main() {
  using namespace glassfit;
  const auto p = hc_params_from(ParameterSet(hc_parameter_table()));
  const DmaPoint pt{300.0, 1.0};
  const auto pred = predict_dma(p, {&pt, 1});
  std::printf("E'(300 K, 1 Hz) = %.0f MPa\n", pred[0].storage_MPa);
  if (!(pred[0].storage_MPa > 30000)) return 1;

  // Data from arrays: an isochronal sweep at 1 Hz, 350-500 K.
  const ModelPtr model = make_model("hc");
  std::vector<double> truth = model->defaults();
  truth[model->slot("E_u")] = 34000, truth[model->slot("U_beta")] = 85000;
  FitDataset d;
  d.name = "isochronal sweep (arrays)";
  d.experiment.kind = Experiment::Dma;
  for (double T = 350; T <= 500; T += 5) {
    Condition c;
    c.temperature_K = T, c.omega_rad_s = 2 * kPi;
    double E[2];
    model->predict(truth, c, E);
    d.experiment.temperature_K.push_back(T), d.experiment.frequency_Hz.push_back(1.0);
    d.experiment.storage_MPa.push_back(E[0]), d.experiment.loss_MPa.push_back(E[1]);
  }
  FitSpec spec;
  spec.model = model;
  spec.datasets = {d};
  spec.parameters = default_choices(*model);
  for (const char* name : {"E_u", "U_beta"}) {
    auto& c = choice(spec, name);
    c.fixed = false, c.lower = 0.5 * c.start, c.upper = 2 * c.start;
  }
  spec.options.loss = Loss::None;
  spec.options.multistart = 2;
  const FitResult r = run_fit(spec);
  const double E_u = r.parameter("E_u").value, U = r.parameter("U_beta").value;
  std::printf("fit in code: E_u = %.2f MPa, U_beta = %.2f J/mol, converged %d\n", E_u, U, int(r.converged));
  const OutputSet out = fit_outputs(spec, r, {});
  std::printf("report.json: %zu bytes\n", out.text_of("report.json").size());
  return r.converged && std::abs(E_u - 34000) < 1e-3 && std::abs(U - 85000) < 1e-2 ? 0 : 1;
}
