// src/util/radix_sort.h
//
// LSD radix sort of 64-bit keys, 16 bits a pass, skipping passes whose
// digit is the same for every key. For the large arrays of packed document
// pairs, where std::sort's comparisons dominate a profile.

#ifndef REPRINT_SRC_UTIL_RADIX_SORT_H_
#define REPRINT_SRC_UTIL_RADIX_SORT_H_

#include <algorithm>
#include <cstdint>
#include <vector>

namespace reprint {
namespace internal {

inline void RadixSort64(std::vector<uint64_t>* keys) {
  const size_t n = keys->size();
  if (n < 4096) {
    std::sort(keys->begin(), keys->end());
    return;
  }
  std::vector<uint64_t> tmp(n);
  uint64_t* src = keys->data();
  uint64_t* dst = tmp.data();
  std::vector<size_t> count(65536);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(count.begin(), count.end(), 0);
    for (size_t i = 0; i < n; ++i) ++count[(src[i] >> shift) & 0xFFFF];
    if (count[(src[0] >> shift) & 0xFFFF] == n) continue;  // one digit: skip
    size_t sum = 0;
    for (size_t& c : count) {
      size_t t = c;
      c = sum;
      sum += t;
    }
    for (size_t i = 0; i < n; ++i) dst[count[(src[i] >> shift) & 0xFFFF]++] = src[i];
    std::swap(src, dst);
  }
  if (src != keys->data()) std::copy(src, src + n, keys->data());
}

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_UTIL_RADIX_SORT_H_
