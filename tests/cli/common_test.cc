// Helpers shared by the commands.

#include <string>

#include "gtest/gtest.h"
#include "src/cli/common.h"

namespace reprint {
namespace cli {
namespace {

TEST(OneLineExcerpt, FoldsWhitespaceAndHidesControlCharacters) {
  EXPECT_EQ(OneLineExcerpt("  Subscribe\n\n to our\tnewsletter \r\n", 100),
            "Subscribe to our newsletter");
  EXPECT_EQ(OneLineExcerpt("bell\x07 and \x1b[31mred", 100), "bell? and ?[31mred");
  EXPECT_EQ(OneLineExcerpt("", 10), "");
}

TEST(OneLineExcerpt, LongTextKeepsItsStartAndEnd) {
  std::string text;
  text = " ";
  for (int i = 0; i < 40; ++i) text += "word" + std::to_string(i) + " ";
  const std::string e = OneLineExcerpt(text, 60);
  EXPECT_EQ(e.rfind("word0 word1 ", 0), 0u) << e;
  EXPECT_NE(e.find(" ... "), std::string::npos) << e;
  EXPECT_EQ(e.substr(e.size() - 6), "word39") << e;
  EXPECT_LE(e.size(), 60u + 5);
  EXPECT_EQ(e.find("  "), std::string::npos) << e;  // no doubled space
  // Cut between words: every word on either side is whole.
  for (const std::string& side : {e.substr(0, e.find(" ... ")),
                                  e.substr(e.find(" ... ") + 5)}) {
    size_t start = 0;
    while (start < side.size()) {
      size_t end = side.find(' ', start);
      if (end == std::string::npos) end = side.size();
      const std::string word = side.substr(start, end - start);
      EXPECT_NE(text.find(" " + word + " "), std::string::npos) << e;
      EXPECT_EQ(word.rfind("word", 0), 0u) << e;
      start = end + 1;
    }
  }
}

TEST(OneLineExcerpt, CutsOnlyBetweenCharacters) {
  // Two-, three- and four-byte characters around every possible cut.
  const std::string pieces[] = {"\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x93\xB0", "a"};
  for (size_t max = 4; max < 40; ++max) {
    std::string text;
    for (int i = 0; i < 30; ++i) text += pieces[i % 4];
    const std::string e = OneLineExcerpt(text, max);
    const size_t gap = e.find(" ... ");
    ASSERT_NE(gap, std::string::npos) << max;
    // Each side is whole characters: it decodes back to pieces.
    for (const std::string& side : {e.substr(0, gap), e.substr(gap + 5)}) {
      for (size_t i = 0; i < side.size();) {
        bool matched = false;
        for (const std::string& p : pieces) {
          if (side.compare(i, p.size(), p) == 0) {
            i += p.size();
            matched = true;
            break;
          }
        }
        ASSERT_TRUE(matched) << "max " << max << ": " << e;
      }
    }
  }
}

}  // namespace
}  // namespace cli
}  // namespace reprint
