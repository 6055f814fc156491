#include "predict.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iostream>
#include <set>

#include "glassfit/core/error.h"
#include "glassfit/core/grid.h"
#include "glassfit/core/version.h"
#include "glassfit/io/csv_writer.h"
#include "glassfit/io/params_toml.h"
#include "glassfit/io/plot.h"
#include "glassfit/models/hc/hc.h"
#include "glassfit/models/hc/params.h"
#include "glassfit/models/hc/creep.h"
#include "glassfit/models/hc/dma.h"
#include "glassfit/models/hc/strain_control.h"

namespace glassfit::cli {
namespace {

std::vector<double> required_grid(const std::string& text, Dimension dim, const std::string& option,
                                  const std::string& protocol) {
  if (text.empty()) throw InputError(fmt::format("--protocol {} needs {}", protocol, option));
  return parse_grid(text, dim, option);
}

double required_value(const std::string& text, Dimension dim, const std::string& option, const std::string& protocol) {
  const auto v = required_grid(text, dim, option, protocol);
  if (v.size() != 1) throw InputError(option + ": give one value");
  return v[0];
}

void reject_unused(const PredictOptions& o, const std::vector<std::pair<std::string, std::string>>& given) {
  for (const auto& [name, value] : given)
    if (!value.empty()) throw InputError(fmt::format("{} does not apply to --protocol {}", name, o.protocol));
}

void emit(const PredictOptions& o, const std::vector<std::string>& comments, const std::vector<OutputColumn>& columns) {
  if (o.output.empty())
    write_stdout(format_csv(comments, columns));
  else
    write_csv(o.output, comments, columns);
}

// The model's outputs are checked before anything is written: a value that over- or underflowed
// (NaN, inf) names its row's conditions and the parameters that set the time scales there.
void check_finite_rows(const std::vector<OutputColumn>& cols, const ParameterSet& set) {
  const size_t rows = cols.empty() ? 0 : cols[0].values.size();
  for (size_t r = 0; r < rows; ++r)
    for (const auto& col : cols) {
      if (std::isfinite(col.values[r])) continue;
      const auto p = hc_params_from(set);
      const double T = cols[0].values[r];
      const auto s = hc::times(p, T);
      throw InputError(fmt::format(
          "the model gives {} = {} at {} K, {} = {:g}: it over- or underflows there (tau_beta = {:.3g} s, tau_max = "
          "{:.3g} s, chi = {:.3g}; check tau_beta0, U_beta, t0, chi_Tg, A_an, A_vp and the conditions)",
          col.header, col.values[r], T, cols[1].header, cols[1].values[r], s.tau_beta, s.tau_max, s.chi));
    }
}

std::string label_K(double T) { return fmt::format("{:g} K", T); }

Anelastic anelastic_option(const std::string& text) {
  if (text == "published") return Anelastic::Published;
  if (text == "exact") return Anelastic::Exact;
  throw InputError("--anelastic must be 'published' or 'exact'");
}

PlotSpec plot_spec(std::string title, std::string xlabel, std::string ylabel, bool log_x, bool log_y) {
  PlotSpec p;
  p.title = std::move(title), p.xlabel = std::move(xlabel), p.ylabel = std::move(ylabel);
  p.log_x = log_x, p.log_y = log_y;
  return p;
}

}  // namespace

int run_models(bool markdown) {
  const auto table = hc_parameter_table();
  if (markdown) {
    std::cout << "| name | unit | default | physical range | fitted on log scale | meaning |\n|---|---|---|---|---|---|\n";
    for (const auto& p : table)
      std::cout << fmt::format("| `{}` | {} | {:g} | {} | {} | {} |\n", p.name, p.unit, p.default_value, range_text(p),
                               p.log_scale ? "yes" : "no", p.meaning);
    return 0;
  }
  std::cout << "hc  hierarchically correlated compliance model (Hao et al.); defaults: Table 1, La60Ni15Al25\n";
  std::cout << fmt::format("  {:<10} {:<8} {:>10}  {:<14} {:<4} {}\n", "name", "unit", "default", "range", "log", "meaning");
  for (const auto& p : table)
    std::cout << fmt::format("  {:<10} {:<8} {:>10g}  {:<14} {:<4} {}\n", p.name, p.unit, p.default_value, range_text(p),
                             p.log_scale ? "yes" : "no", p.meaning);
  return 0;
}

int run_predict(const PredictOptions& o) {
  if (o.model != "hc") throw InputError(fmt::format("unknown model '{}' (known: hc; see 'glassfit models')", o.model));
  const ParameterSet set = o.params_file.empty() ? ParameterSet(hc_parameter_table())
                                                 : read_parameter_file(o.params_file, hc_parameter_table(), "hc");
  const auto p = hc_params_from(set);
  const auto temperatures = required_grid(o.temperature, Dimension::Temperature, "--temperature", o.protocol);
  for (double T : temperatures)
    if (!(T > 0)) throw InputError(fmt::format("--temperature: {:g} K is not above absolute zero", T));

  std::vector<std::string> comments = {
      fmt::format("glassfit {} predict: model hc, protocol {}", kVersion, o.protocol),
      "command: " + o.command_line,
      "parameters: " + (o.params_file.empty() ? std::string("model defaults (Table 1)") : o.params_file)};
  std::string values;
  for (const auto& [name, v] : set.values()) values += fmt::format("{}{}={:g}", values.empty() ? "" : " ", name, v);
  comments.push_back(values);

  PlotSpec plot;
  std::vector<OutputColumn> cols;
  if (o.protocol == "dma") {
    reject_unused(o, {{"--stress", o.stress}, {"--time", o.time}, {"--strain", o.strain},
                      {"--strain-rate", o.strain_rate}, {"--max-strain", o.max_strain}});
    const auto freqs = required_grid(o.frequency, Dimension::Frequency, "--frequency", o.protocol);
    for (double f : freqs)
      if (!(f > 0)) throw InputError(fmt::format("--frequency: {:g} Hz must be positive", f));
    const Anelastic an = anelastic_option(o.anelastic);
    comments.push_back("anelastic term: " + o.anelastic);
    // Outer loop over whichever list is shorter: isochronal sweeps come out one frequency at a time.
    const bool freq_outer = freqs.size() <= temperatures.size();
    check_point_count(double(freqs.size()) * double(temperatures.size()), "--temperature x --frequency");
    std::vector<DmaPoint> pts;
    for (double a : freq_outer ? freqs : temperatures)
      for (double b : freq_outer ? temperatures : freqs) pts.push_back(freq_outer ? DmaPoint{b, a} : DmaPoint{a, b});
    const auto pred = predict_dma(p, pts, an);
    cols = {{"temperature [K]", {}}, {"frequency [Hz]", {}}, {"storage_modulus [MPa]", {}}, {"loss_modulus [MPa]", {}},
            {"tan_delta [-]", {}}};
    for (size_t i = 0; i < pts.size(); ++i) {
      cols[0].values.push_back(pts[i].temperature_K);
      cols[1].values.push_back(pts[i].frequency_Hz);
      cols[2].values.push_back(pred[i].storage_MPa);
      cols[3].values.push_back(pred[i].loss_MPa);
      cols[4].values.push_back(pred[i].tan_delta);
    }
    const bool x_is_freq = temperatures.size() == 1 || (!freq_outer && freqs.size() > 1);
    plot.title = x_is_freq ? "HC model: isothermal DMA" : "HC model: isochronal DMA";
    plot.xlabel = x_is_freq ? "frequency [Hz]" : "temperature [K]";
    plot.log_x = x_is_freq;
    plot.ylabel = "storage modulus E' [MPa]";
    plot.y2label = "loss modulus E'' [MPa]";
    plot.log_y = plot.log_y2 = x_is_freq;
    const size_t block = freq_outer ? temperatures.size() : freqs.size();
    for (size_t start = 0; start < pts.size(); start += block) {
      const std::string tag = freq_outer ? fmt::format("{:g} Hz", pts[start].frequency_Hz) : label_K(pts[start].temperature_K);
      Series e1, e2;
      e1.title = "E' " + tag, e2.title = "E'' " + tag, e2.right_axis = true;
      for (size_t i = start; i < start + block; ++i) {
        const double x = x_is_freq ? pts[i].frequency_Hz : pts[i].temperature_K;
        e1.x.push_back(x), e1.y.push_back(pred[i].storage_MPa);
        e2.x.push_back(x), e2.y.push_back(pred[i].loss_MPa);
      }
      plot.series.push_back(std::move(e1));
      plot.series.push_back(std::move(e2));
    }
  } else if (o.protocol == "master") {
    // The model's own master curve: an isothermal sweep at T_ref over a wide frequency range.
    // The HC model is not thermorheologically simple, so no shift is involved.
    reject_unused(o, {{"--stress", o.stress}, {"--time", o.time}, {"--strain", o.strain},
                      {"--strain-rate", o.strain_rate}, {"--max-strain", o.max_strain}});
    if (temperatures.size() != 1) throw InputError("--protocol master needs one --temperature (the reference)");
    const auto freqs = parse_grid(o.frequency.empty() ? std::string("1e-6:1e6:121log") : o.frequency,
                                  Dimension::Frequency, "--frequency");
    for (double f : freqs)
      if (!(f > 0)) throw InputError(fmt::format("--frequency: {:g} Hz must be positive", f));
    const Anelastic an = anelastic_option(o.anelastic);
    comments.push_back("anelastic term: " + o.anelastic);
    comments.push_back("loss_modulus_beta + loss_modulus_alpha = loss_modulus (additive loss compliance)");
    std::vector<DmaPoint> pts;
    for (double f : freqs) pts.push_back({temperatures[0], f});
    const auto pred = predict_dma(p, pts, an);
    const auto parts = predict_dma_loss_parts(p, pts, an);
    cols = {{"temperature [K]", {}},    {"frequency [Hz]", {}},          {"storage_modulus [MPa]", {}},
            {"loss_modulus [MPa]", {}}, {"loss_modulus_beta [MPa]", {}}, {"loss_modulus_alpha [MPa]", {}},
            {"tan_delta [-]", {}}};
    Series e1, e2, eb, ea;
    e1.title = "E'", e2.title = "E''", eb.title = "E'' beta", ea.title = "E'' alpha (anelastic + viscoplastic)";
    for (size_t i = 0; i < pts.size(); ++i) {
      const double v[] = {pts[i].temperature_K, pts[i].frequency_Hz, pred[i].storage_MPa, pred[i].loss_MPa,
                          parts[i].beta_MPa,    parts[i].alpha_MPa,  pred[i].tan_delta};
      for (size_t c = 0; c < cols.size(); ++c) cols[c].values.push_back(v[c]);
      e1.x.push_back(v[1]), e1.y.push_back(v[2]);
      e2.x.push_back(v[1]), e2.y.push_back(v[3]);
      // Log axes: leave out parts too small to draw.
      if (v[4] > 1e-6 * v[3]) eb.x.push_back(v[1]), eb.y.push_back(v[4]);
      if (v[5] > 1e-6 * v[3]) ea.x.push_back(v[1]), ea.y.push_back(v[5]);
    }
    plot = plot_spec(fmt::format("HC model master curve at {:g} K", temperatures[0]), "frequency [Hz]", "modulus [MPa]",
                     true, true);
    plot.series = {e1, e2, eb, ea};
  } else if (o.protocol == "creep") {
    reject_unused(o, {{"--frequency", o.frequency}, {"--strain", o.strain}, {"--strain-rate", o.strain_rate},
                      {"--max-strain", o.max_strain}});
    if (o.stress.empty()) throw InputError("--protocol creep needs --stress (e.g. 50@0,0@330 in MPa@s)");
    const auto history = parse_history(o.stress, Dimension::Stress, "--stress");
    const auto times = required_grid(o.time, Dimension::Time, "--time", o.protocol);
    check_point_count(double(times.size()) * double(temperatures.size()), "--temperature x --time");
    for (double t : times)
      if (t < 0) throw InputError(fmt::format("--time: negative time {:g} s", t));
    cols = {{"temperature [K]", {}}, {"time [s]", {}}, {"stress [MPa]", {}}, {"strain [-]", {}}};
    plot = plot_spec("HC model: creep", "time [s]", "strain [-]", false, false);
    for (double T : temperatures) {
      const auto strain = predict_creep_strain(p, T, history, times);
      Series se;
      se.title = label_K(T);
      for (size_t i = 0; i < times.size(); ++i) {
        double stress = 0;
        for (const auto& st : history)
          if (times[i] > st.time_s) stress = st.value;  // as in predict_creep_strain
        cols[0].values.push_back(T), cols[1].values.push_back(times[i]);
        cols[2].values.push_back(stress), cols[3].values.push_back(strain[i]);
        se.x.push_back(times[i]), se.y.push_back(strain[i]);
      }
      plot.series.push_back(std::move(se));
    }
  } else if (o.protocol == "relaxation" || o.protocol == "tension") {
    const bool relax = o.protocol == "relaxation";
    StrainProgram program;
    std::vector<double> times;
    if (relax) {
      reject_unused(o, {{"--frequency", o.frequency}, {"--stress", o.stress}, {"--strain-rate", o.strain_rate},
                        {"--max-strain", o.max_strain}});
      program.strain_step = required_value(o.strain, Dimension::Dimensionless, "--strain", o.protocol);
      times = required_grid(o.time, Dimension::Time, "--time", o.protocol);
    } else {
      reject_unused(o, {{"--frequency", o.frequency}, {"--stress", o.stress}, {"--strain", o.strain}});
      program.strain_rate_per_s = required_value(o.strain_rate, Dimension::StrainRate, "--strain-rate", o.protocol);
      if (!(program.strain_rate_per_s > 0)) throw InputError("--strain-rate must be positive (1/s)");
      if (!o.max_strain.empty() == !o.time.empty())
        throw InputError("--protocol tension needs exactly one of --max-strain and --time");
      if (!o.max_strain.empty()) {
        const double emax = required_value(o.max_strain, Dimension::Dimensionless, "--max-strain", o.protocol);
        if (!(emax > 0)) throw InputError("--max-strain must be positive");
        if (o.points < 2) throw InputError("--points must be at least 2");
        check_point_count(double(o.points) * double(temperatures.size()), "--points");
        for (int i = 1; i <= o.points; ++i) times.push_back(emax / program.strain_rate_per_s * i / o.points);
      } else {
        times = required_grid(o.time, Dimension::Time, "--time", o.protocol);
      }
    }
    check_point_count(double(times.size()) * double(temperatures.size()), "--temperature x --time");
    for (size_t i = 0; i < times.size(); ++i)
      if (!(times[i] > 0) || (i && !(times[i] > times[i - 1])))
        throw InputError("--time: times must be positive and increasing");
    StrainControlOptions sc;
    sc.points_per_decade = o.points_per_decade;
    cols = {{"temperature [K]", {}}, {"time [s]", {}}, {"strain [-]", {}}, {"stress [MPa]", {}}};
    if (relax)
      plot = plot_spec("HC model: stress relaxation", "time [s]", "stress [MPa]", true, true);
    else
      plot = plot_spec("HC model: constant strain rate loading", "strain [-]", "stress [MPa]", false, false);
    for (double T : temperatures) {
      const auto stress = solve_stress(p, T, program, times, sc);
      Series se;
      se.title = label_K(T);
      for (size_t i = 0; i < times.size(); ++i) {
        const double strain = program.strain_step + program.strain_rate_per_s * times[i];
        cols[0].values.push_back(T), cols[1].values.push_back(times[i]);
        cols[2].values.push_back(strain), cols[3].values.push_back(stress[i]);
        // Log axes cannot show non-positive values: leave them out of the relaxation plot.
        if (relax && !(stress[i] > 0)) continue;
        se.x.push_back(relax ? times[i] : strain), se.y.push_back(stress[i]);
      }
      plot.series.push_back(std::move(se));
    }
  } else {
    throw InputError(fmt::format("unknown protocol '{}' (dma, master, creep, relaxation, tension)", o.protocol));
  }
  check_finite_rows(cols, set);
  emit(o, comments, cols);
  if (!o.plot.empty()) draw_plot(o.plot, plot);
  return 0;
}

}  // namespace glassfit::cli
