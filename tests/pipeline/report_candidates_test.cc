// The candidate stage takes each document's fingerprints once each, in any
// order: the order within a document's list changes nothing it finds.

#include "src/pipeline/report_candidates.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/report.h"

namespace reprint {
namespace {

TEST(FindReportCandidates, OrderWithinADocumentsFingerprintsChangesNothing) {
  std::mt19937 rng(11);
  const size_t n = 400;
  std::vector<DocumentInfo> docs(n);
  std::vector<std::vector<uint32_t>> ascending(n);
  for (size_t d = 0; d < n; ++d) {
    docs[d].id = "doc-" + std::to_string(d);
    // A fifth of the documents have one of three outlets.
    if (d % 5 == 0) docs[d].source = "outlet-" + std::to_string(d % 3);
    if (d % 3 != 0)
      docs[d].date_ms = static_cast<int64_t>(rng() % 1000) * 86400000;
    // Fingerprints drawn from pools of several sizes: some shared by a few
    // documents, some by dozens (paired through hubs), some by more than
    // the cap (boilerplate), an outlet's own furniture, and the document's
    // own.
    std::vector<uint32_t>& f = ascending[d];
    for (int i = 0; i < 40; ++i) f.push_back(0x10000000u + rng() % 2000);
    for (int i = 0; i < 6; ++i) f.push_back(0x20000000u + rng() % 40);
    for (int i = 0; i < 3; ++i) f.push_back(0x30000000u + rng() % 3);
    if (d % 5 == 0) f.push_back(0x40000000u + static_cast<uint32_t>(d % 3));
    for (int i = 0; i < 30; ++i) f.push_back(static_cast<uint32_t>(rng()));
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end()), f.end());
  }
  ReportOptions options;
  options.max_df = 60;
  options.min_shared = 2;
  auto run = [&](bool shuffle, int threads) {
    std::vector<std::vector<uint32_t>> lists = ascending;
    if (shuffle) {
      for (auto& f : lists) std::shuffle(f.begin(), f.end(), rng);
    }
    ReportStats stats;
    internal::ReportCandidates c = internal::FindReportCandidates(
        &lists, docs, options, nullptr, threads, &stats);
    EXPECT_TRUE(lists.empty());  // released as read
    return std::make_pair(std::move(c), stats);
  };
  auto [sorted, sorted_stats] = run(false, 1);
  ASSERT_GT(sorted.pairs.size(), 100u);
  EXPECT_GT(sorted_stats.suppressed_df, 0u);
  EXPECT_GT(sorted_stats.suppressed_outlet, 0u);
  for (int threads : {1, 3}) {
    auto [shuffled, stats] = run(true, threads);
    EXPECT_EQ(shuffled.pairs, sorted.pairs);
    EXPECT_EQ(shuffled.hashes, sorted.hashes);
    EXPECT_EQ(shuffled.begin, sorted.begin);
    EXPECT_EQ(shuffled.star.begin, sorted.star.begin);
    EXPECT_EQ(shuffled.star.hashes, sorted.star.hashes);
    EXPECT_EQ(shuffled.boilerplate, sorted.boilerplate);
    EXPECT_EQ(shuffled.widely_carried, sorted.widely_carried);
    EXPECT_EQ(shuffled.carried, sorted.carried);
    EXPECT_EQ(stats.seeds, sorted_stats.seeds);
    EXPECT_EQ(stats.suppressed_df, sorted_stats.suppressed_df);
    EXPECT_EQ(stats.suppressed_outlet, sorted_stats.suppressed_outlet);
  }
}

}  // namespace
}  // namespace reprint
