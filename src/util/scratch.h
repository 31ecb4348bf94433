// src/util/scratch.h
//
// Thread-local scratch buffers grow to the largest input they have held,
// and keep that memory: one document of a million words would hold tens of
// megabytes on every thread for the rest of the run (a third of the peak
// heap of a dedupe over 138 MB). Callers hand a buffer back after each use;
// it is freed only when it grew past `max_bytes`, so ordinary inputs keep
// reusing it.

#ifndef REPRINT_SRC_UTIL_SCRATCH_H_
#define REPRINT_SRC_UTIL_SCRATCH_H_

#include <cstddef>
#include <string>
#include <vector>

namespace reprint {
namespace internal {

constexpr size_t kMaxScratchBytes = size_t{1} << 20;

template <typename T>
inline void ReleaseIfLarge(std::vector<T>* v,
                           size_t max_bytes = kMaxScratchBytes) {
  if (v->capacity() * sizeof(T) > max_bytes) std::vector<T>().swap(*v);
}

inline void ReleaseIfLarge(std::string* s, size_t max_bytes = kMaxScratchBytes) {
  if (s->capacity() > max_bytes) std::string().swap(*s);
}

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_UTIL_SCRATCH_H_
