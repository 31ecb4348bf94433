#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/align.h"
#include "reprint/text.h"

namespace reprint {
namespace {

struct Doc {
  std::string text;
  std::vector<Token> tokens;
  explicit Doc(std::string t) : text(std::move(t)) { Tokenize(text, &tokens); }
  std::string Slice(ByteRange r) const { return text.substr(r.begin, r.size()); }
};

const char kStory[] =
    "A memo seen by the BBC revealed the idea was discussed internally as a "
    "potential method in dealing with the recent spate in violent crime and "
    "deaths in London. Such measures, if adopted, would be based on an "
    "informed and reliable intelligence picture of where gang activity is "
    "likely, and would be done in full consultation with the local policing "
    "borough.";

TEST(AlignPassages, VerbatimCopyInsideOtherTextIsOnePassage) {
  Doc a(std::string("Completely different opening words about the weather "
                    "and the football results of the weekend. ") + kStory +
        " Subscribe now for unlimited access.");
  Doc b(std::string("Our reporter adds local context here first. ") + kStory);
  auto passages = AlignPassages(a.tokens, b.tokens, AlignOptions{});
  ASSERT_EQ(passages.size(), 1u);
  const Passage& p = passages[0];
  EXPECT_EQ(p.kind, Passage::kVerbatim);
  EXPECT_DOUBLE_EQ(p.similarity, 1.0);
  EXPECT_EQ(a.Slice(p.a), std::string(kStory).substr(0, std::string(kStory).size() - 1));
  EXPECT_EQ(b.Slice(p.b), a.Slice(p.a));
  EXPECT_TRUE(p.edits.empty());
}

TEST(AlignPassages, SpunCopyAlignsAsOneRewrittenPassage) {
  Doc a(kStory);
  Doc b("A memo seen by the BBC revealed the notion was talked about "
        "internally as a possible method in managing the recent spate in "
        "brutal crime and deaths in London. Such measures, if adopted, would "
        "be founded on an informed and dependable intelligence picture of "
        "where gang activity is likely, and would be done in full "
        "consultation with the local policing borough.");
  auto passages = AlignPassages(a.tokens, b.tokens, AlignOptions{});
  ASSERT_EQ(passages.size(), 1u);
  const Passage& p = passages[0];
  EXPECT_EQ(p.kind, Passage::kRewritten);
  EXPECT_GT(p.similarity, 0.7);
  EXPECT_LT(p.similarity, 1.0);
  EXPECT_EQ(p.ta.begin, 0u);
  EXPECT_EQ(p.ta.end, a.tokens.size());
  EXPECT_EQ(p.tb.end, b.tokens.size());
  // The substitution "violent" -> "brutal" is one of the edits.
  bool found = false;
  for (const auto& e : p.edits) {
    found = found || (a.Slice(e.a) == "violent" && b.Slice(e.b) == "brutal");
  }
  EXPECT_TRUE(found);
}

TEST(AlignPassages, UnrelatedTextsOnTheSameTopicShareNoPassage) {
  Doc a("The Metropolitan Police Federation is asking officers whether they "
        "would carry guns on patrol, after a rise in attacks on officers in "
        "the capital over the last two years.");
  Doc b("Police chiefs in London have been urged to consider routine arming "
        "after a secret review found that officers faced more violence than "
        "at any time in the past decade.");
  EXPECT_TRUE(AlignPassages(a.tokens, b.tokens, AlignOptions{}).empty());
}

TEST(AlignPassages, MaskedBoilerplateNeverAnchors) {
  std::string footer =
      " Subscribe to our newsletter for the best stories of the week, "
      "delivered to your inbox every Friday morning by our editors.";
  Doc a("First story about a bridge opening in the town centre today." + footer);
  Doc b("Second story about a school play that was a great success." + footer);
  EXPECT_FALSE(AlignPassages(a.tokens, b.tokens, AlignOptions{}).empty());
  std::vector<uint8_t> mask_a(a.tokens.size(), 0), mask_b(b.tokens.size(), 0);
  for (size_t i = 11; i < mask_a.size(); ++i) mask_a[i] = 1;
  for (size_t i = 11; i < mask_b.size(); ++i) mask_b[i] = 1;
  EXPECT_TRUE(
      AlignPassages(a.tokens, b.tokens, AlignOptions{}, mask_a, mask_b).empty());
}

TEST(AlignPassages, TwoSeparatePassagesStaySeparateAndOrdered) {
  std::string p1 =
      "The force has denied the move would become routine, and said any "
      "deployment would be limited to short periods of time in specific areas.";
  std::string p2 =
      "It comes as the number of killings in the capital has reached one "
      "hundred and twenty seven, up on the one hundred and sixteen seen in "
      "the whole of last year.";
  std::string filler =
      " Meanwhile in unrelated news the council voted on parking charges, "
      "library hours, bin collections, road repairs, park benches and the "
      "new swimming pool after a long and heated debate among members. ";
  Doc a(p1 + filler + p2);
  Doc b(p2 + " Different words entirely separate these two quoted parts of "
        "the article for readers. " + p1);
  auto passages = AlignPassages(a.tokens, b.tokens, AlignOptions{});
  ASSERT_EQ(passages.size(), 2u);
  EXPECT_LT(passages[0].ta.begin, passages[1].ta.begin);
  EXPECT_GT(passages[0].tb.begin, passages[1].tb.begin);  // crossed order
  for (const auto& p : passages) EXPECT_EQ(p.kind, Passage::kVerbatim);
}

}  // namespace
}  // namespace reprint
