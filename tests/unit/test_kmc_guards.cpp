// SPDX-License-Identifier: BSD-3-Clause
// The kMC engine's guards: a finished run's checkpoint restores (and ends at once), a forged
// state (edited, then sealed with a fresh SHA-256) is refused or runs to a bounded, finite end,
// and every loop that can run long counts against a limit the configuration states.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <sstream>

#include "error_of.h"
#include "glassfit/kmc/checkpoint_format.h"
#include "glassfit/kmc/engine.h"

using namespace glassfit;
using namespace glassfit::kmc;

namespace {

EngineConfig tiny(EngineKind kind = EngineKind::Reference) {
  EngineConfig c;
  c.grid = {8, 8};
  c.catalog.modes = 4;
  c.temperature_K = 400;
  c.final_strain = 0.1;
  c.snapshot_strains = {0.01};
  c.engine = kind;
  if (kind == EngineKind::Local) c.local = {4, 1, 11, 1};
  return c;
}

std::string saved(const Engine& e) {
  std::ostringstream out;
  e.save(out);
  return out.str();
}

bool finite_curve(const Observations& o) {
  for (const auto& p : o.curve)
    if (!std::isfinite(p.time_s) || !std::isfinite(p.strain) || !std::isfinite(p.stress_MPa)) return false;
  return true;
}

// A run saved after its end (and its end-of-run snapshot) restores, and is over.
TEST(KmcGuards, AFinishedRunRestoresAndIsOver) {
  for (const EngineKind kind : {EngineKind::Reference, EngineKind::Local}) {
    Engine e(tiny(kind));
    while (e.step()) {
    }
    ASSERT_TRUE(e.finished());
    ASSERT_EQ(e.observations().snapshots.size(), 2u);  // at 0.01, and at the end
    Engine r(tiny(kind));
    ASSERT_EQ(test::error_of([&] { r.restore_bytes(saved(e), "end.bin"); }), "no error");
    EXPECT_FALSE(r.step());
    EXPECT_EQ(r.observations().curve.size(), e.observations().curve.size());
    EXPECT_EQ(r.events(), e.events());
    EXPECT_EQ(saved(r), saved(e));
  }
}

// Fields the writer and the allocators trust, forged one at a time: each is refused.
TEST(KmcGuards, ForgedFieldsAreRefused) {
  Engine e(tiny());
  for (int k = 0; k < 20; ++k) ASSERT_TRUE(e.step());
  const std::string payload(open_checkpoint(saved(e), "x"));
  const size_t t_at = 8 + e.fingerprint().size();  // the fingerprint's length and text, then t
  auto forged = [&](size_t at, double value) {
    std::string p = payload;
    std::memcpy(p.data() + at, &value, 8);
    Engine r(tiny());
    return test::error_of([&] { r.restore_bytes(seal_checkpoint(p), "cp.bin"); });
  };
  EXPECT_EQ(forged(t_at, 1e300), "cp.bin: kmc checkpoint: corrupt state (a time past the end of the loading)");
  // eps_star_: its length, then the first voxel's xx
  EXPECT_EQ(forged(t_at + 16, NAN), "cp.bin: kmc checkpoint: corrupt state (fields)");
  EXPECT_EQ(forged(t_at + 16, 0.5), "cp.bin: kmc checkpoint: corrupt state (the eigenstrain's sum)");
}

// Random forgeries: 8 bytes anywhere set to NaN, infinities, huge or negative numbers (as doubles
// and as counts). Each is refused, or the run goes on to an end within its guards with a finite
// curve; under the sanitizers any read outside the state fails.
TEST(KmcGuards, RandomForgeriesAreRefusedOrRunSafely) {
  for (const EngineKind kind : {EngineKind::Reference, EngineKind::Local}) {
    const EngineConfig c = tiny(kind);
    Engine e(c);
    for (int k = 0; k < 20; ++k) ASSERT_TRUE(e.step());
    const std::string payload(open_checkpoint(saved(e), "x"));
    const size_t skip = 8 + e.fingerprint().size();
    std::mt19937 rng(7);
    const double doubles[] = {NAN, INFINITY, -INFINITY, 1e300, -1.0, 1e-300};
    const long counts[] = {-1, 1L << 40, 1L << 62, -(1L << 62)};
    int refused = 0, ran = 0;
    for (int k = 0; k < 200; ++k) {
      std::string p = payload;
      const size_t at = skip + rng() % (p.size() - skip - 8);
      if (k % 2)
        std::memcpy(p.data() + at, &doubles[rng() % 6], 8);
      else
        std::memcpy(p.data() + at, &counts[rng() % 4], 8);
      Engine r(c);
      if (test::error_of([&] { r.restore_bytes(seal_checkpoint(p), "cp.bin"); }) != "no error") {
        ++refused;
        continue;
      }
      ++ran;
      long steps = 0;
      while (r.step()) ASSERT_LT(++steps, 20 * c.event_limit()) << "forgery at byte " << at << " runs on";
      EXPECT_LE(r.events(), c.event_limit() + long(c.grid.size())) << "forgery at byte " << at;
      EXPECT_TRUE(finite_curve(r.observations())) << "forgery at byte " << at;
    }
    EXPECT_GT(refused, 100);
    std::printf("%s engine: %d forgeries refused, %d ran to a bounded end\n",
                kind == EngineKind::Local ? "local" : "reference", refused, ran);
  }
}

// At 1 K the load's bound renewals (one pass over the rate table each) grow as 1/T: the run
// stops at max_rate_passes instead of taking minutes (at 1e-3 K it never ended).
TEST(KmcGuards, ColdRunsStopAtTheRatePassLimit) {
  for (const double T : {1.0, 1e-3}) {
    EngineConfig c = tiny();
    c.law = BarrierLaw::TimeIndependent;  // (fresh KWW barriers at 1 K avalanche to the event limit)
    c.temperature_K = T;
    c.max_rate_passes = 500;
    Engine e(c);
    long steps = 0;
    while (e.step()) ASSERT_LT(++steps, 1000);
    EXPECT_TRUE(e.hit_event_limit());
    EXPECT_EQ(e.observations().rate_updates, 500) << e.events() << " events";
    EXPECT_LT(e.strain(), c.final_strain);
    EXPECT_TRUE(finite_curve(e.observations()));
  }
}

// The event limit holds inside the bound renewals' avalanches too (598,412 events against a
// limit of 204,800 before), and an absurd strain rate is refused.
TEST(KmcGuards, TheEventLimitHoldsAndAbsurdRatesAreRefused) {
  EngineConfig c = tiny();
  c.strain_rate_per_s = 1e9;
  c.max_events = 50;
  Engine e(c);
  while (e.step()) {
  }
  EXPECT_LE(e.events(), 50 + long(c.grid.size()));
  c.strain_rate_per_s = 1e30;
  const auto m = test::error_of([&] { c.validate(); });
  EXPECT_NE(m.find("loading.strain_rate_per_s"), std::string::npos) << m;
  EXPECT_NE(m.find("above 1e+09 /s"), std::string::npos) << m;
}

}  // namespace
