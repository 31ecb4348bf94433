#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "reprint/text.h"
#include "src/text/tokenizer_internal.h"
#include "src/text/unicode.h"
#include "tests/testing/words.h"

namespace reprint {
namespace {

using ::reprint::testing::Words;

std::vector<uint64_t> Hashes(const std::string& text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<uint64_t> out;
  for (const Token& t : tokens) out.push_back(t.hash);
  return out;
}

TEST(Tokenize, SplitsOnPunctuationAndSpaceAndKeepsByteRanges) {
  EXPECT_THAT(Words("  Hello, world!  It's 2018."),
              ::testing::ElementsAre("Hello", "world", "It's", "2018"));
}

TEST(Tokenize, EmptyAndSeparatorOnlyTextsHaveNoTokens) {
  EXPECT_TRUE(Words("").empty());
  EXPECT_TRUE(Words(" \n\t--- ... !!").empty());
}

TEST(Tokenize, CaseFoldsAsciiAndUnicode) {
  EXPECT_EQ(Hashes("Police POLICE police"),
            std::vector<uint64_t>(3, HashNormalizedToken("police")));
  EXPECT_EQ(Hashes("STRASSE"), Hashes("straße"));
  EXPECT_EQ(Hashes("ÉCOLE"), Hashes("école"));
}

TEST(Tokenize, LatinGreekAndCyrillicLettersLoseTheirDiacritics) {
  // As feeds and outlets that write without accents spell them.
  EXPECT_EQ(Hashes("S\xC3\xA3o Paulo Z\xC3\xBCrich \xC3\x89" "COLE"),
            Hashes("Sao Paulo Zurich ecole"));
  EXPECT_EQ(Hashes("\xC5\x81\xC3\xB3" "d\xC5\xBA \xC3\x98resund"),
            Hashes("lodz oresund"));  // Łódź Øresund
  EXPECT_EQ(Hashes("Vi\xE1\xBB\x87t"), Hashes("viet"));  // ệ: two marks
  // Decomposed text folds as precomposed text does.
  EXPECT_EQ(Hashes("Sa\xCC\x83o"), Hashes("sao"));
  // Greek: ά is α; Cyrillic: ё is е, in either form.
  EXPECT_EQ(Hashes("\xCE\xAC"), Hashes("\xCE\xB1"));
  EXPECT_EQ(Hashes("\xD1\x91"), Hashes("\xD0\xB5"));
  EXPECT_EQ(Hashes("\xD0\xB5\xCC\x88"), Hashes("\xD0\xB5"));
  EXPECT_EQ(Hashes("\xD0\xB8\xCC\x86"), Hashes("\xD0\xB9"));  // и + breve = й
  // Other scripts keep their marks, which tell words apart there:
  // Devanagari कि and का.
  EXPECT_NE(Hashes("\xE0\xA4\x95\xE0\xA4\xBF"), Hashes("\xE0\xA4\x95\xE0\xA4\xBE"));
  // A word of only a mark's base stays a word.
  EXPECT_EQ(Words("na\xC3\xAFve"), std::vector<std::string>{"na\xC3\xAFve"});
}

TEST(Tokenize, AppliesNfkc) {
  // U+FB01 LATIN SMALL LIGATURE FI and fullwidth letters fold to ASCII.
  EXPECT_EQ(Hashes("\xEF\xAC\x81nal"), Hashes("final"));
  EXPECT_EQ(Hashes("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3"), Hashes("abc"));
  // Decomposed e + combining acute equals precomposed é.
  EXPECT_EQ(Hashes("cafe\xCC\x81"), Hashes("caf\xC3\xA9"));
}

TEST(Tokenize, FoldsQuotesDashesEllipsesAndWhitespace) {
  EXPECT_EQ(Hashes("\xE2\x80\x9C" "Don\xE2\x80\x99t\xE2\x80\x9D \xE2\x80\x94 wait\xE2\x80\xA6 now"),
            Hashes("\"don't\" - wait... now"));
  EXPECT_EQ(Hashes("a   b\n\n c"), Hashes("a b c"));
  EXPECT_EQ(NormalizeText("Don\xE2\x80\x99t  STOP\xE2\x80\xA6"), "dont stop");
}

// Web text carries invisible characters inside words: a soft hyphen where
// a long word may break, zero-width spaces and joiners. They are dropped
// there, as an apostrophe is, so the word matches its plain copy.
TEST(Tokenize, InvisibleCharactersInsideWordsAreDropped) {
  EXPECT_EQ(Hashes("Bundes\xC2\xADregierung Bundes&shy;regierung "
                   "wire\xE2\x80\x8B" "copy wire\xE2\x80\x8D" "copy "
                   "wire\xE2\x81\xA0" "copy wire\xEF\xBB\xBF" "copy"),
            Hashes("Bundesregierung Bundesregierung wirecopy wirecopy "
                   "wirecopy wirecopy"));
  // At a word's edge they separate, like an apostrophe there.
  EXPECT_THAT(Words("\xEF\xBB\xBFword\xC2\xAD \xE2\x80\x8Bnext"),
              ::testing::ElementsAre("word", "next"));
}

TEST(Tokenize, ApostropheAtWordEdgeIsASeparator) {
  EXPECT_THAT(Words("'quoted' officers' guns"),
              ::testing::ElementsAre("quoted", "officers", "guns"));
}

TEST(Tokenize, ScriptsWithoutSpacesAreOneTokenPerCharacter) {
  // 東京都 (Han), ひらがな (Hiragana), ภาษาไทย (Thai).
  EXPECT_EQ(Words("\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD").size(), 3u);
  EXPECT_EQ(Words("\xE3\x81\xB2\xE3\x82\x89\xE3\x81\x8C\xE3\x81\xAA").size(), 4u);
  EXPECT_THAT(Words("Tokyo\xE6\x9D\xB1\xE4\xBA\xAC"),
              ::testing::ElementsAre("Tokyo", "\xE6\x9D\xB1", "\xE4\xBA\xAC"));
}

// A byte that is not valid UTF-8 is read as Windows-1252 (Latin-1 in its
// high half): archives keep older pages in that code page, and their
// words must match the same words in UTF-8.
TEST(Tokenize, InvalidUtf8IsReadAsWindows1252AndOffsetsStayExact) {
  EXPECT_EQ(Hashes("Caf\xE9 na\xEFve \x93quoted\x94 don\x92t \xC9" "COLE"),
            Hashes("caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x9Cquoted\xE2\x80\x9D "
                   "don\xE2\x80\x99t \xC3\xA9" "cole"));
  // 0x81 is undefined in the code page: a separator. A stray lead byte
  // (0xC3 before '(') is the letter it is in Windows-1252.
  std::string text = "abc\x81" "def \xC3(ghi";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].begin, 0u);
  EXPECT_EQ(tokens[0].end, 3u);
  EXPECT_EQ(tokens[1].begin, 4u);
  EXPECT_EQ(tokens[1].end, 7u);
  EXPECT_EQ(tokens[2].begin, 8u);
  EXPECT_EQ(tokens[2].end, 9u);
  EXPECT_EQ(tokens[2].hash, Hashes("\xC3\x83")[0]);
  EXPECT_EQ(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin), "ghi");
  // U+FFFD written in UTF-8 is a separator, as before.
  EXPECT_THAT(Words("a\xEF\xBF\xBD" "b"), ::testing::ElementsAre("a", "b"));
}

TEST(Tokenize, TruncatedSequenceAtEndDoesNotReadPastTheText) {
  std::string text = "word \xE2\x80";  // cut inside a 3-byte sequence
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  // "word", then 0xE2 read as its Windows-1252 letter; 0x80 is the euro
  // sign, a separator.
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].end, 4u);
  EXPECT_EQ(tokens[1].begin, 5u);
  EXPECT_EQ(tokens[1].end, 6u);
}

// Text taken from web pages and feeds often keeps HTML character
// references: a copy that has them must tokenise as one that has the
// characters, and a reference to punctuation or a space must not make a
// word of its name.
TEST(Tokenize, HtmlReferencesAreTheCharactersTheyStandFor) {
  EXPECT_EQ(Hashes("don&#8217;t"), Hashes("don't"));
  EXPECT_EQ(Hashes("don&rsquo;t DON&#X2019;T don&apos;t don&#39;t"),
            Hashes("dont dont dont dont"));
  EXPECT_EQ(Hashes("caf&eacute; &Eacute;COLE stra&szlig;e na&iuml;ve"),
            Hashes("caf\xC3\xA9 \xC3\x89" "cole strasse na\xC3\xAFve"));
  EXPECT_EQ(Hashes("&#70;REE &#x66;&#x72;ee"), Hashes("free free"));
  EXPECT_EQ(Hashes("&alpha;&beta; &#26481;&#20140;"),
            Hashes("\xCE\xB1\xCE\xB2 \xE6\x9D\xB1\xE4\xBA\xAC"));
  EXPECT_THAT(Words("AT&amp;T&nbsp;says&hellip; &quot;no&quot; &mdash;"),
              ::testing::ElementsAre("AT", "T", "says", "no"));
  // Tokens keep the bytes of the text as it is, references included.
  EXPECT_THAT(Words("caf&eacute; officers&#8217; &#8220;don&#8217;t&#8221;"),
              ::testing::ElementsAre("caf&eacute;", "officers",
                                     "don&#8217;t"));
}

// A feed's HTML escaped once more keeps "&amp;" before each reference.
TEST(Tokenize, ReferencesEscapedTwiceAreReadOnce) {
  EXPECT_EQ(Hashes("don&amp;#8217;t caf&amp;eacute; caf&amp;amp;eacute;"),
            Hashes("don't caf\xC3\xA9 caf\xC3\xA9"));
  EXPECT_THAT(Words("R&amp;amp;D &amp;quot;no&amp;quot; &amp;#; &amp;"),
              ::testing::ElementsAre("R", "D", "no"));
  std::vector<Token> tokens;
  const std::string text = "don&amp;#8217;t";
  Tokenize(text, &tokens);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].end, text.size());
}

TEST(Tokenize, WhatIsNoHtmlReferenceStaysText) {
  // No ';', no digits, too many digits, an empty or spaced name.
  EXPECT_THAT(Words("AT&T R&D &#8217 &#; &#x; &; & amp; &#12345678; x&#x1234567;"),
              ::testing::ElementsAre("AT", "T", "R", "D", "8217", "x", "amp",
                                     "12345678", "x", "x1234567"));
  // A name this tokeniser does not know is taken for punctuation; a number
  // that is no character, for U+FFFD; both separate.
  EXPECT_THAT(Words("a&unknown;b c&#0;d e&#xD800;f g&#1114112;h"),
              ::testing::ElementsAre("a", "b", "c", "d", "e", "f", "g", "h"));
  // At the very end of the text.
  EXPECT_THAT(Words("end&"), ::testing::ElementsAre("end"));
  EXPECT_THAT(Words("end&eacute"), ::testing::ElementsAre("end", "eacute"));
}

TEST(Tokenize, NumbersAreTokens) {
  EXPECT_THAT(Words("killings reached 127 - up on 116"),
              ::testing::ElementsAre("killings", "reached", "127", "up", "on", "116"));
}

}  // namespace
}  // namespace reprint

namespace reprint {
namespace {

// The 64-byte bit-mask fast path and the byte-by-byte path give the same
// tokens (ranges and hashes) on random mixtures of words, capitals, digits,
// apostrophes, non-ASCII letters, CJK, invalid bytes and very long words.
// Words of every length up to 20 bytes, in capitals and at every distance
// from the end of the text, hash as their lower-cased form does.
TEST(Tokenize, AsciiWordsOfEveryLengthHashAsTheirNormalForm) {
  const std::string letters = "AbCdEfGhIjKlMnOpQrStUvWxYz";
  for (size_t len = 1; len <= 20; ++len) {
    const std::string word = letters.substr(0, len);
    std::string lower = word;
    for (char& c : lower) c = static_cast<char>(c | 0x20);
    for (size_t trail = 0; trail <= 17; ++trail) {
      const std::string text = "x " + word + std::string(trail, ' ');
      ASSERT_EQ(Hashes(text)[1], HashNormalizedToken(lower))
          << len << " letters, " << trail << " bytes after";
    }
  }
}

// Words with non-ASCII letters hash as their normal form does however
// often they come and whatever came before: more distinct words than the
// tokeniser keeps folded (so that they displace each other), of 2 to about
// 60 bytes (the longest are folded each time), met again in another order.
TEST(Tokenize, NonAsciiWordsHashAsTheirNormalFormEveryTime) {
  const std::vector<std::string> letters = {
      "\xC3\xA9", "\xC3\x89", "\xC3\xBC", "\xCE\xB1",    "\xD0\x96",
      "\xC3\x9F", "a",        "Q",        "\xEF\xAC\x81"};  // é É ü α Ж ß a Q ﬁ
  std::mt19937 rng(7);
  std::vector<std::string> words;
  for (int w = 0; w < 5000; ++w) {
    std::string word;
    const size_t len = 1 + rng() % (w % 10 == 0 ? 30 : 8);
    for (size_t i = 0; i < len; ++i) word += letters[rng() % letters.size()];
    if (word.find('\xC3') == std::string::npos) word += "\xC3\xA0";  // à
    words.push_back(word);
  }
  for (int round = 0; round < 2; ++round) {
    std::string text;
    for (const std::string& word : words) text += word + " ";
    const std::vector<uint64_t> hashes = Hashes(text);
    ASSERT_EQ(hashes.size(), words.size());
    for (size_t w = 0; w < words.size(); ++w) {
      ASSERT_EQ(hashes[w], HashNormalizedToken(NormalizeText(words[w])))
          << "round " << round << ", word " << w << ": " << words[w];
    }
    std::shuffle(words.begin(), words.end(), rng);
  }
}

// Token hashes feed the signatures stored in persistent indexes, so their
// values are part of the format.
TEST(Tokenize, TokenHashValuesAreStable) {
  EXPECT_EQ(HashNormalizedToken("police"), 5085883999090634002ULL);
  EXPECT_EQ(HashNormalizedToken("syndication"), 12029989226242565474ULL);
  EXPECT_EQ(HashNormalizedToken("internationalisation"), 14100212442001572798ULL);
}

TEST(Tokenize, FastPathScalarPathAndBoundsAgreeOnRandomText) {
  const char* pieces[] = {"word", "Word", "WORD", "42", " ", "  ", "\n", ",",
                          ".", "'", "don't", "caf\xC3\xA9", "\xE2\x80\x99",
                          "&", "&amp;", "&#8217;", "&eacute;", "&#x41;", "&#26481;",
                          "\xC2\xAD", "\xE2\x80\x8B", "&shy;", "&amp;#8217;",
                          "\xE6\x9D\xB1", "\xFF", "-", "x",
                          "supercalifragilisticexpialidociousandthensome",
                          "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"};
  std::mt19937 rng(17);
  for (int trial = 0; trial < 500; ++trial) {
    std::string text;
    int n = rng() % 150;
    for (int i = 0; i < n; ++i) {
      // Mostly plain words and spaces, so that the fast path gets clean
      // 64-byte windows, with occasional special pieces.
      size_t pick = rng() % 20 < 19 ? rng() % 5 : rng() % (sizeof(pieces) / sizeof(pieces[0]));
      text += pieces[pick];
    }
    std::vector<Token> fast, slow, bounds;
    internal::TokenizeImpl(text, &fast, true);
    internal::TokenizeImpl(text, &slow, false);
    TokenBounds(text, &bounds);
    ASSERT_EQ(fast.size(), slow.size()) << text;
    ASSERT_EQ(bounds.size(), fast.size()) << text;
    for (size_t k = 0; k < fast.size(); ++k) {
      EXPECT_EQ(fast[k].begin, slow[k].begin) << text;
      EXPECT_EQ(fast[k].end, slow[k].end) << text;
      EXPECT_EQ(fast[k].hash, slow[k].hash) << text;
      EXPECT_TRUE(bounds[k].begin == fast[k].begin && bounds[k].end == fast[k].end &&
                  bounds[k].hash == 0) << text;
    }
  }
}

// Text rendering tokenises only a passage's bytes (from its first token's
// start to its last token's end), in a text whose control characters were
// made '?': both must give the document's own tokens there.
TEST(Tokenize, AStretchFromTokenToTokenTokenisesAsInTheWholeText) {
  const char* pieces[] = {"word", " ", "  ", "\n", ",", ".", "'", "don't",
                          "o'", "'s", "caf\xC3\xA9", "e\xCC\x81", "\xCC\x81",
                          "\xE2\x80\x99", "\xE6\x9D\xB1\xE4\xBA\xAC", "\xFF",
                          "\xE6\x9D", "\x01", "\x1b[31m", "\x7f", "-", "42",
                          "\xEF\xBC\xA1", "\xE0\xB8\x81\xE0\xB8\xB2", "x",
                          "&", "&amp;", "&#8217;", "&rsquo;", "&eacute;", "&#26481;",
                          "\xC2\xAD", "\xEF\xBB\xBF", "&shy;"};
  std::mt19937 rng(29);
  for (int trial = 0; trial < 400; ++trial) {
    std::string text;
    const int n = 1 + rng() % 60;
    for (int i = 0; i < n; ++i) text += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
    std::vector<Token> whole, printable, part;
    Tokenize(text, &whole);
    std::string shown = text;
    for (char& c : shown) {
      const unsigned char u = static_cast<unsigned char>(c);
      if ((u < 0x20 && u != '\n' && u != '\t') || u == 0x7F) c = '?';
    }
    Tokenize(shown, &printable);
    ASSERT_EQ(printable.size(), whole.size()) << text;
    for (size_t k = 0; k < whole.size(); ++k) {
      EXPECT_TRUE(printable[k].begin == whole[k].begin &&
                  printable[k].end == whole[k].end &&
                  printable[k].hash == whole[k].hash) << text;
    }
    if (whole.empty()) continue;
    for (int cut = 0; cut < 8; ++cut) {
      const size_t first = rng() % whole.size();
      const size_t last = first + rng() % (whole.size() - first);  // inclusive
      const uint32_t from = whole[first].begin;
      Tokenize(absl::string_view(text).substr(from, whole[last].end - from), &part);
      ASSERT_EQ(part.size(), last - first + 1) << text << " from " << from;
      for (size_t k = 0; k < part.size(); ++k) {
        EXPECT_EQ(part[k].begin + from, whole[first + k].begin) << text;
        EXPECT_EQ(part[k].end + from, whole[first + k].end) << text;
        EXPECT_EQ(part[k].hash, whole[first + k].hash) << text;
      }
      // What rendering does: the bounds alone, of the printable text.
      TokenBounds(absl::string_view(shown).substr(from, whole[last].end - from), &part);
      ASSERT_EQ(part.size(), last - first + 1) << text << " from " << from;
      for (size_t k = 0; k < part.size(); ++k) {
        EXPECT_TRUE(part[k].begin + from == whole[first + k].begin &&
                    part[k].end + from == whole[first + k].end) << text;
      }
    }
  }
}

TEST(ReadableUtf8, BytesNotUtf8AreShownAsWindows1252Characters) {
  std::string out;
  internal::AppendReadableUtf8("caf\xE9 \x93quoted\x94 \xC3\xA9 ok \x81", &out);
  // é from Latin-1, curly quotes from Windows-1252, valid UTF-8 kept, and
  // U+FFFD for a byte the code page leaves undefined.
  EXPECT_EQ(out, "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xC3\xA9 ok \xEF\xBF\xBD");
}

}  // namespace
}  // namespace reprint
