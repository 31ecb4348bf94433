#include "src/text/markup.h"

#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "reprint/text.h"
#include "src/text/tokenizer_internal.h"
#include "tests/testing/words.h"

namespace reprint {
namespace {

using ::testing::ElementsAre;

using ::reprint::testing::Words;

// The markup spans' text.
std::vector<std::string> Spans(const std::string& text) {
  std::vector<std::string> out;
  for (const ByteRange& r : internal::MarkupSpans(text)) {
    out.push_back(text.substr(r.begin, r.size()));
  }
  return out;
}

TEST(Markup, TagsCommentsScriptsAndStylesAreNotWords) {
  const std::string page =
      "<!DOCTYPE html><html><head><title>Storm</title>"
      "<style>p { color: red }</style>"
      "<script type=\"text/javascript\">var ad = \"<p>buy</p>\";</script>"
      "</head><body><!-- related links -->"
      "<p class=\"story-body\" data-x='a > b'>The storm hit</p><br/>"
      "<P>the <A HREF=\"/x\">coast</A> today.</P></body></html>";
  EXPECT_THAT(Words(page), ElementsAre("Storm", "The", "storm", "hit", "the",
                                       "coast", "today"));
  EXPECT_EQ(Spans(page).front(), "<!DOCTYPE html>");
  EXPECT_EQ(NormalizeText(page), "storm the storm hit the coast today");
}

TEST(Markup, ByteRangesStayThoseOfTheText) {
  const std::string page =
      "<html><body><p>Wire copy</p><div>ends</div></body></html>";
  std::vector<Token> tokens;
  Tokenize(page, &tokens);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(page.substr(tokens[0].begin, tokens[0].end - tokens[0].begin),
            "Wire");
  EXPECT_EQ(tokens[2].begin, page.find("ends"));
  std::vector<Token> bounds;
  TokenBounds(page, &bounds);
  ASSERT_EQ(bounds.size(), tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(bounds[i].begin, tokens[i].begin);
    EXPECT_EQ(bounds[i].end, tokens[i].end);
  }
}

TEST(Markup, TheSameStoryInDifferentMarkupHasTheSameWords) {
  std::vector<Token> a, b;
  Tokenize(
      "<div class=\"a1\"><p>Officials said the bridge &amp; road would "
      "reopen.</p><p>Repairs cost $3 million.</p></div>",
      &a);
  Tokenize(
      "<html><body><span style=\"x\">Officials said the bridge &amp; "
      "road would reopen.</span><br>Repairs cost $3 million.<br></body>"
      "</html>",
      &b);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].hash, b[i].hash);
}

TEST(Markup, PlainTextKeepsItsAngleBrackets) {
  // Too few HTML tags: placeholders, addresses, POD, formulas stay text.
  EXPECT_THAT(Words("usage: cp <source> <dest>"),
              ElementsAre("usage", "cp", "source", "dest"));
  EXPECT_THAT(Words("From: Ann <ann@example.com>\nSee <http://x.org/a>"),
              ElementsAre("From", "Ann", "ann", "example", "com", "See", "http",
                          "x", "org", "a"));
  EXPECT_THAT(Words("x <b and c> d"), ElementsAre("x", "b", "and", "c", "d"));
  EXPECT_THAT(Words("one <p> only"), ElementsAre("one", "p", "only"));
  EXPECT_TRUE(Spans("the <i>th offset, <b>bold</b>, <u>").empty());
}

TEST(Markup, InsideHtmlOnlyTagShapedTextIsMarkup) {
  const std::string mail =
      "From: Ann <ann@example.com>\n<html><body><p>Hi C<p> there "
      "a <b and c</p><o:p>x</o:p><tr///></body></html>";
  EXPECT_THAT(Words(mail),
              ElementsAre("From", "Ann", "ann", "example", "com", "Hi", "C",
                          "p", "there", "a", "b", "and", "c", "x", "tr"));
}

TEST(Markup, UnclosedCommentsScriptsAndTagsLoseNoText) {
  EXPECT_THAT(Words("<p>one</p><br>two <!-- never closed three"),
              ElementsAre("one", "two", "never", "closed", "three"));
  EXPECT_THAT(Words("<p>one</p><br>two<script>three"),
              ElementsAre("one", "two", "three"));
  // A '<' with no '>' within a tag's length, or another '<' first.
  EXPECT_THAT(Words("<p>one</p><br>two<div " + std::string(5000, 'x') + ">"),
              ElementsAre("one", "two", "div", std::string(5000, 'x')));
  EXPECT_THAT(Words("<p>one</p><br>two<div three <br>"),
              ElementsAre("one", "two", "div", "three"));
}

TEST(Markup, SpansAreOrderedDisjointAndInsideTheText) {
  std::mt19937 rng(7);
  const char* pieces[] = {"<p>",  "</p>", "<br/>", "<div a=\"", "\">",
                          "'",    "<!--", "-->",   "<script>",  "</script>",
                          "<",    ">",    "word ", "<style x>", "</style",
                          "<!x>", "<?y?>", "don'", "t", "&am", "&amp;",
                          "caf\xC3\xA9", "\xFF", "C", "<a href=x>", "</a>",
                          "\xE2\x80"};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i)
      text += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
    uint32_t last_end = 0;
    for (const ByteRange& r : internal::MarkupSpans(text)) {
      ASSERT_LE(last_end, r.begin) << text;
      ASSERT_LT(r.begin, r.end) << text;
      ASSERT_LE(r.end, text.size()) << text;
      EXPECT_EQ(text[r.begin], '<') << text;
      EXPECT_EQ(text[r.end - 1], '>') << text;
      last_end = r.end;
    }
    // The stretches between markup, scanned one by one, give the words
    // one scan of the whole text gives there.
    std::vector<Token> outside;
    internal::TokenBoundsOutside(
        text, ByteRange{0, static_cast<uint32_t>(text.size())},
        internal::MarkupSpans(text), &outside);
    std::vector<Token> whole;
    Tokenize(text, &whole);
    ASSERT_EQ(outside.size(), whole.size()) << text;
    for (size_t i = 0; i < whole.size(); ++i) {
      EXPECT_EQ(outside[i].begin, whole[i].begin) << text;
      EXPECT_EQ(outside[i].end, whole[i].end) << text;
    }
    // NormalizeText() scans the stretches between markup one by one: the
    // same words.
    std::string joined;
    for (const Token& t : whole) {
      if (!joined.empty()) joined += ' ';
      joined += NormalizeToken(text.substr(t.begin, t.end - t.begin));
    }
    EXPECT_EQ(NormalizeText(text), joined) << text;
    // Both tokeniser paths skip the same words.
    std::vector<Token> fast, slow;
    internal::TokenizeImpl(text, &fast, true);
    internal::TokenizeImpl(text, &slow, false);
    ASSERT_EQ(fast.size(), slow.size()) << text;
    for (size_t i = 0; i < fast.size(); ++i) {
      EXPECT_EQ(fast[i].begin, slow[i].begin) << text;
      EXPECT_EQ(fast[i].hash, slow[i].hash) << text;
    }
  }
}

}  // namespace
}  // namespace reprint
