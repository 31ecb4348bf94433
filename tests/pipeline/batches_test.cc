// The documents of candidate pairs, and a document's slot among them.

#include "src/pipeline/batches.h"

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace reprint {
namespace {

TEST(DocsOf, EachDocumentOfThePairsOnceAscending) {
  EXPECT_TRUE(internal::DocsOf({}).empty());
  EXPECT_EQ(internal::DocsOf({{7, 3}, {3, 7}, {0, 9}, {9, 9}}),
            (std::vector<DocIndex>{0, 3, 7, 9}));
  std::mt19937 rng(5);
  for (int round = 0; round < 20; ++round) {
    std::vector<std::pair<DocIndex, DocIndex>> pairs;
    std::vector<DocIndex> expected;
    const DocIndex n = 1 + rng() % 2000;
    for (int i = 0, count = static_cast<int>(rng() % 500); i < count; ++i) {
      const DocIndex a = rng() % n, b = rng() % n;
      pairs.emplace_back(a, b);
      expected.push_back(a);
      expected.push_back(b);
    }
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()),
                   expected.end());
    const std::vector<DocIndex> docs = internal::DocsOf(pairs);
    ASSERT_EQ(docs, expected);
    for (size_t s = 0; s < docs.size(); ++s) {
      EXPECT_EQ(internal::SlotOf(docs, docs[s]), s);
    }
  }
}

}  // namespace
}  // namespace reprint
