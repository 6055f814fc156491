// SPDX-License-Identifier: BSD-3-Clause
// The legacy Excel reader (io/cfb.h, io/xls.h) against an independent one: every cell of every
// shipped Eplexor file equals what xlrd reads (tests/tools/xlrd_cells.py, Debian's
// python3-xlrd). The shipped files are BIFF7 (Excel 95: BIFF5 records in a 'Book' stream, as
// Excel re-saved them) and BIFF5 in a 'Workbook' stream (as the instrument writes it, which
// FreeXL could not read); tests/data/xls holds a BIFF8 copy (tests/tools/make_biff8_fixture.py)
// whose shared strings run over many CONTINUE records. Damaged files, including one that
// crashed FreeXL and a thousand seeded byte mutations, are InputErrors or read.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "error_of.h"
#include "glassfit/core/error.h"
#include "glassfit/io/dataset_reader.h"
#include "glassfit/io/xls.h"

using namespace glassfit;

namespace {

const std::string kDir = std::string(GLASSFIT_DATA_DIR) + "/eplexor-polymer/";
const std::string kBiff8 = std::string(GLASSFIT_SOURCE_DIR) + "/tests/data/xls/eplexor_master_shear_biff8.xls";
const std::vector<std::string> kFiles = {kDir + "freq_Eplexor_raw.xls", kDir + "freq_Eplexor_master.xls",
                                         kDir + "freq_Eplexor_master_shear.xls",
                                         kDir + "instrument-biff5/freq_Eplexor_raw_instrument.xls", kBiff8};

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string unescaped(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
  }
  return out;
}

// xlrd's cells, as tests/tools/xlrd_cells.py prints them.
std::string xlrd_dump(const std::string& path) {
  const std::string cmd =
      "/usr/bin/python3 " + std::string(GLASSFIT_SOURCE_DIR) + "/tests/tools/xlrd_cells.py '" + path + "'";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return "";
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  return pclose(p) == 0 ? out : "";
}

// The same dump of glassfit's reading (xlrd tells BIFF7 from BIFF5, the records are the same).
std::string glassfit_dump(const XlsWorkbook& book) {
  std::ostringstream out;
  out << "biff\t" << (book.biff == 8 ? "80" : "50 or 70") << "\n";
  for (const auto& s : book.sheets) {
    out << "sheet\t" << s.name << "\n";
    for (const auto& [at, cell] : s.cells) {
      out << at.first << "\t" << at.second << "\t";
      if (cell.number) {
        char num[64];
        std::snprintf(num, sizeof num, "%.17g", *cell.number);
        out << "n\t" << num << "\n";
      } else {
        out << "t\t" << cell.text << "\n";
      }
    }
  }
  return out.str();
}

// xlrd's numbers are Python reprs (shortest round trip): compare the values, not the spelling.
void expect_same_cells(const std::string& xlrd, const std::string& ours, const std::string& file) {
  std::istringstream a(xlrd), b(ours);
  std::string la, lb;
  size_t lines = 0;
  while (std::getline(a, la)) {
    ASSERT_TRUE(std::getline(b, lb)) << file << ": glassfit ends before xlrd's line " << la;
    ++lines;
    if (la == "biff\t50" || la == "biff\t70") la = "biff\t50 or 70";
    const auto tab = la.rfind('\t');
    if (la.find("\tn\t") != std::string::npos && lb.find("\tn\t") != std::string::npos) {
      ASSERT_EQ(la.substr(0, tab), lb.substr(0, lb.rfind('\t'))) << file;
      ASSERT_EQ(std::stod(la.substr(tab + 1)), std::stod(lb.substr(lb.rfind('\t') + 1))) << file << ": " << la;
    } else {
      ASSERT_EQ(unescaped(la), lb) << file;
    }
  }
  EXPECT_FALSE(std::getline(b, lb)) << file << ": glassfit has more cells than xlrd: " << lb;
  EXPECT_GT(lines, 3900u) << file;
}

TEST(Xls, EveryCellOfEveryShippedFileEqualsXlrd) {
  for (const auto& f : kFiles) {
    const std::string expected = xlrd_dump(f);
    ASSERT_FALSE(expected.empty()) << "xlrd (python3-xlrd) could not read " << f;
    const auto book = read_xls(bytes_of(f), f);
    expect_same_cells(expected, glassfit_dump(book), f);
  }
}

TEST(Xls, TheInstrumentFileReadsEveryColumnAndItsHeaderAsNumbers) {
  const auto five = read_xls(bytes_of(kFiles[3]), "five.xls");
  EXPECT_EQ(five.biff, 5);
  const auto ds = read_dataset(kFiles[3]);
  ASSERT_EQ(ds.rows(), 210u);
  const XlsSheet& data = five.sheets.at(0);
  ASSERT_EQ(data.name, "Exported Data");
  // every column read equals its cells, in internal units (°C to K, % to a fraction)
  const std::vector<std::tuple<std::string, uint32_t, double, double>> columns = {
      {"frequency", 10, 1, 0},    {"temperature", 11, 1, 273.15}, {"storage_modulus", 12, 1, 0},
      {"loss_modulus", 13, 1, 0}, {"tan_delta", 15, 1, 0},        {"static_strain", 2, 0.01, 0},
      {"static_stress", 3, 1, 0}, {"dynamic_strain", 7, 0.01, 0}, {"dynamic_stress", 8, 1, 0}};
  for (const auto& [name, col, scale, offset] : columns)
    for (uint32_t r = 0; r < ds.rows(); ++r) {
      const XlsCell* cell = data.at(r + 2, col);
      ASSERT_TRUE(cell && cell->number) << name << " row " << r;
      ASSERT_NEAR(ds.require(name, "").values[r], *cell->number * scale + offset,
                  1e-12 * std::abs(*cell->number * scale + offset))
          << name << " row " << r;
    }
  // the header's numbers stay numbers (FreeXL made dates of them: "1900-01-03")
  const auto has = [&](const std::string& line) {
    return std::find(ds.comments.begin(), ds.comments.end(), line) != ds.comments.end();
  };
  EXPECT_TRUE(has("header: Sample shape: | Width: | Thickness:"));
  EXPECT_TRUE(has("header: Cuboid | 3.205 | 1.27"));
  EXPECT_TRUE(has("header: DIN Form: | Lm\xC2\xB2 / ( L0 * A0 )"));  // a code-page character, as UTF-8
}

// The BIFF8 copy reads as the same dataset and shift list as its BIFF7 original.
TEST(Xls, Biff8CopyReadsAsItsOriginal) {
  EXPECT_EQ(read_xls(bytes_of(kBiff8), "eight.xls").biff, 8);
  const auto a = read_dataset(kFiles[2]), b = read_dataset(kBiff8);
  ASSERT_EQ(a.columns.size(), b.columns.size());
  for (size_t c = 0; c < a.columns.size(); ++c) {
    EXPECT_EQ(a.columns[c].quantity, b.columns[c].quantity);
    EXPECT_EQ(a.columns[c].values, b.columns[c].values) << a.columns[c].quantity;
  }
  EXPECT_EQ(a.modulus, b.modulus);
  EXPECT_EQ(a.comments, b.comments);
}

// One byte changed at 18315 (0x0e -> 0x67) made FreeXL die with SIGSEGV inside the library.
TEST(Xls, TheFileThatCrashedFreeXlIsAnErrorOrARead) {
  std::string bytes = bytes_of(kFiles[1]);
  ASSERT_GT(bytes.size(), 18315u);
  ASSERT_EQ(bytes[18315], '\x0e');
  bytes[18315] = '\x67';
  try {
    read_xls(bytes, "m.xls");
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("m.xls: not a readable legacy Excel file (", 0), 0u) << e.what();
  }
}

// Seeded mutations (bytes changed, cut short): each reads or is an InputError naming the file;
// under the sanitizer build any read outside the buffer fails the test.
TEST(Xls, MutatedFilesAreErrorsNeverCrashes) {
  std::mt19937 rng(20261206);
  size_t errors = 0, reads = 0;
  for (const auto& f : kFiles) {
    const std::string good = bytes_of(f);
    for (int k = 0; k < 200; ++k) {
      std::string bytes = good;
      const int changes = 1 + int(rng() % 8);
      for (int i = 0; i < changes; ++i) bytes[rng() % bytes.size()] = char(rng() % 256);
      if (k % 10 == 0) bytes.resize(rng() % bytes.size());
      try {
        read_xls(bytes, "x.xls");
        ++reads;
      } catch (const InputError& e) {
        ++errors;
        ASSERT_EQ(std::string(e.what()).rfind("x.xls: ", 0), 0u) << e.what();
      }
    }
  }
  EXPECT_GT(errors, 50u);  // the mutations did reach the checks
  EXPECT_GT(reads, 50u);   // and most changes to cell values still read
}

TEST(Xls, NotACompoundFile) {
  const auto e = test::error_of([] { read_xls(std::string(600, 'x'), "t.xls"); });
  EXPECT_EQ(e, "t.xls: not a readable legacy Excel file (damaged compound file: no compound-file header)");
}

}  // namespace
