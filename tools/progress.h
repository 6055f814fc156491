// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// A one-line progress report on a terminal (standard error), at most twice a second; silent when
// standard error is not a terminal or with --quiet.
#include <chrono>
#include <iostream>
#include <unistd.h>

namespace glassfit::cli {

class Progress {
 public:
  explicit Progress(bool quiet) : on_(!quiet && ::isatty(2)) {}
  template <typename F>
  void maybe(F&& line) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    std::cerr << "\r" << line() << "\033[K" << std::flush;
  }
  void done() {
    if (on_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace glassfit::cli
