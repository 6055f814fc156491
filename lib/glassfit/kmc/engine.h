// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// The kMC event loop (Niiyama et al. Sec. II): a periodic lattice of STZ voxels, each with M
// modes; a mode's barrier G = Q_voxel(t) - (1/2) sigma : dEps V_STZ (Eq. 4), its rate
// k0 exp(-G / kT) (Eq. 3); rejection-free choice of the transforming mode with the waiting
// time drawn exactly from the time-dependent total rate; athermal avalanches while any G <= 0.
// The algorithm, the boundary conditions and every parameter with its unit: docs/kmc.md.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "glassfit/kmc/catalog.h"
#include "glassfit/kmc/elastic.h"
#include "glassfit/kmc/far_field.h"
#include "glassfit/kmc/sum_tree.h"
#include "glassfit/models/barrier_laws.h"

namespace glassfit::kmc {

class CheckpointWriter;
class CheckpointReader;

// Threads of the rate update: at most this many ([run] threads, --threads).
inline constexpr int kMaxThreads = 256;

// How a voxel's barrier Q depends on the time since its last transformation (all modes of the
// voxel share the offset Q - Q0): Q0 + kT ln(1 + Delta eta/eta0) at all times (time-independent,
// the relaxed limit of Eq. 11); the KWW relaxation of Eq. 11; Wang et al.'s softening, which
// scales Q0 by exp(-eta) instead (their Eqs. 8-12).
enum class BarrierLaw { TimeIndependent, Kww, Softening };
// Constant strain rate, creep at constant stress, relaxation at fixed strain, or a piecewise
// history of strain and stress segments (load, hold, unload; docs/kmc.md).
enum class Loading { StrainRate, Creep, Relaxation, History };
// Uniaxial along x (mean sigma_yy = sigma_xy = 0; strain and stress: eps_xx and sigma_xx) or simple
// shear in xy (mean sigma_xx = sigma_yy = 0; strain and stress: the engineering shear 2 eps_xy and
// sigma_xy), for every loading.
enum class Geometry { Uniaxial, Shear };
// One piece of a history: the controlled quantity (strain [-] or stress [MPa], in the geometry's
// sense) goes linearly from `from` to `to` over duration_s. A segment whose `from` differs from
// where the last one ended starts with a jump.
struct LoadSegment {
  enum class Control { Strain, Stress } control = Control::Strain;
  double from = 0, to = 0, duration_s = 1;
};
// Exact: waiting times from the time-dependent total rate. Frozen: the paper's scheme, rates
// frozen at the last event, a step halved while it would drive a barrier negative. Wang: Wang et
// al.'s Eqs. 5-7, fixed strain steps with at most one thermal event each, drawn with probability
// 1 - exp(-dt k_tot) at the rates of the step's start (strain-rate loading only).
enum class TimeScheme { Exact, Frozen, Wang };
// An avalanche step transforms every voxel with G <= 0 at once (Synchronous, the paper's), or
// only the one with the lowest G (Sequential: no collective overshoot, one rate pass each).
enum class AvalancheUpdate { Synchronous, Sequential };
// Whose elapsed time t(x) an event resets (docs/kmc.md, "Choices the paper leaves open"): the
// transforming voxel's only (Centre), or every voxel of the 3 x 3 stencil that Eqs. 21-23 give
// plastic eigenstrain (Stencil; Sec. II A resets t "whenever the STZ undergoes plastic
// deformation"). KWW and time-independent barriers only (softening has its own per-voxel state).
enum class ClockReset { Centre, Stencil };
// Each voxel's modes (Q0 and strains) drawn once (Fixed, paper 000's reading), or drawn anew
// after each of its transformations (Redraw, paper 001 Sec. 2: "isotropic in both spatial and
// generation point of view", a generation being one transformation).
enum class Catalogue { Fixed, Redraw };
// The mode an unstable voxel fires in an avalanche: its lowest barrier (Lowest), or one of its
// modes with G <= 0 drawn in proportion to its rate (Rate). The papers do not say.
enum class AvalancheMode { Lowest, Rate };
// Local: an event updates the rates near it and bounds the rest (far_field.h), at a cost that
// hardly grows with the lattice; Reference: every event recomputes every rate (O(N M)). Both
// sample the same process exactly; they differ in the last bits of the stress, hence in the
// sequence of events (docs/kmc.md).
enum class EngineKind { Local, Reference };

struct EngineConfig {
  Grid grid{64, 64};
  double stz_volume_nm3 = 4.096;  // V_STZ in Eq. 4 (a voxel of side 1.6 nm)
  CatalogOptions catalog;         // modes, strain sd, Q0 mean and sd, seed
  double initial_eigenstrain_sd = 0.005;
  // Niiyama et al. Sec. II C: the sites transformed by the avalanche that settles the initial
  // state get their elapsed times reset to infinity (fully relaxed barriers); false keeps them
  // rejuvenated at the settle time.
  bool relax_after_initial_avalanche = true;
  Elasticity elasticity;
  double temperature_K = 300;
  BarrierLaw law = BarrierLaw::Kww;
  barrier::ViscosityRelaxation kww;  // E_v, c, Q_R, beta, k0 (its Q0 is unused: the catalogue's)
  barrier::Softening softening;
  Loading loading = Loading::StrainRate;
  double strain_rate_per_s = 1e-3;  // StrainRate
  double final_strain = 0.12;       // StrainRate: the run ends here; Creep: a cap (runaway creep)
  // StrainRate: 0, or the plastic strain at which the run ends early (Wang et al. measure at
  // 2 % plastic strain, their Sec. 3.2.1).
  double final_plastic_strain = 0;
  double stress_MPa = 1000;          // Creep
  double strain = 0.02;              // Relaxation
  double duration_s = 1e3;           // Creep and Relaxation: the run ends here
  std::vector<LoadSegment> history;  // History (final_strain caps its stress segments)
  Geometry geometry = Geometry::Uniaxial;
  EngineKind engine = EngineKind::Local;  // Local needs the exact scheme and kernel updates
  // The local engine's blocks (voxels per side), exact window (half-width, voxels), the log
  // length that triggers a flush (0: about sqrt(N log2 N / 1000), at least 8) and the gap (voxels)
  // beyond which a block takes an event's field by interpolation (0: 2 block sides; at least the
  // window's half-width); they change the cost, not the law.
  struct LocalOptions {
    int block_side = 16, near_radius = 8;
    long flush_events = 0;
    int far_gap = 0;
  } local;
  TimeScheme scheme = TimeScheme::Exact;
  // Frozen: T_RF*, the longest step; infinite = none, except under a strain ramp, where rates
  // frozen at an unloaded state would never fire: there it defaults to 1e-4 / strain rate.
  double max_step_s = std::numeric_limits<double>::infinity();
  double defo_time_s = 0.52e-12;  // T_defo: clock advance of one avalanche step
  double strain_step = 1e-4;      // Wang: the strain of one step (dt = strain_step / strain rate)
  AvalancheUpdate avalanche = AvalancheUpdate::Synchronous;
  ClockReset clock_reset = ClockReset::Centre;
  Catalogue catalogue = Catalogue::Fixed;
  AvalancheMode avalanche_mode = AvalancheMode::Lowest;
  // A guard (transformations, thermal and athermal); reaching it ends the run, also in the middle
  // of an avalanche, with hit_event_limit(). 0: 200 per voxel.
  long max_events = 0;
  // Guards on the work that is not a transformation: full passes over the rate table (bound
  // renewals under a ramp; their number grows as 1/T) and rejected candidates or steps. Reaching
  // one ends the run as max_events does. 0: 10 passes per voxel, or on small lattices (where
  // events are few and renewals many) as many as 2e9 rate evaluations (N M each, ~10 s) allow;
  // 20 rejections per event allowed.
  long max_rate_passes = 0, max_rejections = 0;
  static constexpr double kMaxStrainRate_per_s = 1e9;
  long event_limit() const { return max_events > 0 ? max_events : 200 * long(grid.size()); }
  long rate_pass_limit() const {
    return max_rate_passes > 0 ? max_rate_passes
                               : std::max(10 * long(grid.size()), long(2e9 / (double(grid.size()) * catalog.modes)));
  }
  long rejection_limit() const { return max_rejections > 0 ? max_rejections : 20 * event_limit(); }
  std::vector<double> snapshot_strains{0.05, 0.1};
  int threads = 1;  // for the rate update; results do not depend on it
  // Kernels: O(N) stress update per event. Fft: a full FFT solve of the eigenstrain field after
  // every event (the slow reference; equal to 1e-10).
  enum class StressUpdate { Kernels, Fft } stress_update = StressUpdate::Kernels;

  // Throws InputError naming the offending key (TOML names) when a value is impossible, or
  // when the run would need more memory than the machine has.
  void validate() const;
  void validate_run() const;  // validate()'s part for the time scheme, guards and run settings
  // Peak memory of a run, bytes, as measured (256^2 and 512^2 lattices, M = 5 and 40, one
  // thread): about 16 MB + N (420 + 60 M) before observations accumulate.
  double estimated_bytes() const;
};

// One point of the global response; strain and plastic strain are measured from the initial
// state (whose mean stress is zero), along x.
struct CurvePoint {
  double time_s, strain, stress_MPa, plastic_strain;
  long events;
};

struct Snapshot {
  double strain, time_s;
  std::vector<Sym2> eigenstrain;
};

struct Observations {
  std::vector<CurvePoint> curve;      // just before and just after every event or avalanche
  std::vector<long> avalanche_sizes;  // transformations per avalanche (1 = a lone thermal event)
  std::vector<double> dEps_xx;        // xx component of every executed transformation strain
  std::vector<Snapshot> snapshots;    // at snapshot_strains, then at the end
  long thermal_events = 0, athermal_events = 0;
  long rejected_candidates = 0;  // Exact: thinning candidates rejected
  long rejected_steps = 0;       // Frozen: steps halved or capped at max_step_s
  long rate_updates = 0;         // full O(N M) passes over the rate table
  long block_refreshes = 0;      // Local: blocks whose far field was folded in and rates recomputed
  long far_flushes = 0;          // Local: FFT solves of the logged far field
  // Transformations of a site whose clock had been reset before (its barrier rejuvenated, not
  // fully relaxed): the share f of the issue-32 mixture estimate, slope ~ (2kT/Omega)(1 - beta f).
  long transformations_on_reset_clock = 0;
};

class Engine {
 public:
  explicit Engine(const EngineConfig& config);

  // One thermal event and the avalanche it triggers (or, in the Frozen scheme, one rejected
  // step). Returns false once the run is over (end of loading, creep strain reaching
  // final_strain, or max_events reached).
  bool step();
  bool finished() const { return finished_; }
  bool hit_event_limit() const { return hit_limit_; }
  double end_time() const;  // s: the end of the loading
  long event_limit() const { return cfg_.event_limit(); }
  long rate_pass_limit() const { return cfg_.rate_pass_limit(); }
  long rejection_limit() const { return cfg_.rejection_limit(); }
  // A guard is reached: the run stops at the next step boundary (hit_event_limit()).
  bool over_budget() const {
    return events() >= event_limit() || obs_.rate_updates >= rate_pass_limit() ||
           obs_.rejected_candidates + obs_.rejected_steps >= rejection_limit();
  }

  // Share of transformations on a site whose clock had been reset (Observations); NaN before any.
  double rejuvenated_share() const {
    return obs_.dEps_xx.empty() ? std::numeric_limits<double>::quiet_NaN()
                                : double(obs_.transformations_on_reset_clock) / double(obs_.dEps_xx.size());
  }
  double time_s() const { return t_; }
  double strain() const;      // mean axial strain from the initial state
  double stress_MPa() const;  // mean axial stress
  double plastic_strain() const;
  long events() const { return obs_.thermal_events + obs_.athermal_events; }
  const EngineConfig& config() const { return cfg_; }
  const Catalog& catalog() const { return catalog_; }
  const Observations& observations() const { return obs_; }
  const std::vector<Sym2>& eigenstrain() const { return eps_star_; }
  const std::vector<long>& voxel_events() const { return generation_; }
  // Time of each voxel's last transformation (s; -infinity: never, or relaxed since).
  const std::vector<double>& last_event_times() const { return last_event_s_; }
  // The softening law's eta_p and eta_t of each voxel (Wang et al. Eqs. 10-12; zero otherwise).
  const std::vector<barrier::SofteningState>& softening_state() const { return softening_; }
  // Voxel v's factor exp(-eta) on its stress-free barriers now (Wang et al. Eqs. 8, 10; 1 for the
  // other laws).
  double softening_scale(size_t v) const { return barrier_scale(v, t_); }
  std::vector<Sym2> stress_field() const;  // MPa, per voxel
  // Uniaxial modulus of the 2-D solid, 4 mu (lambda + mu) / (lambda + 2 mu): E / (1 - nu^2) in
  // plane strain, E in plane stress.
  double axial_modulus_MPa() const;
  // The loading's stress per unit of its elastic strain: the axial modulus, or mu in shear.
  double loading_modulus_MPa() const { return modulus_; }

  // The whole state at a step boundary, bit for bit; `resume` needs the same configuration
  // (checked by a fingerprint of every setting that changes the result).
  // A checkpoint is sealed with a format version and a SHA-256 (checkpoint_format.h): a
  // corrupt, truncated or foreign file is refused before the state is touched.
  void save(std::ostream& out) const;
  void restore(std::istream& in);
  void save_file(const std::string& path) const;  // atomic
  void restore_file(const std::string& path);
  void restore_bytes(std::string_view file, const std::string& name);  // name: for messages
  std::string fingerprint() const;

  // Sum of every mode's rate (1/s) at time t >= time_s() with no event in between: what the
  // exact scheme's waiting time integrates. O(N M); for tests.
  double total_rate(double t) const;
  // The lowest barrier G (eV) over all voxels and modes now; > 0 between steps.
  double min_barrier_eV() const { return min_barrier_at(t_); }

  // The rate pass alone (per-voxel sums of k0 exp(-G / kT) at the current stress), for the
  // benchmark; returns the total. Reference engine only.
  double rate_pass();
  // The internal stress of voxel v (MPa, at zero mean total strain), exactly: with the local
  // engine, also the far field not yet folded in.
  Sym2 internal_stress(size_t v) const {
    if (!far_) return kernel_stress_[v];
    const Sym2 &s = kernel_stress_[v], &c = far_->correction(v), p = far_->pending(v);
    return {s.xx + c.xx + p.xx, s.yy + c.yy + p.yy, s.xy + c.xy + p.xy};
  }

 private:
  struct Unstable {
    size_t voxel;
    int mode;
    double G_eV;
  };
  Sym2 mean_strain(double t) const;     // the box's mean total strain at time t
  Sym2 applied_stress(double t) const;  // C : mean_strain(t), added to the kernel field
  double barrier_offset_eV(size_t v, double t) const;
  double relax_factor(size_t v, double t) const { return std::exp(-barrier_offset_eV(v, t) / kT_); }
  // What drives voxel v's modes: p = sigma_xx - sigma_yy and q = 2 sigma_xy, with which
  // sigma : dEps = p e1 + q e3 for a traceless [[e1, e3], [e3, -e1]].
  // scale: the softening law's exp(-eta) on Q0 (Wang et al. Eq. 8), 1 for the other laws.
  struct Drive {
    double p, q, scale;
  };
  Drive drive(size_t v, const Sym2& applied, double t) const;
  double barrier_scale(size_t v, double t) const;
  double bound_factor(size_t v, double t) const;           // how far v's rates have fallen at most since evaluated
  double log_rate(size_t v, int m, const Drive& d) const;  // ln k0 - (Q0 - w)/kT
  double mode_rate_sum(size_t v, const Drive& d) const;    // without the relaxation factor
  double min_barrier_at(double t) const;
  void refresh(double t);             // per-voxel rate sums, maxima and bounds at time t
  void set_horizon(double t);         // the ramp's bound horizon from t and its growth factor
  double ramp_slope(double t) const;  // the fastest growth of any ln k_m under the load at t, 1/s
  // The loading as segments on the clock (every loading is one; History is several).
  struct Segment {
    LoadSegment::Control control;
    double t0, t1, from, rate;  // value(t) = from + rate (t - t0) on [t0, t1)
  };
  const Segment& segment_at(double t) const;
  std::vector<Unstable> unstable() const;  // right after refresh(t_): the lowest G <= 0 mode of each voxel
  long settle();                           // runs avalanche steps until no G <= 0; returns transformations
  void settle_recorded();                  // refresh(t_), and an avalanche not triggered by an event, recorded
  void transform(size_t v, int m, double t);
  bool exact_step();
  struct Candidate {
    double time_s, total;  // its time and the total bound it was drawn at
  };
  std::optional<Candidate> next_candidate();
  void evaluate_rates(size_t v, double t, double p, double q);  // at drive (p, q), time t
  bool accept(size_t v, double tc, double bound);               // thinning: the candidate fires or is rejected
  // The local engine (engine_local.cpp).
  void local_renew(double t);  // fold in the far field, every rate anew
  void local_recompute(size_t v, double t, const Sym2& applied, bool update_tree);
  void local_refresh_block(size_t b, double t, const Sym2& applied);
  std::vector<Unstable> local_unstable();  // dirty rates, loose blocks, then G <= 0
  bool local_step();
  double block_log_factor(size_t b) const;  // bound on the far field's ln-rate change in block b
  void set_block_weight(size_t b);
  void tighten_bounds(const Sym2& applied);
  void flush_far_field();
  void rebuild_trees();
  void mark_dirty(int i, int j);         // the near window of an event at (i, j)
  Unstable lowest_mode(size_t v) const;  // the voxel's lowest-barrier mode now
  bool frozen_step();
  bool wang_step();
  int choose_mode(size_t v, double t, double u) const;
  int avalanche_mode_of(const Unstable& u);        // [dynamics] avalanche_mode
  void rebuild_voxel(size_t v);                    // the rate table's rows of v from its (redrawn) modes
  void build_segments();                           // the loading as segments (constructor)
  void init_local_tables();                        // the local engine's tables (constructor)
  void save_catalogue(CheckpointWriter& w) const;  // a redrawn catalogue and its generator
  void restore_catalogue(CheckpointReader& r);
  void record();  // the curve point (and any snapshot due) at t_
  void finish(double t);
  double frozen_max_step_s() const;
  void check_limit();
  std::string state_bytes() const;             // the checkpoint's payload
  void restore_state(std::string_view bytes);  // from a verified payload
  void check_restored_state() const;           // state_checks.cpp: every invariant, or InputError

  EngineConfig cfg_;
  Catalog catalog_;
  double kT_, A_, tR_, lnk0_, E_axial_, modulus_;
  std::vector<Segment> segments_;
  double a1_pos_ = 0, a1_neg_ = 0, a3_pos_ = 0, a3_neg_ = 0;  // largest +-ae1, +-ae3: rate growth under a load ramp
  double relaxed_offset_eV_;                                  // kT ln(1 + Delta eta/eta0): the time-independent law
  double tau_soft_;                       // the softening law's recovery time (Wang et al. Eq. 9), s
  std::vector<double> base_, ae1_, ae3_;  // per mode: ln k0 - Q0/kT; e1, e3 scaled by V/(2kT)

  // State (what a checkpoint holds).
  double t_ = 0;
  std::vector<Sym2> eps_star_, kernel_stress_;  // eigenstrain; stress at zero mean total strain
  Sym2 sum_eps_star_, initial_mean_eps_star_;
  std::vector<double> last_event_s_;                // time of each voxel's last transformation
  std::vector<long> generation_;                    // transformations of each voxel so far
  std::vector<barrier::SofteningState> softening_;  // the softening law's eta_p, eta_t per voxel
  std::mt19937_64 rng_;
  std::mt19937_64 catalog_rng_;  // redraws of the catalogue ([dynamics] catalogue = "redraw")
  Observations obs_;
  size_t next_snapshot_ = 0;
  bool finished_ = false, hit_limit_ = false;

  // Derived at each refresh (rebuilt after a restore).
  double horizon_ = 0, growth_ = 1;
  std::vector<double> sum_rate_, max_log_rate_;  // per voxel, without the relaxation factor
  std::vector<double> offset_eV_, factor_;       // per voxel: Q - Q0 and exp(-(Q - Q0) / kT) at the last refresh
  std::vector<double> scale_eval_;               // per voxel: the softening scale exp(-eta) at the last refresh
  std::vector<double> q0_min_kT_;                // per voxel: its modes' smallest Q0 / kT (catalogue)
  SumTree bound_;

  // The local engine: its far field, and per voxel the rate bound without the block's far-field
  // factor; per block its voxels' bounds (a tree), the largest |ae1|, |ae3|, a lower bound on the
  // lowest barrier G (eV) when last evaluated, and since when the ramp may have raised rates.
  std::optional<StressKernels> kernels_ref_;  // the reference engine's
  std::optional<FarField> far_;
  std::vector<double> weight_;
  std::vector<SumTree> voxel_trees_;
  SumTree block_tree_;
  std::vector<double> a1_block_, a3_block_, min_margin_eV_, ramp_since_s_;
  // Per voxel: its modes' largest |ae1|, |ae3| (catalogue); the drive (p, q with the applied
  // stress, MPa) its rates were last evaluated at; and the ln-rate headroom its weight carries for
  // the drive's move since (0 after an evaluation; NaN drive: evaluate anew).
  std::vector<double> a1_voxel_, a3_voxel_, p_eval_, q_eval_, loose_;
  std::vector<size_t> dirty_;
  std::vector<char> is_dirty_;
  std::vector<double> excess_scratch_;  // no state: a reused buffer
};

}  // namespace glassfit::kmc
