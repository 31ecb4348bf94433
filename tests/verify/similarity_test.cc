#include <vector>

#include "gtest/gtest.h"
#include "reprint/verify.h"

namespace reprint {
namespace {

TEST(CompareSets, JaccardAndContainmentBothWays) {
  std::vector<uint64_t> a = {1, 2, 3, 4};
  std::vector<uint64_t> b = {3, 4, 5, 6, 7, 8, 9, 10};
  Overlap o = CompareSets(a, b);
  EXPECT_EQ(o.intersection, 2u);
  EXPECT_DOUBLE_EQ(o.jaccard(), 2.0 / 10);
  EXPECT_DOUBLE_EQ(o.containment_a(), 0.5);
  EXPECT_DOUBLE_EQ(o.containment_b(), 0.25);
}

TEST(CompareSets, SubsetIsFullyContained) {
  std::vector<uint64_t> a = {2, 4};
  std::vector<uint64_t> b = {1, 2, 3, 4, 5};
  Overlap o = CompareSets(a, b);
  EXPECT_DOUBLE_EQ(o.containment_a(), 1.0);
  EXPECT_DOUBLE_EQ(o.jaccard(), 0.4);
}

TEST(CompareSets, EmptySetsScoreZero) {
  std::vector<uint64_t> none;
  std::vector<uint64_t> some = {1};
  EXPECT_DOUBLE_EQ(CompareSets(none, none).jaccard(), 0.0);
  EXPECT_DOUBLE_EQ(CompareSets(none, some).containment_a(), 0.0);
  EXPECT_DOUBLE_EQ(CompareSets(some, some).jaccard(), 1.0);
}

TEST(CompareSets, ThirtyTwoBitSetsAgree) {
  std::vector<uint32_t> a = {1, 5, 9}, b = {5, 9, 11};
  EXPECT_EQ(CompareSets(a, b).intersection, 2u);
}

}  // namespace
}  // namespace reprint
