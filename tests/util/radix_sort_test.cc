#include "src/util/radix_sort.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace reprint {
namespace internal {
namespace {

// Checks `sort` against std::sort on keys drawn from `rng` and masked by
// each of `masks` (digit patterns), for each of `sizes`.
template <typename T, typename Rng, typename Sort>
void ExpectSortsAsStdSort(Rng& rng, std::initializer_list<size_t> sizes,
                          std::initializer_list<T> masks, Sort sort) {
  for (size_t n : sizes) {
    for (T mask : masks) {
      std::vector<T> v(n);
      for (T& x : v) x = static_cast<T>(rng()) & mask;
      std::vector<T> want = v;
      std::sort(want.begin(), want.end());
      sort(&v);
      EXPECT_EQ(v, want) << "n=" << n << " mask=" << mask;
    }
  }
}

TEST(RadixSort32, MatchesStdSortAcrossSizesAndDigitPatterns) {
  std::mt19937 rng(7);
  ExpectSortsAsStdSort<uint32_t>(
      rng, {0, 1, 63, 64, 65, 1000, 70000},
      {0xFFFFFFFFu, 0x0000FFFFu, 0xFF00FF00u, 0u},
      [](std::vector<uint32_t>* v) { RadixSort32(v); });
}

TEST(RadixSortBy, IsStableOnTheKey) {
  struct Item {
    uint64_t key;
    uint32_t order;
  };
  std::mt19937 rng(11);
  std::vector<Item> items(50000);
  for (uint32_t i = 0; i < items.size(); ++i) {
    items[i] = {(uint64_t{rng() % 100} << 40) | (rng() % 3), i};
  }
  std::vector<Item> want = items;
  std::stable_sort(want.begin(), want.end(),
                   [](const Item& x, const Item& y) { return x.key < y.key; });
  RadixSortBy(&items, [](const Item& x) { return x.key; });
  ASSERT_EQ(items.size(), want.size());
  for (size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].key, want[i].key);
    EXPECT_EQ(items[i].order, want[i].order);
  }
}

TEST(RadixSortBy, SortsARangeInPlaceAndLeavesTheRestAlone) {
  // One bucket of a larger array, as the candidate stage sorts them.
  std::mt19937_64 rng(3);
  std::vector<uint64_t> before(30000);
  for (uint64_t& x : before) x = rng() % 1000;
  for (size_t size : {size_t{10}, size_t{20000}}) {  // stable_sort, radix
    for (bool by_bits : {false, true}) {
      std::vector<uint64_t> items(before.begin(), before.end());
      const size_t begin = 5000;
      auto key = [](uint64_t x) { return x; };
      if (by_bits) {
        RadixSortByBits(items.data() + begin, size, 10, key);
      } else {
        RadixSortBy(items.data() + begin, size, key);
      }
      std::vector<uint64_t> want = before;
      std::sort(want.begin() + begin, want.begin() + begin + size);
      EXPECT_EQ(items, want) << "size=" << size << " by_bits=" << by_bits;
    }
  }
}

TEST(RadixSortByBits, IsStableForEveryWidthOfKey) {
  struct Item {
    uint64_t key;
    uint32_t order;
  };
  std::mt19937_64 rng(5);
  // One digit, uneven digits (13 = 7 + 6; 40 = 14 * 3 - 2), the packed
  // pairs of the candidate stage (28 bits), and whole 64-bit keys.
  for (int bits : {1, 13, 28, 40, 64}) {
    for (size_t n : {size_t{0}, size_t{100}, size_t{4096}, size_t{60000}}) {
      const uint64_t mask =
          bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
      std::vector<Item> items(n);
      for (uint32_t i = 0; i < n; ++i) {
        // Few distinct upper parts, so that equal keys are common.
        const uint64_t x = rng();
        items[i] = {(x % 7 == 0 ? x : x & 0xF000000000000FFFull) & mask, i};
      }
      std::vector<Item> want = items;
      std::stable_sort(
          want.begin(), want.end(),
          [](const Item& x, const Item& y) { return x.key < y.key; });
      RadixSortByBits(items.data(), n, bits,
                      [](const Item& x) { return x.key; });
      for (size_t i = 0; i < n; ++i) {
        ASSERT_EQ(items[i].key, want[i].key) << "bits=" << bits << " n=" << n;
        ASSERT_EQ(items[i].order, want[i].order)
            << "bits=" << bits << " n=" << n;
      }
    }
  }
}

TEST(RadixSort64, MatchesStdSortAcrossSizesAndDigitPatterns) {
  // Across the std::sort, 8-bit and 16-bit size classes, with the digit
  // patterns of packed keys: positions beside positions (high digits of
  // each half constant), hashes beside positions, all equal.
  std::mt19937_64 rng(5);
  ExpectSortsAsStdSort<uint64_t>(
      rng, {0, 1, 63, 64, 65, 777, 65535, 65536, 70000},
      {~uint64_t{0}, uint64_t{0x0003FFFF0003FFFF}, uint64_t{0xFFFFFFFF0000FFFF},
       uint64_t{0}},
      [](std::vector<uint64_t>* v) { RadixSort64(v); });
}

TEST(RadixSort64, SortsBySomeUpperDigitsStably) {
  // Postings (fingerprint << 32 | document), written in document order and
  // sorted by fingerprint only: each fingerprint's documents stay in order.
  std::mt19937_64 rng(9);
  for (size_t n : {0u, 5u, 63u, 64u, 1000u, 70000u}) {
    std::vector<uint64_t> v(n);
    for (size_t i = 0; i < n; ++i) {
      v[i] = (uint64_t{static_cast<uint32_t>(rng() % 97)} << 32) | (n - i);
    }
    std::vector<uint64_t> want = v;
    std::stable_sort(want.begin(), want.end(),
                     [](uint64_t x, uint64_t y) { return (x >> 32) < (y >> 32); });
    RadixSort64(v.data(), v.size(), /*first_digit=*/4);
    EXPECT_EQ(v, want) << "n=" << n;
  }
}

TEST(RadixSort64, SortsLargeInputs) {
  std::mt19937_64 rng(3);
  std::vector<uint64_t> v(100000);
  for (uint64_t& x : v) x = rng();
  std::vector<uint64_t> want = v;
  std::sort(want.begin(), want.end());
  RadixSort64(&v);
  EXPECT_EQ(v, want);
}

}  // namespace
}  // namespace internal
}  // namespace reprint
