#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "reprint/align.h"
#include "reprint/passage_sketch.h"
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

// Two quotes that share no run of words.
const char kDenial[] =
    "The force has denied the move would become routine, and said any "
    "deployment would be limited to short periods of time in specific areas.";
const char kKillings[] =
    "It comes as the number of killings in the capital has reached one "
    "hundred and twenty seven, up on the one hundred and sixteen seen in "
    "the whole of last year.";

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

// A copy taken from a feed that kept HTML character references is the
// same text: one verbatim passage, whose bytes include the references.
TEST(AlignPassages, CopyWithHtmlReferencesIsVerbatim) {
  Doc a("The commissioner\xE2\x80\x99s statement said: \xE2\x80\x9CWe don\xE2\x80\x99t "
        "expect the caf\xC3\xA9 owners & staff to close before the review "
        "is done.\xE2\x80\x9D It came after weeks of talks.");
  Doc b("The commissioner&#8217;s statement said: &ldquo;We don&rsquo;t "
        "expect the caf&eacute; owners &amp; staff to close before the "
        "review&nbsp;is done.&rdquo; It came after weeks of talks.");
  auto passages = AlignPassages(a.tokens, b.tokens, AlignOptions{});
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].kind, Passage::kVerbatim);
  EXPECT_EQ(passages[0].ta.size(), a.tokens.size());
  EXPECT_EQ(b.Slice(passages[0].b), b.text.substr(0, b.text.size() - 1));
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

// A heavy rewrite: five phrases of the source (4 to 7 words) survive in
// order, 10 to 20 reworded words apart; no stretch is close enough to the
// source to be a passage on its own.
const char kSource[] =
    "Inheritance in object oriented programming lets a new class reuse the "
    "behaviour of an existing class. The existing class is called the base "
    "class or superclass, and the new one is the derived class or subclass. "
    "A subclass inherits the fields and methods of its superclass and may "
    "override some of them to change how they work. This mechanism supports "
    "code reuse and makes it possible to build hierarchies of related types. "
    "Languages differ in whether a class may have more than one direct "
    "superclass, which is known as multiple inheritance and raises questions "
    "about which inherited method should be called.";
const char kHeavyRewrite[] =
    "When programmers design software with objects they often want one type "
    "to reuse the behaviour of an existing class without copying its source "
    "text. Whatever is newly written on top is named the derived class or "
    "subclass by most textbooks. Such a child gets all data members and "
    "routines from its parent, and it may override some of them when "
    "different results are wanted. Because of this idea teams can build "
    "hierarchies of related types with little effort. Some languages also "
    "permit a child to have two or more parents, a feature known as "
    "multiple inheritance that brings its own ambiguity problems.";
// The same phrases in the opposite order: text on the same topic.
const char kSameTopic[] =
    "Some languages allow a child two parents, a feature known as multiple "
    "inheritance with its own ambiguity problems. Teams can build "
    "hierarchies of related types with little effort this way. A child gets "
    "all data members and routines from its parent and may override some of "
    "them when different results are wanted. Most textbooks name what is "
    "newly written the derived class or subclass. Programmers designing "
    "software with objects often want one type to reuse the behaviour of an "
    "existing class without copying its source text.";

AlignOptions PhraseChainOptions() {
  AlignOptions options;
  options.phrase_chain_words = 20;
  return options;
}

TEST(PhraseChains, HeavyRewriteAlignsAsOneRewrittenPassage) {
  Doc a(kSource), b(kHeavyRewrite);
  // Too few words close together for a passage.
  EXPECT_TRUE(AlignPassages(a.tokens, b.tokens, AlignOptions{}).empty());
  auto passages = AlignPassages(a.tokens, b.tokens, PhraseChainOptions());
  ASSERT_EQ(passages.size(), 1u);
  const Passage& p = passages[0];
  EXPECT_EQ(p.kind, Passage::kRewritten);
  EXPECT_TRUE(p.from_phrases);
  EXPECT_LT(p.similarity, 0.5);
  // From the first kept phrase to the last, in both.
  EXPECT_EQ(a.Slice(p.a).substr(0, 16), "reuse the behavi");
  EXPECT_EQ(b.Slice(p.b).substr(0, 16), "reuse the behavi");
  const std::string tail = "multiple inheritance";
  EXPECT_EQ(a.Slice(p.a).substr(a.Slice(p.a).size() - tail.size()), tail);
  EXPECT_EQ(b.Slice(p.b).substr(b.Slice(p.b).size() - tail.size()), tail);
  EXPECT_GE(p.equal_tokens, 26u);  // the five phrases at least

  AlignDoc da = PrepareAlignDoc(a.tokens, 3), db = PrepareAlignDoc(b.tokens, 3);
  PhraseChain chain = OrderedPhrases(da, db);
  EXPECT_EQ(chain.words, 26u);
  EXPECT_EQ(chain.a.begin, p.ta.begin);
  EXPECT_EQ(chain.b.end, p.tb.end);
}

TEST(PhraseChains, SamePhrasesOutOfOrderAreNoRewrite) {
  Doc a(kSource), b(kSameTopic);
  EXPECT_TRUE(AlignPassages(a.tokens, b.tokens, PhraseChainOptions()).empty());
  AlignDoc da = PrepareAlignDoc(a.tokens, 3), db = PrepareAlignDoc(b.tokens, 3);
  EXPECT_LT(OrderedPhrases(da, db).words, 20u);
}

TEST(PhraseChains, BoilerplateBetweenPhrasesEndsTheChain) {
  Doc a(kSource), b(kHeavyRewrite);
  // Mark the words between the second and third kept phrase boilerplate.
  std::vector<uint8_t> mask_b(b.tokens.size(), 0);
  const size_t from = std::string(kHeavyRewrite).find("by most textbooks");
  const size_t to = std::string(kHeavyRewrite).find("may override");
  for (size_t t = 0; t < b.tokens.size(); ++t) {
    if (b.tokens[t].begin >= from && b.tokens[t].end <= to) mask_b[t] = 1;
  }
  EXPECT_TRUE(
      AlignPassages(a.tokens, b.tokens, PhraseChainOptions(), {}, mask_b).empty());
}

TEST(PhraseChains, PassagesThatAlreadySufficeAreLeftAlone) {
  Doc a(std::string("Completely different opening words about the weather. ") + kStory);
  Doc b(std::string("Our reporter adds local context here first. ") + kStory);
  auto plain = AlignPassages(a.tokens, b.tokens, AlignOptions{});
  auto chained = AlignPassages(a.tokens, b.tokens, PhraseChainOptions());
  ASSERT_EQ(plain.size(), 1u);
  ASSERT_EQ(chained.size(), 1u);
  EXPECT_EQ(chained[0].a.begin, plain[0].a.begin);
  EXPECT_EQ(chained[0].b.end, plain[0].b.end);
  EXPECT_EQ(chained[0].kind, Passage::kVerbatim);
  EXPECT_FALSE(chained[0].from_phrases);
}

TEST(PhraseChains, AbsorbedPassageElsewhereInBStillEndsOnSharedWords) {
  // B ends with a verbatim copy of a sentence from between A's first two
  // kept phrases: a passage too short for the pair, crossing the chain. The
  // chain absorbs it (they overlap in A), so the merged stretch of B runs
  // to the copy's end, past the last word the diff can pair; the passage
  // is cut back to end on shared words.
  const std::string copy =
      " The existing class is called the base class or superclass, and the "
      "new one is";
  Doc a(kSource), b(std::string(kHeavyRewrite) + copy);
  auto plain = AlignPassages(a.tokens, b.tokens, AlignOptions{});
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(b.Slice(plain[0].b), copy.substr(1));
  auto passages = AlignPassages(a.tokens, b.tokens, PhraseChainOptions());
  ASSERT_EQ(passages.size(), 1u);
  const Passage& p = passages[0];
  ASSERT_FALSE(p.ops.empty());
  EXPECT_EQ(p.ops.front().kind, DiffOp::kEqual);
  EXPECT_EQ(p.ops.back().kind, DiffOp::kEqual);
  for (const auto& e : p.edits) {
    EXPECT_GE(e.b.begin, p.b.begin);
    EXPECT_LE(e.b.end, p.b.end);
  }
  // The diff keeps the phrases (more words than the copy) and ends on the
  // last one.
  const std::string tail = "multiple inheritance";
  EXPECT_EQ(b.Slice(p.b).substr(b.Slice(p.b).size() - tail.size()), tail);
}

TEST(PhraseChains, PassageFarAwayInBOverridesTheChain) {
  // As above, but the copy lies hundreds of words past the rewrite: the
  // words the chain would take from A are copied verbatim elsewhere in B,
  // so the chain's short phrases around them are not where they came from.
  // Merging the two made one "rewrite" spanning all of B in between.
  const std::string copy =
      " The existing class is called the base class or superclass, and the "
      "new one is";
  std::string filler;
  for (int w = 0; w < 300; ++w) filler += " filler" + std::to_string(w);
  Doc a(kSource), b(std::string(kHeavyRewrite) + filler + copy);
  auto plain = AlignPassages(a.tokens, b.tokens, AlignOptions{});
  ASSERT_EQ(plain.size(), 1u);
  auto passages = AlignPassages(a.tokens, b.tokens, PhraseChainOptions());
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_FALSE(passages[0].from_phrases);
  EXPECT_EQ(b.Slice(passages[0].b), copy.substr(1));
  // Without the copy the rewrite is found.
  Doc rewrite_only(std::string(kHeavyRewrite) + filler);
  auto chained =
      AlignPassages(a.tokens, rewrite_only.tokens, PhraseChainOptions());
  ASSERT_EQ(chained.size(), 1u);
  EXPECT_TRUE(chained[0].from_phrases);
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
  const std::string p1 = kDenial, p2 = kKillings;
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

// Deterministic filler: `words` made-up words, distinct for each `salt`, so
// that two fillers share nothing.
std::string Filler(int salt, int words) {
  std::string out;
  uint32_t x = 2463534242u + static_cast<uint32_t>(salt) * 7919u;
  for (int w = 0; w < words; ++w) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    out += "w" + std::to_string(salt) + "x" + std::to_string(x % 5000) + " ";
  }
  return out;
}

// Where a and b share a winnowed 5-word shingle, as the report pipeline
// finds them.
std::vector<SeedHit> Seeds(const Doc& a, const Doc& b) {
  PassageSketchParams params;
  PassageSketch sa = ComputePassageSketch(a.tokens, params);
  PassageSketch sb = ComputePassageSketch(b.tokens, params);
  std::vector<SeedHit> hits;
  for (const Fingerprint& x : sa.fingerprints) {
    for (const Fingerprint& y : sb.fingerprints) {
      if (x.hash == y.hash) hits.push_back({x.position, y.position});
    }
  }
  return hits;
}

void ExpectSamePassages(const std::vector<Passage>& x,
                        const std::vector<Passage>& y) {
  ASSERT_EQ(x.size(), y.size());
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(x[i].ta.begin, y[i].ta.begin);
    EXPECT_EQ(x[i].ta.end, y[i].ta.end);
    EXPECT_EQ(x[i].tb.begin, y[i].tb.begin);
    EXPECT_EQ(x[i].tb.end, y[i].tb.end);
    EXPECT_EQ(x[i].kind, y[i].kind);
    EXPECT_EQ(x[i].equal_tokens, y[i].equal_tokens);
    EXPECT_EQ(x[i].edits.size(), y[i].edits.size());
  }
}

TEST(AlignAroundSeeds, FindsAQuoteInsideLongDocumentsAsWholeAlignmentDoes) {
  const std::string spun =
      "A memo seen by the BBC revealed the notion was talked about "
      "internally as a possible method in managing the recent spate in "
      "brutal crime and deaths in London. Such measures, if adopted, would "
      "be founded on an informed and dependable intelligence picture of "
      "where gang activity is likely, and would be done in full "
      "consultation with the local policing borough.";
  Doc a(Filler(1, 3000) + kStory + " " + Filler(2, 3000));
  Doc b(Filler(3, 500) + spun + " " + Filler(4, 5000));
  std::vector<SeedHit> seeds = Seeds(a, b);
  ASSERT_FALSE(seeds.empty());
  AlignOptions options;
  AlignDoc da = PrepareAlignDoc(a.tokens, options.anchor_k);
  AlignDoc db = PrepareAlignDoc(b.tokens, options.anchor_k);
  std::vector<Passage> around = AlignAroundSeeds(da, db, seeds, 5, options);
  std::vector<Passage> whole = AlignPrepared(da, db, options);
  ASSERT_EQ(around.size(), 1u);
  EXPECT_EQ(around[0].kind, Passage::kRewritten);
  ExpectSamePassages(around, whole);
  EXPECT_EQ(around[0].ops.front().a_begin, around[0].ta.begin);
  EXPECT_EQ(around[0].ops.back().b_end, around[0].tb.end);
}

TEST(AlignAroundSeeds, SeveralQuotesInEitherOrderAndNoSeedsNoPassages) {
  const std::string p1 = kDenial, p2 = kKillings;
  Doc a(Filler(5, 800) + p1 + " " + Filler(6, 900) + p2 + " " + Filler(7, 50));
  Doc b(p2 + " " + Filler(8, 1200) + p1 + " " + Filler(9, 700));
  AlignOptions options;
  AlignDoc da = PrepareAlignDoc(a.tokens, options.anchor_k);
  AlignDoc db = PrepareAlignDoc(b.tokens, options.anchor_k);
  std::vector<Passage> around = AlignAroundSeeds(da, db, Seeds(a, b), 5, options);
  ASSERT_EQ(around.size(), 2u);
  ExpectSamePassages(around, AlignPrepared(da, db, options));
  EXPECT_TRUE(AlignAroundSeeds(da, db, {}, 5, options).empty());
}

TEST(AlignAroundSeeds, PreparesWholeDocumentsOnlyWhenItAlignsThem) {
  AlignOptions options;
  // A quote inside long documents: regions only, no preparation.
  Doc a(Filler(20, 2000) + kStory + " " + Filler(21, 2000));
  Doc b(Filler(22, 1500) + kStory + " " + Filler(23, 2500));
  AlignDoc ua = UnpreparedAlignDoc(a.tokens, options.anchor_k);
  AlignDoc ub = UnpreparedAlignDoc(b.tokens, options.anchor_k);
  int calls = 0;
  auto prepare_ab = [&] {
    ++calls;
    ua.anchors = PrepareAlignDoc(a.tokens, options.anchor_k).anchors;
    ub.anchors = PrepareAlignDoc(b.tokens, options.anchor_k).anchors;
  };
  std::vector<Passage> quote =
      AlignAroundSeeds(ua, ub, Seeds(a, b), 5, options, prepare_ab);
  EXPECT_EQ(calls, 0);
  ASSERT_EQ(quote.size(), 1u);
  EXPECT_EQ(quote[0].kind, Passage::kVerbatim);
  // A reworded copy of most of a document: whole documents, prepared once,
  // with the same result as prepared documents.
  Doc c(std::string(kStory) + " Extra closing words from the outlet.");
  Doc d(std::string("An outlet's own opening line. ") + kStory);
  AlignDoc uc = UnpreparedAlignDoc(c.tokens, options.anchor_k);
  AlignDoc ud = UnpreparedAlignDoc(d.tokens, options.anchor_k);
  calls = 0;
  std::vector<Passage> most = AlignAroundSeeds(uc, ud, Seeds(c, d), 5, options, [&] {
    ++calls;
    uc.anchors = PrepareAlignDoc(c.tokens, options.anchor_k).anchors;
    ud.anchors = PrepareAlignDoc(d.tokens, options.anchor_k).anchors;
  });
  EXPECT_EQ(calls, 1);
  ExpectSamePassages(most, AlignPassages(c.tokens, d.tokens, options));
  ASSERT_EQ(most.size(), 1u);
}

TEST(AlignAroundSeeds, ALoneSharedPhraseIsNoPassage) {
  Doc a(Filler(10, 400) + "according to the latest figures " + Filler(11, 400));
  Doc b(Filler(12, 300) + "according to the latest figures " + Filler(13, 300));
  AlignOptions options;
  AlignDoc da = PrepareAlignDoc(a.tokens, options.anchor_k);
  AlignDoc db = PrepareAlignDoc(b.tokens, options.anchor_k);
  // The phrase starts at word 400 of A and word 300 of B.
  ASSERT_EQ(a.Slice({a.tokens[400].begin, a.tokens[404].end}),
            "according to the latest figures");
  ASSERT_EQ(b.Slice({b.tokens[300].begin, b.tokens[304].end}),
            "according to the latest figures");
  EXPECT_TRUE(AlignAroundSeeds(da, db, {{400, 300}}, 5, options).empty());
  // The same seed inside a shared sentence is a passage.
  Doc c(Filler(12, 300) + "according to the latest figures " +
        Filler(11, 400).substr(0, 400));
  AlignDoc dc = PrepareAlignDoc(c.tokens, options.anchor_k);
  EXPECT_EQ(AlignAroundSeeds(da, dc, {{400, 300}}, 5, options).size(), 1u);
}

// The position of the first word of `phrase` in d (which must hold it).
uint32_t WordAt(const Doc& d, const std::string& phrase) {
  const size_t byte = d.text.find(phrase);
  EXPECT_NE(byte, std::string::npos) << phrase;
  for (uint32_t t = 0; t < d.tokens.size(); ++t) {
    if (d.tokens[t].begin >= byte) return t;
  }
  return 0;
}

TEST(AlignAroundSeeds, HeavyRewriteInsideLongDocumentsIsFoundAroundItsSeeds) {
  // The rewrite's phrases lie beyond the regions around its two seeds: the
  // search widens around the chain the regions hold, without preparing
  // (or scanning) the long documents.
  Doc a(Filler(30, 3000) + kSource + " " + Filler(31, 3000));
  Doc b(Filler(32, 2000) + kHeavyRewrite + " " + Filler(33, 2500));
  AlignOptions options = PhraseChainOptions();
  AlignDoc ua = UnpreparedAlignDoc(a.tokens, options.anchor_k);
  AlignDoc ub = UnpreparedAlignDoc(b.tokens, options.anchor_k);
  std::vector<SeedHit> seeds = {
      {WordAt(a, "reuse the behaviour"), WordAt(b, "reuse the behaviour")},
      {WordAt(a, "the derived class"), WordAt(b, "the derived class")}};
  int calls = 0;
  std::vector<Passage> found = AlignAroundSeeds(ua, ub, seeds, 5, options, [&] {
    ++calls;
  });
  EXPECT_EQ(calls, 0);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].from_phrases);
  // The same passage as in the short documents, shifted by the filler.
  Doc sa(kSource), sb(kHeavyRewrite);
  auto alone = AlignPassages(sa.tokens, sb.tokens, options);
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_EQ(a.Slice(found[0].a), sa.Slice(alone[0].a));
  EXPECT_EQ(b.Slice(found[0].b), sb.Slice(alone[0].b));
  EXPECT_EQ(found[0].equal_tokens, alone[0].equal_tokens);
  // Without the rule, the regions alone hold no passage.
  options.phrase_chain_words = 0;
  EXPECT_TRUE(AlignAroundSeeds(ua, ub, seeds, 5, options).empty());
}

// Two verbatim quotes around a middle of `middle` words that B rewords at
// every other word (no two equal words in a row, so nothing anchors
// there), or replaces whole with other words when `salt_b` is non-zero;
// each document wraps them in its own unrelated words.
struct Bridged {
  Doc a, b;
  size_t middle_begin;  // first middle word in A
};
Bridged ReworkedMiddle(int middle, int salt_b = 0) {
  const std::string p1 = kDenial, p2 = kKillings;
  std::string mid_a, mid_b;
  for (int w = 0; w < middle; ++w) {
    const std::string word = "kept" + std::to_string(w) + " ";
    mid_a += w % 2 == 0 ? word : "old" + std::to_string(w) + " ";
    if (salt_b != 0) {
      mid_b += "other" + std::to_string(salt_b) + "x" + std::to_string(w) + " ";
    } else {
      mid_b += w % 2 == 0 ? word : "new" + std::to_string(w) + " ";
    }
  }
  Doc a(Filler(7, 40) + p1 + " " + mid_a + p2 + " " + Filler(8, 40));
  Doc b(Filler(9, 30) + p1 + " " + mid_b + p2 + " " + Filler(10, 30));
  Doc p1_doc(p1);
  return {std::move(a), std::move(b), 40 + p1_doc.tokens.size()};
}

// The ops of `p` walk its token ranges without a hole and count its equal
// words.
void ExpectOpsCover(const Passage& p) {
  ASSERT_FALSE(p.ops.empty());
  uint32_t a = p.ta.begin, b = p.tb.begin, equal = 0;
  for (const DiffOp& op : p.ops) {
    EXPECT_EQ(op.a_begin, a);
    EXPECT_EQ(op.b_begin, b);
    a = op.a_end;
    b = op.b_end;
    if (op.kind == DiffOp::kEqual) equal += op.a_end - op.a_begin;
  }
  EXPECT_EQ(a, p.ta.end);
  EXPECT_EQ(b, p.tb.end);
  EXPECT_EQ(equal, p.equal_tokens);
}

TEST(AlignPassages, DenselyRewordedStretchInsideAPassageIsBridged) {
  Bridged t = ReworkedMiddle(24);
  AlignOptions options;
  auto passages = AlignPassages(t.a.tokens, t.b.tokens, options);
  ASSERT_EQ(passages.size(), 1u);
  const Passage& p = passages[0];
  EXPECT_EQ(p.kind, Passage::kRewritten);
  EXPECT_EQ(p.ta.begin, 40u);
  EXPECT_EQ(p.ta.size(), p.tb.size());
  EXPECT_EQ(p.equal_tokens, p.ta.size() - 12);  // 12 reworded words
  EXPECT_EQ(p.edits.size(), 12u);
  ExpectOpsCover(p);
  EXPECT_EQ(t.a.Slice(p.edits[0].a), "old1");
  EXPECT_EQ(t.b.Slice(p.edits[0].b), "new1");
  // Without bridging, the reworded stretch splits the passage in two.
  options.max_bridge = 0;
  auto split = AlignPassages(t.a.tokens, t.b.tokens, options);
  ASSERT_EQ(split.size(), 2u);
  EXPECT_EQ(split[0].ta.begin, p.ta.begin);
  EXPECT_EQ(split[1].ta.end, p.ta.end);
}

TEST(AlignPassages, LongRewordedStretchIsJoinedByGrowingThePassages) {
  // Longer than max_bridge: the two passages grow into it, 24 words at a
  // time, until they are close enough to join.
  AlignOptions options;
  Bridged longer = ReworkedMiddle(static_cast<int>(options.max_bridge) + 2);
  auto passages = AlignPassages(longer.a.tokens, longer.b.tokens, options);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].ta.begin, 40u);
  ExpectOpsCover(passages[0]);
  options.max_bridge = 0;
  EXPECT_EQ(AlignPassages(longer.a.tokens, longer.b.tokens, options).size(), 2u);
}

TEST(AlignPassages, UnrelatedOrBoilerplateStretchesAreNotBridged) {
  // Other words between the two quotes in B.
  Bridged other = ReworkedMiddle(24, /*salt_b=*/3);
  EXPECT_EQ(AlignPassages(other.a.tokens, other.b.tokens, AlignOptions{}).size(), 2u);
  AlignOptions options;
  // Boilerplate in the stretch.
  Bridged masked = ReworkedMiddle(24);
  std::vector<uint8_t> mask(masked.a.tokens.size(), 0);
  mask[masked.middle_begin + 10] = 1;
  EXPECT_EQ(AlignPassages(masked.a.tokens, masked.b.tokens, options, mask).size(),
            2u);
  mask[masked.middle_begin + 10] = 0;
  EXPECT_EQ(AlignPassages(masked.a.tokens, masked.b.tokens, options, mask).size(),
            1u);
}

// Text both documents share, with lines only B holds inserted into it
// (`inserts`, each put after the shared word at its key), and what B puts
// around it.
struct Inserted {
  Doc a, b;
  uint32_t shared_words;  // words A's passage should span
};
Inserted WithInserts(const std::vector<std::pair<int, std::string>>& inserts,
                     const std::string& tail) {
  const std::string shared =
      Filler(20, 60) + "as the paper reported on Monday " + tail;
  Doc shared_doc(shared);
  std::string b_text;
  int word = 0;
  for (const Token& t : shared_doc.tokens) {
    b_text += shared.substr(t.begin, t.end - t.begin) + " ";
    ++word;
    for (const auto& [after, line] : inserts) {
      if (after == word) b_text += line + " ";
    }
  }
  return {Doc(Filler(7, 40) + shared + Filler(8, 40)),
          Doc(Filler(9, 30) + b_text + Filler(10, 30)),
          static_cast<uint32_t>(shared_doc.tokens.size())};
}

TEST(AlignPassages, TextOneDocumentInsertsIsInsideThePassage) {
  // A "Read more" line of 22 words inside a copy: one passage over both
  // sides of it, the line an insertion in its diff.
  const std::string more = "READ MORE: " + Filler(11, 20);
  Inserted t = WithInserts({{30, more}}, Filler(21, 60));
  AlignOptions options;
  auto passages = AlignPassages(t.a.tokens, t.b.tokens, options);
  ASSERT_EQ(passages.size(), 1u);
  const Passage& p = passages[0];
  EXPECT_EQ(p.kind, Passage::kRewritten);
  EXPECT_EQ(p.ta.begin, 40u);
  EXPECT_EQ(p.ta.size(), t.shared_words);
  EXPECT_EQ(p.tb.size(), t.shared_words + 22);
  EXPECT_EQ(p.equal_tokens, t.shared_words);
  ExpectOpsCover(p);
  ASSERT_EQ(p.edits.size(), 1u);
  EXPECT_EQ(p.edits[0].a.size(), 0u);
  EXPECT_EQ(t.b.Slice(p.edits[0].b), more.substr(0, more.size() - 1));
  EXPECT_EQ(p.inserted_a, 0u);  // B's own text, left out of coverage
  EXPECT_EQ(p.inserted_b, 22u);
  // Longer than max_insert, or with none, the line splits the passage.
  options.max_insert = 21;
  EXPECT_EQ(AlignPassages(t.a.tokens, t.b.tokens, options).size(), 2u);
  options.max_insert = 0;
  EXPECT_EQ(AlignPassages(t.a.tokens, t.b.tokens, options).size(), 2u);

  // Two lines around a few shared words too short to be a passage: one
  // passage still, with two insertions.
  const std::string photo = "Photo: " + Filler(12, 13);
  Inserted two = WithInserts({{60, more}, {66, photo}}, Filler(21, 60));
  passages = AlignPassages(two.a.tokens, two.b.tokens, AlignOptions{});
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].ta.size(), two.shared_words);
  EXPECT_EQ(passages[0].tb.size(), two.shared_words + 22 + 14);
  EXPECT_EQ(passages[0].edits.size(), 2u);
  EXPECT_EQ(passages[0].inserted_b, 22u + 14u);
  ExpectOpsCover(passages[0]);
}

TEST(AlignPassages, WhatIsNoInsertionSplitsThePassage) {
  // After the line, only a 24-word quote: 30 inserted words are more text
  // than the passage they would join.
  const std::string promo = "Sign up: " + Filler(13, 28);
  Inserted t = WithInserts({{66, promo}}, kDenial);
  EXPECT_EQ(AlignPassages(t.a.tokens, t.b.tokens, AlignOptions{}).size(), 2u);
  // A line of boilerplate one side inserted (an outlet's own promotion) is
  // spanned as an insertion, never matched: where both hold it, or the
  // other holds words of its own there, it splits the passage.
  Inserted masked =
      WithInserts({{30, "READ MORE: " + Filler(11, 20)}}, Filler(21, 60));
  std::vector<uint8_t> mask(masked.b.tokens.size(), 0);
  mask[30 + 30 + 5] = 1;  // B's filler, 30 shared words, into the line
  auto spanned =
      AlignPassages(masked.a.tokens, masked.b.tokens, AlignOptions{}, {}, mask);
  ASSERT_EQ(spanned.size(), 1u);
  EXPECT_EQ(spanned[0].inserted_b, 22u);
  const std::string line = Filler(11, 20);
  Doc both_a(Filler(7, 40) + Filler(20, 60) + line + Filler(21, 60));
  Doc both_b(Filler(9, 30) + Filler(20, 60) + line + Filler(21, 60));
  std::vector<uint8_t> mask_a(both_a.tokens.size(), 0);
  std::vector<uint8_t> mask_b(both_b.tokens.size(), 0);
  EXPECT_EQ(AlignPassages(both_a.tokens, both_b.tokens, AlignOptions{}, mask_a,
                          mask_b)
                .size(),
            1u);
  for (int w = 0; w < 20; ++w) mask_a[40 + 60 + w] = mask_b[30 + 60 + w] = 1;
  EXPECT_EQ(AlignPassages(both_a.tokens, both_b.tokens, AlignOptions{}, mask_a,
                          mask_b)
                .size(),
            2u);
  Doc own_a(Filler(7, 40) + Filler(20, 60) + Filler(30, 5) + Filler(21, 60));
  EXPECT_EQ(
      AlignPassages(own_a.tokens, both_b.tokens, AlignOptions{}, {}, mask_b)
          .size(),
      2u);
  // Different lines in both at one place are other text, not an insertion.
  Doc a(Filler(7, 40) + Filler(20, 60) + Filler(30, 14) + Filler(21, 60));
  Doc b(Filler(9, 30) + Filler(20, 60) + Filler(31, 14) + Filler(21, 60));
  EXPECT_EQ(AlignPassages(a.tokens, b.tokens, AlignOptions{}).size(), 2u);
  // Nor is a line that replaces more than a seam's words of the other.
  Doc c(Filler(7, 40) + Filler(20, 60) + Filler(30, 5) + Filler(21, 60));
  Doc d(Filler(9, 30) + Filler(20, 60) + Filler(31, 20) + Filler(21, 60));
  EXPECT_EQ(AlignPassages(c.tokens, d.tokens, AlignOptions{}).size(), 2u);
  Doc e(Filler(7, 40) + Filler(20, 60) + Filler(30, 2) + Filler(21, 60));
  EXPECT_EQ(AlignPassages(e.tokens, d.tokens, AlignOptions{}).size(), 1u);
}

TEST(AlignPassages, APassageBetweenTwoInBKeepsThemApart) {
  // B holds p1, p3, p2; A holds p1, a reworded p3 (every other word, its
  // first and last changed so that neither p1 nor p2 reaches into it), p2,
  // then p3 itself. p3 aligns with its copy at A's end, crossing p2, and
  // the stretch between p1 and p2 in B is its own: p1 and p2 stay apart
  // although the stretches between them are alike.
  const std::string p1 = kDenial, p2 = kKillings;
  std::string p3, reworded;
  for (int w = 0; w < 24; ++w) {
    p3 += "quoted" + std::to_string(w) + " ";
    reworded += w % 2 == 1 && w < 23 ? "quoted" + std::to_string(w) + " "
                                      : "changed" + std::to_string(w) + " ";
  }
  Doc a(p1 + " " + reworded + p2 + " " + Filler(11, 30) + p3);
  Doc b(p1 + " " + p3 + p2);
  auto passages = AlignPassages(a.tokens, b.tokens, AlignOptions{});
  ASSERT_EQ(passages.size(), 3u);
  for (size_t i = 0; i < passages.size(); ++i) {
    ExpectOpsCover(passages[i]);
    for (size_t j = i + 1; j < passages.size(); ++j) {
      const Passage &x = passages[i], &y = passages[j];
      EXPECT_TRUE(x.tb.end <= y.tb.begin || y.tb.end <= x.tb.begin)
          << "passages " << i << " and " << j << " overlap in B";
      EXPECT_TRUE(x.ta.end <= y.ta.begin || y.ta.end <= x.ta.begin)
          << "passages " << i << " and " << j << " overlap in A";
    }
  }
  EXPECT_EQ(passages[2].kind, Passage::kVerbatim);  // p3 with its copy
}

TEST(AlignPassages, RewordedEndsExtendThePassageButNotIntoOtherText) {
  // B rewords every other word of the story's first and last 14 words
  // (nothing anchors there); its own words around the story differ from
  // A's.
  std::string story, spun;
  for (int w = 0; w < 60; ++w) {
    const bool reworded = (w < 14 || w >= 46) && w % 2 == 0;
    story += "told" + std::to_string(w) + " ";
    spun += (reworded ? "spun" : "told") + std::to_string(w) + " ";
  }
  Doc a(Filler(21, 20) + story + Filler(22, 20));
  Doc b(Filler(23, 15) + spun + Filler(24, 15));
  AlignOptions options;
  auto passages = AlignPassages(a.tokens, b.tokens, options);
  ASSERT_EQ(passages.size(), 1u);
  const Passage& p = passages[0];
  // From the first equal word (told1) to the last (told59), no further.
  EXPECT_EQ(p.ta.begin, 21u);
  EXPECT_EQ(p.ta.end, 80u);
  EXPECT_EQ(p.tb.begin, 16u);
  EXPECT_EQ(p.tb.end, 75u);
  EXPECT_EQ(p.equal_tokens, 59u - 13u);  // 59 words, 13 reworded
  EXPECT_EQ(p.edits.size(), 13u);
  ExpectOpsCover(p);
  // Without it, the passage is the anchored middle only.
  options.max_bridge = 0;
  auto core = AlignPassages(a.tokens, b.tokens, options);
  ASSERT_EQ(core.size(), 1u);
  EXPECT_GT(core[0].ta.begin, 30u);
  EXPECT_LT(core[0].ta.end, 70u);
}

TEST(AlignAroundSeeds, BridgesAsWholeAlignmentDoes) {
  Bridged t = ReworkedMiddle(30);
  AlignOptions options;
  AlignDoc da = PrepareAlignDoc(t.a.tokens, options.anchor_k);
  AlignDoc db = PrepareAlignDoc(t.b.tokens, options.anchor_k);
  std::vector<SeedHit> seeds = Seeds(t.a, t.b);
  ASSERT_FALSE(seeds.empty());
  std::vector<Passage> around = AlignAroundSeeds(da, db, seeds, 5, options);
  ASSERT_EQ(around.size(), 1u);
  ExpectSamePassages(around, AlignPrepared(da, db, options));
  ExpectOpsCover(around[0]);
}

TEST(AlignPrepared, IdenticalDocumentsAreOneVerbatimPassage) {
  Doc a(std::string(kStory) + " " + kStory);
  Doc b(std::string(kStory) + " " + kStory);
  AlignOptions options;
  auto passages = AlignPassages(a.tokens, b.tokens, options);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].kind, Passage::kVerbatim);
  EXPECT_EQ(passages[0].ta.begin, 0u);
  EXPECT_EQ(passages[0].ta.end, a.tokens.size());
  EXPECT_EQ(passages[0].equal_tokens, a.tokens.size());
  ASSERT_EQ(passages[0].ops.size(), 1u);
  EXPECT_EQ(passages[0].ops[0].kind, DiffOp::kEqual);
  EXPECT_EQ(a.Slice(passages[0].a), a.text.substr(0, a.text.size() - 1));
}

TEST(AlignPrepared, IdenticalDocumentsSplitAtLongBoilerplateOnly) {
  Doc a(std::string(kStory) + " " + kStory + " " + kStory);
  Doc b(a.text);
  const size_t n = a.tokens.size(), third = n / 3;
  AlignOptions options;
  // A masked stretch longer than max_gap ends the passage...
  std::vector<uint8_t> mask(n, 0);
  for (size_t t = third; t < third + options.max_gap + 5; ++t) mask[t] = 1;
  auto split = AlignPassages(a.tokens, b.tokens, options, mask, mask);
  ASSERT_EQ(split.size(), 2u);
  EXPECT_EQ(split[0].ta.end, third);
  EXPECT_EQ(split[1].ta.begin, third + options.max_gap + 5);
  // ...a short one is bridged.
  std::fill(mask.begin(), mask.end(), 0);
  for (size_t t = third; t < third + 4; ++t) mask[t] = 1;
  auto bridged = AlignPassages(a.tokens, b.tokens, options, mask, mask);
  ASSERT_EQ(bridged.size(), 1u);
  EXPECT_EQ(bridged[0].ta.size(), n);
}

// A passage cut back is diffed again over what is left: it then starts
// and ends on shared words, and its counts, kind and bytes are the part's.
TEST(NarrowPassage, CutsAPassageBackToSharedWordsInside) {
  const std::string masthead =
      "THE VALLEY GAZETTE news sport weather letters puzzles property jobs ";
  Doc a(masthead + "Mayor quits after row. " + kStory);
  Doc b(masthead + "Council leader resigns in dispute. " +
        "A memo seen by the BBC revealed the notion was discussed "
        "internally as a potential method in dealing with the recent spate "
        "in violent crime and deaths in London. Such measures, if adopted, "
        "would be based on an informed and reliable intelligence picture of "
        "where gang activity is likely, and would be done in full "
        "consultation with the local policing borough.");
  Passage whole;
  whole.ta = {0, static_cast<uint32_t>(a.tokens.size())};
  whole.tb = {0, static_cast<uint32_t>(b.tokens.size())};
  // Cut at the headline in A and a word before it in B (the masthead's
  // last): the headlines share no word, so the part starts where the story
  // does in both.
  const uint32_t story_a = WordAt(a, "A memo"), story_b = WordAt(b, "A memo");
  Passage p = whole;
  ASSERT_TRUE(NarrowPassage(a.tokens, b.tokens,
                            {WordAt(a, "Mayor"), whole.ta.end},
                            {WordAt(b, "Council") - 1, whole.tb.end},
                            /*min_equal_tokens=*/10, &p));
  EXPECT_EQ(p.ta.begin, story_a);
  EXPECT_EQ(p.tb.begin, story_b);
  EXPECT_EQ(p.ta.end, whole.ta.end);
  EXPECT_EQ(p.tb.end, whole.tb.end);
  EXPECT_EQ(a.Slice(p.a), std::string(kStory).substr(0, sizeof(kStory) - 2));
  EXPECT_EQ(b.Slice(p.b).substr(0, 6), "A memo");
  ExpectOpsCover(p);
  EXPECT_EQ(p.kind, Passage::kRewritten);  // "idea" -> "notion"
  EXPECT_EQ(p.equal_tokens, p.ta.size() - 1);
  EXPECT_DOUBLE_EQ(p.similarity,
                   2.0 * p.equal_tokens / (p.ta.size() + p.tb.size()));
  ASSERT_EQ(p.edits.size(), 1u);
  EXPECT_EQ(a.Slice(p.edits[0].a), "idea");
  EXPECT_EQ(b.Slice(p.edits[0].b), "notion");
  // Cut at the story's end instead: the masthead is all that is left.
  Passage head = whole;
  ASSERT_TRUE(
      NarrowPassage(a.tokens, b.tokens, {0, story_a}, {0, story_b}, 10, &head));
  EXPECT_EQ(head.kind, Passage::kVerbatim);
  EXPECT_EQ(a.Slice(head.a), masthead.substr(0, masthead.size() - 1));
  // Too little left: no passage.
  Passage q = whole;
  EXPECT_FALSE(NarrowPassage(a.tokens, b.tokens, {story_a, story_a + 5},
                             {story_b, story_b + 5}, 10, &q));
  EXPECT_FALSE(NarrowPassage(a.tokens, b.tokens, {story_a, story_a},
                             {story_b, story_b + 5}, 0, &q));
}

}  // namespace
}  // namespace reprint
