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
  const ReportPair& pair = r.pairs[0];
  EXPECT_EQ(r.docs[pair.a].id, "d1");
  EXPECT_EQ(r.docs[pair.b].id, "d4");
  EXPECT_EQ(r.stats.frame_pairs, 14u);
  // The site's header and footer the two also share are not reuse: the
  // story is their one passage, and all their coverage.
  ASSERT_EQ(pair.passages.size(), 1u);
  const Passage& p = pair.passages[0];
  const size_t story_at = Header().size() + Words("own1x", 40).size();
  EXPECT_EQ(p.a.begin, story_at);
  EXPECT_EQ(p.a.end, story_at + story.size() - 1);  // less the last space
  EXPECT_EQ(r.stats.frame_passages, 2u);
  // Asked to keep outlet furniture, all three passages; the coverage
  // without the frame counts the story's words alone.
  const ReportResult kept = Run(texts, /*outlet_furniture=*/false);
  EXPECT_EQ(kept.stats.frame_passages, 0u);
  const ReportPair* whole = nullptr;
  for (const ReportPair& k : kept.pairs) {
    if (kept.docs[k.a].id == "d1" && kept.docs[k.b].id == "d4") whole = &k;
  }
  ASSERT_NE(whole, nullptr);
  ASSERT_EQ(whole->passages.size(), 3u);
  uint64_t words_a = 0, words_b = 0;
  for (const Passage& q : whole->passages) {
    words_a += q.ta.size();
    words_b += q.tb.size();
  }
  EXPECT_EQ(p.ta.size(), 150u);
  EXPECT_NEAR(pair.coverage_a, whole->coverage_a * 150 / words_a, 1e-9);
  EXPECT_NEAR(pair.coverage_b, whole->coverage_b * 150 / words_b, 1e-9);
}

TEST_F(FrameTest, AStoryRightInsideTheFrameIsCutFromIt) {
  // Two pages carrying one story between the header and the footer with
  // only a headline of their own: header, headline, story and footer align
  // as one passage, which is cut back to the story.
  std::vector<std::string> texts = SitePages(6);
  const std::string story = Words("wirestory", 150);
  texts[1] = Page(Words("headlineone", 6) + story);
  texts[4] = Page(Words("headlinefour", 6) + story);
  const ReportResult kept = Run(texts, /*outlet_furniture=*/false);
  const ReportPair* whole = nullptr;
  for (const ReportPair& k : kept.pairs) {
    if (kept.docs[k.a].id == "d1" && kept.docs[k.b].id == "d4") whole = &k;
  }
  ASSERT_NE(whole, nullptr);
  ASSERT_EQ(whole->passages.size(), 1u);
  EXPECT_EQ(whole->passages[0].a.begin, 0u);
  EXPECT_EQ(whole->passages[0].a.end, texts[1].size() - 1);

  const ReportResult r = Run(texts);
  ASSERT_EQ(r.pairs.size(), 1u);
  const ReportPair& pair = r.pairs[0];
  ASSERT_EQ(pair.passages.size(), 1u);
  const Passage& p = pair.passages[0];
  const size_t story_a = Header().size() + Words("headlineone", 6).size();
  const size_t story_b = Header().size() + Words("headlinefour", 6).size();
  EXPECT_EQ(p.a.begin, story_a);
  EXPECT_EQ(p.a.end, story_a + story.size() - 1);  // less the last space
  EXPECT_EQ(p.b.begin, story_b);
  EXPECT_EQ(p.b.end, story_b + story.size() - 1);
  EXPECT_EQ(p.kind, Passage::kVerbatim);
  EXPECT_EQ(p.equal_tokens, 150u);
  EXPECT_EQ(r.stats.frame_cuts, 1u);
  EXPECT_EQ(r.stats.frame_passages, 0u);
  EXPECT_NEAR(pair.coverage_a,
              whole->coverage_a * 150 / whole->passages[0].ta.size(), 1e-9);
}

TEST_F(FrameTest, PagesSharingOnlyAFooterOfTheirFramesShareFurniture) {
  // Two sections of the site, each with a header of its own, under one
  // footer: pages of two sections share only the footer, which is part
  // of both pages' frames.
  const auto site = [](int per_section) {
    std::vector<std::string> texts;
    for (int d = 0; d < 2 * per_section; ++d) {
      const std::string section = d < per_section ? "sport" : "business";
      texts.push_back(Words(section + "headerword", 25) +
                      Words("page" + std::to_string(d) + "word", 120) +
                      Footer());
    }
    return texts;
  };
  const ReportResult r = Run(site(3));
  EXPECT_TRUE(r.pairs.empty());
  EXPECT_EQ(r.stats.frame_pairs, 3u + 3u + 9u);
  EXPECT_EQ(r.stats.frame_passages, 9u);
  // With two pages a section no frame is shown to be one: all six pairs.
  const ReportResult two = Run(site(2));
  EXPECT_EQ(two.pairs.size(), 6u);
  EXPECT_EQ(two.stats.frame_passages, 0u);
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
