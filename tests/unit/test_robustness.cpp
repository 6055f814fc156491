// SPDX-License-Identifier: BSD-3-Clause
// The reliability contract below the CLI: outputs never replace what is not a regular file and
// every write is checked; inputs are bounded; messages stay one printable line; checkpoints are
// verified; extreme but legal parameters give finite numbers (or a named error).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "error_of.h"
#include "glassfit/core/grid.h"
#include "glassfit/core/text.h"
#include "glassfit/numerics/curve_fit.h"
#include "glassfit/io/csv.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/io/output_file.h"
#include "glassfit/io/text_file.h"
#include "glassfit/kmc/checkpoint_format.h"
#include "glassfit/kmc/config.h"
#include "glassfit/kmc/engine.h"
#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/dma.h"

using namespace glassfit;
namespace fs = std::filesystem;

namespace {

// A fresh folder per test, removed afterwards.
struct Folder {
  fs::path path;
  Folder() {
    std::string t = (fs::temp_directory_path() / "glassfit-test-XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~Folder() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  size_t entries() const { return size_t(std::distance(fs::directory_iterator(path), fs::directory_iterator())); }
};

std::string content(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST(OutputFile, ReplacesARegularFileAndFollowsASymlink) {
  Folder d;
  write_file_atomically(d / "a.csv", "one\n");
  write_file_atomically(d / "a.csv", "two\n");
  EXPECT_EQ(content(d / "a.csv"), "two\n");
  fs::create_symlink("a.csv", d / "link.csv");
  write_file_atomically(d / "link.csv", "three\n");
  EXPECT_TRUE(fs::is_symlink(d / "link.csv"));  // the link stays a link
  EXPECT_EQ(content(d / "a.csv"), "three\n");   // and its target got the content
  EXPECT_EQ(d.entries(), 2u);                   // no temporary file left
}

TEST(OutputFile, WritesThroughDevicesAndNeverReplacesThem) {
  if (::geteuid() != 0) GTEST_SKIP() << "mknod needs root";
  Folder d;
  ASSERT_EQ(::mknod((d / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
  ASSERT_EQ(::mknod((d / "full").c_str(), S_IFCHR | 0666, makedev(1, 7)), 0);
  write_file_atomically(d / "null", "data\n");
  EXPECT_TRUE(fs::is_character_file(d / "null"));
  EXPECT_EQ(test::error_of([&] { write_file_atomically(d / "full", "data\n"); }),
            d / "full" + ": write failed: No space left on device");
  EXPECT_TRUE(fs::is_character_file(d / "full"));
  fs::create_symlink("null", d / "to_null");
  write_file_atomically(d / "to_null", "data\n");
  EXPECT_TRUE(fs::is_character_file(d / "null"));
  EXPECT_EQ(d.entries(), 3u);
}

TEST(OutputFile, RefusesFoldersMissingFoldersDanglingLinksAndUnreadPipes) {
  Folder d;
  EXPECT_EQ(test::error_of([&] { write_file_atomically(d.path.string(), "x"); }),
            d.path.string() + ": is a folder, not a file");
  EXPECT_EQ(test::error_of([&] { write_file_atomically(d / "no/x.csv", "x"); }),
            d / "no/x.csv" + ": cannot write: No such file or directory");
  fs::create_symlink("missing", d / "dangling");
  EXPECT_NE(test::error_of([&] { write_file_atomically(d / "dangling", "x"); }).find("symbolic link to a missing file"),
            std::string::npos);
  ASSERT_EQ(::mkfifo((d / "fifo").c_str(), 0644), 0);
  EXPECT_EQ(test::error_of([&] { write_file_atomically(d / "fifo", "x"); }),
            d / "fifo" + ": no process reads this pipe");
  EXPECT_TRUE(fs::is_fifo(d / "fifo"));
  EXPECT_EQ(d.entries(), 2u);
}

// What the program's SIGINT/SIGTERM handler calls: every temporary file still in flight goes.
TEST(OutputFile, InterruptRemovesTemporaryFilesInFlight) {
  Folder d;
  TemporaryFile a(d / "one.csv.tmp", "one.csv"), b(d / "two.png.tmp", "two.png");
  EXPECT_EQ(d.entries(), 2u);
  remove_temporary_files();
  EXPECT_EQ(d.entries(), 0u);
  TemporaryFile c(d / "three.tmp", "three");
  c.release();  // renamed away: not removed any more
  remove_temporary_files();
  EXPECT_EQ(d.entries(), 1u);
}

TEST(TextFile, RefusesFoldersLargeFilesAndBinaryData) {
  Folder d;
  EXPECT_EQ(test::error_of([&] { read_text_file(d.path.string()); }), d.path.string() + ": is a folder, not a file");
  write_file_atomically(d / "big", std::string(2000, 'x'));
  EXPECT_NE(test::error_of([&] { read_text_file(d / "big", "cannot open file", 1000); }).find("larger than"),
            std::string::npos);
  write_file_atomically(d / "bin", std::string("a,b\n1,2\n\0\n", 10));
  EXPECT_EQ(test::error_of([&] { read_text_file(d / "bin"); }),
            d / "bin" + ":3: not a text file (a NUL byte at byte 9)");
  // A device that never ends is cut at the limit instead of read forever.
  EXPECT_NE(test::error_of([&] { read_text_file("/dev/zero", "cannot open file", 1 << 20); }).find("more than the"),
            std::string::npos);
  // A FIFO without a writer is read as empty, without hanging.
  ASSERT_EQ(::mkfifo((d / "fifo").c_str(), 0644), 0);
  EXPECT_EQ(read_text_file(d / "fifo"), "");
}

TEST(Text, PrintableEscapesControlBytesAndCutsLongText) {
  EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(printable("tab\there"), "tab\\x09here");
  EXPECT_EQ(printable("25 \xC2\xB0"
                      "C"),
            "25 \xC2\xB0"
            "C");                                  // UTF-8 stays
  EXPECT_EQ(printable("\xFF\xC2"), "\\xFF\\xC2");  // invalid UTF-8 does not
  const std::string cut = printable(std::string(1 << 20, 'x'), 10);
  EXPECT_EQ(cut, "xxxxxxxxxx... (1048576 bytes)");
}

TEST(CsvWriter, ANonFiniteResultIsABugUnlessTheColumnMayBeUndefined) {
  const double nan = std::nan("");
  EXPECT_THROW(format_csv({}, {{"a [-]", {1.0, nan}}}), std::logic_error);
  EXPECT_THROW(format_csv({}, {{"a [-]", {INFINITY}, true}}), std::logic_error);  // inf is never "undefined"
  EXPECT_EQ(format_csv({}, {{"a [-]", {1.0, nan}, true}}), "a [-]\n1\nnan\n");
}

TEST(Csv, RefusesSubnormalAndOverflowingValues) {
  auto error = [](const std::string& text) { return test::error_of([&] { parse_csv(text, "f.csv"); }); };
  EXPECT_EQ(error("frequency [Hz],storage_modulus [MPa]\n1,1e-320\n"),
            "f.csv:2: column 'storage_modulus [MPa]': '1e-320' is too close to zero to compute with (below 2.2e-308 "
            "MPa); write 0 if it is zero");
  EXPECT_EQ(error("frequency [Hz],storage_modulus [GPa]\n1,1e307\n"),
            "f.csv:2: column 'storage_modulus [GPa]': '1e307' overflows in MPa");
  EXPECT_EQ(error("frequency [Hz],storage_modulus [MPa]\n1,0\n"), "no error");  // a zero is a zero
  // A huge cell is not echoed whole.
  EXPECT_LT(error("frequency [Hz],storage_modulus [MPa]\n1," + std::string(1 << 20, 'y') + "\n").size(), 200u);
}

TEST(Grid, RefusesSizesBeforeAllocating) {
  EXPECT_NE(test::error_of([] { parse_grid("1:1e9:1", Dimension::Time, "--time"); }).find("about 100000 MB"),
            std::string::npos);
  EXPECT_NE(
      test::error_of([] { parse_grid("1:2:6e6log,1:2:6e6log", Dimension::Time, "--time"); }).find("1.2e+07 points"),
      std::string::npos);
}

// Curve fits whose model cannot be evaluated end unconverged, with a covariance of the right
// size (this was a segfault in relaxation-map).
TEST(CurveFit, NonFiniteModelEndsUnconvergedWithoutCrashing) {
  const Eigen::VectorXd y = Eigen::VectorXd::Ones(4);
  const Eigen::MatrixXd W = Eigen::MatrixXd::Identity(4, 4);
  auto model = [](const auto* p, auto* f) {
    for (int i = 0; i < 4; ++i) f[i] = p[0] * std::numeric_limits<double>::quiet_NaN();
  };
  const auto fit = curve_fit(model, y, W, {1.0, 2.0}, {-INFINITY, -INFINITY}, {INFINITY, INFINITY});
  EXPECT_FALSE(fit.converged);
  ASSERT_EQ(fit.covariance.rows(), 2);
  EXPECT_TRUE(std::isnan(fit.stderr_of(1)));
}

// Legal but extreme parameters: finite moduli where the physics is finite.
TEST(HcExtremes, SmallChiHugeComplianceAndTinyFrequencyStayFinite) {
  const std::vector<DmaPoint> pts = {{300, 1}, {400, 1}, {600, 1}, {300, 1e-300}, {600, 1e-300}};
  auto all_finite = [&](const HcParams<double>& p, size_t points = 5) {
    for (const auto& r : predict_dma(p, std::span(pts).first(points), Anelastic::Published))
      if (!std::isfinite(r.storage_MPa) || !std::isfinite(r.loss_MPa) || !std::isfinite(r.tan_delta)) return false;
    return true;
  };
  HcParams<double> p = hc_params_from(ParameterSet(hc_parameter_table()));
  EXPECT_TRUE(all_finite(p)) << "defaults";
  auto q = p;
  q.chi_Tg = 0.005;  // tau_max overflows, chi^(1/chi) underflows: was NaN
  EXPECT_TRUE(all_finite(q));
  q = p;
  q.A_an = 1e300;  // |J|^2 overflows: E was 0 and tan(delta) NaN (at 1e-300 Hz J itself overflows)
  EXPECT_TRUE(all_finite(q, 3));
  const auto E = predict_dma(q, std::vector<DmaPoint>{{300, 1}}, Anelastic::Published)[0];
  EXPECT_GT(E.storage_MPa, 0);
  // In the ordinary range the scaled inverse equals the plain one.
  const auto s = hc::times(p, 430.0);
  const auto J = hc::complex_compliance(p, s, 2 * kPi * 1.0);
  const auto Es = hc::complex_modulus(J);
  const double n2 = J.re * J.re + J.im * J.im;
  EXPECT_NEAR(Es.re, J.re / n2, 1e-14 * std::abs(Es.re));
  EXPECT_NEAR(Es.im, -J.im / n2, 1e-14 * std::abs(Es.im));
}

TEST(KmcConfig, RefusesOutOfRangeAndOversizedLatticesAtTheirLine) {
  auto error = [](const std::string& text) { return test::error_of([&] { kmc::parse_kmc_config(text, "k.toml"); }); };
  EXPECT_EQ(error("[barrier]\nlaw = \"kww\"\n[lattice]\nnx = 2000000\n"),
            "k.toml:4: 'nx' = 2000000 is outside 3..65536");
  EXPECT_EQ(error("[barrier]\nlaw = \"kww\"\n[lattice]\nny = 9223372036854775807\n"),
            "k.toml:4: 'ny' = 9223372036854775807 is outside 3..65536");
  EXPECT_NE(error("[barrier]\nlaw = \"kww\"\n[lattice]\nnx = 8000\nny = 8000\n[stz]\nmodes = 1000\n")
                .find("GB of memory; this machine has"),
            std::string::npos);
  EXPECT_EQ(error("[barrier]\nlaw = \"kww\"\n[sweep]\ntemperatures_K = []\n"), "k.toml:4: 'temperatures_K' is empty");
  EXPECT_EQ(error("[barrier]\nlaw = \"kww\"\n[material]\n\npoisson_ratio = 0.7\n"),
            "k.toml:5: 'material.poisson_ratio': must be in (-1, 0.5)");
}

TEST(KmcCheckpoint, FlippedBytesTruncationAndOtherVersionsAreRefused) {
  kmc::EngineConfig c;
  c.grid = {8, 8};
  c.catalog.modes = 4;
  c.final_strain = 0.1;
  kmc::Engine e(c);
  for (int k = 0; k < 20; ++k) ASSERT_TRUE(e.step());
  std::ostringstream out;
  e.save(out);
  const std::string good = out.str();
  auto restore = [&](const std::string& file) {
    kmc::Engine r(c);
    return test::error_of([&] { r.restore_bytes(file, "cp.bin"); });
  };
  EXPECT_EQ(restore(good), "no error");
  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x10;
  EXPECT_EQ(restore(flipped), "cp.bin: checkpoint is corrupt (its SHA-256 does not match; run again without --resume)");
  // One double scaled (the time, right after the fingerprint): caught by the checksum too.
  std::string scaled = good;
  const size_t at = 68 + 8 + e.fingerprint().size();  // envelope, fingerprint length and text, then t
  double x = 0;
  std::memcpy(&x, scaled.data() + at, 8);
  ASSERT_EQ(x, e.time_s());
  x *= 2;
  std::memcpy(scaled.data() + at, &x, 8);
  EXPECT_NE(restore(scaled).find("SHA-256 does not match"), std::string::npos);
  EXPECT_NE(restore(good.substr(0, good.size() - 100)).find("truncated"), std::string::npos);
  std::string other = good;
  other[24] = 1;  // version 1
  EXPECT_NE(restore(other).find("format version 1"), std::string::npos);
  EXPECT_EQ(restore("not a checkpoint"), "cp.bin: not a glassfit kmc checkpoint");
  // A well-sealed state with an impossible length asks for no memory.
  std::string payload(kmc::open_checkpoint(good, "x"));
  std::memset(payload.data() + payload.size() / 3, 0x7f, 8);
  const std::string bad = restore(kmc::seal_checkpoint(payload));
  EXPECT_NE(bad.find("cp.bin: kmc checkpoint: corrupt state"), std::string::npos) << bad;
}

// The papers' example configurations carry the papers' values (Niiyama et al. Sec. II D; Wang et
// al. Table 1 and Eqs. 9-12), and plane stress, whose uniaxial modulus is E itself (Eq. 16).
TEST(KmcConfig, PaperExamplesCarryThePapersValues) {
  const std::string dir = std::string(GLASSFIT_SOURCE_DIR) + "/examples/kmc/";
  const auto n = glassfit::kmc::read_kmc_config(dir + "niiyama2026_strain_rate.toml").engine;
  EXPECT_EQ(n.elasticity.E_MPa, 88600);
  EXPECT_EQ(n.elasticity.nu, 0.371);
  EXPECT_FALSE(n.elasticity.plane_strain);
  EXPECT_NEAR(n.stz_volume_nm3, 1.7 * 1.7 * 1.7, 1e-12);
  EXPECT_EQ(n.catalog.modes, 20);
  EXPECT_EQ(n.catalog.strain_sd, 0.05);
  EXPECT_EQ(n.catalog.barrier_mean_eV, 4.0);
  EXPECT_EQ(n.catalog.barrier_sd_eV, 0.8);
  EXPECT_EQ(n.initial_eigenstrain_sd, 0.005);
  EXPECT_EQ(n.defo_time_s, 0.52e-12);
  EXPECT_TRUE(n.relax_after_initial_avalanche);
  const glassfit::kmc::Engine e([&] {
    auto c = n;
    c.grid = {8, 8};
    return c;
  }());
  EXPECT_NEAR(e.axial_modulus_MPa(), 88600, 1e-9);  // plane stress: E, as Eq. 16 loads
  const auto w = glassfit::kmc::read_kmc_config(dir + "wang_softening.toml").engine;
  EXPECT_EQ(w.elasticity.E_MPa, 69460);
  EXPECT_EQ(w.elasticity.nu, 0.365);
  EXPECT_EQ(w.catalog.strain_sd, 0.07);
  EXPECT_EQ(w.catalog.barrier_mean_eV, 2.0);
  EXPECT_EQ(w.law, glassfit::kmc::BarrierLaw::Softening);
  EXPECT_EQ(w.softening.kappa_p, 13);
  EXPECT_EQ(w.softening.kappa_t, 39);
  EXPECT_NEAR(std::exp(-w.softening.eta_max), 0.6, 1e-7);
  EXPECT_EQ(w.softening.Q_act_eV, 0.37);
  EXPECT_EQ(w.temperature_K, 300);
  EXPECT_EQ(w.final_plastic_strain, 0.02);  // where Wang et al. measure (Sec. 3.2.1)
  // The study's choices (docs/kmc-study.md): the stencil's clocks, a fixed catalogue, the lowest mode.
  EXPECT_EQ(n.clock_reset, glassfit::kmc::ClockReset::Stencil);
  EXPECT_EQ(n.catalogue, glassfit::kmc::Catalogue::Fixed);
  EXPECT_EQ(n.avalanche_mode, glassfit::kmc::AvalancheMode::Lowest);
  EXPECT_EQ(w.clock_reset, glassfit::kmc::ClockReset::Centre);
}

// [dynamics] clock_reset unset: "stencil" for the kww and time-independent barriers, "centre" for
// softening (its eta_t is per voxel); set, it is what the file says.
TEST(KmcConfig, ClockResetDefaultsByBarrierLaw) {
  using glassfit::kmc::ClockReset;
  auto reset_of = [](const std::string& law, const std::string& dynamics) {
    return glassfit::kmc::parse_kmc_config("[barrier]\nlaw = \"" + law + "\"\n" + dynamics, "k.toml")
        .engine.clock_reset;
  };
  EXPECT_EQ(reset_of("kww", ""), ClockReset::Stencil);
  EXPECT_EQ(reset_of("time-independent", ""), ClockReset::Stencil);
  EXPECT_EQ(reset_of("softening", ""), ClockReset::Centre);
  EXPECT_EQ(reset_of("kww", "[dynamics]\nclock_reset = \"centre\"\n"), ClockReset::Centre);
  EXPECT_EQ(reset_of("kww", "[dynamics]\ncatalogue = \"redraw\"\n"), ClockReset::Stencil);
}
