// src/util/parallel.h
//
// A minimal fork-join helper: ParallelFor runs fn(i, worker) for i in
// [0, n) on up to `threads` threads (the caller's included), handing out
// indices in chunks. Results are deterministic as long as fn(i) writes only
// to slot i.
//
// Worker threads are kept in a process-wide pool, so that their
// thread-local buffers (token vectors and the like) survive from one call
// to the next instead of being allocated and faulted in again. A call made
// while the pool is busy (from another thread) runs on threads of its own.

#ifndef REPRINT_SRC_UTIL_PARALLEL_H_
#define REPRINT_SRC_UTIL_PARALLEL_H_

#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace reprint {
namespace internal {

// Returns the number of hardware threads (at least 1).
inline int HardwareThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

// Runs body(worker) on workers 1..helpers of the process-wide pool while
// the caller runs body(0); returns when all have finished. Returns false
// (running nothing) if the pool is busy.
bool RunOnPool(int helpers, const std::function<void(int)>& body);

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
  if (RunOnPool(threads - 1, work)) return;
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (int w = 1; w < threads; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
}

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_UTIL_PARALLEL_H_
