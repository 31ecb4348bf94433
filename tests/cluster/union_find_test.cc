#include <algorithm>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/cluster.h"

namespace reprint {
namespace {

using Pairs = std::vector<std::pair<DocIndex, DocIndex>>;

TEST(UnionFind, MergesTransitively) {
  UnionFind uf(5);
  EXPECT_TRUE(uf.Union(0, 1));
  EXPECT_TRUE(uf.Union(1, 2));
  EXPECT_FALSE(uf.Union(0, 2));
  EXPECT_EQ(uf.Find(0), uf.Find(2));
  EXPECT_NE(uf.Find(0), uf.Find(3));
}

TEST(GroupPairs, SortedGroupsOfTwoOrMore) {
  Pairs pairs = {{4, 6}, {1, 2}, {2, 5}};
  auto groups = GroupPairs(8, pairs);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0], (std::vector<DocIndex>{1, 2, 5}));
  EXPECT_EQ(groups[1], (std::vector<DocIndex>{4, 6}));
}

TEST(GroupPairs, IndependentOfPairOrder) {
  Pairs pairs;
  std::mt19937 rng(5);
  for (int i = 0; i < 200; ++i) pairs.emplace_back(rng() % 100, rng() % 100);
  auto expected = GroupPairs(100, pairs);
  std::shuffle(pairs.begin(), pairs.end(), rng);
  EXPECT_EQ(GroupPairs(100, pairs), expected);
}

}  // namespace
}  // namespace reprint
