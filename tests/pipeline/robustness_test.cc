// Random and hostile input through the whole chain: tokenising, shingling,
// sketching, alignment and rendering must never crash or read out of
// bounds (this suite also runs under AddressSanitizer in CI), and byte
// ranges must stay inside the texts.

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/align.h"
#include "reprint/minhash.h"
#include "reprint/passage_sketch.h"
#include "reprint/shingle.h"
#include "reprint/text.h"

namespace reprint {
namespace {

std::string RandomText(std::mt19937_64* rng, size_t n) {
  // Mostly words, with invalid bytes, truncated sequences, NULs, CJK, HTML
  // character references and long runs mixed in.
  static const std::string kPieces[] = {
      "the ", "Police ", "said ", "\xE2\x80\x9C", "\xE2\x80\x99", "don't ",
      "\xE6\x9D\xB1\xE4\xBA\xAC", "\xC3", "\xFF\xFE", std::string(1, '\0'),
      "\n\n", "caf\xC3\xA9 ", "1234 ", "...", "\xF0\x9F\x98\x80", "\xED\xA0\x80",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
      "&amp;", "&#8217;", "&eacute;", "&#x", "&", "&#26481;"};
  std::string s;
  while (s.size() < n) {
    if ((*rng)() % 4 == 0) {
      s.push_back(static_cast<char>((*rng)() & 0xFF));
    } else {
      s += kPieces[(*rng)() % (sizeof(kPieces) / sizeof(kPieces[0]))];
    }
  }
  return s;
}

TEST(Robustness, RandomBytesThroughTheWholeChain) {
  std::mt19937_64 rng(2024);
  MinHasher hasher{MinHashParams{}};
  for (int trial = 0; trial < 200; ++trial) {
    std::string a = RandomText(&rng, rng() % 3000);
    // B: a's middle with random edits, between random text.
    std::string b = RandomText(&rng, rng() % 500);
    if (!a.empty()) {
      size_t from = rng() % a.size();
      std::string mid = a.substr(from, rng() % (a.size() - from + 1));
      for (size_t e = 0; e < mid.size() / 50; ++e) mid[rng() % mid.size()] = 'x';
      b += mid;
    }
    b += RandomText(&rng, rng() % 500);
    std::vector<Token> ta, tb;
    Tokenize(a, &ta);
    Tokenize(b, &tb);
    for (const Token& t : ta) {
      ASSERT_LE(t.begin, t.end);
      ASSERT_LE(t.end, a.size());
    }
    std::vector<uint64_t> shingles;
    ShingleSet(ta, 5, &shingles);
    Signature sig = hasher.Compute(shingles);
    EXPECT_EQ(sig.values.size(), 128u);
    PassageSketch sketch = ComputePassageSketch(ta, PassageSketchParams{});
    for (const Fingerprint& f : sketch.fingerprints) ASSERT_LT(f.position, ta.size());
    AlignOptions options;
    options.min_passage_tokens = 4;
    options.min_equal_tokens = 3;
    for (const Passage& p : AlignPassages(ta, tb, options)) {
      ASSERT_LE(p.a.end, a.size());
      ASSERT_LE(p.b.end, b.size());
      ASSERT_LT(p.a.begin, p.a.end);
      for (const Passage::Edit& e : p.edits) {
        ASSERT_LE(e.a.end, a.size());
        ASSERT_LE(e.b.end, b.size());
      }
      std::string plain = RenderWordDiff(a, ta, b, tb, p, false);
      std::string color = RenderWordDiff(a, ta, b, tb, p, true);
      EXPECT_FALSE(plain.empty());
      EXPECT_FALSE(color.empty());
    }
  }
}

TEST(Robustness, DecodersRejectRandomBytesWithoutCrashing) {
  std::mt19937_64 rng(7);
  MinHasher hasher{MinHashParams{}};
  std::string good = hasher.Compute(std::vector<uint64_t>{1, 2, 3}).Encode();
  for (int trial = 0; trial < 2000; ++trial) {
    std::string bytes = good;
    // Flip, cut or extend at random.
    switch (rng() % 3) {
      case 0:
        bytes[rng() % bytes.size()] ^= static_cast<char>(1 + rng() % 255);
        break;
      case 1:
        bytes.resize(rng() % bytes.size());
        break;
      default:
        bytes += RandomText(&rng, rng() % 64);
    }
    auto sig = Signature::Decode(bytes);
    auto sketch = PassageSketch::Decode(bytes);
    EXPECT_FALSE(sketch.ok());  // not a sketch at all
    if (sig.ok()) {
      EXPECT_EQ(sig->values.size(), sig->params.num_perm);
    }
  }
}

}  // namespace
}  // namespace reprint
