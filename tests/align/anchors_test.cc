// tests/align/anchors_test.cc
//
// CollectAnchors(): the merge join of two sorted anchor lists equals a
// join of every anchor with every other, in the same order, across list
// lengths that do and do not fill its blocks of four and across hash
// ranges from all-distinct to a few values repeated in long runs.

#include "src/align/anchors.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "reprint/align.h"
#include "reprint/text.h"

namespace reprint {
namespace {

constexpr uint32_t kLength = 1000;  // tokens of each document

// `n` anchors with hashes below `range` at distinct positions, sorted as
// PrepareAlignDoc() sorts them.
std::vector<uint64_t> RandomAnchors(size_t n, uint32_t range,
                                    std::mt19937* rng) {
  std::vector<uint32_t> positions(kLength);
  for (uint32_t p = 0; p < kLength; ++p) positions[p] = p;
  std::shuffle(positions.begin(), positions.end(), *rng);
  std::uniform_int_distribution<uint32_t> hash(0, range - 1);
  std::vector<uint64_t> out;
  for (size_t k = 0; k < n; ++k) {
    out.push_back(uint64_t{hash(*rng)} << 32 | positions[k]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every pair of equal hashes, by A's list order, then B's.
std::vector<uint64_t> EveryPair(const std::vector<uint64_t>& x,
                                const std::vector<uint64_t>& y) {
  std::vector<uint64_t> out;
  for (uint64_t u : x) {
    for (uint64_t v : y) {
      if (u >> 32 == v >> 32) {
        out.push_back(internal::PackAnchor(static_cast<uint32_t>(u),
                                           static_cast<uint32_t>(v), kLength));
      }
    }
  }
  return out;
}

TEST(CollectAnchors, EqualsTheJoinOfEveryPairInOrder) {
  const std::vector<Token> tokens(kLength);
  std::mt19937 rng(7);
  std::vector<uint64_t> found = {42};  // replaced, not appended to
  size_t nonempty = 0;
  for (uint32_t range : {2u, 5u, 16u, 64u, 1000u, 4000000000u}) {
    for (size_t nx = 0; nx <= 37; nx += 1 + nx / 8) {
      for (size_t ny = 0; ny <= 37; ny += 1 + ny / 6) {
        AlignDoc a, b;
        a.tokens = tokens;
        b.tokens = tokens;
        a.anchors = RandomAnchors(nx, range, &rng);
        b.anchors = RandomAnchors(ny, range, &rng);
        internal::CollectAnchors(a, b, &found);
        const std::vector<uint64_t> expected = EveryPair(a.anchors, b.anchors);
        ASSERT_EQ(found, expected) << absl::StrFormat(
            "range %u, %u anchors in A, %u in B", range, nx, ny);
        nonempty += !expected.empty();
      }
    }
  }
  // Both sparse and dense joins were exercised.
  EXPECT_GT(nonempty, 300u);
}

TEST(CollectAnchors, LongRunsOfOneHashCrossingBlocks) {
  // Hash 5 on A positions 10-19 and B positions 3-8, among distinct
  // others: every one of the 60 pairs, none of the others.
  const std::vector<Token> tokens(kLength);
  AlignDoc a, b;
  a.tokens = tokens;
  b.tokens = tokens;
  for (uint32_t p = 0; p < 10; ++p) a.anchors.push_back(uint64_t{1} << 32 | p);
  for (uint32_t p = 10; p < 20; ++p) a.anchors.push_back(uint64_t{5} << 32 | p);
  a.anchors.push_back(uint64_t{9} << 32 | 20);
  b.anchors.push_back(uint64_t{2} << 32 | 0);
  for (uint32_t p = 3; p < 9; ++p) b.anchors.push_back(uint64_t{5} << 32 | p);
  for (uint32_t p = 9; p < 15; ++p) b.anchors.push_back(uint64_t{8} << 32 | p);
  std::vector<uint64_t> found;
  internal::CollectAnchors(a, b, &found);
  ASSERT_EQ(found.size(), 60u);
  EXPECT_EQ(found.front(), internal::PackAnchor(10, 3, kLength));
  EXPECT_EQ(found.back(), internal::PackAnchor(19, 8, kLength));
  EXPECT_EQ(found, EveryPair(a.anchors, b.anchors));
}

}  // namespace
}  // namespace reprint
