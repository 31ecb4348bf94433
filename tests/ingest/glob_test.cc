// tests/ingest/glob_test.cc

#include "src/ingest/glob.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace reprint {
namespace internal {
namespace {

using ::reprint::testing::StatusIs;

bool Match(const std::string& pattern, const std::string& path) {
  absl::StatusOr<Glob> glob = Glob::Compile(pattern);
  EXPECT_TRUE(glob.ok()) << glob.status();
  return glob.ok() && glob->Matches(path);
}

TEST(GlobTest, Literals) {
  EXPECT_TRUE(Match("a.txt", "a.txt"));
  EXPECT_FALSE(Match("a.txt", "a.txtx"));
  EXPECT_FALSE(Match("a.txt", "b.txt"));
  EXPECT_FALSE(Match("a.txt", ""));
}

TEST(GlobTest, StarStaysInsideOneSegment) {
  EXPECT_TRUE(Match("*.txt", "a.txt"));
  EXPECT_TRUE(Match("*.txt", ".txt"));
  EXPECT_FALSE(Match("*.txt", "dir/a.txt"));
  EXPECT_TRUE(Match("dir/*", "dir/a"));
  EXPECT_FALSE(Match("dir/*", "dir/a/b"));
  EXPECT_TRUE(Match("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(Match("a*b*c", "aXXbYY"));
  EXPECT_TRUE(Match("*", ""));
}

TEST(GlobTest, QuestionMarkIsOneByteButNotSlash) {
  EXPECT_TRUE(Match("?.txt", "a.txt"));
  EXPECT_FALSE(Match("?.txt", "ab.txt"));
  EXPECT_FALSE(Match("a?b", "a/b"));
}

TEST(GlobTest, DoubleStarCrossesSlashes) {
  EXPECT_TRUE(Match("**", "a/b/c"));
  EXPECT_TRUE(Match("a/**", "a/b/c.txt"));
  EXPECT_FALSE(Match("a/**", "b/c.txt"));
  EXPECT_TRUE(Match("a**z", "a/b/z"));
  EXPECT_TRUE(Match("**/*.txt", "a.txt"));
  EXPECT_TRUE(Match("**/*.txt", "x/y/a.txt"));
  EXPECT_FALSE(Match("**/*.txt", "x/y/a.md"));
  EXPECT_TRUE(Match("src/**/test/*.cc", "src/test/a.cc"));
  EXPECT_TRUE(Match("src/**/test/*.cc", "src/x/y/test/a.cc"));
  EXPECT_FALSE(Match("src/**/test/*.cc", "src/x/ytest/a.cc"));
}

TEST(GlobTest, CharacterClasses) {
  EXPECT_TRUE(Match("[ab].txt", "a.txt"));
  EXPECT_TRUE(Match("[ab].txt", "b.txt"));
  EXPECT_FALSE(Match("[ab].txt", "c.txt"));
  EXPECT_TRUE(Match("[a-c]x", "bx"));
  EXPECT_FALSE(Match("[a-c]x", "dx"));
  EXPECT_TRUE(Match("[!a-c]x", "dx"));
  EXPECT_TRUE(Match("[^a-c]x", "dx"));
  EXPECT_FALSE(Match("[!a-c]x", "ax"));
  EXPECT_TRUE(Match("[]]", "]"));
  EXPECT_TRUE(Match("[!]]", "a"));
  EXPECT_TRUE(Match("[a-]", "-"));
  EXPECT_FALSE(Match("a[/]b", "a/b"));
  EXPECT_FALSE(Match("a[!x]b", "a/b"));
}

TEST(GlobTest, Escapes) {
  EXPECT_TRUE(Match("\\*.txt", "*.txt"));
  EXPECT_FALSE(Match("\\*.txt", "a.txt"));
  EXPECT_TRUE(Match("a\\?", "a?"));
  EXPECT_FALSE(Match("a\\?", "ab"));
}

TEST(GlobTest, BadPatterns) {
  EXPECT_THAT(Glob::Compile("[abc").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "bad glob \"[abc\": unterminated character class"));
  EXPECT_THAT(Glob::Compile("").status(),
              StatusIs(absl::StatusCode::kInvalidArgument, "empty glob"));
}

TEST(GlobTest, ManyStarsStayFast) {
  // Exponential backtracking would not finish.
  const std::string path(200, 'a');
  EXPECT_FALSE(Match("*a*a*a*a*a*a*a*a*a*a*a*a*b", path));
  EXPECT_FALSE(Match("**a**a**a**a**a**a**a**a**a**b", path));
}

TEST(GlobTest, MatchesAnyTriesPathAndBaseName) {
  std::vector<Glob> globs;
  globs.push_back(*Glob::Compile("*.txt"));
  EXPECT_TRUE(MatchesAny(globs, "a.txt"));
  EXPECT_TRUE(MatchesAny(globs, "dir/sub/a.txt"));  // base name
  EXPECT_FALSE(MatchesAny(globs, "dir.txt/a.md"));
  globs.clear();
  globs.push_back(*Glob::Compile("sub/*.md"));
  EXPECT_TRUE(MatchesAny(globs, "sub/a.md"));
  EXPECT_FALSE(MatchesAny(globs, "x/sub/a.md"));
  EXPECT_FALSE(MatchesAny({}, "a.txt"));
}

}  // namespace
}  // namespace internal
}  // namespace reprint
