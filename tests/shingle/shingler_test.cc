#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/shingle.h"
#include "reprint/text.h"

namespace reprint {
namespace {

std::vector<uint64_t> Shingles(const std::string& text, int k) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<uint64_t> out;
  ShingleHashes(tokens, k, &out);
  return out;
}

TEST(ShingleHashes, OnePerPosition) {
  EXPECT_EQ(Shingles("a b c d e f g", 5).size(), 3u);
  EXPECT_EQ(Shingles("a b c d e f g", 1).size(), 7u);
}

TEST(ShingleHashes, ShortDocumentHasOneShingleAndEmptyHasNone) {
  EXPECT_EQ(Shingles("just three words", 5).size(), 1u);
  EXPECT_TRUE(Shingles("", 5).empty());
  EXPECT_TRUE(Shingles("... !!", 5).empty());
}

TEST(ShingleHashes, OrderMattersAndNormalisationDoesNot) {
  auto a = Shingles("the quick brown fox jumps", 5);
  auto b = Shingles("The  quick\nbrown FOX jumps!", 5);
  auto c = Shingles("quick the brown fox jumps", 5);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(ShingleHashes, SameShingleSameHashAtAnyPosition) {
  auto s = Shingles("x y z a b c d e", 5);
  auto t = Shingles("a b c d e", 5);
  EXPECT_EQ(s.back(), t.front());
}

TEST(ShingleSet, SortedAndUnique) {
  std::vector<Token> tokens;
  Tokenize("a b a b a b a b", &tokens);
  std::vector<uint64_t> set;
  ShingleSet(tokens, 2, &set);
  EXPECT_EQ(set.size(), 2u);  // "a b" and "b a"
  EXPECT_LT(set[0], set[1]);
}

}  // namespace
}  // namespace reprint
