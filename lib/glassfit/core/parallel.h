// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// body(i) for i in [0, n) on `threads` threads (0: one per core), indices handed out in order.
// The first exception a body throws is rethrown after every thread has stopped taking work.
// progress(done), when given, is called on the calling thread about ten times a second.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace glassfit {

inline void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& body,
                         const std::function<void(std::size_t done)>& progress = {}) {
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::exception_ptr error;
  const auto work = [&] {
    for (std::size_t i; !failed && (i = next++) < n; ++done) {
      try {
        body(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  const unsigned want = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  const unsigned workers = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(want, n)));
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w) pool.emplace_back(work);
  if (progress) {
    pool.emplace_back(work);  // the calling thread reports instead of working
    while (!failed && done < n) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      progress(done.load());
    }
  } else {
    work();
  }
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace glassfit
