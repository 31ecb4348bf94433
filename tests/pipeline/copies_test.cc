// Exact copies align once: a pair whose documents have the same contents as
// an earlier pair's copies its passages. The report must be exactly the one
// that aligning every pair gives, including when copies are so many that
// their shared fingerprints are paired through hubs (a star group), and
// dates make some copies hubs and others not.

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/ingest.h"
#include "reprint/report.h"
#include "reprint/text.h"
#include "src/pipeline/batches.h"

namespace reprint {
namespace {

std::string ReadSeed(const std::string& name) {
  std::ifstream in(std::string(REPRINT_SOURCE_DIR) + "/fixtures/seeds/" + name,
                   std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_FALSE(s.str().empty()) << name;
  return s.str();
}

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

class CopiesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/reprint_copies_" +
            std::to_string(::getpid()) + ".jsonl";
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    auto add = [&](const std::string& id, const std::string& date,
                   const std::string& text) {
      out << "{\"id\":" << JsonString(id) << ",\"date\":" << JsonString(date)
          << ",\"text\":" << JsonString(text) << "}\n";
    };
    const std::string met = ReadSeed("000_met_handguns_review_2025.txt");
    const std::string huffpost = ReadSeed("001_huffpost_met_armed_patrols_2018.txt");
    const std::string wire = ReadSeed("002_business_standard_wire_2018.txt");
    const std::string spun = ReadSeed("004_spun_rewrite_2018.txt");
    add("met", "2025-01-01", met);
    add("huffpost", "2018-02-03", huffpost);
    // More copies of the wire story than a fingerprint group pairs in full;
    // the dates interleave them with the others, so that some copies are
    // hubs of those groups and others are not.
    for (int i = 0; i < 40; ++i) {
      add("wire-" + std::to_string(i),
          "2018-02-" + std::to_string(10 + (i * 7) % 19), wire);
      if (i % 10 == 3) add("spun-" + std::to_string(i), "2018-02-05", spun);
      if (i % 20 == 7) add("met-" + std::to_string(i), "2025-01-02", met);
    }
    // Near copies are not copies: their pairs are aligned on their own.
    add("huffpost-edited", "2018-02-04",
        huffpost + "\nThis story has been updated with a comment.\n");
    add("wire-trimmed", "2018-02-06", wire.substr(0, wire.size() * 3 / 4));
  }
  void TearDown() override { std::remove(path_.c_str()); }

  absl::StatusOr<ReportResult> Run(bool share_copies, int threads) {
    auto reader = NewDocumentReader({path_}, IngestOptions{},
                                    [](const IngestIssue&) {});
    if (!reader.ok()) return reader.status();
    ReportOptions options;
    options.share_copies = share_copies;
    options.threads = threads;
    return RunReport(reader->get(), options);
  }

  std::string path_;
};

void ExpectSamePassages(const Passage& x, const Passage& y) {
  EXPECT_TRUE(x.a == y.a && x.b == y.b);
  EXPECT_EQ(x.kind, y.kind);
  EXPECT_EQ(x.similarity, y.similarity);
  EXPECT_EQ(x.equal_tokens, y.equal_tokens);
  EXPECT_EQ(x.from_phrases, y.from_phrases);
  ASSERT_EQ(x.ops.size(), y.ops.size());
  for (size_t i = 0; i < x.ops.size(); ++i) {
    EXPECT_TRUE(x.ops[i].kind == y.ops[i].kind &&
                x.ops[i].a_begin == y.ops[i].a_begin &&
                x.ops[i].a_end == y.ops[i].a_end &&
                x.ops[i].b_begin == y.ops[i].b_begin &&
                x.ops[i].b_end == y.ops[i].b_end);
  }
  ASSERT_EQ(x.edits.size(), y.edits.size());
  for (size_t i = 0; i < x.edits.size(); ++i) {
    EXPECT_TRUE(x.edits[i].a == y.edits[i].a && x.edits[i].b == y.edits[i].b);
  }
}

void ExpectSameReport(const ReportResult& x, const ReportResult& y) {
  ASSERT_EQ(x.pairs.size(), y.pairs.size());
  for (size_t i = 0; i < x.pairs.size(); ++i) {
    const ReportPair& p = x.pairs[i];
    const ReportPair& q = y.pairs[i];
    SCOPED_TRACE(x.docs[p.a].id + "~" + x.docs[p.b].id);
    ASSERT_TRUE(p.a == q.a && p.b == q.b);
    EXPECT_EQ(p.coverage_a, q.coverage_a);
    EXPECT_EQ(p.coverage_b, q.coverage_b);
    EXPECT_EQ(p.source, q.source);
    ASSERT_EQ(p.passages.size(), q.passages.size());
    for (size_t k = 0; k < p.passages.size(); ++k) {
      ExpectSamePassages(p.passages[k], q.passages[k]);
    }
  }
  ASSERT_EQ(x.clusters.size(), y.clusters.size());
  for (size_t c = 0; c < x.clusters.size(); ++c) {
    EXPECT_EQ(x.clusters[c].members, y.clusters[c].members);
    EXPECT_EQ(x.clusters[c].source, y.clusters[c].source);
  }
}

TEST_F(CopiesTest, SharingAlignmentsOfCopiesChangesNothing) {
  auto all = Run(false, 1);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->stats.aligned, all->stats.candidates);
  EXPECT_EQ(all->stats.exact_copies, 0u);
  EXPECT_EQ(all->stats.reread, all->docs.size());
  // Each copy of the wire story pairs with the hubs of its fingerprint
  // groups (copies among them), the spun rewrites and HuffPost's article:
  // far more pairs than there are distinct contents.
  ASSERT_GT(all->pairs.size(), 300u);

  for (int threads : {1, 3}) {
    auto shared = Run(true, threads);
    ASSERT_TRUE(shared.ok()) << shared.status();
    EXPECT_EQ(shared->stats.candidates, all->stats.candidates);
    // Distinct contents: 4 texts + 2 near copies, so at most 21 ordered
    // pairs of contents in each orientation.
    EXPECT_LE(shared->stats.aligned, 2u * 6 * 7 / 2);
    // 39 copies of the wire story, 3 of the rewrite and 2 of the Met's
    // statement are sketched as their first copy, and only the six texts
    // are read again.
    EXPECT_EQ(shared->stats.exact_copies, 44u);
    EXPECT_EQ(shared->stats.reread, 6u);
    ExpectSameReport(*all, *shared);
  }
}

TEST_F(CopiesTest, KeepsTheTokensAlignmentReadForRendering) {
  for (bool keep_ops : {true, false}) {
    auto reader =
        NewDocumentReader({path_}, IngestOptions{}, [](const IngestIssue&) {});
    ASSERT_TRUE(reader.ok()) << reader.status();
    ReportOptions options;
    options.keep_ops = keep_ops;
    auto r = RunReport(reader->get(), options);
    ASSERT_TRUE(r.ok()) << r.status();
    if (!keep_ops) {
      EXPECT_TRUE(r->token_sets.empty());
      EXPECT_TRUE(r->token_set.empty());
      continue;
    }
    ASSERT_EQ(r->token_set.size(), r->docs.size());
    std::vector<bool> paired(r->docs.size(), false);
    for (const ReportPair& p : r->pairs) paired[p.a] = paired[p.b] = true;
    std::vector<uint32_t> set_of_text(2, ReportResult::kNoTokens);
    size_t with_tokens = 0;
    for (DocIndex d = 0; d < r->docs.size(); ++d) {
      SCOPED_TRACE(r->docs[d].id);
      const uint32_t set = r->token_set[d];
      if (set == ReportResult::kNoTokens) {
        EXPECT_FALSE(paired[d]);
        continue;
      }
      ++with_tokens;
      ASSERT_LT(set, r->token_sets.size());
      std::string text;
      ASSERT_TRUE((*reader)->store().Fetch(r->docs[d].origin, &text).ok());
      std::vector<Token> expected;
      Tokenize(text, &expected);
      const std::vector<Token>& kept = r->token_sets[set];
      ASSERT_EQ(kept.size(), expected.size());
      for (size_t t = 0; t < kept.size(); ++t) {
        ASSERT_TRUE(kept[t].begin == expected[t].begin &&
                    kept[t].end == expected[t].end &&
                    kept[t].hash == expected[t].hash)
            << "token " << t;
      }
      // Copies of one text share one set.
      const std::string& id = r->docs[d].id;
      const int text_number = id.rfind("wire-", 0) == 0 && id != "wire-trimmed"
                                  ? 0
                              : id.rfind("spun-", 0) == 0 ? 1
                                                          : -1;
      if (text_number >= 0) {
        uint32_t& first = set_of_text[text_number];
        if (first == ReportResult::kNoTokens) first = set;
        EXPECT_EQ(set, first);
      }
    }
    // Every document of the fixture but the Met's statements is in a pair.
    EXPECT_GE(with_tokens, r->docs.size() - 3);
  }
}

TEST(TextCopies, EachTextsFirstDocumentAcrossBatches) {
  // Texts by number; 300 distinct ones spread the hashes over all shards.
  auto text = [](int t) { return "text number " + std::to_string(t); };
  auto hashes = [&](std::vector<int> texts) {
    std::vector<internal::TextCopies::Hash> out;
    for (int t : texts) out.push_back(internal::TextCopies::HashOf(text(t)));
    return out;
  };
  internal::TextCopies copies;
  std::vector<int> first_batch, second_batch;
  for (int t = 0; t < 300; ++t) first_batch.push_back(t);
  first_batch.push_back(7);  // a copy within the batch
  for (int t = 299; t >= 250; --t) second_batch.push_back(t);  // copies
  second_batch.push_back(1000);  // new
  second_batch.push_back(1000);  // and its copy
  copies.Add(hashes(first_batch), 0, 3);
  copies.Add(hashes(second_batch), static_cast<DocIndex>(first_batch.size()), 3);
  copies.Done();
  for (DocIndex d = 0; d < 300; ++d) EXPECT_EQ(copies.first(d), d);
  EXPECT_EQ(copies.first(300), 7u);
  for (DocIndex i = 0; i < 50; ++i) EXPECT_EQ(copies.first(301 + i), 299 - i);
  EXPECT_EQ(copies.first(351), 351u);
  EXPECT_EQ(copies.first(352), 351u);
  EXPECT_EQ(copies.copies(), 1u + 50 + 1);
}

}  // namespace
}  // namespace reprint
