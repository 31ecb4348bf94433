// tests/align/diff_test.cc
//
// DiffTokens(): exact scripts for small cases, validity and minimality on
// random sequences (against an O(NM) LCS table), and speed on long inputs.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "gtest/gtest.h"
#include "reprint/align.h"
#include "reprint/text.h"
#include "src/align/lcs.h"

namespace reprint {
namespace {

// One token per character, hashed by its value: "abca" is a, b, c, a.
std::vector<Token> Chars(absl::string_view s) {
  std::vector<Token> out;
  for (size_t i = 0; i < s.size(); ++i) {
    Token t;
    t.begin = static_cast<uint32_t>(i);
    t.end = static_cast<uint32_t>(i + 1);
    t.hash = static_cast<unsigned char>(s[i]);
    out.push_back(t);
  }
  return out;
}

std::vector<Token> FromHashes(const std::vector<uint64_t>& hashes) {
  std::vector<Token> out(hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i) {
    out[i].begin = static_cast<uint32_t>(i);
    out[i].end = static_cast<uint32_t>(i + 1);
    out[i].hash = hashes[i];
  }
  return out;
}

// "E[0,2)[0,2) D[2,3)[2,2) ..." for readable comparisons.
std::string Describe(const std::vector<DiffOp>& ops) {
  std::string s;
  for (const DiffOp& op : ops) {
    if (!s.empty()) s += ' ';
    const char kind = op.kind == DiffOp::kEqual    ? 'E'
                      : op.kind == DiffOp::kDelete ? 'D'
                                                   : 'I';
    absl::StrAppendFormat(&s, "%c[%d,%d)[%d,%d)", kind, op.a_begin, op.a_end,
                          op.b_begin, op.b_end);
  }
  return s;
}

// Checks every documented property of a script from `a` to `b` and returns
// its edit count (deleted plus inserted tokens), or -1 after a failure.
int64_t CheckScript(absl::Span<const Token> a, absl::Span<const Token> b,
                    const std::vector<DiffOp>& ops) {
  uint32_t ai = 0, bi = 0;
  int64_t edits = 0;
  std::vector<uint64_t> applied;  // A with the script applied
  for (size_t k = 0; k < ops.size(); ++k) {
    const DiffOp& op = ops[k];
    // Only formatted when an expectation fails.
    auto where = [&] {
      return absl::StrFormat("op %d of %s", k, Describe(ops));
    };
    EXPECT_EQ(op.a_begin, ai) << where();
    EXPECT_EQ(op.b_begin, bi) << where();
    EXPECT_LE(op.a_begin, op.a_end) << where();
    EXPECT_LE(op.b_begin, op.b_end) << where();
    EXPECT_LE(op.a_end, a.size()) << where();
    EXPECT_LE(op.b_end, b.size()) << where();
    if (::testing::Test::HasFailure()) return -1;
    EXPECT_GT(op.a_end - op.a_begin + op.b_end - op.b_begin, 0u) << where();
    if (k > 0) {
      EXPECT_NE(ops[k - 1].kind, op.kind) << where() << ": not merged";
      EXPECT_FALSE(ops[k - 1].kind == DiffOp::kInsert &&
                   op.kind == DiffOp::kDelete)
          << where() << ": insert before delete";
    }
    switch (op.kind) {
      case DiffOp::kEqual:
        EXPECT_EQ(op.a_end - op.a_begin, op.b_end - op.b_begin) << where();
        if (::testing::Test::HasFailure()) return -1;
        for (uint32_t i = 0; i < op.a_end - op.a_begin; ++i) {
          EXPECT_EQ(a[op.a_begin + i].hash, b[op.b_begin + i].hash) << where();
          applied.push_back(a[op.a_begin + i].hash);
        }
        break;
      case DiffOp::kDelete:
        EXPECT_EQ(op.b_begin, op.b_end) << where();
        edits += op.a_end - op.a_begin;
        break;
      case DiffOp::kInsert:
        EXPECT_EQ(op.a_begin, op.a_end) << where();
        for (uint32_t j = op.b_begin; j < op.b_end; ++j) {
          applied.push_back(b[j].hash);
        }
        edits += op.b_end - op.b_begin;
        break;
    }
    ai = op.a_end;
    bi = op.b_end;
  }
  EXPECT_EQ(ai, a.size()) << Describe(ops);
  EXPECT_EQ(bi, b.size()) << Describe(ops);
  std::vector<uint64_t> want;
  for (const Token& t : b) want.push_back(t.hash);
  EXPECT_EQ(applied, want) << Describe(ops);
  return ::testing::Test::HasFailure() ? -1 : edits;
}

// The least edit count (insertions and deletions only): n + m - 2 * LCS.
int64_t MinEdits(absl::Span<const Token> a, absl::Span<const Token> b) {
  const size_t n = a.size(), m = b.size();
  std::vector<uint32_t> prev(m + 1, 0), cur(m + 1, 0);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      cur[j] = a[i - 1].hash == b[j - 1].hash ? prev[j - 1] + 1
                                              : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  return static_cast<int64_t>(n + m) - 2 * static_cast<int64_t>(prev[m]);
}

std::vector<uint64_t> RandomHashes(std::mt19937_64& rng, size_t n,
                                   uint64_t alphabet) {
  std::uniform_int_distribution<uint64_t> pick(0, alphabet - 1);
  std::vector<uint64_t> out(n);
  for (uint64_t& h : out) h = pick(rng) * 0x9e3779b97f4a7c15ULL + 1;
  return out;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

TEST(DiffTokensTest, BothEmpty) { EXPECT_TRUE(DiffTokens({}, {}).empty()); }

TEST(DiffTokensTest, IdenticalIsOneEqualOp) {
  auto a = Chars("abcdefg");
  EXPECT_EQ(Describe(DiffTokens(a, a)), "E[0,7)[0,7)");
}

TEST(DiffTokensTest, ComparesByHashOnly) {
  auto a = Chars("abc");
  auto b = Chars("abc");
  for (Token& t : b) t.begin = t.end = 100;  // byte ranges do not matter
  EXPECT_EQ(Describe(DiffTokens(a, b)), "E[0,3)[0,3)");
}

TEST(DiffTokensTest, EmptyAgainstNonEmpty) {
  auto a = Chars("abc");
  EXPECT_EQ(Describe(DiffTokens({}, a)), "I[0,0)[0,3)");
  EXPECT_EQ(Describe(DiffTokens(a, {})), "D[0,3)[0,0)");
}

TEST(DiffTokensTest, PureInsert) {
  EXPECT_EQ(Describe(DiffTokens(Chars("ac"), Chars("abc"))),
            "E[0,1)[0,1) I[1,1)[1,2) E[1,2)[2,3)");
  EXPECT_EQ(Describe(DiffTokens(Chars("abc"), Chars("xyabc"))),
            "I[0,0)[0,2) E[0,3)[2,5)");
  EXPECT_EQ(Describe(DiffTokens(Chars("abc"), Chars("abcxy"))),
            "E[0,3)[0,3) I[3,3)[3,5)");
}

TEST(DiffTokensTest, PureDelete) {
  EXPECT_EQ(Describe(DiffTokens(Chars("abcd"), Chars("ad"))),
            "E[0,1)[0,1) D[1,3)[1,1) E[3,4)[1,2)");
  EXPECT_EQ(Describe(DiffTokens(Chars("abcd"), Chars("cd"))),
            "D[0,2)[0,0) E[2,4)[0,2)");
}

TEST(DiffTokensTest, SubstitutionDeletesBeforeInserts) {
  EXPECT_EQ(Describe(DiffTokens(Chars("abcd"), Chars("abXd"))),
            "E[0,2)[0,2) D[2,3)[2,2) I[3,3)[2,3) E[3,4)[3,4)");
  EXPECT_EQ(Describe(DiffTokens(Chars("xab"), Chars("yab"))),
            "D[0,1)[0,0) I[1,1)[0,1) E[1,3)[1,3)");
}

TEST(DiffTokensTest, MultiWordSubstitution) {
  EXPECT_EQ(Describe(DiffTokens(Chars("abcdef"), Chars("abXYZef"))),
            "E[0,2)[0,2) D[2,4)[2,2) I[4,4)[2,5) E[4,6)[5,7)");
}

TEST(DiffTokensTest, CompletelyDifferent) {
  EXPECT_EQ(Describe(DiffTokens(Chars("abc"), Chars("xyzw"))),
            "D[0,3)[0,0) I[3,3)[0,4)");
}

TEST(DiffTokensTest, SeveralRegions) {
  auto a = Chars("the cat sat on the mat");
  auto b = Chars("the bat sat in the hat");
  const auto ops = DiffTokens(a, b);
  EXPECT_EQ(CheckScript(a, b, ops), MinEdits(a, b));
  EXPECT_EQ(MinEdits(a, b), 6);
}

TEST(DiffTokensTest, IndicesAreRelativeToTheSpans) {
  auto a = Chars("zzzabcd");
  auto b = Chars("yyabXd");
  const auto ops = DiffTokens(absl::MakeConstSpan(a).subspan(3),
                              absl::MakeConstSpan(b).subspan(2));
  EXPECT_EQ(Describe(ops), "E[0,2)[0,2) D[2,3)[2,2) I[3,3)[2,3) E[3,4)[3,4)");
}

TEST(DiffTokensTest, RandomSmallScriptsAreValidAndMinimal) {
  std::mt19937_64 rng(12345);
  std::uniform_int_distribution<size_t> len(0, 24);
  std::uniform_int_distribution<uint64_t> alpha(1, 6);
  for (int iter = 0; iter < 3000; ++iter) {
    const uint64_t k = alpha(rng);
    auto a = FromHashes(RandomHashes(rng, len(rng), k));
    auto b = FromHashes(RandomHashes(rng, len(rng), k));
    const auto ops = DiffTokens(a, b);
    ASSERT_EQ(CheckScript(a, b, ops), MinEdits(a, b)) << "iteration " << iter;
  }
}

TEST(DiffTokensTest, RandomEditedScriptsAreValidAndMinimal) {
  // B is A with random edits, so the scripts have long equal runs and the
  // search has to split several times.
  std::mt19937_64 rng(777);
  for (int iter = 0; iter < 300; ++iter) {
    const uint64_t k = 2 + iter % 40;
    const size_t n = 50 + static_cast<size_t>(rng() % 350);
    std::vector<uint64_t> ha = RandomHashes(rng, n, k);
    std::vector<uint64_t> hb = ha;
    const int edits = 1 + static_cast<int>(rng() % 40);
    for (int e = 0; e < edits && !hb.empty(); ++e) {
      const size_t pos = rng() % hb.size();
      switch (rng() % 3) {
        case 0:
          hb.erase(hb.begin() + static_cast<std::ptrdiff_t>(pos));
          break;
        case 1:
          hb.insert(hb.begin() + static_cast<std::ptrdiff_t>(pos),
                    RandomHashes(rng, 1, k)[0]);
          break;
        default:
          hb[pos] = RandomHashes(rng, 1, k)[0];
      }
    }
    auto a = FromHashes(ha);
    auto b = FromHashes(hb);
    const auto ops = DiffTokens(a, b);
    ASSERT_EQ(CheckScript(a, b, ops), MinEdits(a, b)) << "iteration " << iter;
  }
}

TEST(DiffTokensTest, RandomUnrelatedMediumScriptsAreMinimal) {
  // Up to 1,500 tokens on each side over tiny alphabets: the edit distance is
  // in the hundreds, still within the exact search budget.
  std::mt19937_64 rng(99);
  for (int iter = 0; iter < 12; ++iter) {
    const uint64_t k = 2 + iter % 4;
    auto a = FromHashes(RandomHashes(rng, 500 + rng() % 1000, k));
    auto b = FromHashes(RandomHashes(rng, 500 + rng() % 1000, k));
    const auto ops = DiffTokens(a, b);
    ASSERT_EQ(CheckScript(a, b, ops), MinEdits(a, b)) << "iteration " << iter;
  }
}

TEST(LcsLengthTest, MatchesTheLcsTableAcrossWordBoundaries) {
  // Lengths around multiples of 64 (the bit-parallel word size), alphabets
  // from 2 symbols (long subsequences, carries across words) to 50.
  std::mt19937_64 rng(8080);
  for (int iter = 0; iter < 600; ++iter) {
    const uint64_t k = 2 + static_cast<uint64_t>(iter % 7) * 8;
    const size_t n = static_cast<size_t>(rng() % 300);
    const size_t m = iter % 5 == 0 ? n : static_cast<size_t>(rng() % 300);
    auto a = FromHashes(RandomHashes(rng, n, k));
    auto b = FromHashes(RandomHashes(rng, m, k));
    const int64_t lcs = (static_cast<int64_t>(n + m) - MinEdits(a, b)) / 2;
    ASSERT_EQ(internal::LcsLength(a, b), lcs)
        << "iteration " << iter << ", " << n << " x " << m << " tokens";
  }
  // A of exactly one and two 64-bit words, and just under.
  for (size_t n : {63, 64, 128}) {
    const auto same = FromHashes(RandomHashes(rng, n, 1000));
    EXPECT_EQ(internal::LcsLength(same, same), n);
    auto other = same;
    other.erase(other.begin());
    EXPECT_EQ(internal::LcsLength(same, other), n - 1);
    EXPECT_EQ(internal::LcsLength(other, same), n - 1);
  }
  const auto same = FromHashes(RandomHashes(rng, 128, 1000));
  EXPECT_EQ(internal::LcsLength(same, {}), 0u);
  EXPECT_EQ(internal::LcsLength(Chars("abc"), Chars("xyz")), 0u);
  EXPECT_EQ(internal::LcsLength(Chars("xaybzc"), Chars("abc")), 3u);
}

TEST(DiffTokensTest, Deterministic) {
  std::mt19937_64 rng(5);
  auto a = FromHashes(RandomHashes(rng, 3000, 8));
  auto b = FromHashes(RandomHashes(rng, 3000, 8));
  EXPECT_EQ(Describe(DiffTokens(a, b)), Describe(DiffTokens(a, b)));
}

TEST(DiffTokensTest, LongInputWithFewChangesIsFast) {
  std::mt19937_64 rng(2024);
  std::vector<uint64_t> ha = RandomHashes(rng, 20000, 5000);
  std::vector<uint64_t> hb = ha;
  // Twelve scattered edits: 4 substitutions, 4 deletions, 4 insertions.
  for (int e = 0; e < 12; ++e) {
    const size_t pos = 1000 + static_cast<size_t>(e) * 1500;
    if (e % 3 == 0) {
      hb[pos] = 0xdead0000 + static_cast<uint64_t>(e);
    } else if (e % 3 == 1) {
      hb.erase(hb.begin() + static_cast<std::ptrdiff_t>(pos));
    } else {
      hb.insert(hb.begin() + static_cast<std::ptrdiff_t>(pos),
                0xbeef0000 + static_cast<uint64_t>(e));
    }
  }
  auto a = FromHashes(ha);
  auto b = FromHashes(hb);
  const auto start = std::chrono::steady_clock::now();
  const auto ops = DiffTokens(a, b);
  const double seconds = SecondsSince(start);
  // 4 substitutions cost 2 each, the others 1 each.
  EXPECT_LE(CheckScript(a, b, ops), 16);
  EXPECT_LT(seconds, 2.0);
}

TEST(DiffTokensTest, LongInputsWithManyChangesStayValidAndBounded) {
  // 50,000 tokens against 50,000 over a small vocabulary: tens of thousands
  // of edits. The cost bound must keep this quick; the script must be valid
  // and no longer than deleting everything and inserting everything.
  std::mt19937_64 rng(31337);
  auto a = FromHashes(RandomHashes(rng, 50000, 50));
  auto b = FromHashes(RandomHashes(rng, 50000, 50));
  const auto start = std::chrono::steady_clock::now();
  const auto ops = DiffTokens(a, b);
  const double seconds = SecondsSince(start);
  const int64_t edits = CheckScript(a, b, ops);
  EXPECT_GT(edits, 0);
  EXPECT_LT(edits, 100000);
  EXPECT_LT(seconds, 20.0);
}

TEST(DiffTokensTest, HeuristicSplitsGiveValidScripts) {
  // Edit distances well past the exact search budget, over alphabets from
  // binary (long snakes) to large (short ones).
  std::mt19937_64 rng(4242);
  for (uint64_t k : {2, 7, 100}) {
    auto a = FromHashes(RandomHashes(rng, 12000, k));
    auto b = FromHashes(RandomHashes(rng, 9000, k));
    const auto ops = DiffTokens(a, b);
    ASSERT_GE(CheckScript(a, b, ops), 3000) << "alphabet " << k;
  }
}

TEST(DiffTokensTest, LongDisjointInputsAreOneDeleteAndOneInsert) {
  std::vector<uint64_t> ha(50000), hb(40000);
  for (size_t i = 0; i < ha.size(); ++i) ha[i] = 2 * i;
  for (size_t i = 0; i < hb.size(); ++i) hb[i] = 2 * i + 1;
  auto a = FromHashes(ha);
  auto b = FromHashes(hb);
  EXPECT_EQ(Describe(DiffTokens(a, b)),
            "D[0,50000)[0,0) I[50000,50000)[0,40000)");
}

}  // namespace
}  // namespace reprint
