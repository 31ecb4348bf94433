// A wire story an outlet carries with a line of its own inside it (here
// the outlet's newsletter promotion, which every one of its pages holds:
// its furniture) is one passage, the line an insertion that coverage leaves
// out, and the promotion pairs none of the outlet's pages.

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/ingest.h"
#include "reprint/report.h"

namespace reprint {
namespace {

std::string Words(const std::string& stem, int from, int to) {
  std::string text;
  for (int w = from; w < to; ++w) text += stem + std::to_string(w) + " ";
  return text;
}

constexpr int kPromoWords = 21;
const char kPromo[] =
    "Sign up for the Courier morning briefing and get the stories that "
    "matter in your inbox before breakfast every single weekday ";

TEST(Insertion, AnOutletsPromotionInsideAStoryItCarriesIsNotReuse) {
  const std::string path = ::testing::TempDir() + "/reprint_insertion_" +
                           std::to_string(::getpid()) + ".jsonl";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "{\"id\":\"wire\",\"source\":\"agency\",\"text\":\""
        << Words("story", 0, 150) << "\"}\n";
    out << "{\"id\":\"copy\",\"source\":\"courier\",\"text\":\""
        << Words("story", 0, 60) << kPromo << Words("story", 60, 150)
        << "\"}\n";
    for (int p = 0; p < 3; ++p) {
      const std::string own = "own" + std::to_string(p) + "x";
      out << "{\"id\":\"own" << p << "\",\"source\":\"courier\",\"text\":\""
          << Words(own, 0, 50) << kPromo << Words(own, 50, 120) << "\"}\n";
    }
  }
  auto reader =
      NewDocumentReader({path}, IngestOptions{}, [](const IngestIssue&) {});
  ASSERT_TRUE(reader.ok()) << reader.status();
  auto result = RunReport(reader->get(), ReportOptions{});
  std::remove(path.c_str());
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->pairs.size(), 1u);
  const ReportPair& pair = result->pairs[0];
  EXPECT_EQ(result->docs[pair.a].id, "wire");
  EXPECT_EQ(result->docs[pair.b].id, "copy");
  ASSERT_EQ(pair.passages.size(), 1u);
  const Passage& p = pair.passages[0];
  EXPECT_EQ(p.ta.size(), 150u);
  EXPECT_EQ(p.tb.size(), 150u + kPromoWords);
  EXPECT_EQ(p.inserted_a, 0u);
  EXPECT_EQ(p.inserted_b, static_cast<uint32_t>(kPromoWords));
  EXPECT_EQ(p.equal_tokens, 150u);
  EXPECT_DOUBLE_EQ(pair.coverage_a, 1.0);
  EXPECT_DOUBLE_EQ(pair.coverage_b, 150.0 / (150 + kPromoWords));
  EXPECT_GT(result->stats.suppressed_outlet, 0u);  // the promotion
}

}  // namespace
}  // namespace reprint
