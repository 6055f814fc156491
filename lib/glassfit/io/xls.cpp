// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/xls.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <iconv.h>

#include "glassfit/core/error.h"
#include "glassfit/io/cfb.h"

namespace glassfit {
namespace {

// Record types ([MS-XLS] 2.3; BIFF5 uses the same numbers for these).
enum : uint16_t {
  kFormula = 0x0006,
  kEof = 0x000A,
  kFilePass = 0x002F,
  kContinue = 0x003C,
  kCodePage = 0x0042,
  kBoundSheet = 0x0085,
  kMulRk = 0x00BD,
  kRString = 0x00D6,
  kSst = 0x00FC,
  kLabelSst = 0x00FD,
  kNumber = 0x0203,
  kLabel = 0x0204,
  kString = 0x0207,
  kRk = 0x027E,
  kBof = 0x0809,
};

uint16_t u16(std::string_view b, size_t at) { return uint16_t(uint8_t(b[at]) | uint8_t(b[at + 1]) << 8); }
uint32_t u32(std::string_view b, size_t at) { return uint32_t(u16(b, at)) | uint32_t(u16(b, at + 2)) << 16; }
double f64(std::string_view b, size_t at) {
  return std::bit_cast<double>(uint64_t(u32(b, at)) | uint64_t(u32(b, at + 4)) << 32);
}

// An RK number: 30 bits of a double's top or of an integer, optionally divided by 100 ([MS-XLS] 2.5.217).
double rk_value(uint32_t rk) {
  const double v = (rk & 2) ? double(int32_t(rk) >> 2) : std::bit_cast<double>(uint64_t(rk & 0xFFFFFFFCu) << 32);
  return (rk & 1) ? v / 100 : v;
}

void append_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += char(c);
  } else if (c < 0x800) {
    out += char(0xC0 | c >> 6), out += char(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += char(0xE0 | c >> 12), out += char(0x80 | (c >> 6 & 0x3F)), out += char(0x80 | (c & 0x3F));
  } else {
    out += char(0xF0 | c >> 18), out += char(0x80 | (c >> 12 & 0x3F)), out += char(0x80 | (c >> 6 & 0x3F)),
        out += char(0x80 | (c & 0x3F));
  }
}

// UTF-16 code units to UTF-8; an unpaired surrogate becomes U+FFFD.
void append_utf16(std::string& out, const std::vector<uint16_t>& units) {
  for (size_t i = 0; i < units.size(); ++i) {
    const uint32_t u = units[i];
    if (u >= 0xD800 && u < 0xDC00 && i + 1 < units.size() && units[i + 1] >= 0xDC00 && units[i + 1] < 0xE000)
      append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (units[++i] - 0xDC00));
    else
      append_utf8(out, (u >= 0xD800 && u < 0xE000) ? 0xFFFD : u);
  }
}

// BIFF5 text is in the workbook's code page (CODEPAGE record; Windows-1252 when absent).
class CodePage {
 public:
  CodePage(uint16_t page, const std::string& path) {
    const std::string name = page == 367                        ? "ASCII"
                             : page == 1200                     ? "UTF-16LE"
                             : (page == 10000 || page == 32768) ? "MACINTOSH"
                                                                : fmt::format("CP{}", page);
    cd_ = iconv_open("UTF-8", name.c_str());
    if (cd_ == iconv_t(-1))
      throw InputError(fmt::format("{}: code page {} is not one this system converts", path, page));
  }
  ~CodePage() { iconv_close(cd_); }
  CodePage(const CodePage&) = delete;
  CodePage& operator=(const CodePage&) = delete;

  std::string utf8(std::string_view bytes) const {
    std::string out;
    char buf[256];
    char* in = const_cast<char*>(bytes.data());
    size_t left = bytes.size();
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);
    while (left > 0) {
      char* o = buf;
      size_t room = sizeof buf;
      const size_t rc = iconv(cd_, &in, &left, &o, &room);
      out.append(buf, size_t(o - buf));
      if (rc == size_t(-1) && errno != E2BIG) {  // a byte the page does not define
        append_utf8(out, 0xFFFD);
        ++in, --left;
      }
    }
    return out;
  }

 private:
  iconv_t cd_;
};

// The bytes of one record after another; a record that does not fit is an error.
struct Record {
  uint16_t type = 0;
  std::string_view data;
};

class Records {
 public:
  Records(std::string_view stream, size_t at, const std::string& path) : s_(stream), at_(at), path_(path) {}
  bool next(Record& r) {
    if (at_ + 4 > s_.size()) return false;
    r.type = u16(s_, at_);
    const size_t len = u16(s_, at_ + 2);
    if (at_ + 4 + len > s_.size()) fail(fmt::format("record 0x{:04X} at byte {} runs past the stream", r.type, at_));
    r.data = s_.substr(at_ + 4, len);
    at_ += 4 + len;
    return true;
  }
  uint16_t peek_type() const { return at_ + 4 <= s_.size() ? u16(s_, at_) : 0; }
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(fmt::format("{}: not a readable legacy Excel file ({})", path_, what));
  }

 private:
  std::string_view s_;
  size_t at_;
  const std::string& path_;
};

// Reads BIFF8 strings ([MS-XLS] 2.5.293 XLUnicodeRichExtendedString) from a record and its
// CONTINUE records: characters that cross into the next record start it with a new flags byte.
class Pieces {
 public:
  Pieces(std::vector<std::string_view> pieces, const Records& where) : p_(std::move(pieces)), where_(where) {}
  uint8_t byte() {
    while (i_ < p_.size() && at_ == p_[i_].size()) ++i_, at_ = 0;
    if (i_ == p_.size()) where_.fail("a string runs past its record");
    return uint8_t(p_[i_][at_++]);
  }
  uint16_t u16le() { return uint16_t(byte() | byte() << 8); }
  uint32_t u32le() { return uint32_t(u16le()) | uint32_t(u16le()) << 16; }
  void skip(uint64_t n) {
    for (; n > 0; --n) byte();
  }
  // A string whose character count is `count_bytes` (1 or 2) wide.
  std::string string(int count_bytes) {
    const size_t n = count_bytes == 1 ? byte() : u16le();
    const uint8_t flags = byte();
    const size_t runs = (flags & 8) ? u16le() : 0;
    const uint32_t ext = (flags & 4) ? u32le() : 0;
    bool wide = flags & 1;
    std::vector<uint16_t> units;
    units.reserve(n);
    while (units.size() < n) {
      if (i_ < p_.size() && at_ == p_[i_].size()) {  // the characters go on in the next record
        ++i_, at_ = 0;
        wide = byte() & 1;
      }
      units.push_back(wide ? u16le() : byte());
    }
    skip(4 * uint64_t(runs) + ext);
    std::string out;
    append_utf16(out, units);
    return out;
  }
  bool done() const { return i_ >= p_.size() || (i_ + 1 == p_.size() && at_ == p_[i_].size()); }

 private:
  std::vector<std::string_view> p_;
  size_t i_ = 0, at_ = 0;
  const Records& where_;
};

class Reader {
 public:
  Reader(std::string_view stream, const std::string& path) : stream_(stream), path_(path) {}

  XlsWorkbook read() {
    Records recs(stream_, 0, path_);
    Record r;
    if (!recs.next(r) || r.type != kBof || r.data.size() < 4) recs.fail("no BOF record at the start of the workbook");
    const uint16_t version = u16(r.data, 0);
    if (version != 0x0500 && version != 0x0600)
      recs.fail(fmt::format("BIFF version 0x{:04X}; BIFF5 (0x0500) and BIFF8 (0x0600) are read", version));
    book_.biff = version == 0x0600 ? 8 : 5;
    struct Bound {
      uint32_t at;
      std::string name;
    };
    std::vector<Bound> bounds;
    uint16_t page = 1252;
    while (recs.next(r) && r.type != kEof) {
      if (r.type == kFilePass) recs.fail("the workbook is encrypted");
      if (r.type == kCodePage && r.data.size() >= 2) page = u16(r.data, 0);
      if (r.type == kBoundSheet) {
        if (r.data.size() < 7) recs.fail("a short sheet record");
        if (uint8_t(r.data[5]) != 0) continue;  // a chart, macro or VB module sheet: no cells
        Bound b{u32(r.data, 0), ""};
        b.name = book_.biff == 8 ? Pieces({r.data.substr(6)}, recs).string(1) : raw_name(r.data.substr(6), recs);
        bounds.push_back(std::move(b));
      }
      if (r.type == kSst) read_sst(r, recs);
    }
    page_.emplace(page, path_);
    for (auto& b : bounds) {
      if (book_.biff == 5) b.name = page_->utf8(b.name);
      book_.sheets.push_back(read_sheet(b.at, std::move(b.name)));
    }
    return std::move(book_);
  }

 private:
  // A BIFF5 sheet name: a byte count, then bytes in the code page (converted once it is known).
  static std::string raw_name(std::string_view d, const Records& recs) {
    if (d.empty() || d.size() < 1 + size_t(uint8_t(d[0]))) recs.fail("a sheet name runs past its record");
    return std::string(d.substr(1, uint8_t(d[0])));
  }

  void read_sst(const Record& first, Records& recs) {
    std::vector<std::string_view> pieces{first.data};
    Record r;
    while (recs.peek_type() == kContinue && recs.next(r)) pieces.push_back(r.data);
    Pieces p(std::move(pieces), recs);
    p.u32le();
    const uint32_t unique = p.u32le();
    for (uint32_t i = 0; i < unique; ++i) {
      if (p.done()) break;  // fewer strings than announced: a cell naming a missing one fails later
      sst_.push_back(p.string(2));
    }
  }

  // A LABEL/RSTRING/STRING text: BIFF8 a 16-bit count and flags, BIFF5 a 16-bit count and bytes.
  std::string label(std::string_view d, const Records& recs) const {
    if (book_.biff == 8) return Pieces({d}, recs).string(2);
    if (d.size() < 2 || d.size() < 2 + size_t(u16(d, 0))) recs.fail("a text cell runs past its record");
    return page_->utf8(d.substr(2, u16(d, 0)));
  }

  XlsSheet read_sheet(uint32_t at, std::string name) {
    XlsSheet sheet;
    sheet.name = std::move(name);
    Records recs(stream_, at, path_);
    Record r;
    if (at >= stream_.size() || !recs.next(r) || r.type != kBof || r.data.size() < 4 || u16(r.data, 2) != 0x0010)
      recs.fail(fmt::format("sheet '{}' does not start with a worksheet BOF record", printable(sheet.name, 40)));
    auto put = [&](std::string_view d, uint32_t col, XlsCell cell) {
      if (++cells_ > kMaxXlsCells) recs.fail(fmt::format("more than {} cells", kMaxXlsCells));
      const uint32_t row = u16(d, 0);
      sheet.rows = std::max(sheet.rows, row + 1), sheet.cols = std::max(sheet.cols, col + 1);
      sheet.cells[{row, col}] = std::move(cell);
    };
    std::string_view pending_formula;  // a text formula's record, its text in the next STRING
    while (recs.next(r) && r.type != kEof) {
      const auto& d = r.data;
      const bool cell = r.type == kNumber || r.type == kRk || r.type == kLabel || r.type == kRString ||
                        r.type == kLabelSst || r.type == kFormula || r.type == kMulRk;
      if (cell && d.size() < 6) recs.fail(fmt::format("a short cell record (0x{:04X})", r.type));
      const uint32_t col = cell ? u16(d, 2) : 0;
      if (r.type == kNumber && d.size() >= 14) put(d, col, {"", f64(d, 6)});
      if (r.type == kRk && d.size() >= 10) put(d, col, {"", rk_value(u32(d, 6))});
      if (r.type == kLabel || r.type == kRString) put(d, col, {label(d.substr(6), recs), std::nullopt});
      if (r.type == kLabelSst) {
        if (d.size() < 10 || u32(d, 6) >= sst_.size()) recs.fail("a text cell names a string the workbook lacks");
        put(d, col, {sst_[u32(d, 6)], std::nullopt});
      }
      if (r.type == kMulRk) {
        if ((d.size() - 6) % 6 != 0) recs.fail("a MULRK record of odd length");
        for (size_t k = 0; 4 + 6 * k + 6 <= d.size() - 2; ++k)
          put(d, col + uint32_t(k), {"", rk_value(u32(d, 6 + 6 * k))});
      }
      if (r.type == kFormula && d.size() >= 14) {
        if (u16(d, 12) != 0xFFFF)
          put(d, col, {"", f64(d, 6)});
        else if (uint8_t(d[6]) == 0)
          pending_formula = d;
      }
      if (r.type == kString && !pending_formula.empty()) {
        put(pending_formula, u16(pending_formula, 2), {label(d, recs), std::nullopt});
        pending_formula = {};
      }
    }
    return sheet;
  }

  std::string_view stream_;
  const std::string& path_;
  XlsWorkbook book_;
  std::vector<std::string> sst_;
  std::optional<CodePage> page_;
  size_t cells_ = 0;
};

}  // namespace

XlsWorkbook read_xls(std::string_view bytes, const std::string& path) {
  auto stream = cfb_root_stream(bytes, "Workbook", path);
  if (!stream) stream = cfb_root_stream(bytes, "Book", path);
  if (!stream) throw InputError(path + ": not a readable legacy Excel file (no 'Workbook' or 'Book' stream)");
  return Reader(*stream, path).read();
}

}  // namespace glassfit
