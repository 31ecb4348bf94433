// Pipeline invariants. The result of a run does not depend on how many
// threads it has or how the input is cut into batches (one thread reads
// batches inline, more read them on a producer thread), and a report that
// drops the token-level edit scripts keeps everything else.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/dedupe.h"
#include "reprint/ingest.h"
#include "reprint/report.h"

namespace reprint {
namespace {

std::unique_ptr<DocumentReader> Open(std::vector<std::string> dirs) {
  for (auto& d : dirs) d = std::string(REPRINT_SOURCE_DIR) + "/" + d;
  auto reader = NewDocumentReader(std::move(dirs), IngestOptions{},
                                  [](const IngestIssue&) {});
  EXPECT_TRUE(reader.ok()) << reader.status();
  return reader.ok() ? std::move(*reader) : nullptr;
}

struct DedupeSummary {
  std::vector<std::pair<DocIndex, DocIndex>> pairs;
  std::vector<std::vector<DocIndex>> clusters;
  std::vector<std::string> ids;
  bool operator==(const DedupeSummary& o) const {
    return pairs == o.pairs && clusters == o.clusters && ids == o.ids;
  }
};

DedupeSummary Dedupe(int threads, size_t batch_bytes) {
  auto reader = Open({"fixtures/seeds", "fixtures/near", "fixtures/outlet"});
  DedupeOptions options;
  options.threads = threads;
  options.batch_bytes = batch_bytes;
  auto result = RunDedupe(reader.get(), options);
  EXPECT_TRUE(result.ok()) << result.status();
  DedupeSummary s;
  if (!result.ok()) return s;
  for (const auto& p : result->pairs) s.pairs.emplace_back(p.a, p.b);
  for (const auto& c : result->clusters) s.clusters.push_back(c.members);
  for (const auto& d : result->docs) s.ids.push_back(d.id);
  return s;
}

TEST(Threads, DedupeIsTheSameForAnyThreadCountAndBatchSize) {
  const DedupeSummary reference = Dedupe(1, 4u << 20);
  ASSERT_FALSE(reference.pairs.empty());
  ASSERT_FALSE(reference.clusters.empty());
  for (int threads : {1, 2, 3}) {
    for (size_t batch_bytes : {size_t{1}, size_t{3000}, size_t{4} << 20}) {
      EXPECT_TRUE(Dedupe(threads, batch_bytes) == reference)
          << threads << " threads, batches of " << batch_bytes << " bytes";
    }
  }
}

std::vector<std::string> Report(int threads) {
  auto reader = Open({"fixtures/seeds", "fixtures/syndication"});
  ReportOptions options;
  options.threads = threads;
  auto result = RunReport(reader.get(), options);
  EXPECT_TRUE(result.ok()) << result.status();
  std::vector<std::string> out;
  if (!result.ok()) return out;
  for (const auto& p : result->pairs) {
    std::string line = result->docs[p.a].id + "~" + result->docs[p.b].id;
    for (const Passage& q : p.passages) {
      line += " " + std::to_string(q.a.begin) + "-" + std::to_string(q.a.end) +
              "/" + std::to_string(q.b.begin) + "-" + std::to_string(q.b.end);
    }
    out.push_back(line);
  }
  return out;
}

TEST(Threads, ReportIsTheSameForAnyThreadCount) {
  const std::vector<std::string> one = Report(1);
  ASSERT_GE(one.size(), 3u);
  EXPECT_EQ(Report(2), one);
  EXPECT_EQ(Report(3), one);
}

TEST(Report, ProgressCountsEachStageUpToItsTotal) {
  struct Call {
    std::string what;
    uint64_t done, total;
  };
  std::vector<Call> calls;
  ReportOptions options;
  options.threads = 2;
  auto result = RunReport(Open({"fixtures/seeds", "fixtures/syndication"}).get(),
                          options, [&](const char* what, uint64_t done, uint64_t total) {
                            calls.push_back({what, done, total});
                          });
  ASSERT_TRUE(result.ok()) << result.status();
  auto last = [&](const std::string& what) -> const Call* {
    const Call* found = nullptr;
    for (const Call& c : calls) {
      if (c.what == what) found = &c;
    }
    return found;
  };
  const Call* read = last("documents read");
  ASSERT_NE(read, nullptr);
  EXPECT_EQ(read->done, result->stats.documents);
  const Call* candidates = last("candidate pairs");
  ASSERT_NE(candidates, nullptr);
  EXPECT_EQ(candidates->done, result->stats.candidates);
  const Call* aligned = last("pairs aligned");
  ASSERT_NE(aligned, nullptr);
  EXPECT_EQ(aligned->done, result->stats.aligned);
  EXPECT_EQ(aligned->total, result->stats.aligned);
  uint64_t before = 0;
  for (const Call& c : calls) {
    if (c.what != "pairs aligned") continue;
    EXPECT_GE(c.done, before);
    EXPECT_LE(c.done, c.total);
    before = c.done;
  }
}

// What was suppressed as boilerplate is shown by example, each the text at
// its byte range in a document that has it.
void ExpectExampleIsItsDocumentsText(const DocumentReader& reader,
                                     const ReportResult& r,
                                     const SuppressedExample& e) {
  ASSERT_LT(e.doc, r.docs.size());
  std::string text;
  ASSERT_TRUE(reader.store().Fetch(r.docs[e.doc].origin, &text).ok());
  ASSERT_LE(e.bytes.end, text.size());
  EXPECT_EQ(text.substr(e.bytes.begin, e.bytes.size()), e.text);
  EXPECT_GE(e.text.size(), 20u);
}

TEST(Report, WireCopyModeNamesItsSourceInTheResult) {
  ReportOptions options;
  auto all = RunReport(Open({"fixtures/syndication"}).get(), options);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_FALSE(all->source.has_value());
  options.source_id = "wire-original";
  auto wire = RunReport(Open({"fixtures/syndication"}).get(), options);
  ASSERT_TRUE(wire.ok()) << wire.status();
  ASSERT_TRUE(wire->source.has_value());
  EXPECT_EQ(wire->docs[*wire->source].id, "wire-original");
  ASSERT_FALSE(wire->pairs.empty());
  for (const ReportPair& p : wire->pairs) EXPECT_EQ(p.source, wire->source);
}

TEST(Report, WireCopyModeForAnOutletPairsItsDocumentsWithOthersOnly) {
  ReportOptions options;
  options.source_outlet = "wire-agency";
  auto wire = RunReport(Open({"fixtures/syndication"}).get(), options);
  ASSERT_TRUE(wire.ok()) << wire.status();
  EXPECT_EQ(wire->source_outlet, "wire-agency");
  EXPECT_FALSE(wire->source.has_value());
  ASSERT_FALSE(wire->pairs.empty());
  for (const ReportPair& p : wire->pairs) {
    ASSERT_TRUE(p.source.has_value());
    // One side is the agency's, the other not, and that side is the source.
    const bool a = wire->docs[p.a].source == "wire-agency";
    const bool b = wire->docs[p.b].source == "wire-agency";
    EXPECT_NE(a, b);
    EXPECT_EQ(*p.source, a ? p.a : p.b);
  }
  for (const ReportCluster& c : wire->clusters) {
    ASSERT_TRUE(c.source.has_value());
    EXPECT_EQ(wire->docs[*c.source].source, "wire-agency");
  }
  // The same pairs as asking about its one story.
  ReportOptions one;
  one.source_id = "wire-original";
  auto story = RunReport(Open({"fixtures/syndication"}).get(), one);
  ASSERT_TRUE(story.ok()) << story.status();
  ASSERT_EQ(story->pairs.size(), wire->pairs.size());
  for (size_t i = 0; i < story->pairs.size(); ++i) {
    EXPECT_EQ(story->pairs[i].a, wire->pairs[i].a);
    EXPECT_EQ(story->pairs[i].b, wire->pairs[i].b);
    EXPECT_EQ(story->pairs[i].coverage_a, wire->pairs[i].coverage_a);
  }
  // Both modes at once, or an outlet nobody has, are errors.
  options.source_id = "wire-original";
  EXPECT_FALSE(RunReport(Open({"fixtures/syndication"}).get(), options).ok());
  ReportOptions nobody;
  nobody.source_outlet = "nobody";
  EXPECT_EQ(RunReport(Open({"fixtures/syndication"}).get(), nobody).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(Report, OutletFurnitureIsShownByExample) {
  ReportOptions options;
  auto none = RunReport(Open({"fixtures/outlet"}).get(), options);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->suppressed.empty());
  options.suppressed_examples = 3;
  auto reader = Open({"fixtures/outlet"});
  auto result = RunReport(reader.get(), options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->suppressed.size(), 1u);  // one outlet, nothing over the cap
  const SuppressedExample& e = result->suppressed[0];
  EXPECT_EQ(e.kind, SuppressedExample::kOutlet);
  EXPECT_EQ(e.source, "harbourside-courier");
  EXPECT_EQ(e.fingerprints, result->stats.suppressed_outlet);
  EXPECT_EQ(e.documents, result->docs.size());  // every article has it
  EXPECT_NE(e.text.find("You may also like"), std::string::npos) << e.text;
  ExpectExampleIsItsDocumentsText(*reader, *result, e);
}

TEST(Report, PhrasesOverTheCapAreShownByExample) {
  ReportOptions options;
  options.max_df = 2;
  options.suppressed_examples = 2;
  auto reader = Open({"fixtures/seeds", "fixtures/syndication"});
  auto result = RunReport(reader.get(), options);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_GT(result->stats.suppressed_df, 0u);
  ASSERT_FALSE(result->suppressed.empty());
  EXPECT_LE(result->suppressed.size(), 2u);
  for (const SuppressedExample& e : result->suppressed) {
    EXPECT_EQ(e.kind, SuppressedExample::kOverMaxDf);
    EXPECT_EQ(e.fingerprints, result->stats.suppressed_df);
    EXPECT_GT(e.documents, 2u);
    ExpectExampleIsItsDocumentsText(*reader, *result, e);
  }
  if (result->suppressed.size() == 2) {
    EXPECT_NE(result->suppressed[0].text, result->suppressed[1].text);
    EXPECT_GE(result->suppressed[0].documents, result->suppressed[1].documents);
  }
}

TEST(Report, WithoutEditScriptsPassagesKeepTheirByteEdits) {
  ReportOptions with, without;
  with.threads = without.threads = 2;
  without.keep_ops = false;
  auto a = RunReport(Open({"fixtures/seeds", "fixtures/syndication"}).get(), with);
  auto b = RunReport(Open({"fixtures/seeds", "fixtures/syndication"}).get(), without);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->pairs.size(), b->pairs.size());
  size_t edited = 0, inserted = 0;
  for (size_t i = 0; i < a->pairs.size(); ++i) {
    EXPECT_EQ(a->pairs[i].coverage_a, b->pairs[i].coverage_a);
    EXPECT_EQ(a->pairs[i].coverage_b, b->pairs[i].coverage_b);
    const auto& pa = a->pairs[i].passages;
    const auto& pb = b->pairs[i].passages;
    ASSERT_EQ(pa.size(), pb.size());
    for (size_t j = 0; j < pa.size(); ++j) {
      EXPECT_FALSE(pa[j].ops.empty());
      EXPECT_TRUE(pb[j].ops.empty());
      EXPECT_TRUE(pa[j].a == pb[j].a && pa[j].b == pb[j].b);
      EXPECT_EQ(pa[j].kind, pb[j].kind);
      EXPECT_EQ(pa[j].equal_tokens, pb[j].equal_tokens);
      EXPECT_EQ(pa[j].inserted_a, pb[j].inserted_a);
      EXPECT_EQ(pa[j].inserted_b, pb[j].inserted_b);
      inserted += pa[j].inserted_a + pa[j].inserted_b;
      ASSERT_EQ(pa[j].edits.size(), pb[j].edits.size());
      for (size_t e = 0; e < pa[j].edits.size(); ++e) {
        EXPECT_TRUE(pa[j].edits[e].a == pb[j].edits[e].a &&
                    pa[j].edits[e].b == pb[j].edits[e].b);
      }
      edited += pa[j].edits.size();
    }
  }
  EXPECT_GT(edited, 0u);  // the spun seed copy has reworded passages
  // The wire copy of 002 adds an attribution of its own to the statement.
  EXPECT_GT(inserted, 0u);
}

}  // namespace
}  // namespace reprint
