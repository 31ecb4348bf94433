// src/util/hash.h
//
// The only includer of xxhash.h. Everything inline; nothing exported.

#ifndef REPRINT_SRC_UTIL_HASH_H_
#define REPRINT_SRC_UTIL_HASH_H_

#include <cstddef>
#include <cstdint>
#include <utility>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace reprint {
namespace internal {

inline uint64_t Hash64(const void* data, size_t len, uint64_t seed = 0) {
  return XXH3_64bits_withSeed(data, len, seed);
}

// A 128-bit hash, for telling whole texts apart: two different texts
// share one with a probability of about 2^-128.
inline std::pair<uint64_t, uint64_t> Hash128(const void* data, size_t len) {
  const XXH128_hash_t h = XXH3_128bits(data, len);
  return {h.low64, h.high64};
}

inline uint32_t Hash32(const void* data, size_t len, uint32_t seed = 0) {
  return XXH32(data, len, seed);
}

// A strong 64-bit finaliser (the murmur3/splitmix64 mixer).
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_UTIL_HASH_H_
