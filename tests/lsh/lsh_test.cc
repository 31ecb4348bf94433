#include <algorithm>
#include <random>
#include <set>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/lsh.h"
#include "tests/testing/status_matchers.h"

namespace reprint {
namespace {

using ::reprint::testing::StatusIs;

TEST(ChooseBanding, UsesAtMostNumPermSlotsAndTracksTheThreshold) {
  for (double t : {0.3, 0.5, 0.7, 0.9}) {
    Banding b = ChooseBanding(t, 128);
    EXPECT_LE(b.bands * b.rows, 128u);
    // The S-curve's midpoint (1/b)^(1/r) sits near the threshold.
    double mid = std::pow(1.0 / b.bands, 1.0 / b.rows);
    EXPECT_NEAR(mid, t, 0.15) << "t=" << t << " b=" << b.bands << " r=" << b.rows;
  }
  EXPECT_GT(ChooseBanding(0.9, 128).rows, ChooseBanding(0.3, 128).rows);
}

TEST(CandidateProbability, IsTheSCurve) {
  EXPECT_DOUBLE_EQ(CandidateProbability(1.0, 16, 8), 1.0);
  EXPECT_DOUBLE_EQ(CandidateProbability(0.0, 16, 8), 0.0);
  EXPECT_NEAR(CandidateProbability(0.5, 1, 1), 0.5, 1e-12);
}

std::vector<uint64_t> RandomSet(std::mt19937_64* rng, size_t n) {
  std::vector<uint64_t> s(n);
  for (auto& x : s) x = (*rng)();
  return s;
}

TEST(LshIndex, FindsNearDuplicatesNotStrangers) {
  MinHashParams params;
  MinHasher h(params);
  LshIndex index(params, ChooseBanding(0.7, params.num_perm));
  std::mt19937_64 rng(1);
  auto base = RandomSet(&rng, 500);
  auto near = base;
  for (int i = 0; i < 25; ++i) near[i] = rng();  // J about 0.9
  auto other = RandomSet(&rng, 500);
  ASSERT_OK(index.Add(0, h.Compute(base)));
  ASSERT_OK(index.Add(1, h.Compute(other)));
  ASSERT_OK(index.Add(2, h.Compute(near)));
  ASSERT_OK(index.Add(3, h.Compute({})));  // empty: never a candidate
  auto pairs = index.CandidatePairs();
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0], std::make_pair(DocIndex{0}, DocIndex{2}));
}

// Candidate pairs are exactly the pairs that share a key in some band, each
// once, as (a < b), sorted, for any thread count. Families of near copies
// collide in many bands at once, so the per-band lists overlap heavily.
TEST(LshIndex, CandidatesAreTheUnionOfBandCollisions) {
  MinHashParams params;
  MinHasher h(params);
  Banding banding = ChooseBanding(0.5, params.num_perm);
  std::mt19937_64 rng(7);
  std::vector<Signature> sigs;
  for (int family = 0; family < 40; ++family) {
    auto base = RandomSet(&rng, 200);
    for (int copy = 0; copy < 5; ++copy) {
      auto near = base;
      for (int i = 0; i < 20 * copy; ++i) near[i] = rng();
      sigs.push_back(h.Compute(near));
    }
  }
  std::set<std::pair<DocIndex, DocIndex>> expected;
  {
    LshIndex keys_only(params, banding);
    std::vector<std::vector<uint64_t>> keys(sigs.size());
    for (size_t d = 0; d < sigs.size(); ++d) keys_only.BandKeys(sigs[d], &keys[d]);
    for (uint32_t b = 0; b < banding.bands; ++b) {
      for (DocIndex x = 0; x < sigs.size(); ++x) {
        for (DocIndex y = x + 1; y < sigs.size(); ++y) {
          // The index keeps the upper 32 bits of each key.
          if ((keys[x][b] >> 32) == (keys[y][b] >> 32)) expected.insert({x, y});
        }
      }
    }
  }
  ASSERT_GT(expected.size(), 200u);
  for (int threads : {1, 3}) {
    LshIndex index(params, banding);
    for (DocIndex d = 0; d < sigs.size(); ++d) ASSERT_OK(index.Add(d, sigs[d]));
    auto pairs = index.CandidatePairs(64, threads);
    EXPECT_TRUE(std::is_sorted(pairs.begin(), pairs.end()));
    EXPECT_EQ(std::adjacent_find(pairs.begin(), pairs.end()), pairs.end());
    const std::set<std::pair<DocIndex, DocIndex>> found(pairs.begin(),
                                                        pairs.end());
    EXPECT_EQ(found, expected);
    EXPECT_EQ(pairs.size(), expected.size());
  }
}

TEST(LshIndex, RejectsSignaturesWithOtherParameters) {
  MinHashParams params, other;
  other.num_perm = 64;
  LshIndex index(params, ChooseBanding(0.7, params.num_perm));
  EXPECT_THAT(index.Add(0, MinHasher(other).Compute(std::vector<uint64_t>{1})),
              StatusIs(absl::StatusCode::kFailedPrecondition, "num_perm"));
}

TEST(LshIndex, LargeBucketsPairAsAStarNotAllPairs) {
  MinHashParams params;
  MinHasher h(params);
  LshIndex index(params, ChooseBanding(0.7, params.num_perm));
  Signature s = h.Compute(std::vector<uint64_t>{1, 2, 3});
  for (DocIndex d = 0; d < 200; ++d) ASSERT_OK(index.Add(d, s));
  auto pairs = index.CandidatePairs(/*max_bucket=*/4);
  // Each of the 200 documents pairs with at most the first 4.
  EXPECT_LE(pairs.size(), 200u * 4);
  EXPECT_GE(pairs.size(), 199u);
  for (const auto& p : pairs) EXPECT_LT(p.first, 4u);
}

TEST(LshIndex, OrderOfInsertionDoesNotChangeTheResult) {
  MinHashParams params;
  MinHasher h(params);
  std::mt19937_64 rng(3);
  std::vector<Signature> sigs;
  auto base = RandomSet(&rng, 300);
  for (int i = 0; i < 20; ++i) {
    auto s = base;
    for (int j = 0; j < 10 * i; ++j) s[j] = rng();
    sigs.push_back(h.Compute(s));
  }
  Banding banding = ChooseBanding(0.5, params.num_perm);
  LshIndex forward(params, banding), backward(params, banding);
  for (DocIndex d = 0; d < sigs.size(); ++d) ASSERT_OK(forward.Add(d, sigs[d]));
  for (DocIndex d = sigs.size(); d-- > 0;) ASSERT_OK(backward.Add(d, sigs[d]));
  EXPECT_EQ(forward.CandidatePairs(), backward.CandidatePairs());
  EXPECT_FALSE(forward.CandidatePairs().empty());
}

}  // namespace
}  // namespace reprint

#include "src/util/radix_sort.h"

namespace reprint {
namespace {

TEST(RadixSort64, MatchesStdSort) {
  std::mt19937_64 rng(11);
  for (size_t n : {0u, 1u, 100u, 5000u, 100000u}) {
    std::vector<uint64_t> v(n);
    for (auto& x : v) x = (rng() % 3 == 0) ? rng() % 1000 : rng();  // ties and spread
    auto expected = v;
    std::sort(expected.begin(), expected.end());
    internal::RadixSort64(&v);
    EXPECT_EQ(v, expected) << n;
  }
}

}  // namespace
}  // namespace reprint

namespace reprint {
namespace {

TEST(LshIndex, BatchAddGivesTheSamePairsAsOneByOne) {
  MinHashParams params;
  MinHasher h(params);
  std::mt19937_64 rng(21);
  Banding banding = ChooseBanding(0.5, params.num_perm);
  LshIndex single(params, banding), batched(params, banding);
  std::vector<std::vector<uint64_t>> keys;
  std::vector<uint64_t> base(200);
  for (auto& x : base) x = rng();
  for (DocIndex d = 0; d < 50; ++d) {
    auto s = base;
    for (int j = 0; j < static_cast<int>(d) * 4; ++j) s[j] = rng();
    Signature sig = h.Compute(d == 7 ? std::vector<uint64_t>{} : s);
    ASSERT_OK(single.Add(d, sig));
    keys.emplace_back();
    batched.BandKeys(sig, &keys.back());
  }
  batched.AddKeysBatch(0, keys, 2);
  EXPECT_EQ(single.CandidatePairs(), batched.CandidatePairs(64, 2));
  EXPECT_FALSE(single.CandidatePairs().empty());
}

}  // namespace
}  // namespace reprint
