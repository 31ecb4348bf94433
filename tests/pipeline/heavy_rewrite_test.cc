// A heavily reworded copy is reported as a pair through the phrases it
// keeps in order, and not when the rule is turned off. The two documents
// share a single winnowed fingerprint, so candidates need only one here.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/ingest.h"
#include "reprint/report.h"

namespace reprint {
namespace {

absl::StatusOr<ReportResult> Report(bool phrase_chains) {
  auto reader = NewDocumentReader(
      {std::string(REPRINT_SOURCE_DIR) + "/fixtures/rewrite/rewrite.jsonl"},
      IngestOptions{}, [](const IngestIssue&) {});
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return reader.status();
  ReportOptions options;
  options.phrase_chains = phrase_chains;
  options.min_shared = 1;
  return RunReport(reader->get(), options);
}

TEST(HeavyRewrite, ReportedAsOneRewrittenPassageFromTheEarlierSource) {
  auto result = Report(true);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->pairs.size(), 1u);
  const ReportPair& p = result->pairs[0];
  EXPECT_EQ(result->docs[p.a].id, "wiki-inheritance");
  EXPECT_EQ(result->docs[p.b].id, "answer-heavy");
  ASSERT_TRUE(p.source.has_value());
  EXPECT_EQ(*p.source, p.a);
  ASSERT_EQ(p.passages.size(), 1u);
  EXPECT_EQ(p.passages[0].kind, Passage::kRewritten);
  EXPECT_TRUE(p.passages[0].from_phrases);
  EXPECT_EQ(result->stats.heavy_rewrites, 1u);
  EXPECT_GT(p.coverage_a, 0.5);
  EXPECT_GT(p.coverage_b, 0.5);
  ASSERT_EQ(result->clusters.size(), 1u);
  EXPECT_EQ(result->clusters[0].members.size(), 2u);
}

TEST(HeavyRewrite, NotReportedWithPhraseChainsOff) {
  auto result = Report(false);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->pairs.empty());
}

}  // namespace
}  // namespace reprint
