#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/minhash.h"
#include "src/util/hash.h"
#include "tests/testing/status_matchers.h"

namespace reprint {
namespace {

using ::reprint::testing::StatusIs;

// Two sets with an exact Jaccard of shared / (shared + 2 * own).
void MakeSets(std::mt19937_64* rng, size_t shared, size_t own,
              std::vector<uint64_t>* a, std::vector<uint64_t>* b) {
  a->clear();
  b->clear();
  for (size_t i = 0; i < shared; ++i) {
    uint64_t x = (*rng)();
    a->push_back(x);
    b->push_back(x);
  }
  for (size_t i = 0; i < own; ++i) a->push_back((*rng)());
  for (size_t i = 0; i < own; ++i) b->push_back((*rng)());
}

TEST(MinHash, IdenticalSetsGiveIdenticalSignatures) {
  MinHasher h{MinHashParams{}};
  std::vector<uint64_t> s = {1, 2, 3, 4, 5};
  std::vector<uint64_t> dup = {5, 4, 3, 2, 1, 1, 2};
  EXPECT_EQ(h.Compute(s).values, h.Compute(dup).values);
  EXPECT_DOUBLE_EQ(*EstimateJaccard(h.Compute(s), h.Compute(dup)), 1.0);
}

TEST(MinHash, EmptySetIsMarkedAndEstimatesZero) {
  MinHasher h{MinHashParams{}};
  Signature e = h.Compute({});
  EXPECT_TRUE(e.empty);
  EXPECT_DOUBLE_EQ(*EstimateJaccard(e, e), 0.0);
}

TEST(MinHash, SingleShingleFillsEverySlotByDensification) {
  MinHasher h{MinHashParams{}};
  Signature s = h.Compute(std::vector<uint64_t>{42});
  for (uint32_t v : s.values) EXPECT_EQ(v, s.values[0]);
}

// Signatures are stored in persistent indexes, so their values are part of
// the format: a faster MinHasher must give the same slots. The digests below
// were taken from the first implementation; sets of 1 to 5,000 shingles at
// 8 to 4,096 slots cover the densification of nearly empty signatures, whose
// probe sequences run past any cached prefix, and both sides of the
// 256-slot limit of the first-hit table.
uint64_t SignatureDigest(uint32_t num_perm, size_t set_size) {
  MinHashParams params;
  params.num_perm = num_perm;
  MinHasher h(params);
  std::mt19937_64 rng(num_perm * 1000003ULL + set_size);
  std::vector<uint64_t> set(set_size);
  for (uint64_t& x : set) x = rng();
  uint64_t digest = 1469598103934665603ULL;  // FNV-1a over the slots
  for (uint32_t v : h.Compute(set).values) {
    digest = (digest ^ v) * 1099511628211ULL;
  }
  return digest;
}

TEST(MinHash, SlotValuesAreStableAcrossVersions) {
  struct Case {
    uint32_t num_perm;
    size_t set_size;
    uint64_t digest;
  };
  const Case cases[] = {
      {8, 1, 2286821578050760579ULL},
      {128, 1, 10409887938719355267ULL},
      {128, 3, 17935932278442868871ULL},
      {128, 50, 11610533021569628237ULL},
      {128, 5000, 3711682651758422799ULL},
      {16, 3, 1995770623966341363ULL},
      {256, 7, 1324318485716527126ULL},
      {256, 2000, 433873475161442181ULL},
      {512, 40, 14816670475708390974ULL},
      {4096, 2, 7003664223962114627ULL},
      {4096, 300, 11826498550500141871ULL},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(SignatureDigest(c.num_perm, c.set_size), c.digest)
        << c.num_perm << " slots, " << c.set_size << " shingles";
  }
}

// The scheme as src/minhash/FORMAT.md states it, written out plainly: every
// signature must match it, whatever tables the fast path uses.
std::vector<uint32_t> ReferenceSlots(const MinHashParams& params,
                                     const std::vector<uint64_t>& set) {
  const uint32_t k = params.num_perm;
  int bits = 0;
  while ((uint32_t{1} << bits) < k) ++bits;
  const int shift = 64 - bits;
  std::vector<uint64_t> bins(k, ~uint64_t{0});
  for (uint64_t s : set) {
    uint64_t h = internal::Mix64(s ^ params.seed);
    uint64_t& bin = bins[h >> shift];
    bin = std::min(bin, h << bits);
  }
  std::vector<uint32_t> slots(k);
  for (uint32_t i = 0; i < k; ++i) {
    uint64_t value = bins[i];
    for (uint64_t t = 1; value == ~uint64_t{0}; ++t) {
      uint64_t j = internal::Mix64(0xD1B54A32D192ED03ULL ^ params.seed ^
                                   (uint64_t{i} << 32) ^ t) >>
                   shift;
      value = bins[j];
    }
    slots[i] = static_cast<uint32_t>(value >> 32);
  }
  return slots;
}

TEST(MinHash, MatchesTheDocumentedSchemeForEverySizeAndSlotCount) {
  std::mt19937_64 rng(11);
  for (uint32_t k = 8; k <= 1024; k *= 2) {
    MinHashParams params;
    params.num_perm = k;
    MinHasher h(params);
    for (size_t n : {size_t{1}, size_t{2}, size_t{3}, size_t{5}, size_t{9},
                     size_t{k / 4}, size_t{k / 2}, size_t{k}, size_t{3 * k}}) {
      std::vector<uint64_t> set(n);
      for (uint64_t& x : set) x = rng();
      ASSERT_EQ(h.Compute(set).values, ReferenceSlots(params, set))
          << k << " slots, " << n << " shingles";
    }
  }
}

// Statistical test: across J from 0.1 to 1, the estimate from 256-slot
// signatures stays within the binomial error of the exact Jaccard:
// the mean error over trials is small and nearly every trial is within
// 4 standard deviations sqrt(J(1-J)/K).
TEST(MinHashAccuracy, EstimateWithinExpectedErrorAcrossJaccard) {
  MinHashParams params;
  params.num_perm = 256;
  MinHasher h(params);
  std::mt19937_64 rng(12345);
  std::vector<uint64_t> a, b;
  const int kTrials = 60;
  for (double j : {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}) {
    // |A| = |B| = 1000 around; shared / (shared + 2*own) = j.
    size_t own = static_cast<size_t>(std::lround(500 * (1 - j)));
    size_t shared = static_cast<size_t>(std::lround(j * 2 * own / (1 - j + 1e-12)));
    if (j == 1.0) own = 0, shared = 1000;
    double exact = static_cast<double>(shared) / (shared + 2 * own);
    double sigma = std::sqrt(exact * (1 - exact) / params.num_perm);
    double sum_err = 0;
    int outside = 0;
    for (int t = 0; t < kTrials; ++t) {
      MakeSets(&rng, shared, own, &a, &b);
      double est = *EstimateJaccard(h.Compute(a), h.Compute(b));
      sum_err += est - exact;
      if (std::fabs(est - exact) > 4 * sigma + 1e-9) ++outside;
    }
    EXPECT_LT(std::fabs(sum_err / kTrials), 3 * sigma / std::sqrt(kTrials) + 0.005)
        << "biased at J=" << exact;
    EXPECT_LE(outside, 1) << "too many estimates outside 4 sigma at J=" << exact;
  }
}

TEST(MinHashAccuracy, SmallSetsAreStillUnbiased) {
  // Sets smaller than the number of slots rely on densification.
  MinHasher h{MinHashParams{}};
  std::mt19937_64 rng(7);
  std::vector<uint64_t> a, b;
  double sum = 0;
  const int kTrials = 400;
  for (int t = 0; t < kTrials; ++t) {
    MakeSets(&rng, 20, 10, &a, &b);  // J = 0.5, 30 elements each
    sum += *EstimateJaccard(h.Compute(a), h.Compute(b));
  }
  EXPECT_NEAR(sum / kTrials, 0.5, 0.03);
}

TEST(MinHashParams, ValidateRejectsBadValues) {
  MinHashParams p;
  p.num_perm = 100;
  EXPECT_THAT(p.Validate(), StatusIs(absl::StatusCode::kInvalidArgument, "num_perm"));
  p = MinHashParams{};
  p.shingle_k = 0;
  EXPECT_THAT(p.Validate(), StatusIs(absl::StatusCode::kInvalidArgument, "shingle_k"));
}

TEST(MinHashParams, MismatchIsATypedErrorNamingTheParameter) {
  MinHashParams a, b;
  b.shingle_k = 3;
  MinHasher ha(a), hb(b);
  std::vector<uint64_t> s = {1, 2, 3};
  EXPECT_THAT(EstimateJaccard(ha.Compute(s), hb.Compute(s)),
              StatusIs(absl::StatusCode::kFailedPrecondition, "shingle_k 5 != 3"));
  EXPECT_NE(a.Fingerprint(), b.Fingerprint());
}

TEST(SignatureCodec, RoundTrips) {
  MinHasher h{MinHashParams{}};
  Signature s = h.Compute(std::vector<uint64_t>{1, 2, 3, 99});
  auto d = Signature::Decode(s.Encode());
  ASSERT_OK(d);
  EXPECT_EQ(d->values, s.values);
  EXPECT_EQ(d->params, s.params);
  EXPECT_EQ(d->empty, s.empty);
}

TEST(SignatureCodec, RejectsCorruption) {
  MinHasher h{MinHashParams{}};
  std::string bytes = h.Compute(std::vector<uint64_t>{1, 2, 3}).Encode();
  EXPECT_THAT(Signature::Decode(bytes.substr(0, bytes.size() - 1)),
              StatusIs(absl::StatusCode::kDataLoss, "expected"));
  std::string flipped = bytes;
  flipped[40] ^= 1;
  EXPECT_THAT(Signature::Decode(flipped),
              StatusIs(absl::StatusCode::kDataLoss, "checksum"));
  EXPECT_THAT(Signature::Decode("XXXX"),
              StatusIs(absl::StatusCode::kDataLoss, "magic"));
  std::string newer = bytes;
  newer[4] = 9;
  EXPECT_THAT(Signature::Decode(newer),
              StatusIs(absl::StatusCode::kFailedPrecondition, "newer"));
}

TEST(SignatureCodec, LayoutIsFrozen) {
  MinHashParams p;
  p.num_perm = 8;
  p.seed = 1;
  MinHasher h(p);
  std::string bytes = h.Compute(std::vector<uint64_t>{7}).Encode();
  ASSERT_EQ(bytes.size(), 29u + 4 * 8 + 4);
  EXPECT_EQ(bytes.substr(0, 4), "RPSG");
  EXPECT_EQ(bytes[4], 1);                 // format version
  EXPECT_EQ(static_cast<uint8_t>(bytes[8]), 8);   // num_perm
  EXPECT_EQ(static_cast<uint8_t>(bytes[12]), 5);  // shingle_k
  EXPECT_EQ(static_cast<uint8_t>(bytes[16]), 1);  // seed
  EXPECT_EQ(bytes[28], 0);                // not empty
}

}  // namespace
}  // namespace reprint
