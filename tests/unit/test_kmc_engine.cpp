// SPDX-License-Identifier: BSD-3-Clause
// The kMC event loop (kmc/engine.h): exact waiting times (time-rescaling KS test), mean-stress
// bookkeeping under the three loadings, the incremental stress field against a full solve,
// avalanches, reproducibility across threads and through a checkpoint, and the trends of
// Niiyama et al. on small lattices (sizes stated in each test).
#include <gtest/gtest.h>

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <tuple>
#include <sstream>

#include "glassfit/core/constants.h"
#include "glassfit/core/error.h"
#include "glassfit/kmc/engine.h"
#include "glassfit/io/csv.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/kmc/observables.h"
#include "glassfit/kmc/sweep.h"
#include "ks.h"
#include "release_only.h"

using namespace glassfit;
using namespace glassfit::kmc;

namespace {

EngineConfig small(int n, double T_K = 400) {
  EngineConfig c;
  c.grid = {n, n};
  c.temperature_K = T_K;
  c.final_strain = 0.1;
  return c;
}

// Wang et al.'s softening scaled to the Niiyama catalogue's 4 eV barriers (their kappas and
// eta_max with 2 eV barriers and larger strains run away here): at most 0.2 eV permanent and
// ~0.1 eV temporary, recovering over ~20 s at 300 K (Q_act 0.85 eV), so that the runs see it.
barrier::Softening mild_softening() { return {5, 5, 0.05, 0.85}; }

// Lambda = int_t0^t1 rate(t) dt for a rate that can fall by many decades right after t0 (a fresh
// voxel's barrier recovers): Gauss-Kronrod on pieces that halve towards t0, down to 1e-17 of the interval.
template <typename F>
double integrated_rate(const F& rate, double t0, double t1) {
  using boost::math::quadrature::gauss_kronrod;
  double sum = 0, b = t1 - t0;
  for (int k = 0; k < 56; ++k, b /= 2)
    sum += gauss_kronrod<double, 15>::integrate([&](double s) { return rate(t0 + s); }, b / 2, b, 0);
  return sum + b * rate(t0);  // the last sliver
}

bool same_curves(const std::vector<CurvePoint>& a, const std::vector<CurvePoint>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::memcmp(&a[i], &b[i], sizeof(CurvePoint)) != 0) return false;
  return true;
}

// The largest difference between the engine's stress field and a fresh FFT solve of its
// eigenstrain at the same mean strain (uniaxial: mean sigma_yy = sigma_xy = 0), relative to the
// largest |sigma_xx| of the solve.
double field_error(const Engine& e) {
  const EngineConfig& c = e.config();
  const auto field = e.stress_field();
  const double lam = c.elasticity.lambda(), mu = c.elasticity.mu(), n = double(field.size());
  Sym2 mean_star;
  for (const auto& x : e.eigenstrain()) mean_star.xx += x.xx / n, mean_star.yy += x.yy / n, mean_star.xy += x.xy / n;
  const double axial = e.stress_MPa() / e.axial_modulus_MPa() + mean_star.xx;
  const Sym2 mean_strain{axial, mean_star.yy - lam / (lam + 2 * mu) * (axial - mean_star.xx), mean_star.xy};
  const auto fft = stress_fft(c.elasticity, c.grid, e.eigenstrain(), mean_strain);
  double worst = 0, scale = 0;
  for (size_t v = 0; v < field.size(); ++v) {
    worst = std::max({worst, std::abs(field[v].xx - fft[v].xx), std::abs(field[v].yy - fft[v].yy),
                      std::abs(field[v].xy - fft[v].xy)});
    scale = std::max(scale, std::abs(fft[v].xx));
  }
  return worst / scale;
}

bool same_fields(const std::vector<Sym2>& a, const std::vector<Sym2>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(Sym2)) == 0;
}

}  // namespace

// Lambda_i = int k_tot dt over each interval between thermal events (state frozen at its start),
// from runs of `c` over seeds 1, 2, ... until `samples` intervals.
std::vector<double> rescaled_intervals(EngineConfig c, size_t samples) {
  std::vector<double> lambda;
  for (std::uint64_t seed = 1; lambda.size() < samples; ++seed) {
    c.catalog.seed = seed;
    Engine e(c);
    while (lambda.size() < samples) {
      const Engine before = e;
      const long thermal = e.observations().thermal_events;
      if (!e.step()) break;
      if (e.observations().thermal_events == thermal) continue;  // a frozen-scheme cut
      // The event time is that of the curve point recorded just before the event.
      const auto& curve = e.observations().curve;
      lambda.push_back(integrated_rate([&](double t) { return before.total_rate(t); }, before.time_s(),
                                       curve[curve.size() - 2].time_s));
    }
  }
  return lambda;
}

// KS distance of the intervals to Exp(1), printed with their mean; the 1 % critical value.
std::pair<double, double> exp1_ks(const char* name, const std::vector<double>& lambda) {
  double mean = 0;
  for (const double x : lambda) mean += x / double(lambda.size());
  const double D = ks_distance(lambda, [](double x) { return 1 - std::exp(-x); });
  const double critical = 1.63 / std::sqrt(double(lambda.size()));  // 1 %
  std::printf("%s: mean Lambda %.4f, KS distance to Exp(1) %.4f (1%% critical %.4f)\n", name, mean, D, critical);
  EXPECT_NEAR(mean, 1.0, 4 / std::sqrt(double(lambda.size())) + (D > 3 * critical ? 1e9 : 0)) << name;
  return {D, critical};
}

// Time-rescaling theorem: if the event times are those of the time-dependent process, then
// Lambda_i = int k_tot dt over each interval (state frozen at its start) is Exp(1). 8 x 8 lattice,
// 4 modes, KWW beta = 1.3 at 400 K under a strain ramp: the ramp raises the rates and the fresh
// voxels' barriers recover (by orders of magnitude within the interval). Both engines pass; the
// frozen-rate scheme fails the same test, which shows the test can fail.
TEST(KmcEngine, ExactWaitingTimesFollowTheTimeDependentRate) {
  GLASSFIT_RELEASE_ONLY();
  struct Case {
    const char* name;
    EngineKind engine;
    TimeScheme scheme;
    size_t samples;
  };
  for (const Case& k : {Case{"local", EngineKind::Local, TimeScheme::Exact, 2000},
                        Case{"reference", EngineKind::Reference, TimeScheme::Exact, 1000},
                        Case{"frozen", EngineKind::Reference, TimeScheme::Frozen, 500}}) {
    EngineConfig c = small(8);
    c.catalog.modes = 4;
    c.kww.beta = 1.3;
    c.strain_rate_per_s = 1e-2;
    c.final_strain = 1.0;
    c.scheme = k.scheme;
    c.engine = k.engine;
    // Local: blocks of 2 x 2, an exact window of 3 x 3, a flush every 7 events and blocks beyond
    // 2 voxels interpolating (with wide remainders, so also the exact fallback), so that far
    // fields, bounds, catch-ups, flushes and refreshes on rejection all happen many times.
    c.local = {2, 1, 7, 2};
    const auto [D, critical] = exp1_ks(k.name, rescaled_intervals(c, k.samples));
    if (k.scheme == TimeScheme::Exact)
      EXPECT_LT(D, critical);
    else
      EXPECT_GT(D, 3 * critical);
  }
}

// The same under a loading history in simple shear: shear strain cycled 0 -> 0.04 -> -0.04 -> 0
// at 1e-2 /s (ramps up and down, so that the rate bounds of both signs of the load are used, and
// segment ends renew them), repeated. Release builds only (~5 s).
TEST(KmcEngine, ExactWaitingTimesUnderACyclicShearHistory) {
  GLASSFIT_RELEASE_ONLY();
  using Control = LoadSegment::Control;
  for (const EngineKind engine : {EngineKind::Local, EngineKind::Reference}) {
    EngineConfig c = small(8);
    c.catalog.modes = 4;
    c.kww.beta = 1.3;
    c.engine = engine;
    c.local = {2, 1, 7, 2};
    c.geometry = Geometry::Shear;
    c.loading = Loading::History;
    for (int cycle = 0; cycle < 20; ++cycle)
      for (const auto& [from, to] : {std::pair{0.0, 0.04}, std::pair{0.04, -0.04}, std::pair{-0.04, 0.0}})
        c.history.push_back({Control::Strain, from, to, std::abs(to - from) / 1e-2});
    const auto [D, critical] =
        exp1_ks(engine == EngineKind::Local ? "local, shear history" : "reference, shear history",
                rescaled_intervals(c, engine == EngineKind::Local ? 1500 : 1000));
    EXPECT_LT(D, critical);
  }
}

// Strain control (16 x 16, 300 K, both engines): the mean of the stress field is (sigma, 0, 0)
// with sigma = E' (strain - plastic strain), E' = E / (1 - nu^2) in plane strain (E in plane
// stress), and the engine's incremental field equals a fresh FFT solve of its eigenstrain.
TEST(KmcEngine, StrainControlKeepsTheMeanStressUniaxial) {
  for (const bool plane_strain : {true, false})
    for (const EngineKind engine : {EngineKind::Local, EngineKind::Reference}) {
      EngineConfig c = small(16, 300);
      c.elasticity.plane_strain = plane_strain;
      c.engine = engine;
      c.local = {4, 1, 13};
      Engine e(c);
      const double E = c.elasticity.E_MPa, nu = c.elasticity.nu;
      EXPECT_NEAR(e.axial_modulus_MPa(), plane_strain ? E / (1 - nu * nu) : E, 1e-9 * E);
      EXPECT_NEAR(e.stress_MPa(), 0.0, 1e-9);  // the initial state is stress-free on average
      for (int k = 0; k < 150 && e.step(); ++k) {
      }
      ASSERT_GT(e.events(), 100);
      const auto field = e.stress_field();
      Sym2 mean;
      for (const auto& s : field)
        mean.xx += s.xx / double(field.size()), mean.yy += s.yy / double(field.size()),
            mean.xy += s.xy / double(field.size());
      EXPECT_NEAR(mean.xx, e.stress_MPa(), 1e-9 * e.stress_MPa());
      EXPECT_NEAR(mean.yy, 0.0, 1e-9 * e.stress_MPa());
      EXPECT_NEAR(mean.xy, 0.0, 1e-9 * e.stress_MPa());
      EXPECT_NEAR(e.stress_MPa(), e.axial_modulus_MPa() * (e.strain() - e.plastic_strain()), 1e-9 * e.stress_MPa());
      EXPECT_LT(field_error(e), 1e-10);    // the incremental field against a full solve
      EXPECT_GT(e.min_barrier_eV(), 0.0);  // between steps no barrier is negative
    }
}

// The local engine's field after thousands of events (32 x 32 creep at 1300 MPa, 400 K; blocks
// of 8, a window of 5 x 5, a flush every 300 events): the stored field plus corrections plus
// pending far fields equals a fresh FFT solve of the eigenstrain to 1e-10, checked every 250
// events, whether or not a flush has just happened; and the run flushed and refreshed blocks.
TEST(KmcEngine, LocalEngineFieldEqualsAFullSolveAfterThousandsOfEvents) {
  EngineConfig c = small(32, 400);
  c.loading = Loading::Creep;
  c.stress_MPa = 1300;
  c.duration_s = 1e30;
  c.final_strain = 5;
  c.local = {8, 2, 100, 4};
  Engine e(c);
  int checks = 0;
  while (e.events() < 3000 && e.step()) {
    if (e.events() / 250 == checks) continue;
    ++checks;
    EXPECT_LT(field_error(e), 1e-10) << "after " << e.events() << " events";
  }
  EXPECT_GE(e.events(), 3000);
  EXPECT_GE(checks, 12);
  EXPECT_GT(e.observations().far_flushes, 5);
  EXPECT_GT(e.observations().block_refreshes, 100);
  std::printf("local engine, 32 x 32 creep: %ld events, %ld flushes, %ld block refreshes, %ld rejected candidates\n",
              e.events(), e.observations().far_flushes, e.observations().block_refreshes,
              e.observations().rejected_candidates);
}

// The local engine samples the reference engine's process: on 32 x 32 lattices (400 K; 300 K
// and mild_softening for the softening law, recovering over ~20 s; final
// strain 0.1, 8 seeds, rates 1e-2 and 1 per s) for the three barrier laws, the mean flow stress
// at 1e-2 per s, the SRS index per seed and the never-transformed fraction agree within 3.5
// standard errors of their difference, and the avalanche sizes of all runs pass a two-sample KS
// test at 1 %. (The engines' stress fields differ in the last bits, so their runs differ event
// by event.) Release builds only: ~30 s.
// [dynamics] clock_reset: after a thermal event that triggers no avalanche, the clocks that moved
// are the transforming voxel's (centre) or its 3 x 3 stencil's (stencil, Eqs. 21-23), all set
// to the event's time; in both engines.
TEST(KmcEngine, ClockResetTouchesTheCentreOrTheStencil) {
  for (const ClockReset reset : {ClockReset::Centre, ClockReset::Stencil})
    for (const EngineKind kind : {EngineKind::Local, EngineKind::Reference}) {
      EngineConfig c = small(16);
      c.kww.beta = 1.3;
      c.clock_reset = reset;
      c.engine = kind;
      c.local = {8, 3, 64, 4};
      Engine e(c);
      int checked = 0;
      for (int k = 0; k < 400 && checked < 5 && !e.finished(); ++k) {
        const auto clocks = e.last_event_times();
        const auto gens = e.voxel_events();
        const long on_reset = e.observations().transformations_on_reset_clock;
        if (!e.step()) break;
        std::vector<size_t> fired;
        for (size_t v = 0; v < gens.size(); ++v)
          if (e.voxel_events()[v] != gens[v]) fired.push_back(v);
        if (fired.size() != 1) continue;  // an avalanche: several events
        const int nx = c.grid.nx, i = int(fired[0] % size_t(nx)), j = int(fired[0] / size_t(nx));
        const double t = e.last_event_times()[fired[0]];
        // Counted as on a rejuvenated barrier exactly when its clock had been reset before.
        EXPECT_EQ(e.observations().transformations_on_reset_clock - on_reset, std::isfinite(clocks[fired[0]]) ? 1 : 0);
        for (size_t v = 0; v < clocks.size(); ++v) {
          const int di = int(v % size_t(nx)) - i, dj = int(v / size_t(nx)) - j;
          const auto wrap = [&](int d) { return std::min(std::abs(d), nx - std::abs(d)); };
          const bool in_stencil = wrap(di) <= 1 && wrap(dj) <= 1;
          const bool should_move = v == fired[0] || (reset == ClockReset::Stencil && in_stencil);
          if (should_move)
            EXPECT_EQ(e.last_event_times()[v], t) << v;
          else
            EXPECT_EQ(e.last_event_times()[v], clocks[v]) << v;
        }
        ++checked;
      }
      EXPECT_EQ(checked, 5) << "too few single events to check, reset " << int(reset);
      EXPECT_GE(e.rejuvenated_share(), 0.0);
      EXPECT_LE(e.rejuvenated_share(), 1.0);
    }
  // Softening keeps its own per-voxel state: the stencil reset is refused there.
  EngineConfig c = small(16);
  c.law = BarrierLaw::Softening;
  c.clock_reset = ClockReset::Stencil;
  EXPECT_THROW(Engine{c}, InputError);
}

TEST(KmcEngine, LocalAndReferenceEnginesAgreeInDistribution) {
  GLASSFIT_RELEASE_ONLY();
  struct Sample {
    std::vector<double> flow, srs, never, avalanches;
  };
  const auto stats = [](const std::vector<double>& x) {
    double m = 0, v = 0;
    for (const double a : x) m += a / double(x.size());
    for (const double a : x) v += (a - m) * (a - m) / double(x.size() - 1);
    return std::pair{m, std::sqrt(v / double(x.size()))};
  };
  struct Variant {
    BarrierLaw law;
    ClockReset reset = ClockReset::Centre;
    Catalogue catalogue = Catalogue::Fixed;
    AvalancheMode mode = AvalancheMode::Lowest;
  };
  for (const Variant x :
       {Variant{BarrierLaw::TimeIndependent}, Variant{BarrierLaw::Kww}, Variant{BarrierLaw::Kww, ClockReset::Stencil},
        Variant{BarrierLaw::Kww, ClockReset::Centre, Catalogue::Redraw, AvalancheMode::Rate},
        Variant{BarrierLaw::Softening}}) {
    const BarrierLaw law = x.law;
    const int reset = int(x.reset) + 2 * int(x.catalogue) + 4 * int(x.mode);  // the variant, in the printout
    Sample s[2];
    for (int k = 0; k < 2; ++k)
      for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        double f[2];
        for (int r = 0; r < 2; ++r) {
          EngineConfig c = small(32, law == BarrierLaw::Softening ? 300 : 400);
          c.law = law;
          c.clock_reset = x.reset;
          c.catalogue = x.catalogue;
          c.avalanche_mode = x.mode;
          c.kww.beta = 1.3;
          c.softening = mild_softening();
          c.catalog.seed = seed;
          c.strain_rate_per_s = r == 0 ? 1e-2 : 1.0;
          c.engine = k == 0 ? EngineKind::Local : EngineKind::Reference;
          c.local = {8, 3, 64, 4};
          Engine e(c);
          while (e.step()) {
          }
          f[r] = flow_stress_MPa(e.observations().curve);
          if (r == 0) {
            s[k].never.push_back(voxel_activity(e.voxel_events()).never);
            for (const long a : e.observations().avalanche_sizes) s[k].avalanches.push_back(double(a));
          }
        }
        s[k].flow.push_back(f[0]);
        s[k].srs.push_back(std::log(f[1] / f[0]) / std::log(100.0));
      }
    for (const auto& [name, a, b] :
         {std::tuple{"flow stress", &s[0].flow, &s[1].flow}, std::tuple{"SRS index", &s[0].srs, &s[1].srs},
          std::tuple{"never transformed", &s[0].never, &s[1].never}}) {
      const auto [ma, sa] = stats(*a);
      const auto [mb, sb] = stats(*b);
      std::printf("law %d reset %d, %s: local %.4g +- %.2g, reference %.4g +- %.2g\n", int(law), int(reset), name, ma,
                  sa, mb, sb);
      EXPECT_LT(std::abs(ma - mb), 3.5 * std::hypot(sa, sb) + 1e-12) << name << ", law " << int(law);
    }
    const double n = double(s[0].avalanches.size()), m = double(s[1].avalanches.size());
    const double D = ks_two_sample(s[0].avalanches, s[1].avalanches), critical = 1.63 * std::sqrt((n + m) / (n * m));
    std::printf("law %d, avalanche sizes: KS %.4f (1%% critical %.4f, %.0f and %.0f avalanches)\n", int(law), D,
                critical, n, m);
    EXPECT_LT(D, critical);
  }
}

// Creep at 1500 MPa (16 x 16, 400 K): the mean stress stays at the set value while the strain
// grows with every event; relaxation at a fixed 3 % strain: the strain stays, the stress falls.
TEST(KmcEngine, CreepHoldsTheStressAndRelaxationHoldsTheStrain) {
  EngineConfig c = small(16);
  c.loading = Loading::Creep;
  c.stress_MPa = 1500;
  c.duration_s = 1e4;
  Engine creep(c);
  double last_strain = creep.strain();
  while (creep.step()) {
    EXPECT_NEAR(creep.stress_MPa(), 1500, 1e-9 * 1500);
    last_strain = std::max(last_strain, creep.strain());
  }
  EXPECT_GT(creep.events(), 20);
  EXPECT_GT(creep.strain(), 1500 / creep.axial_modulus_MPa() + 0.002);  // creep strain beyond elastic
  std::printf("creep 1500 MPa, 400 K, 1e4 s: %ld events, strain %.4f (elastic %.4f)\n", creep.events(), creep.strain(),
              1500 / creep.axial_modulus_MPa());

  c.loading = Loading::Relaxation;
  c.strain = 0.03;
  Engine relax(c);
  const double s0 = relax.stress_MPa();
  double previous = s0;
  while (relax.step()) {
    EXPECT_NEAR(relax.strain(), 0.03, 1e-12);
    EXPECT_LE(relax.stress_MPa(), previous + 1e-6 * s0 + 200);  // single events may raise it a little
    previous = relax.stress_MPa();
  }
  EXPECT_LT(relax.stress_MPa(), 0.9 * s0);
  std::printf("relaxation at 3 %%, 400 K, 1e4 s: %.0f -> %.0f MPa in %ld events\n", s0, relax.stress_MPa(),
              relax.events());
}

// A prestrain far beyond what the barriers bear (8 x 8, 10 % at once) is unstable at t = 0: the
// constructor runs the athermal avalanche, each step advancing the clock by T_defo, until no
// barrier is negative.
TEST(KmcEngine, AnUnstableStartRunsAnAthermalAvalanche) {
  EngineConfig c = small(8, 300);
  c.loading = Loading::Relaxation;
  c.strain = 0.10;
  const Engine e(c);
  ASSERT_EQ(e.observations().avalanche_sizes.size(), 1u);
  const long size = e.observations().avalanche_sizes[0];
  EXPECT_GT(size, 5);
  EXPECT_EQ(e.observations().athermal_events, size);
  EXPECT_EQ(e.observations().thermal_events, 0);
  EXPECT_GT(e.min_barrier_eV(), 0.0);
  EXPECT_GT(e.time_s(), 0.0);
  EXPECT_LE(e.time_s(), double(size) * c.defo_time_s * (1 + 1e-12));
  EXPECT_LT(e.stress_MPa(), e.axial_modulus_MPa() * 0.10);

  // Sequential avalanche steps: one transformation per step, so the clock advances by exactly
  // T_defo per transformation.
  c.avalanche = AvalancheUpdate::Sequential;
  const Engine seq(c);
  ASSERT_EQ(seq.observations().avalanche_sizes.size(), 1u);
  const long n = seq.observations().avalanche_sizes[0];
  EXPECT_GT(n, 5);
  EXPECT_NEAR(seq.time_s(), double(n) * c.defo_time_s, 1e-9 * double(n) * c.defo_time_s);
  EXPECT_GT(seq.min_barrier_eV(), 0.0);
  std::printf("unstable start: synchronous avalanche %ld transformations, sequential %ld\n", size, n);

  // [dynamics] avalanche_mode = "rate": an unstable voxel fires one of its modes with G <= 0 in
  // proportion to its rate. With one mode per voxel that is the lowest one: the same run, bit
  // for bit; with 20, at a prestrain (30 %) that makes several modes of a voxel unstable at
  // once, another state, settled as well.
  c.avalanche = AvalancheUpdate::Synchronous;
  c.strain = 0.30;
  for (const int modes : {1, 20}) {
    EngineConfig lowest = c, rate = c;
    lowest.catalog.modes = rate.catalog.modes = modes;
    rate.avalanche_mode = AvalancheMode::Rate;
    const Engine a(lowest), b(rate);
    EXPECT_GT(b.min_barrier_eV(), 0.0);
    EXPECT_EQ(same_fields(a.eigenstrain(), b.eigenstrain()), modes == 1) << modes;
  }
}

// [dynamics] catalogue = "redraw": a voxel's modes are drawn anew after each of its
// transformations (paper 001 Sec. 2). Voxels that never transformed keep the fixed catalogue's
// modes; the present modes of the others are fresh draws from the same distributions, so their
// moments are the catalogue's (within 4 standard errors).
TEST(KmcEngine, ARedrawnCatalogueKeepsItsDistributions) {
  for (const EngineKind kind : {EngineKind::Local, EngineKind::Reference}) {
    EngineConfig c = small(16, 400);
    c.engine = kind;
    c.kww.beta = 1.3;
    c.local = {8, 3, 64, 4};
    c.catalogue = Catalogue::Redraw;
    Engine e(c);
    while (e.step()) {
    }
    const Catalog fixed(c.grid, c.catalog);
    const int M = c.catalog.modes;
    std::vector<double> e1, Q0;
    long redrawn = 0;
    for (size_t v = 0; v < c.grid.size(); ++v) {
      bool same = true;
      for (int m = 0; m < M; ++m)
        same = same && e.catalog().mode(v, m).Q0_eV == fixed.mode(v, m).Q0_eV &&
               e.catalog().mode(v, m).strain.xx == fixed.mode(v, m).strain.xx;
      EXPECT_EQ(same, e.voxel_events()[v] == 0) << v;
      if (e.voxel_events()[v] == 0) continue;
      ++redrawn;
      for (int m = 0; m < M; ++m) {
        const Mode& mode = e.catalog().mode(v, m);
        e1.push_back(mode.strain.xx), Q0.push_back(mode.Q0_eV);
        EXPECT_EQ(mode.strain.yy, -mode.strain.xx);
      }
    }
    ASSERT_GT(redrawn, 20);
    const auto moments = [](const std::vector<double>& x) {
      double m = 0, s = 0;
      for (const double a : x) m += a / double(x.size());
      for (const double a : x) s += (a - m) * (a - m) / double(x.size() - 1);
      return std::pair{m, std::sqrt(s)};
    };
    const auto [m1, s1] = moments(e1);
    const auto [mq, sq] = moments(Q0);
    const double n = double(e1.size());
    EXPECT_LT(std::abs(m1), 4 * c.catalog.strain_sd / std::sqrt(n));
    EXPECT_LT(std::abs(s1 - c.catalog.strain_sd), 4 * c.catalog.strain_sd / std::sqrt(2 * n));
    EXPECT_LT(std::abs(mq - c.catalog.barrier_mean_eV), 4 * c.catalog.barrier_sd_eV / std::sqrt(n));
    EXPECT_LT(std::abs(sq - c.catalog.barrier_sd_eV), 4 * c.catalog.barrier_sd_eV / std::sqrt(2 * n));
    std::printf("redrawn catalogue (%s): %ld voxels, e1 %.4f +- %.4f, Q0 %.3f +- %.3f eV\n",
                kind == EngineKind::Local ? "local" : "reference", redrawn, m1, s1, mq, sq);
  }
}

// The initial state (Niiyama et al. Sec. II C; 16 x 16, 300 K, initial eigenstrain sd 0.03, so
// that the internal stress alone is unstable at t = 0 under the unloaded ramp): after the
// avalanche that settles it, every elapsed time is infinite again (barriers fully relaxed), the
// state is stable, and the total rate is below that of the same state kept rejuvenated
// (relax_after_initial_avalanche = false), both engines.
TEST(KmcEngine, InitialAvalancheLeavesRelaxedBarriers) {
  for (const EngineKind engine : {EngineKind::Local, EngineKind::Reference}) {
    EngineConfig c = small(16, 300);
    c.engine = engine;
    c.initial_eigenstrain_sd = 0.03;
    const Engine relaxed(c);
    ASSERT_GT(relaxed.observations().athermal_events, 0);
    for (const double t : relaxed.last_event_times()) EXPECT_EQ(t, -std::numeric_limits<double>::infinity());
    EXPECT_GT(relaxed.min_barrier_eV(), 0.0);
    c.relax_after_initial_avalanche = false;
    const Engine settled(c);
    EXPECT_EQ(settled.observations().athermal_events, relaxed.observations().athermal_events);
    long finite = 0;
    for (const double t : settled.last_event_times()) finite += std::isfinite(t);
    EXPECT_GT(finite, 0);
    EXPECT_LT(relaxed.total_rate(relaxed.time_s()), settled.total_rate(settled.time_s()));
    std::printf("initial avalanche: %ld transformations, %ld voxels; total rate %.3g /s relaxed, %.3g /s rejuvenated\n",
                relaxed.observations().athermal_events, finite, relaxed.total_rate(relaxed.time_s()),
                settled.total_rate(settled.time_s()));
  }
}

// Same seed, same result, with one thread or two; another seed, another result (16 x 16, both
// engines). A checkpoint after 60 of the ~150 steps restored into a fresh engine continues bit
// for bit.
TEST(KmcEngine, RunsAreReproducibleAcrossThreadsAndCheckpoints) {
  struct Variant {
    EngineKind engine;
    ClockReset reset;
    Catalogue catalogue;
    AvalancheMode mode;
  };
  for (const Variant x : {Variant{EngineKind::Local, ClockReset::Centre, Catalogue::Fixed, AvalancheMode::Lowest},
                          Variant{EngineKind::Reference, ClockReset::Centre, Catalogue::Fixed, AvalancheMode::Lowest},
                          Variant{EngineKind::Local, ClockReset::Stencil, Catalogue::Redraw, AvalancheMode::Rate},
                          Variant{EngineKind::Reference, ClockReset::Centre, Catalogue::Redraw, AvalancheMode::Rate}}) {
    const ClockReset reset = x.reset;
    EngineConfig c = small(16, 350);
    c.kww.beta = 1.3;
    c.engine = x.engine;
    c.clock_reset = reset;
    c.catalogue = x.catalogue;
    c.avalanche_mode = x.mode;
    c.local = {4, 2, 11, 2};  // a checkpoint with a far-field log, corrections and bounds in it
    const auto run = [](const EngineConfig& cfg) {
      Engine e(cfg);
      while (e.step()) {
      }
      return e;
    };
    const Engine one = run(c);
    c.threads = 2;
    const Engine two = run(c);
    EXPECT_TRUE(same_curves(one.observations().curve, two.observations().curve));
    EXPECT_TRUE(same_fields(one.eigenstrain(), two.eigenstrain()));
    EngineConfig other = c;
    other.catalog.seed = 2;
    EXPECT_FALSE(same_curves(one.observations().curve, run(other).observations().curve));

    Engine first(c);
    for (int k = 0; k < 60; ++k) ASSERT_TRUE(first.step());
    std::stringstream checkpoint;
    first.save(checkpoint);
    Engine resumed(c);
    resumed.restore(checkpoint);
    while (resumed.step()) {
    }
    EXPECT_TRUE(same_curves(one.observations().curve, resumed.observations().curve));
    EXPECT_TRUE(same_fields(one.eigenstrain(), resumed.eigenstrain()));
    EXPECT_EQ(one.observations().avalanche_sizes, resumed.observations().avalanche_sizes);
    EXPECT_EQ(one.observations().dEps_xx, resumed.observations().dEps_xx);
    EXPECT_EQ(one.voxel_events(), resumed.voxel_events());
    ASSERT_EQ(one.observations().snapshots.size(), resumed.observations().snapshots.size());
    for (size_t i = 0; i < one.observations().snapshots.size(); ++i)
      EXPECT_TRUE(
          same_fields(one.observations().snapshots[i].eigenstrain, resumed.observations().snapshots[i].eigenstrain));

    // A checkpoint of another configuration is refused, the other clock reset included.
    std::stringstream again;
    first.save(again);
    Engine stranger(other);
    EXPECT_THROW(stranger.restore(again), InputError);
    EngineConfig flipped = c;
    flipped.clock_reset = reset == ClockReset::Centre ? ClockReset::Stencil : ClockReset::Centre;
    std::stringstream third;
    first.save(third);
    Engine flipped_engine(flipped);
    EXPECT_THROW(flipped_engine.restore(third), InputError);
  }
}

// Trend of Niiyama et al. on 64 x 64 (20 modes, 300 K, seed 1): with the time-independent
// barrier the flow stress grows with ln(rate) at a slope near 2kT/Omega, Omega = V_STZ <dEps_xx>
// of the executed transformations (the one-body model's sigma Omega / 2 bias), over six decades;
// at least 40 % of the voxels never transform by strain 0.1.
TEST(KmcTrends, TimeIndependentFlowStressGrowsWithLnRateAtTwoKTOverOmega) {
  GLASSFIT_RELEASE_ONLY();
  std::vector<double> rates{1e-5, 1e-2, 10}, flow;
  double dEps = 0, never = 1;
  long n = 0;
  EngineConfig c = small(64, 300);
  c.law = BarrierLaw::TimeIndependent;
  for (const double r : rates) {
    c.strain_rate_per_s = r;
    Engine e(c);
    while (e.step()) {
    }
    flow.push_back(flow_stress_MPa(e.observations().curve));
    for (const double x : e.observations().dEps_xx) dEps += x, ++n;
    never = std::min(never, voxel_activity(e.voxel_events()).never);
  }
  dEps /= double(n);
  const double slope = (flow.back() - flow.front()) / std::log(rates.back() / rates.front());
  const double kT = kBoltzmann_eV_per_K * 300, omega_eV_per_MPa = c.stz_volume_nm3 * dEps * kMPa_nm3_in_eV;
  const double theory = 2 * kT / omega_eV_per_MPa;
  std::printf(
      "flow stress %.1f / %.1f / %.1f MPa at 1e-5 / 1e-2 / 10 per s; slope %.2f MPa per e-fold, "
      "2kT/Omega %.2f (<dEps_xx> %.4f); never transformed >= %.3f\n",
      flow[0], flow[1], flow[2], slope, theory, dEps, never);
  EXPECT_LT(flow[0], flow[1]);
  EXPECT_LT(flow[1], flow[2]);
  EXPECT_NEAR(slope / theory, 1.0, 0.25);
  EXPECT_GE(never, 0.40);
}

// Trend of Niiyama et al. on 64 x 64 at 400 K (KWW, two seeds): from 1e-2 to 1 per s the flow
// stress of the compressed exponential (beta = 1.3) barely moves (SRS ~ 0 or negative), while
// the stretched one (beta = 0.6) keeps a clearly positive SRS.
TEST(KmcTrends, CompressedKwwRelaxationFlattensTheRateSensitivity) {
  GLASSFIT_RELEASE_ONLY();
  const auto rise = [](double beta) {
    double sum = 0;
    for (const std::uint64_t seed : {1, 2}) {
      double f[2];
      for (int k = 0; k < 2; ++k) {
        EngineConfig c = small(64, 400);
        c.kww.beta = beta;
        c.catalog.seed = seed;
        c.strain_rate_per_s = k == 0 ? 1e-2 : 1.0;
        Engine e(c);
        while (e.step()) {
        }
        f[k] = flow_stress_MPa(e.observations().curve);
      }
      sum += (f[1] - f[0]) / 2;
    }
    return sum;
  };
  const double compressed = rise(1.3), stretched = rise(0.6);
  std::printf("400 K, 1e-2 -> 1 per s: flow stress rises %.1f MPa (beta 1.3) and %.1f MPa (beta 0.6)\n", compressed,
              stretched);
  EXPECT_GT(stretched, 30.0);
  EXPECT_LT(compressed, stretched / 3);
}

// Softening lowers the flow stress (24 x 24, 300 K, seeds 1-3, means; mild_softening, since
// Wang et al.'s own kappas on 4 eV barriers run away): the same lattices with kappa_p = kappa_t = 0
// flow higher (by 144 MPa; one seed's scatter is ~50 MPa), and the softened lattices have their
// transformations in fewer voxels.
TEST(KmcEngine, SofteningLowersTheFlowStress) {
  const auto run = [](bool softening) {
    double flow = 0, never = 0;
    for (const std::uint64_t seed : {1, 2, 3}) {
      EngineConfig c = small(24, 300);
      c.law = BarrierLaw::Softening;
      c.catalog.seed = seed;
      c.softening = mild_softening();
      if (!softening) c.softening.kappa_p = c.softening.kappa_t = 0;
      Engine e(c);
      while (e.step()) {
      }
      flow += flow_stress_MPa(e.observations().curve) / 3, never += voxel_activity(e.voxel_events()).never / 3;
    }
    return std::pair{flow, never};
  };
  const auto [soft, soft_never] = run(true);
  const auto [hard, hard_never] = run(false);
  std::printf("softening: flow stress %.1f MPa (none: %.1f), never transformed %.3f (none: %.3f)\n", soft, hard,
              soft_never, hard_never);
  EXPECT_LT(soft, hard - 40);
  EXPECT_GT(soft_never, hard_never);
}

// A sweep (8 x 8, 300 K, time-independent, two factors, one seed, two runs in parallel): its
// flow-stress table, written and read back by the dataset reader, has the quantities and units
// the rest of glassfit reads (temperature, strain_rate, flow_stress), and each run equals the
// same run made alone.
TEST(KmcSweep, FlowStressTableIsADataset) {
  KmcConfig k;
  k.engine = small(8, 300);
  k.engine.law = BarrierLaw::TimeIndependent;
  Sweep s;
  s.temperatures_K = {300};
  s.strain_rates_per_s = {1e-3};
  s.rate_factors = {1, 10};
  s.seeds = {3};
  auto runs = sweep_runs(s);
  ASSERT_EQ(runs.size(), 2u);
  run_sweep(k, runs, 2);
  EngineConfig alone = k.engine;
  alone.strain_rate_per_s = 1e-2;
  alone.catalog.seed = 3;
  Engine e(alone);
  while (e.step()) {
  }
  EXPECT_EQ(runs[1].flow_stress_MPa, flow_stress_MPa(e.observations().curve));
  const auto srs = srs_indices(s, runs);
  ASSERT_EQ(srs.size(), 1u);
  EXPECT_NEAR(srs[0].index.m, std::log(runs[1].flow_stress_MPa / runs[0].flow_stress_MPa) / std::log(10.0), 1e-12);

  const std::string path = ::testing::TempDir() + "/kmc_flow_stress.csv";
  write_csv(path, {"kmc sweep"}, flow_stress_columns(runs));
  const Dataset d = read_csv(path);
  ASSERT_EQ(d.rows(), 2u);
  EXPECT_EQ(d.require("temperature", "").values[0], 300.0);
  EXPECT_NEAR(d.require("strain_rate", "").values[1], 1e-2, 1e-15);
  EXPECT_NEAR(d.require("flow_stress", "").values[1], runs[1].flow_stress_MPa, 1e-8 * runs[1].flow_stress_MPa);
}

// The engine's rate table (ln k = base + a1 p + a3 q, exp vectorised) against Eq. 4 and Eq. 3
// evaluated mode by mode from the catalogue and the stress field (12 x 12, time-independent
// barrier, after 40 steps): the lowest barrier agrees to 1e-12 eV and the total rate to 1e-12.
TEST(KmcEngine, RateTableIsEquationFourAndThree) {
  EngineConfig c = small(12, 300);
  c.law = BarrierLaw::TimeIndependent;
  Engine e(c);
  for (int k = 0; k < 40; ++k) ASSERT_TRUE(e.step());
  barrier::ViscosityRelaxation p = c.kww;
  p.Q0_eV = 0;
  const double offset = barrier::relaxed_barrier(p, c.temperature_K).Q_eV, kT = kBoltzmann_eV_per_K * c.temperature_K;
  const auto stress = e.stress_field();
  double lowest = 1e300, total = 0;
  for (size_t v = 0; v < stress.size(); ++v)
    for (int m = 0; m < c.catalog.modes; ++m) {
      const Mode& mode = e.catalog().mode(v, m);
      const double G = activation_barrier_eV(mode.Q0_eV + offset, stress[v], mode.strain, c.stz_volume_nm3);
      lowest = std::min(lowest, G);
      total += c.kww.k0_per_s * std::exp(-G / kT);
    }
  EXPECT_NEAR(e.min_barrier_eV(), lowest, 1e-12);
  EXPECT_NEAR(e.total_rate(e.time_s()), total, 1e-12 * total);
}

// The softening law in the rate table: after 60 steps on 12 x 12 (300 K), every mode's barrier is
// Q0 exp(-eta) - (1/2) V sigma : dEps (Wang et al. Eq. 8) with eta from Eqs. 9 and 10 evaluated
// here from each voxel's state; voxels that transformed once carry eta_p = kappa_p eps^2 and
// eta_t = kappa_t eps^2 with eps the von Mises shear strain of one of their own modes.
TEST(KmcEngine, SofteningRatesAreWangsEquationEight) {
  EngineConfig c = small(12, 300);
  c.law = BarrierLaw::Softening;
  c.softening = mild_softening();
  for (const EngineKind kind : {EngineKind::Local, EngineKind::Reference}) {
    c.engine = kind;
    Engine e(c);
    for (int k = 0; k < 60; ++k) ASSERT_TRUE(e.step());
    const double kT = kBoltzmann_eV_per_K * c.temperature_K;
    const double tau = std::exp(0.85 / kT) / c.kww.k0_per_s;  // Eq. 9
    const auto stress = e.stress_field();
    double lowest = 1e300, total = 0;
    int once = 0;
    for (size_t v = 0; v < stress.size(); ++v) {
      const auto st = e.softening_state()[v];
      const double eta = st.permanent + st.temporary * std::exp(-(e.time_s() - e.last_event_times()[v]) / tau);
      if (e.voxel_events()[v] == 0) EXPECT_EQ(st.permanent + st.temporary, 0.0);
      bool matched = e.voxel_events()[v] != 1;
      for (int m = 0; m < c.catalog.modes; ++m) {
        const Mode& mode = e.catalog().mode(v, m);
        const double G = activation_barrier_eV(mode.Q0_eV * std::exp(-eta), stress[v], mode.strain, c.stz_volume_nm3);
        lowest = std::min(lowest, G);
        total += c.kww.k0_per_s * std::exp(-G / kT);
        const double e1 = mode.strain.xx, e3 = mode.strain.xy;
        if (e.voxel_events()[v] == 1 && std::abs(st.temporary - 5 * (e1 * e1 + e3 * e3)) < 1e-15 &&
            std::abs(st.permanent - std::min(5 * (e1 * e1 + e3 * e3), 0.05)) < 1e-15)
          matched = true;
      }
      EXPECT_TRUE(matched) << "voxel " << v;
      once += e.voxel_events()[v] == 1;
    }
    EXPECT_GT(once, 10);
    EXPECT_NEAR(e.min_barrier_eV(), lowest, 1e-12);
    EXPECT_NEAR(e.total_rate(e.time_s()), total, 1e-12 * total);
  }
}

// The SRS index with one intercept per seed: seeds that shift the whole flow-stress level (as
// different catalogues do) leave the slope exact; the pooled fit without intercepts sees the
// shifts as scatter. One group is the plain fit.
TEST(KmcSweep, SrsIndexWithOneInterceptPerSeed) {
  std::vector<double> rates, stress;
  std::vector<long> seed;
  const double m = -0.0013;
  for (long s = 0; s < 4; ++s)
    for (const double f : {0.2, 0.4, 1.0, 2.0, 4.0}) {
      rates.push_back(f);
      stress.push_back((1900 + 25 * double(s * s) - 30 * double(s)) * std::pow(f, m) *
                       (1 + 1e-5 * double((s + 1) % 3 - 1) * f));
      seed.push_back(s);
    }
  const SrsIndex paired = srs_index(rates, stress, seed), pooled = srs_index(rates, stress);
  std::printf("m = %.5f: paired %.5f +- %.5f, pooled %.5f +- %.5f\n", m, paired.m, paired.stderr_m, pooled.m,
              pooled.stderr_m);
  EXPECT_NEAR(paired.m, m, 1e-4);
  EXPECT_LT(paired.stderr_m, 1e-4);
  EXPECT_GT(pooled.stderr_m, 10 * paired.stderr_m);
  const std::vector<double> r1(rates.begin(), rates.begin() + 5), s1(stress.begin(), stress.begin() + 5);
  EXPECT_DOUBLE_EQ(srs_index(r1, s1, std::vector<long>(5, 7)).m, srs_index(r1, s1).m);
  EXPECT_THROW(srs_index({1.0, 1.0}, {2.0, 3.0}, {0, 1}), std::invalid_argument);  // no rate spread within a seed
}

// Niiyama et al.'s mean exceedance (Sec. III, Fig. 7) on a hand-computed field: the accumulated
// strain sqrt(e_xx^2 + e_yy^2 + e_xy^2) per site, averaged over the sites at or above 0.4.
TEST(KmcObservables, MeanExceedanceIsThePapers) {
  const std::vector<Sym2> eps = {{0.3, -0.3, 0.1},  // sqrt(0.19) = 0.43589: above
                                 {0.5, -0.5, 0.0},  // sqrt(0.5) = 0.70711: above
                                 {0.1, -0.1, 0.3},  // sqrt(0.11) = 0.33166: below
                                 {0.4, 0.0, 0.0},   // exactly 0.4: counted
                                 {0.0, 0.0, 0.0}};  // never transformed
  EXPECT_DOUBLE_EQ(accumulated_strain(eps[0]), std::sqrt(0.19));
  const Exceedance ex = exceedance(eps, 0.4);
  EXPECT_NEAR(ex.mean, (std::sqrt(0.19) + std::sqrt(0.5) + 0.4) / 3, 1e-15);
  EXPECT_DOUBLE_EQ(ex.fraction, 3.0 / 5.0);
  // The first site is below 0.4 in von Mises terms (0.365): the two measures differ.
  EXPECT_LT(von_mises(eps[0]), 0.4);
  const Exceedance none = exceedance(eps, 0.8);
  EXPECT_TRUE(std::isnan(none.mean));
  EXPECT_EQ(none.fraction, 0.0);
}

// Wang et al.'s measures (paper 001, Sec. 3.2) on a hand-computed state: dQ/Q = 1 - <exp(-eta)>
// over all voxels and over the transformed ones, extreme sites above von Mises 0.7, and the
// localisation index (the population standard deviation of the von Mises eigenstrain).
TEST(KmcObservables, SofteningMeasuresAreWangs) {
  const std::vector<double> scale = {1.0, std::exp(-0.2), 0.6, 1.0};
  const std::vector<long> events = {0, 1, 5, 2};  // the last one transformed and fully recovered
  const std::vector<Sym2> eps = {{0, 0, 0}, {0.1, -0.1, 0}, {0.7, -0.7, 0}, {0, 0, 0.61}};
  // von Mises sqrt(2/3 e':e') with e'_zz = -(e_xx + e_yy)/3: 2 |e_xx| / sqrt(3) for the pure
  // shears (0.11547, 0.80829), 2 |e_xy| / sqrt(3) = 0.70437 for the last: two above 0.7.
  const std::vector<double> vm = {0, 0.2 / std::sqrt(3.0), 1.4 / std::sqrt(3.0), 1.22 / std::sqrt(3.0)};
  for (size_t v = 0; v < eps.size(); ++v) EXPECT_NEAR(von_mises(eps[v]), vm[v], 1e-15);
  const SofteningMeasures w = softening_measures(scale, events, eps);
  EXPECT_NEAR(w.barrier_shift, (1 - std::exp(-0.2) + 0.4) / 4, 1e-15);
  EXPECT_NEAR(w.barrier_shift_transformed, (1 - std::exp(-0.2) + 0.4) / 3, 1e-15);
  EXPECT_DOUBLE_EQ(w.extreme_fraction, 0.5);
  double mean = 0, var = 0;
  for (const double x : vm) mean += x / 4;
  for (const double x : vm) var += (x - mean) * (x - mean) / 4;
  EXPECT_NEAR(w.localisation_index, std::sqrt(var), 1e-12);
  EXPECT_TRUE(std::isnan(softening_measures({1, 1}, {0, 0}, {{0, 0, 0}, {0, 0, 0}}).barrier_shift_transformed));
}

// A strain-rate run with final_plastic_strain ends at the first step at or past it (Wang et al.
// measure at 2 % plastic strain): the step before is below, and the run ends well before the strain cap.
TEST(KmcEngine, FinalPlasticStrainEndsTheRun) {
  EngineConfig c = small(16, 400);
  c.final_plastic_strain = 0.005;
  Engine e(c);
  while (e.step()) {
  }
  const auto& curve = e.observations().curve;
  EXPECT_GE(e.plastic_strain(), 0.005);
  EXPECT_LT(e.strain(), 0.09);
  size_t above = 0;
  for (const auto& p : curve) above += p.plastic_strain >= 0.005 ? 1 : 0;
  EXPECT_LE(above, 2u);  // the end of the last step (and its end-of-run record)
  EngineConfig bad = c;
  bad.final_plastic_strain = -1;
  EXPECT_THROW(bad.validate(), InputError);
}

// Wang et al.'s stepping (Eqs. 5-7) against its analytic event probability: a step of duration dt
// from a state with total rate k_tot holds a thermal event with probability 1 - exp(-dt k_tot).
// 300 lattices (8 x 8, 500 K, seeds 1-300), each with its step set to dt k_tot = 0.25, 1 or 2
// (p = 0.221, 0.632, 0.865) from its own k_tot: the count of first steps with an event is within
// 4 standard deviations of the sum of the p's.
TEST(KmcEngine, WangStepsFireWithTheirAnalyticProbability) {
  double expected = 0, variance = 0;
  long fired = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    EngineConfig c = small(8, 500);
    c.law = BarrierLaw::TimeIndependent;
    c.scheme = TimeScheme::Wang;
    c.engine = EngineKind::Reference;
    c.catalog.seed = seed;
    c.initial_eigenstrain_sd = 0;  // no initial avalanche: the first step starts at t = 0
    const double k_tot = Engine(c).total_rate(0);
    const double x = std::array{0.25, 1.0, 2.0}[seed % 3];
    c.strain_step = 1e-4;
    c.strain_rate_per_s = c.strain_step * k_tot / x;  // dt = x / k_tot
    Engine e(c);
    ASSERT_EQ(e.time_s(), 0.0);
    ASSERT_TRUE(e.step());
    EXPECT_NEAR(e.time_s(), x / k_tot, 1e-9 * x / k_tot + 1e-10);  // + T_defo per avalanche step
    fired += e.observations().thermal_events;
    const double p = 1 - std::exp(-x);
    expected += p, variance += p * (1 - p);
  }
  std::printf("wang steps: %ld of 300 first steps fired, expected %.1f +- %.1f\n", fired, expected,
              std::sqrt(variance));
  EXPECT_LT(std::abs(double(fired) - expected), 4 * std::sqrt(variance));
}

// A loading history (16 x 16, 300 K, both engines, uniaxial and simple shear): strain 0 -> 0.05 at
// 1e-2 /s, a 5 s hold, unloading to strain 0 at -1e-2 /s, then 20 s at zero stress. Between steps
// the controlled quantity is where the history puts it (to 1e-12), the mean stress field is the
// geometry's ((s, 0, 0) or (0, 0, s)), the incremental field equals a full solve; the load leaves a
// residual strain after unloading, which under zero stress is all plastic.
TEST(KmcEngine, LoadingHistoriesHoldTheirStrainAndStress) {
  using Control = LoadSegment::Control;
  for (const Geometry geometry : {Geometry::Uniaxial, Geometry::Shear})
    for (const EngineKind engine : {EngineKind::Local, EngineKind::Reference}) {
      EngineConfig c = small(16, 300);
      c.engine = engine;
      c.local = {4, 1, 13};
      c.geometry = geometry;
      c.loading = Loading::History;
      c.history = {{Control::Strain, 0, 0.05, 5},
                   {Control::Strain, 0.05, 0.05, 5},
                   {Control::Strain, 0.05, 0, 5},
                   {Control::Stress, 0, 0, 20}};
      Engine e(c);
      EXPECT_EQ(e.end_time(), 35.0);
      while (e.step()) {
        const double t = e.time_s();
        if (t < 15) {
          const double expected = t < 5 ? 0.01 * t : t < 10 ? 0.05 : 0.05 - 0.01 * (t - 10);
          ASSERT_NEAR(e.strain(), expected, 1e-12) << t;
        } else {
          ASSERT_NEAR(e.stress_MPa(), 0.0, 1e-9) << t;
          ASSERT_NEAR(e.strain(), e.plastic_strain(), 1e-12) << t;
        }
      }
      EXPECT_NEAR(e.strain(), e.plastic_strain(), 1e-12);  // at zero stress, the strain left is plastic
      const auto field = e.stress_field();
      Sym2 mean;
      for (const auto& s : field)
        mean.xx += s.xx / double(field.size()), mean.yy += s.yy / double(field.size()),
            mean.xy += s.xy / double(field.size());
      const double s = e.stress_MPa();
      EXPECT_NEAR(geometry == Geometry::Shear ? mean.xy : mean.xx, s, 1e-9);
      EXPECT_NEAR(geometry == Geometry::Shear ? mean.xx : mean.xy, 0.0, 1e-9);
      EXPECT_NEAR(mean.yy, 0.0, 1e-9);
      EXPECT_LT(field_error(e), 1e-10);
      EXPECT_GT(e.plastic_strain(), 0.005);  // loaded well past yield
      std::printf("%s, %s: %ld events, residual strain %.4f\n", geometry == Geometry::Shear ? "shear" : "uniaxial",
                  engine == EngineKind::Local ? "local" : "reference", e.events(), e.strain());
    }
}

// Wang et al.'s Eq. 2 with E_zz = E_xz = E_yz = 0, by hand: (0.3, 0.1, 0.2) gives
// sqrt(0.04 + (0.04 + 0.09 + 0.01) / 6); a traceless mode gives sqrt(e1^2 + e3^2).
TEST(KmcObservables, MisesStrainIsWangsEquationTwo) {
  EXPECT_NEAR(mises_shear_strain({0.3, 0.1, 0.2}), std::sqrt(0.04 + 0.14 / 6), 1e-15);
  EXPECT_NEAR(mises_shear_strain({0.05, -0.05, 0.12}), std::hypot(0.05, 0.12), 1e-15);
}
