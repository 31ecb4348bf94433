// src/util/parallel.h
//
// A minimal fork-join helper: ParallelFor runs fn(i) for i in [0, n) on up
// to `threads` threads (the caller's included), handing out indices in
// chunks. Results are deterministic as long as fn(i) writes only to slot i.

#ifndef REPRINT_SRC_UTIL_PARALLEL_H_
#define REPRINT_SRC_UTIL_PARALLEL_H_

#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace reprint {
namespace internal {

// Returns the number of hardware threads (at least 1).
inline int HardwareThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

// fn(size_t index, int worker) for every index; worker in [0, threads).
template <typename Fn>
void ParallelFor(size_t n, int threads, Fn&& fn, size_t chunk = 1) {
  if (threads <= 1 || n <= chunk) {
    for (size_t i = 0; i < n; ++i) fn(i, 0);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&](int worker) {
    for (;;) {
      size_t start = next.fetch_add(chunk, std::memory_order_relaxed);
      if (start >= n) break;
      size_t stop = start + chunk < n ? start + chunk : n;
      for (size_t i = start; i < stop; ++i) fn(i, worker);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (int w = 1; w < threads; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
}

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_UTIL_PARALLEL_H_
