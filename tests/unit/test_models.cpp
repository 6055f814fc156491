// SPDX-License-Identifier: BSD-3-Clause
// The model interface and registry: every registered model's table, its parameter order as the
// single source of truth (slot k of the values is the field the table names), and the same
// predictions through the interface as through the model's own functions.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"

#include "glassfit/models/kernel.h"
#include "glassfit/models/hc/dma.h"
#include "glassfit/models/hc/model.h"
#include "glassfit/models/prony/model.h"
#include "glassfit/models/registry.h"

using namespace glassfit;

static_assert(sizeof(HcParams<double>) == kHcParameterCount * sizeof(double), "HcParams holds the table values");
static_assert(hc::Kernel::kWidth == kHcParameterCount, "the HC kernel's Jet width is its table");

TEST(Models, HcSlotsMapToTheFieldsTheTableNames) {
  // Written here, independently of hc_params_from_array: each table name and its field.
  const std::map<std::string, double HcParams<double>::*> field = {
      {"E_u", &HcParams<double>::E_u},       {"E_r", &HcParams<double>::E_r},
      {"U_beta", &HcParams<double>::U_beta}, {"tau_beta0", &HcParams<double>::tau_beta0},
      {"A_an", &HcParams<double>::A_an},     {"A_vp", &HcParams<double>::A_vp},
      {"chi_Tg", &HcParams<double>::chi_Tg}, {"a1", &HcParams<double>::a1},
      {"t0", &HcParams<double>::t0},         {"T_g", &HcParams<double>::T_g},
      {"B", &HcParams<double>::B},           {"sigma_1", &HcParams<double>::sigma_1},
      {"a2", &HcParams<double>::a2},         {"H_d", &HcParams<double>::H_d},
      {"S_d", &HcParams<double>::S_d},       {"V_act", &HcParams<double>::V_act}};
  const auto table = hc_parameter_table();
  ASSERT_EQ(table.size(), field.size());
  std::vector<double> v(table.size());
  for (size_t k = 0; k < v.size(); ++k) v[k] = 100.0 + static_cast<double>(k);
  const auto p = hc_params_from_array(v.data());
  for (size_t k = 0; k < table.size(); ++k) EXPECT_EQ(p.*field.at(table[k].name), v[k]) << table[k].name;
}

TEST(Models, RegistryKnowsEachModelOnce) {
  std::set<std::string> names;
  for (const auto& entry : registered_models()) {
    EXPECT_TRUE(names.insert(entry.name).second) << entry.name;
    const auto m = entry.make({});
    EXPECT_EQ(m->name(), entry.name);
    EXPECT_FALSE(m->parameters().empty());
    EXPECT_GE(m->kernel().width(), static_cast<int>(m->parameters().size()));
    std::set<std::string> params;
    for (const auto& p : m->parameters()) EXPECT_TRUE(params.insert(p.name).second) << p.name;
  }
  EXPECT_THROW(make_model("nope"), InputError);
}

TEST(Models, HcThroughTheInterfaceEqualsItsOwnFunctions) {
  const auto model = make_model("hc");
  const auto values = model->defaults();
  const auto p = hc_params_from(ParameterSet(hc_parameter_table()));
  const DmaPoint pt{430, 3.0};
  const auto direct = predict_dma(p, {&pt, 1});
  Condition c;
  c.temperature_K = 430;
  c.omega_rad_s = 2 * kPi * 3.0;
  double out[2];
  model->predict(values, c, out);
  EXPECT_EQ(out[0], direct[0].storage_MPa);
  EXPECT_EQ(out[1], direct[0].loss_MPa);
  std::vector<double> bad = values;
  bad[1] = bad[0] + 1;  // E_r above E_u
  EXPECT_NE(model->relation_violation(bad).find("must be below E_u"), std::string::npos);
}

TEST(Models, PronySlotsMapToTheTermsTheTableNames) {
  // The kernel reads E_inf, E_i and tau_i through prony::Terms; the table names them by slot.
  prony::Options o;
  o.times_s = {0.1, 1.0, 10.0};
  const auto model = prony::make_model(o);
  std::vector<double> v(model->parameters().size());
  for (size_t k = 0; k < v.size(); ++k) v[k] = 100.0 + static_cast<double>(k);
  const prony::Terms<double> terms{v.data(), 3};
  EXPECT_EQ(terms.E_inf(), v[static_cast<size_t>(model->slot("E_inf"))]);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(terms.E(i), v[static_cast<size_t>(model->slot("E_" + std::to_string(i + 1)))]);
    EXPECT_EQ(terms.tau(i), v[static_cast<size_t>(model->slot("tau_" + std::to_string(i + 1)))]);
  }
}
