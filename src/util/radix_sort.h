// src/util/radix_sort.h
//
// LSD radix sort by a 64-bit key, 16 bits a pass, skipping passes whose
// digit is the same for every element. For the large arrays of packed
// document pairs, where std::sort's comparisons dominate a profile. The
// sort is stable.

#ifndef REPRINT_SRC_UTIL_RADIX_SORT_H_
#define REPRINT_SRC_UTIL_RADIX_SORT_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "src/util/scratch.h"

namespace reprint {
namespace internal {

// Sorts items[0, n) stably by key(item), a uint64_t.
template <typename T, typename KeyFn>
void RadixSortBy(T* items, size_t n, KeyFn key) {
  if (n < 4096) {
    std::stable_sort(items, items + n,
                     [&](const T& x, const T& y) { return key(x) < key(y); });
    return;
  }
  std::unique_ptr<T[]> tmp(new T[n]);  // uninitialised, as below
  T* src = items;
  T* dst = tmp.get();
  std::vector<size_t> count(65536);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(count.begin(), count.end(), 0);
    for (size_t i = 0; i < n; ++i) ++count[(key(src[i]) >> shift) & 0xFFFF];
    if (count[(key(src[0]) >> shift) & 0xFFFF] == n) continue;  // one digit
    size_t sum = 0;
    for (size_t& c : count) {
      size_t t = c;
      c = sum;
      sum += t;
    }
    for (size_t i = 0; i < n; ++i) {
      dst[count[(key(src[i]) >> shift) & 0xFFFF]++] = src[i];
    }
    std::swap(src, dst);
  }
  if (src != items) std::copy(src, src + n, items);
}

// Sorts items[0, n) stably by key(item), a uint64_t below 2^bits, in
// ceil(bits / 16) passes of equal digits from one histogram pass: keys of
// 28 bits take two passes of 14 bits, whose 16,384 counters stay in the
// cache where RadixSortBy()'s 65,536 (per pass, cleared each time) do not.
// REQUIRES: n < 2^32, 0 < bits <= 64.
template <typename T, typename KeyFn>
void RadixSortByBits(T* items, size_t n, int bits, KeyFn key) {
  if (n < 4096) {
    std::stable_sort(items, items + n,
                     [&](const T& x, const T& y) { return key(x) < key(y); });
    return;
  }
  constexpr int kMaxPasses = 4;
  const int passes = std::min(kMaxPasses, (bits + 15) / 16);
  const int digit = (bits + passes - 1) / passes;
  const uint64_t mask = (uint64_t{1} << digit) - 1;
  std::vector<uint32_t> count(static_cast<size_t>(passes) << digit, 0);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t k = key(items[i]);
    for (int p = 0; p < passes; ++p) {
      ++count[(static_cast<size_t>(p) << digit) + ((k >> (p * digit)) & mask)];
    }
  }
  // Scratch left uninitialised: every element is written before it is
  // read (zeroing it first cost a pass over memory).
  std::unique_ptr<T[]> tmp(new T[n]);
  T* src = items;
  T* dst = tmp.get();
  for (int p = 0; p < passes; ++p) {
    uint32_t* c = &count[static_cast<size_t>(p) << digit];
    const int shift = p * digit;
    if (c[(key(src[0]) >> shift) & mask] == n) continue;  // one digit: skip
    uint32_t sum = 0;
    for (uint64_t d = 0; d <= mask; ++d) {
      const uint32_t t = c[d];
      c[d] = sum;
      sum += t;
    }
    for (size_t i = 0; i < n; ++i)
      dst[c[(key(src[i]) >> shift) & mask]++] = src[i];
    std::swap(src, dst);
  }
  if (src != items) std::copy(src, src + n, items);
}

// Sorts `items` stably by key(item), a uint64_t.
template <typename T, typename KeyFn>
void RadixSortBy(std::vector<T>* items, KeyFn key) {
  RadixSortBy(items->data(), items->size(), key);
}

// Sorts the unsigned keys data[0, n) by their bits from 8 * first_digit
// up, stably (keys equal there keep their order), with 8-bit LSD passes
// from one histogram pass, skipping digits that are the same for every
// key, as the high digits of packed positions are: no mispredicted
// comparisons on random hashes. Tiny inputs use std::sort (or
// std::stable_sort on the upper bits). The scratch array is kept per
// thread up to `keep_bytes`. REQUIRES: n < 2^32, 0 <= first_digit <
// sizeof(T).
template <typename T>
void RadixSortBytes(T* data, size_t n, int first_digit, size_t keep_bytes) {
  constexpr int kDigits = static_cast<int>(sizeof(T));
  if (n < 64) {
    if (first_digit == 0) {
      std::sort(data, data + n);  // equal keys are indistinguishable
    } else {
      const int low = 8 * first_digit;
      std::stable_sort(data, data + n,
                       [low](T x, T y) { return (x >> low) < (y >> low); });
    }
    return;
  }
  thread_local std::vector<T> tmp;
  tmp.resize(n);
  T* src = data;
  T* dst = tmp.data();
  uint32_t count[kDigits][256] = {};
  for (size_t i = 0; i < n; ++i) {
    const T v = src[i];
    for (int d = first_digit; d < kDigits; ++d) ++count[d][(v >> (8 * d)) & 0xFF];
  }
  for (int pass = first_digit; pass < kDigits; ++pass) {
    const int shift = 8 * pass;
    uint32_t* c = count[pass];
    if (c[(src[0] >> shift) & 0xFF] == n) continue;  // one digit: skip
    uint32_t sum = 0;
    for (int d = 0; d < 256; ++d) {
      const uint32_t t = c[d];
      c[d] = sum;
      sum += t;
    }
    for (size_t i = 0; i < n; ++i) dst[c[(src[i] >> shift) & 0xFF]++] = src[i];
    std::swap(src, dst);
  }
  if (src != data) std::copy(src, src + n, data);
  ReleaseIfLarge(&tmp, keep_bytes);
}

// Sorts the 64-bit keys data[0, n) as RadixSortBytes() does. The scratch
// array is kept up to the size of a partition of postings, sorted one
// after another on each thread.
inline void RadixSort64(uint64_t* data, size_t n, int first_digit = 0) {
  RadixSortBytes(data, n, first_digit, size_t{16} << 20);
}

// Sorts 64-bit keys. Inputs up to 65,535 keys (the anchors of one
// document, the seeds of one pair, a partition of postings) take 8-bit
// passes, where std::sort's mispredicted comparisons cost several times
// more; larger ones RadixSortBy()'s 16-bit passes.
inline void RadixSort64(std::vector<uint64_t>* keys) {
  if (keys->size() >= (size_t{1} << 16)) {
    RadixSortBy(keys, [](uint64_t k) { return k; });
    return;
  }
  RadixSort64(keys->data(), keys->size());
}

// Sorts 32-bit keys: for the hundreds-to-thousands of shingle hashes of
// one document.
inline void RadixSort32(std::vector<uint32_t>* keys) {
  RadixSortBytes(keys->data(), keys->size(), 0, kMaxScratchBytes);
}

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_UTIL_RADIX_SORT_H_
