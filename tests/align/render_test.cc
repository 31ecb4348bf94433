// tests/align/render_test.cc
//
// RenderWordDiff(): git-style word diffs of passages built with DiffTokens();
// RenderSideBySideHtml() and AppendHtmlEscaped(): the same as HTML columns.

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "gtest/gtest.h"
#include "reprint/align.h"
#include "reprint/text.h"

namespace reprint {
namespace {

bool IsWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

// A stand-in for Tokenize(): words are runs of ASCII letters and digits (and
// any non-ASCII bytes), hashed lower-cased; everything else separates them.
std::vector<Token> Words(absl::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsWordByte(text[i])) ++i;
    const size_t begin = i;
    while (i < text.size() && IsWordByte(text[i])) ++i;
    if (i == begin) break;
    std::string word(text.substr(begin, i - begin));
    for (char& c : word) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    Token t;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(i);
    t.hash = std::hash<std::string>()(word);
    out.push_back(t);
  }
  return out;
}

// The passage a[ta_begin, ta_end) -> b[tb_begin, tb_end) with its word diff
// (absolute token indices), as AlignPassages() would produce it.
Passage MakePassage(absl::Span<const Token> a, absl::Span<const Token> b,
                    uint32_t ta_begin, uint32_t ta_end, uint32_t tb_begin,
                    uint32_t tb_end) {
  Passage p;
  p.ta = {ta_begin, ta_end};
  p.tb = {tb_begin, tb_end};
  if (ta_end > ta_begin) p.a = {a[ta_begin].begin, a[ta_end - 1].end};
  if (tb_end > tb_begin) p.b = {b[tb_begin].begin, b[tb_end - 1].end};
  p.ops = DiffTokens(a.subspan(ta_begin, ta_end - ta_begin),
                     b.subspan(tb_begin, tb_end - tb_begin));
  for (DiffOp& op : p.ops) {
    op.a_begin += ta_begin;
    op.a_end += ta_begin;
    op.b_begin += tb_begin;
    op.b_end += tb_begin;
  }
  return p;
}

// An op with the given kind and token ranges (absolute indices).
DiffOp Op(DiffOp::Kind kind, uint32_t a_begin, uint32_t a_end,
          uint32_t b_begin, uint32_t b_end) {
  DiffOp d;
  d.kind = kind;
  d.a_begin = a_begin;
  d.a_end = a_end;
  d.b_begin = b_begin;
  d.b_end = b_end;
  return d;
}

// Renders the word diff of the whole of `a` against the whole of `b`.
std::string Render(absl::string_view a, absl::string_view b,
                   bool color = false) {
  const auto ta = Words(a);
  const auto tb = Words(b);
  const Passage p = MakePassage(ta, tb, 0, static_cast<uint32_t>(ta.size()), 0,
                                static_cast<uint32_t>(tb.size()));
  return RenderWordDiff(a, ta, b, tb, p, color);
}

// Removes `open`...`close` spans (with their content) or only the markers.
std::string Strip(const std::string& s, const std::string& open,
                  const std::string& close, bool keep_content) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t o = s.find(open, i);
    if (o == std::string::npos) break;
    const size_t c = s.find(close, o + open.size());
    if (c == std::string::npos) break;
    out.append(s, i, o - i);
    if (keep_content) out.append(s, o + open.size(), c - o - open.size());
    i = c + close.size();
  }
  out.append(s, i, std::string::npos);
  return out;
}

// Random texts of ten words (one capitalised) and the given separators.
class RandomTexts {
 public:
  RandomTexts(uint32_t seed, std::vector<std::string> separators)
      : rng_(seed), seps_(std::move(separators)) {}

  std::string operator()(size_t words) {
    static const char* const kWords[] = {"alpha", "beta", "gamma", "delta",
                                         "eps",   "zeta", "eta",   "theta",
                                         "Iota",  "kappa"};
    std::string s;
    if (rng_() % 2) s += Sep();
    for (size_t i = 0; i < words; ++i) {
      if (i > 0) s += Sep();
      s += kWords[rng_() % 10];
    }
    if (rng_() % 2) s += Sep();
    return s;
  }

  size_t Below(size_t n) { return rng_() % n; }

 private:
  const std::string& Sep() { return seps_[rng_() % seps_.size()]; }

  std::mt19937 rng_;
  std::vector<std::string> seps_;
};

TEST(RenderWordDiffTest, SubstitutionInsideASentence) {
  EXPECT_EQ(Render("Upon hearing the news, she left the room at once.",
                   "Upon apprehending the news, she left the room at once."),
            "Upon [-hearing-]{+apprehending+} the news, she left the room at "
            "once");
}

TEST(RenderWordDiffTest, MultiWordSubstitutionKeepsInnerSpacing) {
  EXPECT_EQ(
      Render("the quick brown fox jumps over", "the slow,  red fox jumps over"),
      "the [-quick brown-]{+slow,  red+} fox jumps over");
  EXPECT_EQ(Render("alpha beta -- gamma delta", "alpha delta"),
            "alpha[-beta -- gamma-] delta");
}

TEST(RenderWordDiffTest, PureInsertion) {
  EXPECT_EQ(Render("a c", "a b c"), "a {+b+} c");
  EXPECT_EQ(Render("b c", "a b c"), "{+a+} b c");
  EXPECT_EQ(Render("a b", "a b c"), "a b {+c+}");
}

TEST(RenderWordDiffTest, PureDeletionFollowsThePreviousWord) {
  // As git --word-diff does: the deletion sits right after the B word before
  // it, and B's spacing follows.
  EXPECT_EQ(Render("a b c", "a c"), "a[-b-] c");
  EXPECT_EQ(Render("a b c", "b c"), "[-a-]b c");
  EXPECT_EQ(Render("a b c", "a b"), "a b[-c-]");
}

TEST(RenderWordDiffTest, IdenticalTextsGiveBsBytes) {
  EXPECT_EQ(Render("One, two;   three!", "one:\ttwo -- THREE?"),
            "one:\ttwo -- THREE");
}

TEST(RenderWordDiffTest, SpacingAndNewlinesOfBAreKept) {
  EXPECT_EQ(Render("The cat sat on the mat.", "The  cat\nsat, on\n\n the rug."),
            "The  cat\nsat, on\n\n the [-mat-]{+rug+}");
}

TEST(RenderWordDiffTest, Color) {
  EXPECT_EQ(Render("Upon hearing the news", "Upon apprehending the news",
                   /*color=*/true),
            "Upon \x1b[31mhearing\x1b[m\x1b[32mapprehending\x1b[m the news");
  EXPECT_EQ(Render("a b c", "a c", true), "a\x1b[31mb\x1b[m c");
  EXPECT_EQ(Render("a c", "a b c", true), "a \x1b[32mb\x1b[m c");
}

TEST(RenderWordDiffTest, SeveralEditsInOnePassage) {
  EXPECT_EQ(Render("It was the best of times, it was the worst of times.",
                   "It was the finest of times; it was the worst of all "
                   "times."),
            "It was the [-best-]{+finest+} of times; it was the worst of "
            "{+all+} times");
}

TEST(RenderWordDiffTest, PassageCoversOnlyItsTokens) {
  const std::string a = "Intro text here. The cat sat on the mat. Bye now.";
  const std::string b = "Other words first! The dog sat on the mat. The end";
  const auto ta = Words(a);
  const auto tb = Words(b);
  // A: "The" is token 3, "mat" token 8. B: "The" is token 3, "mat" token 8.
  const Passage p = MakePassage(ta, tb, 3, 9, 3, 9);
  EXPECT_EQ(RenderWordDiff(a, ta, b, tb, p, false),
            "The [-cat-]{+dog+} sat on the mat");
  EXPECT_EQ(
      Strip(RenderWordDiff(a, ta, b, tb, p, false), "[-", "-]", false).size(),
      0u + p.b.size() + 4);  // "{+" and "+}"
}

// A lone matched word inside a reworded clause joins the change around
// it, so the clause reads as one replacement.
TEST(RenderWordDiffTest, ShortMatchBetweenChangesJoinsThem) {
  EXPECT_EQ(Render("Dick told a London Assembly hearing that the move would",
                   "Dick told an apprehending a move would"),
            "Dick told [-a London Assembly hearing that the-]{+an "
            "apprehending a+} move would");
  // "the" (3 bytes) is under half of "a scheme of" but not of "board".
  EXPECT_EQ(Render("He said the plan was put on hold today",
                   "He said a scheme of the board was paused today"),
            "He said {+a scheme of+} the [-plan-]{+board+} was [-put on "
            "hold-]{+paused+} today");
}

// A matched word at least half as long as a change beside it, or more than
// two matched words, stays: the reader sees what was kept.
TEST(RenderWordDiffTest, LongerMatchesBetweenChangesStay) {
  EXPECT_EQ(Render("the quick brown fox jumps over", "the slow red fox leaps over"),
            "the [-quick brown-]{+slow red+} fox [-jumps-]{+leaps+} over");
  EXPECT_EQ(Render("one extraordinarily long clause of an old a b c text ends",
                   "one remarkably different wording of a b c new prose ends"),
            "one [-extraordinarily long clause of an old-]{+remarkably "
            "different wording of+} a b c [-text-]{+new prose+} ends");
}

// A short match at the start or end of a sentence or line stays: the
// changes on either side of it belong to different sentences.
TEST(RenderWordDiffTest, MatchesAtSentenceBoundariesStay) {
  EXPECT_EQ(Render("violence is imminent.\n\nHe added that it would end",
                   "violence is imminent, said the assistant commissioner.\n"
                   "He said that it would end"),
            "violence is imminent, {+said the assistant commissioner+}.\n"
            "He [-added-]{+said+} that it would end");
  // The same words inside one sentence join.
  EXPECT_EQ(Render("violence is imminent he added that it would end",
                   "violence is imminent said the commissioner he said that it "
                   "would end"),
            "violence is imminent [-he added-]{+said the commissioner he "
            "said+} that it would end");
}

TEST(ReadableOpsTest, ScriptsThatDoNotWalkBothRangesAreKept) {
  const auto ta = Words("a b c d e");
  const auto tb = Words("a x c y e");
  // A gap between the first two ops: kept as it is.
  const std::vector<DiffOp> gapped = {
      Op(DiffOp::kEqual, 0, 1, 0, 1), Op(DiffOp::kDelete, 2, 3, 1, 1),
      Op(DiffOp::kInsert, 3, 3, 1, 2), Op(DiffOp::kEqual, 3, 4, 2, 3)};
  const auto kept = ReadableOps(gapped, "a b c d e", ta, "a x c y e", tb);
  ASSERT_EQ(kept.size(), gapped.size());
  for (size_t i = 0; i < kept.size(); ++i) {
    EXPECT_EQ(kept[i].kind, gapped[i].kind);
    EXPECT_EQ(kept[i].a_begin, gapped[i].a_begin);
    EXPECT_EQ(kept[i].b_end, gapped[i].b_end);
  }
  // The same edits walked in full: "c" (one byte, as long as each change)
  // is more than half a change, so nothing joins either.
  const std::vector<DiffOp> walked = {
      Op(DiffOp::kEqual, 0, 1, 0, 1), Op(DiffOp::kDelete, 1, 2, 1, 1),
      Op(DiffOp::kInsert, 2, 2, 1, 2), Op(DiffOp::kEqual, 2, 3, 2, 3),
      Op(DiffOp::kDelete, 3, 4, 3, 3), Op(DiffOp::kInsert, 4, 4, 3, 4),
      Op(DiffOp::kEqual, 4, 5, 4, 5)};
  EXPECT_EQ(ReadableOps(walked, "a b c d e", ta, "a x c y e", tb).size(),
            walked.size());
}

// Joined changes are still a script of the passage: each token once, in
// order, both sides covered without gaps.
TEST(ReadableOpsTest, JoinedScriptWalksBothRanges) {
  const std::string a = "so the minister told a packed hearing that the move was final";
  const std::string b = "so an official told an apprehending a move was final";
  const auto ta = Words(a);
  const auto tb = Words(b);
  const Passage p = MakePassage(ta, tb, 0, static_cast<uint32_t>(ta.size()), 0,
                                static_cast<uint32_t>(tb.size()));
  const auto ops = ReadableOps(p.ops, a, ta, b, tb);
  ASSERT_LT(ops.size(), p.ops.size());
  uint32_t ia = 0, ib = 0;
  for (const DiffOp& op : ops) {
    EXPECT_EQ(op.a_begin, ia);
    EXPECT_EQ(op.b_begin, ib);
    if (op.kind == DiffOp::kEqual) {
      EXPECT_EQ(op.a_end - op.a_begin, op.b_end - op.b_begin);
    }
    if (op.kind == DiffOp::kDelete) {
      EXPECT_EQ(op.b_end, op.b_begin);
    }
    if (op.kind == DiffOp::kInsert) {
      EXPECT_EQ(op.a_end, op.a_begin);
    }
    ia = op.a_end;
    ib = op.b_end;
  }
  EXPECT_EQ(ia, ta.size());
  EXPECT_EQ(ib, tb.size());
}

TEST(RenderWordDiffTest, InvalidUtf8IsCopied) {
  const std::string a = "caf\xc3\xa9 au lait \xff ok";
  const std::string b = "caf\xc3\xa9 au  \xfe\xff lait \xff ok";
  EXPECT_EQ(Render(a, b), "caf\xc3\xa9 au  {+\xfe\xff+} lait \xff ok");
}

TEST(RenderWordDiffTest, EmptyPassage) {
  Passage p;
  EXPECT_EQ(RenderWordDiff("", {}, "", {}, p, false), "");
  EXPECT_EQ(Render("", "", false), "");
  EXPECT_EQ(Render("a b", "", false), "[-a b-]");
  EXPECT_EQ(Render("", "a b", false), "{+a b+}");
}

TEST(RenderWordDiffTest, OutOfRangeOpsDoNotCrash) {
  const std::string a = "one two three";
  const std::string b = "one four three";
  auto ta = Words(a);
  auto tb = Words(b);
  Passage p;
  p.ops = {Op(DiffOp::kEqual, 0, 1, 0, 1),
           Op(DiffOp::kDelete, 1, 100, 1, 1),
           Op(DiffOp::kInsert, 2, 2, 1, 0xffffffffu),
           Op(DiffOp::kEqual, 5, 3, 9, 2),
           Op(DiffOp::kDelete, 0xfffffff0u, 0xffffffffu, 0, 0),
           Op(DiffOp::kInsert, 0, 0, 3, 7),
           Op(static_cast<DiffOp::Kind>(9), 0, 3, 0, 3),
           Op(DiffOp::kEqual, 0, 3, 0, 3)};
  // Well-formed prefix renders as usual; the rest is clamped.
  const std::string out = RenderWordDiff(a, ta, b, tb, p, false);
  EXPECT_EQ(out.rfind("one [-two three-]{+four three+}", 0), 0u) << out;

  // Tokens whose byte ranges run past (or backwards in) the text.
  ta[2].end = 1000;
  tb[1].begin = 999;
  tb[2].begin = 10;
  tb[2].end = 3;
  p.ops = {Op(DiffOp::kEqual, 0, 3, 0, 3), Op(DiffOp::kDelete, 0, 3, 3, 3),
           Op(DiffOp::kInsert, 3, 3, 0, 3)};
  EXPECT_NO_FATAL_FAILURE(RenderWordDiff(a, ta, b, tb, p, true));
  EXPECT_NO_FATAL_FAILURE(RenderWordDiff("", ta, "", tb, p, false));
  EXPECT_NO_FATAL_FAILURE(RenderWordDiff(a, {}, b, {}, p, false));
  EXPECT_NO_FATAL_FAILURE(RenderSideBySideHtml(a, ta, b, tb, p));
  EXPECT_NO_FATAL_FAILURE(RenderSideBySideHtml("", ta, "", tb, p));
}

TEST(RenderWordDiffTest, StrippingDeletionsAndMarkersGivesB) {
  // On random texts, the plain output minus [-...-] and the {+ +} markers is
  // B's text from its first to its last token; the colour output likewise.
  RandomTexts random_text(42, {" ", "  ", ", ", ".\n", "; ", "\n\n", " - "});
  for (int iter = 0; iter < 500; ++iter) {
    const std::string a = random_text(random_text.Below(30));
    const std::string b = random_text(random_text.Below(30));
    const auto tb = Words(b);
    std::string want;
    if (!tb.empty()) {
      want = b.substr(tb.front().begin, tb.back().end - tb.front().begin);
    }
    const std::string plain = Render(a, b, false);
    const std::string colored = Render(a, b, true);
    EXPECT_EQ(Strip(Strip(plain, "[-", "-]", false), "{+", "+}", true), want)
        << a << "\n"
        << b << "\n"
        << plain;
    EXPECT_EQ(Strip(Strip(colored, "\x1b[31m", "\x1b[m", false), "\x1b[32m",
                    "\x1b[m", true),
              want);
    ASSERT_FALSE(HasFailure()) << "iteration " << iter;
  }
}

// Both HTML columns of the whole of `a` against the whole of `b`.
SideBySideHtml RenderHtml(absl::string_view a, absl::string_view b) {
  const auto ta = Words(a);
  const auto tb = Words(b);
  const Passage p = MakePassage(ta, tb, 0, static_cast<uint32_t>(ta.size()), 0,
                                static_cast<uint32_t>(tb.size()));
  return RenderSideBySideHtml(a, ta, b, tb, p);
}

std::string Escaped(absl::string_view s) {
  std::string out;
  AppendHtmlEscaped(s, &out);
  return out;
}

std::string Unescaped(std::string s) {
  for (const auto& [entity, c] :
       std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
    std::string out;
    size_t i = 0;
    for (size_t f; (f = s.find(entity, i)) != std::string::npos;
         i = f + entity.size()) {
      out.append(s, i, f - i);
      out += c;
    }
    out.append(s, i, std::string::npos);
    s = out;
  }
  return s;
}

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t f = s.find(what); f != std::string::npos; f = s.find(what, f + 1)) ++n;
  return n;
}

TEST(HtmlEscapeTest, MarkupCharactersBecomeEntities) {
  EXPECT_EQ(Escaped("a<b>&\"c'd"), "a&lt;b&gt;&amp;&quot;c'd");
  EXPECT_EQ(Escaped("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(Escaped(""), "");
}

// Bytes that are not UTF-8 show as the Windows-1252 characters the
// tokeniser reads them as (a Latin-1 page keeps its accents), U+FFFD where
// the code page has none.
TEST(HtmlEscapeTest, Utf8IsKeptAndInvalidBytesShownAsWindows1252) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(Escaped("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC"),
            "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC");
  EXPECT_EQ(Escaped(fffd), fffd);  // a real U+FFFD stays one
  EXPECT_EQ(Escaped("caf\xE9 \x93" "a\x94"),
            "caf\xC3\xA9 \xE2\x80\x9C" "a\xE2\x80\x9D");
  EXPECT_EQ(Escaped("a\x81" "b\x8D"), "a" + fffd + "b" + fffd);  // undefined
  EXPECT_EQ(Escaped("x\xE6\x97"), "x\xC3\xA6\xE2\x80\x94");     // cut short
  EXPECT_EQ(Escaped("\xC0\xAF"), "\xC3\x80\xC2\xAF");           // overlong
}

TEST(HtmlEscapeTest, ControlCharactersButWhitespaceReplacedAndNulDropped) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(Escaped("a\tb\nc\r\n"), "a\tb\nc\r\n");
  EXPECT_EQ(Escaped(std::string("a\x01" "b\x1b" "[31m\x7f", 9)),
            "a" + fffd + "b" + fffd + "[31m" + fffd);
  // NUL is dropped: the report's text view blanks hidden markup with it.
  EXPECT_EQ(Escaped(std::string("a\0\0b", 4)), "ab");
}

TEST(SideBySideHtmlTest, SubstitutionFacesItsReplacement) {
  const SideBySideHtml h = RenderHtml("the cat sat down", "the dog sat down");
  EXPECT_EQ(h.a, "the <del>cat</del> sat down");
  EXPECT_EQ(h.b, "the <ins>dog</ins> sat down");
}

TEST(SideBySideHtmlTest, InsertionAndDeletionKeepEachSidesSpacing) {
  const SideBySideHtml h =
      RenderHtml("one two,  three\nfour five", "one two three, and four five");
  EXPECT_EQ(h.a, "one two,  three\nfour five");
  EXPECT_EQ(h.b, "one two three, <ins>and</ins> four five");
  const SideBySideHtml d = RenderHtml("a b c d", "a d");
  EXPECT_EQ(d.a, "a <del>b c</del> d");
  EXPECT_EQ(d.b, "a d");
}

TEST(SideBySideHtmlTest, TextIsEscaped) {
  const SideBySideHtml h = RenderHtml("Tom & Jerry <b>run</b> home",
                                      "Tom & Jerry <i>walk</i> home");
  EXPECT_EQ(h.a, "Tom &amp; Jerry &lt;<del>b&gt;run&lt;/b</del>&gt; home");
  EXPECT_EQ(h.b, "Tom &amp; Jerry &lt;<ins>i&gt;walk&lt;/i</ins>&gt; home");
}

TEST(SideBySideHtmlTest, StrippingTagsGivesEachSidesText) {
  // On random texts with markup characters between the words, each column
  // minus its tags, unescaped, is its side's text from its first to its
  // last token; A's column marks only deletions, B's only insertions.
  RandomTexts random_text(7, {" ", " & ", "<", "> ", "\"", ".\n", "\n\n"});
  auto span_of = [](const std::string& text) {
    const auto t = Words(text);
    return t.empty() ? std::string()
                     : text.substr(t.front().begin,
                                   t.back().end - t.front().begin);
  };
  for (int iter = 0; iter < 500; ++iter) {
    const std::string a = random_text(random_text.Below(30));
    const std::string b = random_text(random_text.Below(30));
    const SideBySideHtml h = RenderHtml(a, b);
    EXPECT_EQ(Count(h.a, "<ins>") + Count(h.b, "<del>"), 0u);
    EXPECT_EQ(Count(h.a, "<del>"), Count(h.a, "</del>"));
    EXPECT_EQ(Count(h.b, "<ins>"), Count(h.b, "</ins>"));
    EXPECT_EQ(Unescaped(Strip(h.a, "<del>", "</del>", true)), span_of(a)) << a;
    EXPECT_EQ(Unescaped(Strip(h.b, "<ins>", "</ins>", true)), span_of(b)) << b;
    ASSERT_FALSE(HasFailure()) << "iteration " << iter;
  }
}

}  // namespace
}  // namespace reprint
