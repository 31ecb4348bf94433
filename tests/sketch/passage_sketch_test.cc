#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/passage_sketch.h"
#include "reprint/shingle.h"
#include "tests/testing/status_matchers.h"

namespace reprint {
namespace {

using ::reprint::testing::StatusIs;

// Brute-force winnowing: the minimum of every window, rightmost on ties.
std::vector<uint32_t> NaiveWinnow(const std::vector<uint64_t>& h, size_t w) {
  std::vector<uint32_t> picks;
  if (h.empty()) return picks;
  size_t windows = h.size() >= w ? h.size() - w + 1 : 1;
  for (size_t s = 0; s < windows; ++s) {
    size_t best = s;
    for (size_t i = s; i < std::min(h.size(), s + w); ++i) {
      if (h[i] <= h[best]) best = i;
    }
    if (picks.empty() || picks.back() != best) picks.push_back(best);
  }
  return picks;
}

TEST(Winnow, MatchesBruteForce) {
  std::mt19937_64 rng(9);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<uint64_t> h(rng() % 60);
    for (auto& x : h) x = rng() % 16;  // many ties
    size_t w = 1 + rng() % 6;
    std::vector<Fingerprint> fps;
    Winnow(h, w, &fps);
    std::vector<uint32_t> got;
    for (const auto& f : fps) got.push_back(f.position);
    if (w == 1) {
      EXPECT_EQ(got.size(), h.size());
    } else {
      EXPECT_EQ(got, NaiveWinnow(h, w)) << "w=" << w << " n=" << h.size();
    }
  }
}

TEST(Winnow, SharedRunOfWindowPlusKMinusOneWordsAlwaysSharesAFingerprint) {
  PassageSketchParams params;  // k = 5, w = 4: runs of 8 words
  std::string shared = "alpha bravo charlie delta echo foxtrot golf hotel";
  std::vector<Token> a, b;
  Tokenize("one two three four five six " + shared + " seven eight nine", &a);
  Tokenize("lorem ipsum " + shared + " dolor sit amet consectetur", &b);
  PassageSketch sa = ComputePassageSketch(a, params);
  PassageSketch sb = ComputePassageSketch(b, params);
  bool common = false;
  for (const auto& x : sa.fingerprints) {
    for (const auto& y : sb.fingerprints) common = common || x.hash == y.hash;
  }
  EXPECT_TRUE(common);
}

TEST(PassageSketch, RoundTripsAndRejectsCorruption) {
  std::vector<Token> tokens;
  Tokenize("the metropolitan police is considering arming officers on foot "
           "patrols to prevent violence in areas where gang activity is likely",
           &tokens);
  PassageSketch s = ComputePassageSketch(tokens, PassageSketchParams{});
  ASSERT_FALSE(s.fingerprints.empty());
  std::string bytes = s.Encode();
  auto d = PassageSketch::Decode(bytes);
  ASSERT_OK(d);
  EXPECT_EQ(d->fingerprints, s.fingerprints);
  EXPECT_EQ(d->params, s.params);
  EXPECT_THAT(PassageSketch::Decode(bytes.substr(0, bytes.size() - 2)),
              StatusIs(absl::StatusCode::kDataLoss, "expected"));
  bytes[bytes.size() - 6] ^= 0x40;
  EXPECT_THAT(PassageSketch::Decode(bytes),
              StatusIs(absl::StatusCode::kDataLoss, "checksum"));
}

}  // namespace
}  // namespace reprint
