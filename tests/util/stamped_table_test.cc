#include "src/util/stamped_table.h"

#include <cstdint>
#include <map>
#include <random>

#include "gtest/gtest.h"

namespace reprint {
namespace internal {
namespace {

// Against std::map over many uses of one table, of varied sizes, with keys
// that share their low or high bits (which then collide in probing).
TEST(StampedTable, AgreesWithAMapAcrossResets) {
  StampedTable<uint32_t> table;
  std::mt19937_64 rng(5);
  for (int use = 0; use < 300; ++use) {
    const size_t count = rng() % (use % 7 == 0 ? 5000 : 100);
    table.Reset(count);
    std::map<uint64_t, uint32_t> want;
    for (size_t i = 0; i < count; ++i) {
      uint64_t key = rng() % 3 == 0 ? (rng() % 64) << 40 : rng() % 1000;
      if (rng() % 5 == 0) key = rng();
      ++table[key];
      ++want[key];
    }
    for (const auto& [key, n] : want) {
      ASSERT_NE(table.Find(key), nullptr) << use;
      EXPECT_EQ(*table.Find(key), n) << use;
    }
    for (int probe = 0; probe < 100; ++probe) {
      const uint64_t key = rng();
      EXPECT_EQ(table.Find(key) != nullptr, want.count(key) > 0) << use;
    }
  }
}

TEST(StampedTable, ResetEmptiesWithoutClearing) {
  StampedTable<int> table;
  table.Reset(10);
  table[7] = 3;
  table[0] = 4;  // key 0 is an ordinary key
  EXPECT_EQ(*table.Find(0), 4);
  table.Reset(10);
  EXPECT_EQ(table.Find(7), nullptr);
  EXPECT_EQ(table.Find(0), nullptr);
  EXPECT_EQ(table[7], 0);  // value-initialised again
}

// Small uses get sparse tables (cheap misses); large ones stay at most
// half full, so that a huge region does not hold four times the memory.
TEST(StampedTable, SparseWhenSmallAtMostHalfFullWhenLarge) {
  StampedTable<uint32_t> table;
  table.Reset(100);
  EXPECT_GE(table.capacity(), 800u);
  table.Reset(1000);
  EXPECT_GE(table.capacity(), 8000u);
  table.Reset(size_t{1} << 20);
  EXPECT_GE(table.capacity(), size_t{2} << 20);
  EXPECT_LT(table.capacity(), size_t{4} << 20);
  table.Reset(10);  // shrinks back to a small table's probing
  EXPECT_LE(table.capacity(), 1024u);
  table[3] = 1;
  EXPECT_EQ(*table.Find(3), 1u);
}

}  // namespace
}  // namespace internal
}  // namespace reprint
