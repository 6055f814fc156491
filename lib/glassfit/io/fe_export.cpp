// SPDX-License-Identifier: BSD-3-Clause
#include "glassfit/io/fe_export.h"

#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "glassfit/core/error.h"
#include "glassfit/io/text_file.h"

namespace glassfit {

double PronySeries::instantaneous() const {
  double s = E_inf;
  for (double e : E) s += e;
  return s;
}

WlfShift wlf_from_shift_report(const std::string& path) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_text_file(path));
    for (const auto& law : j.at("shift_laws"))
      if (law.at("law") == "wlf") {
        WlfShift w;
        w.T_ref_K = j.at("reference_temperature_K").get<double>();
        w.C1 = law.at("parameters").at("C1").at("value").get<double>();
        w.C2_K = law.at("parameters").at("C2").at("value").get<double>();
        if (!std::isfinite(w.C1) || !std::isfinite(w.C2_K) || !std::isfinite(w.T_ref_K))
          throw InputError(path + ": the WLF constants are not finite");
        // Reports before the judgement (glassfit < 0.2) carry no "valid": export checks C1, C2 only.
        const auto range = j.value("law_range_K", nlohmann::json::array());
        const std::string where =
            range.size() == 2 ? fmt::format(" over {:.2f}-{:.2f} K", range[0].get<double>(), range[1].get<double>())
                              : "";
        if (!law.value("valid", true))
          throw InputError(
              fmt::format("{}: its WLF law{} is {}; a card would carry a wrong shift. Re-run 'glassfit shift' with a "
                          "--reference-temperature or --law-range where WLF describes the shifts (report.json: "
                          "best_law, shift_laws[].verdict), or give --wlf",
                          path, where, law.value("verdict", std::string("not valid"))));
        if (!law.value("describes", true))
          w.caution = fmt::format("the WLF law of {}{} {}", path, where, law.value("verdict", std::string()));
        return w;
      }
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: not a report.json of 'glassfit shift' ({})", path, e.what()));
  }
  throw InputError(path + ": the shift report has no WLF law");
}

namespace {

constexpr const char* kNumber = "{:.10g}";

std::string number(double v) { return fmt::format(kNumber, v); }

void check(const PronySeries& s) {
  const double E0 = s.instantaneous();
  if (s.E.empty() || s.E.size() != s.tau_s.size()) throw InputError("export: a Prony series needs at least one term");
  if (!(E0 > 0) || !std::isfinite(E0)) throw InputError("export: the instantaneous modulus must be positive");
  for (size_t i = 0; i < s.E.size(); ++i) {
    if (!(s.E[i] >= 0)) throw InputError(fmt::format("export: weight {} is negative ({:g} MPa)", i + 1, s.E[i]));
    if (!(s.tau_s[i] > 0)) throw InputError(fmt::format("export: relaxation time {} is not positive", i + 1));
  }
}

// A WLF law is finite over the temperatures it is used at only with C1 > 0 and C2 > 0 (it
// diverges at T = T_ref - C2); a C2 of 0 or below is singular at or above T_ref.
void check_wlf(const std::optional<WlfShift>& w) {
  if (!w) return;
  if (!(w->T_ref_K > 0) || !std::isfinite(w->T_ref_K))
    throw InputError(fmt::format("export: WLF T_ref {:g} K must be above absolute zero", w->T_ref_K));
  if (!(w->C1 > 0) || !std::isfinite(w->C1) || !(w->C2_K > 0) || !std::isfinite(w->C2_K))
    throw InputError(
        fmt::format("export: WLF C1 = {:g}, C2 = {:g} K: both must be positive (the law diverges at "
                    "T_ref - C2)",
                    w->C1, w->C2_K));
}

void check_poisson(const std::optional<double>& nu) {
  if (nu && !(*nu > -1 && *nu < 0.5)) throw InputError(fmt::format("--poisson {:g}: must lie in (-1, 0.5)", *nu));
}

std::string header(const std::string& comment, const PronySeries& s, const std::vector<std::string>& provenance) {
  std::string out;
  for (const auto& line : provenance) out += comment + " " + line + "\n";
  const char* kind = s.shear ? "shear" : "tensile";
  out += fmt::format("{} Prony series of the {} relaxation modulus, {} terms; units MPa, s, K\n", comment, kind,
                     s.E.size());
  out += fmt::format("{} {}(t) = {}0 [1 - sum_i w_i (1 - exp(-t/tau_i))], {}0 = {} MPa, w_i = weight_i / {}0\n",
                     comment, s.shear ? 'G' : 'E', s.shear ? 'G' : 'E', s.shear ? 'G' : 'E', number(s.instantaneous()),
                     s.shear ? 'G' : 'E');
  if (!s.shear)
    out += comment + " from a tensile series: the bulk weights equal the shear ones (a constant Poisson ratio)\n";
  return out;
}

// The instantaneous Young's modulus for the elastic line (E = 2 (1 + nu) G for a shear series).
double instantaneous_youngs(const PronySeries& s, double poisson) {
  return s.shear ? 2 * (1 + poisson) * s.instantaneous() : s.instantaneous();
}

}  // namespace

std::string abaqus_block(const PronySeries& s, const std::optional<WlfShift>& shift,
                         const std::optional<double>& poisson, const std::vector<std::string>& provenance) {
  check(s);
  check_poisson(poisson);
  check_wlf(shift);
  const double E0 = s.instantaneous();
  std::string out = header("**", s, provenance);
  if (poisson) {
    out +=
        "*ELASTIC, MODULI=INSTANTANEOUS\n" + number(instantaneous_youngs(s, *poisson)) + ", " + number(*poisson) + "\n";
  } else {
    out += "** no *ELASTIC line: give --poisson to write the instantaneous moduli\n";
  }
  out += "*VISCOELASTIC, TIME=PRONY\n";
  for (size_t i = 0; i < s.E.size(); ++i) {
    const double g = s.E[i] / E0;
    out += number(g) + ", " + number(s.shear ? 0.0 : g) + ", " + number(s.tau_s[i]) + "\n";
  }
  if (!shift) out += "** no *TRS: no shift law was given; the series holds at its reference temperature only\n";
  if (shift) {
    out += "** WLF: log10 aT = -C1 (T - T_ref)/(C2 + T - T_ref); T_ref in K\n";
    if (!shift->caution.empty()) out += "** caution: " + shift->caution + "\n";
    out += "*TRS, DEFINITION=WLF\n" + number(shift->T_ref_K) + ", " + number(shift->C1) + ", " + number(shift->C2_K) +
           "\n";
  }
  return out;
}

std::string ansys_block(const PronySeries& s, const std::optional<WlfShift>& shift,
                        const std::optional<double>& poisson, const std::vector<std::string>& provenance) {
  check(s);
  check_poisson(poisson);
  check_wlf(shift);
  const double E0 = s.instantaneous();
  std::string out = header("!", s, provenance);
  if (poisson) {
    out += "MP,EX,1," + number(instantaneous_youngs(s, *poisson)) + "\nMP,PRXY,1," + number(*poisson) + "\n";
  } else {
    out += "! no MP,EX / MP,PRXY: give --poisson to write the instantaneous moduli\n";
  }
  auto table = [&](const char* option) {
    out += fmt::format("TB,PRONY,1,,{},{}\n", s.E.size(), option);
    std::vector<double> pairs;
    for (size_t i = 0; i < s.E.size(); ++i) pairs.push_back(s.E[i] / E0), pairs.push_back(s.tau_s[i]);
    for (size_t at = 0; at < pairs.size(); at += 6) {
      out += fmt::format("TBDATA,{}", at + 1);
      for (size_t k = at; k < std::min(pairs.size(), at + 6); ++k) out += fmt::format(",{}", number(pairs[k]));
      out += "\n";
    }
  };
  table("SHEAR");
  if (!s.shear) table("BULK");
  if (!shift) out += "! no TB,SHIFT: no shift law was given; the series holds at its reference temperature only\n";
  if (shift) {
    out +=
        "! WLF: log10 aT = -C1 (T - T_ref)/(C2 + T - T_ref); T_ref in K. ANSYS writes log10 A = C1 (T - Tr)/(C2 + T - "
        "Tr)\n"
        "! with pseudotime dxi = A dt, so A = 1/aT and the constants are the same (not confirmed from ANSYS's own "
        "text)\n";
    if (!shift->caution.empty()) out += "! caution: " + shift->caution + "\n";
    out += "TB,SHIFT,1,,3,WLF\nTBDATA,1," + number(shift->T_ref_K) + "," + number(shift->C1) + "," +
           number(shift->C2_K) + "\n";
  }
  return out;
}

}  // namespace glassfit
