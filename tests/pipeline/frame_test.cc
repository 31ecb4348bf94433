// Pages of one site with no outlet named (no source, url or folder) share
// its header and footer around different stories: that frame is the site's
// furniture once three pages share it, and no pair is reported for it. A
// story two of them share still is, and so is a lede several documents
// open with (a reused lede is not a frame).

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

std::string Words(const std::string& stem, int n) {
  std::string text;
  for (int w = 0; w < n; ++w) text += stem + std::to_string(w) + " ";
  return text;
}

const std::string& Header() {
  static const std::string* header = new std::string(
      "THE TESTVILLE GAZETTE serving the valley since eighteen ninety News "
      "Sport Weather Letters Puzzles Property Jobs Motors Advertisement "
      "Subscribe Sign in Today's paper ");
  return *header;
}

const std::string& Footer() {
  static const std::string* footer = new std::string(
      "Support independent local reporting in Testville and the valley by "
      "taking out a subscription today for less than the price of a coffee "
      "a week You may also like Council approves the new bridge budget "
      "Rovers sign a goalkeeper from the coast Weekend markets return to "
      "the square Copyright Testville Gazette Limited all rights reserved ");
  return *footer;
}

// A page of the site: its header, `body`, its footer.
std::string Page(const std::string& body) { return Header() + body + Footer(); }

class FrameTest : public ::testing::Test {
 protected:
  void TearDown() override { std::remove(path_.c_str()); }

  // Reports on `texts`, documents d0, d1, ... with no outlet.
  ReportResult Run(const std::vector<std::string>& texts,
                   bool outlet_furniture = true, uint32_t examples = 0) {
    path_ = ::testing::TempDir() + "/reprint_frame_" +
            std::to_string(::getpid()) + ".jsonl";
    {
      std::ofstream out(path_, std::ios::binary | std::ios::trunc);
      for (size_t d = 0; d < texts.size(); ++d) {
        out << "{\"id\":\"d" << d << "\",\"text\":\"" << texts[d] << "\"}\n";
      }
    }
    auto reader =
        NewDocumentReader({path_}, IngestOptions{}, [](const IngestIssue&) {});
    EXPECT_TRUE(reader.ok()) << reader.status();
    ReportOptions options;
    options.outlet_furniture = outlet_furniture;
    options.suppressed_examples = examples;
    auto result = RunReport(reader->get(), options);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *std::move(result) : ReportResult();
  }

  std::string path_;
};

std::vector<std::string> SitePages(int pages) {
  std::vector<std::string> texts;
  for (int p = 0; p < pages; ++p) {
    texts.push_back(Page(Words("page" + std::to_string(p) + "word", 120)));
  }
  return texts;
}

TEST_F(FrameTest, PagesOfOneSiteShareOnlyFurniture) {
  const ReportResult r = Run(SitePages(6));
  EXPECT_TRUE(r.pairs.empty());
  EXPECT_TRUE(r.clusters.empty());
  EXPECT_EQ(r.stats.frame_pairs, 15u);
  // Asked for examples, the first pair's footer (its longest passage).
  const ReportResult shown = Run(SitePages(6), true, /*examples=*/3);
  ASSERT_EQ(shown.suppressed.size(), 1u);
  const SuppressedExample& e = shown.suppressed[0];
  EXPECT_EQ(e.kind, SuppressedExample::kFrame);
  EXPECT_EQ(shown.docs[e.doc].id, "d0");
  EXPECT_EQ(e.documents, 6u);
  EXPECT_EQ(e.text.substr(0, 27), "Support independent local r");
  EXPECT_EQ(e.bytes.size(), e.text.size());
  // Asked to keep outlet furniture, every pair shares header and footer.
  const ReportResult kept = Run(SitePages(6), /*outlet_furniture=*/false);
  ASSERT_EQ(kept.pairs.size(), 15u);
  EXPECT_EQ(kept.stats.frame_pairs, 0u);
  EXPECT_EQ(kept.pairs[0].passages.size(), 2u);
}

TEST_F(FrameTest, TwoPagesSharingAFrameAreStillAPair) {
  // Nothing says the frame is a site's rather than text the two share.
  const ReportResult r = Run(SitePages(2));
  EXPECT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.stats.frame_pairs, 0u);
}

TEST_F(FrameTest, AStoryTwoPagesShareIsStillReuse) {
  std::vector<std::string> texts = SitePages(6);
  const std::string story = Words("wirestory", 150);
  texts[1] = Page(Words("own1x", 40) + story + Words("own1y", 40));
  texts[4] = Page(Words("own4x", 60) + story + Words("own4y", 20));
  const ReportResult r = Run(texts);
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.docs[r.pairs[0].a].id, "d1");
  EXPECT_EQ(r.docs[r.pairs[0].b].id, "d4");
  EXPECT_EQ(r.stats.frame_pairs, 14u);
}

TEST_F(FrameTest, ALedeSeveralDocumentsOpenWithIsNotAFrame) {
  // Outlets that keep a wire story's first paragraph and write the rest:
  // shared text at the start only, in four documents.
  const std::string lede = Words("ledeword", 40);
  std::vector<std::string> texts;
  for (int d = 0; d < 4; ++d) {
    texts.push_back(lede + Words("doc" + std::to_string(d) + "word", 150));
  }
  const ReportResult r = Run(texts);
  EXPECT_EQ(r.pairs.size(), 6u);
  EXPECT_EQ(r.stats.frame_pairs, 0u);
}

}  // namespace
}  // namespace reprint
