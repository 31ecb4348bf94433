// tests/ingest/reader_test.cc

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "reprint/document.h"
#include "reprint/ingest.h"
#include "tests/testing/status_matchers.h"

namespace reprint {
namespace {

using ::reprint::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::string kJsonlDir =
    std::string(REPRINT_SOURCE_DIR) + "/fixtures/jsonl";
const std::string kBadDir = std::string(REPRINT_SOURCE_DIR) + "/fixtures/bad";

// Everything one run of a reader produced.
struct ReadResult {
  std::unique_ptr<DocumentReader> reader;
  std::vector<Document> docs;
  std::vector<IngestIssue> issues;

  std::vector<std::string> Ids() const {
    std::vector<std::string> ids;
    for (const Document& doc : docs) ids.push_back(doc.info.id);
    return ids;
  }
  std::vector<std::string> Issues() const {
    std::vector<std::string> out;
    for (const IngestIssue& issue : issues) {
      out.push_back(
          absl::StrCat(issue.severity == IngestIssue::kError ? "E " : "W ",
                       issue.ToString()));
    }
    return out;
  }
  const IngestStats& stats() const { return reader->stats(); }
};

ReadResult ReadAll(std::vector<std::string> inputs,
                   IngestOptions options = {}) {
  ReadResult run;
  auto issues = std::make_shared<std::vector<IngestIssue>>();
  absl::StatusOr<std::unique_ptr<DocumentReader>> reader = NewDocumentReader(
      std::move(inputs), std::move(options),
      [issues](const IngestIssue& issue) { issues->push_back(issue); });
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return run;
  run.reader = *std::move(reader);
  Document doc;
  while (run.reader->Next(&doc)) run.docs.push_back(doc);
  run.issues = *issues;
  return run;
}

// Checks that Fetch() returns every document's text again.
void ExpectFetchRoundTrip(const ReadResult& run) {
  for (const Document& doc : run.docs) {
    std::string text = "stale";
    ASSERT_OK(run.reader->store().Fetch(doc.info.origin, &text)) << doc.info.id;
    EXPECT_EQ(text, doc.text) << doc.info.id;
  }
}

// A fresh directory under TempDir(), with helpers to fill it.
class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "/reprint_ingest_XXXXXX";
    ASSERT_NE(::mkdtemp(&pattern[0]), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code error;
    std::filesystem::remove_all(dir_, error);
    EXPECT_FALSE(error) << error.message();
  }

  // Writes `bytes` to dir_/rel (creating parent directories); returns the
  // full path.
  std::string Write(const std::string& rel, const std::string& bytes) {
    const std::string path = dir_ + "/" + rel;
    for (size_t slash = path.find('/', dir_.size() + 1);
         slash != std::string::npos; slash = path.find('/', slash + 1)) {
      ::mkdir(path.substr(0, slash).c_str(), 0755);
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    EXPECT_TRUE(out.good()) << path;
    return path;
  }

  std::string dir_;
};

// ---------------------------------------------------------------------------
// JSON Lines fixtures.

TEST(ReaderFixtureTest, GoodJsonl) {
  const std::string path = kJsonlDir + "/good.jsonl";
  ReadResult run = ReadAll({path});
  EXPECT_THAT(run.Issues(), IsEmpty());
  ASSERT_THAT(run.Ids(), ElementsAre("g1", "g2", "g3"));
  EXPECT_EQ(run.docs[0].text, "The quick brown fox jumps over the lazy dog.");
  EXPECT_EQ(run.docs[0].info.source, "wire");
  EXPECT_EQ(run.docs[0].info.date, "2018-04-01");
  EXPECT_EQ(run.docs[1].text,
            "Line one\nLine two\t\"quoted\" caf\xC3\xA9 \xE2\x80\x94 "
            "\xF0\x9F\x98\x80 back\\slash");
  EXPECT_EQ(run.docs[1].info.source, "herald");
  EXPECT_EQ(run.docs[1].info.date, "");
  EXPECT_EQ(run.docs[2].text, "");

  // Origins point at the lines.
  const std::vector<std::string>& paths = run.reader->store().paths();
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_EQ(paths[0], path);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)),
                          std::istreambuf_iterator<char>());
  uint64_t offset = 0;
  for (size_t i = 0; i < run.docs.size(); ++i) {
    const Origin& origin = run.docs[i].info.origin;
    EXPECT_EQ(origin.kind, Origin::kJsonl);
    EXPECT_EQ(origin.input, 0u);
    EXPECT_EQ(origin.line, i + 1);
    EXPECT_EQ(origin.offset, offset);
    const size_t newline = bytes.find('\n', offset);
    EXPECT_EQ(origin.length, newline - offset);
    EXPECT_EQ(run.docs[i].info.text_bytes, run.docs[i].text.size());
    offset = newline + 1;
  }

  const IngestStats& stats = run.stats();
  EXPECT_EQ(stats.documents, 3u);
  EXPECT_EQ(stats.skipped, 0u);
  EXPECT_EQ(stats.errors, 0u);
  EXPECT_EQ(stats.warnings, 0u);
  EXPECT_EQ(stats.bytes, run.docs[0].text.size() + run.docs[1].text.size());
  ExpectFetchRoundTrip(run);
}

TEST(ReaderFixtureTest, MissingFields) {
  const std::string path = kJsonlDir + "/missing_field.jsonl";
  ReadResult run = ReadAll({path});
  EXPECT_THAT(run.Ids(), ElementsAre("m1", "m5"));
  EXPECT_THAT(
      run.Issues(),
      ElementsAre("E " + path + ":2: missing string field \"text\" (its string fields: \"body\"; the text field is set with --text-field)",
                  "E " + path + ":3: missing string or integer field \"id\"",
                  "E " + path + ":4: missing string field \"text\" (it holds a number)"));
  EXPECT_EQ(run.docs[1].info.origin.line, 5u);
  EXPECT_EQ(run.stats().documents, 2u);
  EXPECT_EQ(run.stats().skipped, 3u);
  EXPECT_EQ(run.stats().errors, 3u);
  EXPECT_EQ(run.stats().warnings, 0u);
  ExpectFetchRoundTrip(run);
}

TEST(ReaderFixtureTest, TruncatedLine) {
  const std::string path = kJsonlDir + "/bad_json.jsonl";
  ReadResult run = ReadAll({path});
  EXPECT_THAT(run.Ids(), ElementsAre("j1", "j3"));
  EXPECT_THAT(run.Issues(),
              ElementsAre("E " + path + ":2: invalid JSON (unclosed string)"));
  EXPECT_EQ(run.docs[1].info.origin.line, 3u);
  EXPECT_EQ(run.stats().skipped, 1u);
  EXPECT_EQ(run.stats().errors, 1u);
  ExpectFetchRoundTrip(run);
}

TEST(ReaderFixtureTest, InvalidUtf8InTextIsKeptWithAWarning) {
  const std::string path = kJsonlDir + "/bad_utf8.jsonl";
  ReadResult run = ReadAll({path});
  EXPECT_THAT(run.Ids(), ElementsAre("u1", "u2", "u3"));
  EXPECT_THAT(run.Issues(),
              ElementsAre("W " + path +
                          ":2: invalid UTF-8 in text (kept; bytes that are not "
                          "UTF-8 are read as Windows-1252, the Latin-1 "
                          "superset)"));
  EXPECT_EQ(run.docs[1].text,
            "Latin-1 bytes caf\xE9 and a stray \xFF\xFE here, escape \xC3\xA9 "
            "and pair \xF0\x9F\x98\x80");
  EXPECT_EQ(run.stats().documents, 3u);
  EXPECT_EQ(run.stats().skipped, 0u);
  EXPECT_EQ(run.stats().errors, 0u);
  EXPECT_EQ(run.stats().warnings, 1u);
  ExpectFetchRoundTrip(run);
}

TEST(ReaderFixtureTest, NumericIds) {
  const std::string path = kJsonlDir + "/numeric_ids.jsonl";
  ReadResult run = ReadAll({path});
  EXPECT_THAT(run.Ids(),
              ElementsAre("17", "-3", "123456789012345678901234567890"));
  EXPECT_THAT(
      run.Issues(),
      ElementsAre(
          "E " + path + ":4: field \"id\" must be a string or an integer",
          "E " + path + ":5: field \"id\" must be a string or an integer",
          "E " + path + ":6: duplicate id \"17\" (first at " + path + ":1)"));
  EXPECT_EQ(run.stats().skipped, 3u);
  ExpectFetchRoundTrip(run);
}

TEST(ReaderFixtureTest, DuplicateIdsInOneFile) {
  const std::string path = kJsonlDir + "/duplicate_ids.jsonl";
  ReadResult run = ReadAll({path});
  EXPECT_THAT(run.Ids(), ElementsAre("a", "b"));
  EXPECT_EQ(run.docs[0].text, "first a");
  EXPECT_THAT(run.Issues(),
              ElementsAre("E " + path + ":3: duplicate id \"a\" (first at " +
                          path + ":1)"));
  EXPECT_EQ(run.stats().skipped, 1u);
  EXPECT_EQ(run.stats().errors, 1u);
}

TEST(ReaderFixtureTest, AllFixturesInOneRunContinuePastEveryError) {
  ReadResult run = ReadAll({kJsonlDir});  // README.md is a whole-file document
  EXPECT_THAT(run.Ids(),
              ElementsAre(kJsonlDir + "/README.md", "j1", "j3", "u1", "u2",
                          "u3", "a", "b", "g1", "g2", "g3", "m1", "m5", "17",
                          "-3", "123456789012345678901234567890"));
  EXPECT_EQ(run.stats().documents, 16u);
  EXPECT_EQ(run.stats().errors, 1u + 1u + 3u + 3u);
  EXPECT_EQ(run.stats().warnings, 1u);
  EXPECT_EQ(run.stats().skipped, 8u);
  ExpectFetchRoundTrip(run);
}

// ---------------------------------------------------------------------------
// Whole files.

TEST(ReaderFixtureTest, BadFilesDirectory) {
  ReadResult run = ReadAll({kBadDir});
  EXPECT_THAT(run.Ids(),
              ElementsAre(kBadDir + "/bad_utf8.txt", kBadDir + "/empty.txt"));
  EXPECT_THAT(run.Issues(),
              ElementsAre("W " + kBadDir +
                              "/bad_utf8.txt: not valid UTF-8 (kept; bytes that "
                              "are not UTF-8 are read as Windows-1252, the "
                              "Latin-1 superset; text in another encoding "
                              "needs iconv -f ENCODING -t UTF-8 first)",
                          "W " + kBadDir + "/binary.bin: binary file, skipped"));
  EXPECT_EQ(run.docs[0].text,
            "Caf\xE9 au lait: Latin-1 bytes, a lone continuation \x80 byte "
            "and a truncated sequence \xE2\x82.\n");
  EXPECT_EQ(run.docs[1].text, "");
  for (const Document& doc : run.docs) {
    EXPECT_EQ(doc.info.origin.kind, Origin::kFile);
    EXPECT_EQ(doc.info.origin.offset, 0u);
    EXPECT_EQ(doc.info.origin.length, doc.text.size());
    EXPECT_EQ(doc.info.origin.line, 0u);
    EXPECT_EQ(run.reader->store().paths()[doc.info.origin.input], doc.info.id);
  }
  EXPECT_EQ(run.stats().documents, 2u);
  EXPECT_EQ(run.stats().skipped, 1u);
  EXPECT_EQ(run.stats().warnings, 2u);
  EXPECT_EQ(run.stats().errors, 0u);
  ExpectFetchRoundTrip(run);
}

TEST(ReaderFixtureTest, MissingPathIsAnErrorAndTheRunGoesOn) {
  const std::string missing = kBadDir + "/no_such_file.txt";
  const std::string empty = kBadDir + "/empty.txt";
  ReadResult run = ReadAll({missing, empty});
  EXPECT_THAT(run.Ids(), ElementsAre(empty));
  EXPECT_THAT(run.Issues(),
              ElementsAre("E " + missing + ": No such file or directory"));
  EXPECT_EQ(run.stats().errors, 1u);
  EXPECT_EQ(run.stats().skipped, 1u);
  EXPECT_OK(run.reader->status());
}

TEST(ReaderFixtureTest, SameFileTwiceIsADuplicate) {
  const std::string empty = kBadDir + "/empty.txt";
  ReadResult run = ReadAll({empty, empty});
  EXPECT_THAT(run.Ids(), ElementsAre(empty));
  EXPECT_THAT(run.Issues(), ElementsAre("E " + empty + ": duplicate id \"" +
                                        empty + "\" (first at " + empty + ")"));
}

// ---------------------------------------------------------------------------
// Strict mode.

TEST(ReaderStrictTest, FirstErrorStops) {
  const std::string path = kJsonlDir + "/missing_field.jsonl";
  IngestOptions options;
  options.strict = true;
  ReadResult run = ReadAll({path, kJsonlDir + "/good.jsonl"}, options);
  EXPECT_THAT(run.Ids(), ElementsAre("m1"));
  EXPECT_THAT(run.reader->status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       path + ":2: missing string field \"text\" (its string fields: \"body\"; the text field is set with --text-field)"));
  EXPECT_EQ(run.reader->status().message(),
            path + ":2: missing string field \"text\" (its string fields: \"body\"; the text field is set with --text-field)");
  EXPECT_EQ(run.stats().errors, 1u);
  // Next() keeps returning false.
  Document doc;
  EXPECT_FALSE(run.reader->Next(&doc));
}

TEST(ReaderStrictTest, MissingFileIsNotFound) {
  const std::string missing = kBadDir + "/no_such_file.txt";
  IngestOptions options;
  options.strict = true;
  ReadResult run = ReadAll({missing, kBadDir + "/empty.txt"}, options);
  EXPECT_THAT(run.Ids(), IsEmpty());
  EXPECT_THAT(run.reader->status(),
              StatusIs(absl::StatusCode::kNotFound,
                       missing + ": No such file or directory"));
}

TEST(ReaderStrictTest, WarningsDoNotStop) {
  IngestOptions options;
  options.strict = true;
  ReadResult run = ReadAll({kJsonlDir + "/bad_utf8.jsonl", kBadDir}, options);
  EXPECT_THAT(run.Ids(),
              ElementsAre("u1", "u2", "u3", kBadDir + "/bad_utf8.txt",
                          kBadDir + "/empty.txt"));
  EXPECT_EQ(run.stats().warnings, 3u);
  EXPECT_OK(run.reader->status());
}

TEST(ReaderStrictTest, DuplicateStops) {
  IngestOptions options;
  options.strict = true;
  const std::string path = kJsonlDir + "/duplicate_ids.jsonl";
  ReadResult run = ReadAll({path}, options);
  EXPECT_THAT(run.Ids(), ElementsAre("a", "b"));
  EXPECT_THAT(run.reader->status(), StatusIs(absl::StatusCode::kInvalidArgument,
                                             path + ":3: duplicate id \"a\""));
}

// ---------------------------------------------------------------------------
// Options and the factory.

TEST(NewDocumentReaderTest, EmptyInputListIsInvalid) {
  EXPECT_THAT(NewDocumentReader({}, IngestOptions(), nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument, "no inputs"));
}

TEST(NewDocumentReaderTest, BadGlobIsInvalid) {
  IngestOptions options;
  options.exclude_globs = {"[abc"};
  EXPECT_THAT(NewDocumentReader({"x"}, options, nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument, "bad glob"));
}

TEST(NewDocumentReaderTest, NullSinkIsFine) {
  absl::StatusOr<std::unique_ptr<DocumentReader>> reader = NewDocumentReader(
      {kBadDir + "/no_such_file.txt"}, IngestOptions(), nullptr);
  ASSERT_OK(reader);
  Document doc;
  EXPECT_FALSE((*reader)->Next(&doc));
  EXPECT_EQ((*reader)->stats().errors, 1u);
}

TEST(IngestIssueTest, ToString) {
  IngestIssue issue;
  issue.location = "a.jsonl:3";
  issue.message = "missing string field \"text\"";
  EXPECT_EQ(issue.ToString(), "a.jsonl:3: missing string field \"text\"");
  issue.location.clear();
  EXPECT_EQ(issue.ToString(), "missing string field \"text\"");
}

// ---------------------------------------------------------------------------
// Temporary files.

class ReaderTest : public TempDirTest {};

TEST_F(ReaderTest, DuplicateIdsAcrossFilesNameBothPlaces) {
  const std::string a = Write("a.jsonl", "{\"id\":\"x\",\"text\":\"1\"}\n");
  const std::string b =
      Write("b.jsonl",
            "{\"id\":\"y\",\"text\":\"2\"}\n\n{\"id\":\"x\",\"text\":\"3\"}\n");
  ReadResult run = ReadAll({a, b});
  EXPECT_THAT(run.Ids(), ElementsAre("x", "y"));
  EXPECT_THAT(
      run.Issues(),
      ElementsAre("E " + b + ":3: duplicate id \"x\" (first at " + a + ":1)"));
}

TEST_F(ReaderTest, MissingTextOrIdNamesTheFieldsThatCouldHoldIt) {
  // As news-please writes articles: the text is "maintext". The fields
  // read as id, outlet, date and address are not offered.
  const std::string in = Write(
      "news.jsonl",
      "{\"id\":\"a\",\"url\":\"https://x.example/a\",\"date\":\"2018\","
      "\"title\":\"T\",\"maintext\":\"M\",\"words\":2}\n"
      "{\"id\":\"b\",\"f1\":\"1\",\"f2\":\"2\",\"f3\":\"3\",\"f4\":\"4\",\"f5\":\"5\","
      "\"f6\":\"6\",\"f7\":\"7\"}\n"
      "{\"id\":\"c\",\"n\":1}\n"
      "{\"url\":\"https://x.example/d\",\"text\":\"T\"}\n");
  IngestOptions options;
  options.url_field = "url";
  ReadResult run = ReadAll({in}, options);
  EXPECT_THAT(run.Issues(),
              ElementsAre("E " + in + ":1: missing string field \"text\" (its string "
                          "fields: \"title\", \"maintext\"; the text field is set "
                          "with --text-field)",
                          "E " + in + ":2: missing string field \"text\" (its string "
                          "fields: \"f1\", \"f2\", \"f3\", \"f4\", \"f5\", \"f6\", "
                          "...; the text field is set with --text-field)",
                          "E " + in + ":3: missing string field \"text\"",
                          // Without an id, its address may serve.
                          "E " + in + ":4: missing string or integer field \"id\" "
                          "(its string fields: \"url\"; the id field is set with "
                          "--id-field)"));
}

TEST_F(ReaderTest, DatesAreReadAsInstantsAndOthersWarn) {
  const std::string in = Write(
      "d.jsonl",
      "{\"id\":\"a\",\"text\":\"x\",\"date\":\"2018-06-05T10:00:00+01:00\"}\n"
      "{\"id\":\"b\",\"text\":\"x\",\"date\":\"Tue, 05 Jun 2018 09:00:00 GMT\"}\n"
      "{\"id\":\"c\",\"text\":\"x\",\"date\":\"5/6/2018\"}\n"
      "{\"id\":\"d\",\"text\":\"x\",\"date\":\"\"}\n"
      "{\"id\":\"e\",\"text\":\"x\"}\n"
      "{\"id\":\"f\",\"text\":\"x\",\"date\":1528189200}\n"
      "{\"id\":\"g\",\"text\":\"x\",\"date\":1528189200000}\n"
      "{\"id\":\"h\",\"text\":\"x\",\"date\":1e30}\n"
      "{\"id\":\"i\",\"text\":\"x\",\"date\":true}\n");
  const std::string file = Write("f.txt", "words");
  ReadResult run = ReadAll({in, file});
  ASSERT_EQ(run.docs.size(), 10u);
  const int64_t nine = 1528189200000;  // 2018-06-05T09:00:00Z
  for (size_t d : {0, 1, 5, 6}) EXPECT_EQ(run.docs[d].info.date_ms, nine) << d;
  for (size_t d : {2, 3, 4, 7, 8, 9}) EXPECT_EQ(run.docs[d].info.date_ms, kNoDate) << d;
  EXPECT_EQ(run.docs[2].info.date, "5/6/2018");  // kept as given
  EXPECT_EQ(run.docs[5].info.date, "1528189200");
  EXPECT_THAT(run.Issues(),
              ElementsAre("W " + in + ":3: field \"date\" \"5/6/2018\" is not a date "
                          "read (ISO 8601, RFC 2822, \"June 5, 2018\" or Unix time): "
                          "the document counts as undated",
                          "W " + in + ":8: field \"date\" 1e30 is out of range for "
                          "Unix time: the document counts as undated",
                          "W " + in + ":9: field \"date\" is not a string, ignored"));
}

TEST_F(ReaderTest, NamedFileIsNotReadAgainThroughADirectory) {
  // `report --source dir/wire.txt dir`: the file named is read once, under
  // its name, wherever it comes in the inputs; under another name too (a
  // hard link). Named twice, it is still a duplicate.
  const std::string a = Write("a.txt", "alpha");
  const std::string wire = Write("sub/wire.txt", "wire story");
  const std::string c = Write("z.txt", "zulu");
  ASSERT_EQ(::link(wire.c_str(), (dir_ + "/sub/wire-link.txt").c_str()), 0);
  ReadResult before = ReadAll({wire, dir_});
  EXPECT_THAT(before.Ids(), ElementsAre(wire, a, c));
  EXPECT_THAT(before.Issues(), IsEmpty());
  ReadResult after = ReadAll({dir_, wire});
  EXPECT_THAT(after.Ids(), ElementsAre(a, c, wire));
  EXPECT_THAT(after.Issues(), IsEmpty());
  ExpectFetchRoundTrip(after);
  ReadResult twice = ReadAll({wire, dir_, wire});
  EXPECT_THAT(twice.Ids(), ElementsAre(wire, a, c));
  EXPECT_EQ(twice.stats().errors, 1u);
}

TEST_F(ReaderTest, LineEndingsBlankLinesAndByteOrderMark) {
  const std::string path =
      Write("crlf.jsonl",
            "\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"one\"}\r\n"
            "\r\n"
            "   \t \n"
            "\n"
            "{\"id\":\"b\",\"text\":\"two\"}\r\n"
            "{\"id\":\"c\",\"text\":\"no newline at the end\"}");
  ReadResult run = ReadAll({path});
  EXPECT_THAT(run.Issues(), IsEmpty());
  ASSERT_THAT(run.Ids(), ElementsAre("a", "b", "c"));
  EXPECT_EQ(run.docs[0].info.origin.line, 1u);
  EXPECT_EQ(run.docs[0].info.origin.offset, 3u);   // after the BOM
  EXPECT_EQ(run.docs[0].info.origin.length, 23u);  // without "\r\n"
  EXPECT_EQ(run.docs[1].info.origin.line, 5u);
  EXPECT_EQ(run.docs[1].info.origin.offset, 3u + 23 + 2 + 2 + 6 + 1);
  EXPECT_EQ(run.docs[1].info.origin.length, 23u);
  EXPECT_EQ(run.docs[2].info.origin.line, 6u);
  EXPECT_EQ(run.docs[2].text, "no newline at the end");
  EXPECT_EQ(run.stats().skipped, 0u);
  ExpectFetchRoundTrip(run);
}

TEST_F(ReaderTest, EmptyJsonlFile) {
  const std::string path = Write("empty.jsonl", "");
  const std::string blank = Write("blank.ndjson", "\n\n  \n");
  ReadResult run = ReadAll({path, blank});
  EXPECT_THAT(run.Ids(), IsEmpty());
  EXPECT_THAT(run.Issues(), IsEmpty());
  EXPECT_EQ(run.stats().skipped, 0u);
}

TEST_F(ReaderTest, OptionalFieldsOfOtherTypesAreIgnoredWithAWarning) {
  const std::string path =
      Write("types.jsonl",
            "{\"id\":\"a\",\"text\":\"t\",\"source\":5,\"date\":[2020]}\n"
            "{\"id\":\"b\",\"text\":\"t\",\"source\":null,\"date\":null}\n");
  ReadResult run = ReadAll({path});
  EXPECT_THAT(run.Ids(), ElementsAre("a", "b"));
  EXPECT_EQ(run.docs[0].info.source, "");
  EXPECT_EQ(run.docs[0].info.date, "");
  EXPECT_THAT(
      run.Issues(),
      ElementsAre("W " + path + ":1: field \"source\" is not a string, ignored",
                  "W " + path + ":1: field \"date\" is not a string, ignored"));
  EXPECT_EQ(run.stats().warnings, 2u);
  EXPECT_EQ(run.stats().skipped, 0u);
}

TEST_F(ReaderTest, NotAnObjectAndTrailingContent) {
  const std::string path = Write(
      "shapes.jsonl",
      "[1,2]\n{\"id\":\"a\",\"text\":\"t\"}}\n{\"id\":\"b\",\"text\":\"t\"}\n");
  ReadResult run = ReadAll({path});
  EXPECT_THAT(run.Ids(), ElementsAre("b"));
  EXPECT_THAT(run.Issues(),
              ElementsAre("E " + path + ":1: not a JSON object",
                          "E " + path +
                              ":2: invalid JSON (trailing content after the "
                              "object)"));
}

TEST_F(ReaderTest, UnpairedSurrogateIsReplacedWithAWarning) {
  const std::string path =
      Write("sur.jsonl", "{\"id\":\"a\",\"text\":\"x\\ud800y\"}\n");
  ReadResult run = ReadAll({path});
  ASSERT_THAT(run.Ids(), ElementsAre("a"));
  EXPECT_EQ(run.docs[0].text, "x\xEF\xBF\xBDy");
  EXPECT_THAT(run.Issues(),
              ElementsAre("W " + path +
                          ":1: unpaired surrogate escape in text (replaced "
                          "with U+FFFD)"));
  ExpectFetchRoundTrip(run);
}

TEST_F(ReaderTest, InvalidUtf8OutsideTheText) {
  const std::string path =
      Write("ids.jsonl",
            "{\"id\":\"caf\xE9\",\"text\":\"t\",\"source\":\"s\xFF\"}\n"
            "{\"id\":\"b\",\"text\":\"t\",\"extra\":\"\xFF\"}\n"
            "{\"id\":\"c\",\"text\":\"t\xFF\",\"x\":tru}\n");
  ReadResult run = ReadAll({path});
  EXPECT_THAT(run.Ids(), ElementsAre("caf\xE9", "b"));
  EXPECT_EQ(run.docs[0].info.source, "s\xFF");
  EXPECT_THAT(
      run.Issues(),
      ElementsAre("W " + path + ":1: invalid UTF-8 in field \"id\" (kept)",
                  "W " + path + ":1: invalid UTF-8 in field \"source\" (kept)",
                  "E " + path +
                      ":3: invalid JSON (invalid literal at column "
                      "27)"));
  ExpectFetchRoundTrip(run);
}

TEST_F(ReaderTest, CustomFieldNames) {
  const std::string path = Write("custom.jsonl",
                                 "{\"doc_id\":7,\"body\":\"hello\",\"outlet\":"
                                 "\"wire\",\"when\":\"2020\"}\n"
                                 "{\"id\":\"x\",\"text\":\"not these\"}\n");
  IngestOptions options;
  options.id_field = "doc_id";
  options.text_field = "body";
  options.source_field = "outlet";
  options.date_field = "when";
  ReadResult run = ReadAll({path}, options);
  ASSERT_THAT(run.Ids(), ElementsAre("7"));
  EXPECT_EQ(run.docs[0].text, "hello");
  EXPECT_EQ(run.docs[0].info.source, "wire");
  EXPECT_EQ(run.docs[0].info.date, "2020");
  EXPECT_THAT(run.Issues(),
              ElementsAre("E " + path + ":2: missing string field \"body\" (its "
                          "string fields: \"id\", \"text\"; the text field is set "
                          "with --text-field)"));
  ExpectFetchRoundTrip(run);
}

TEST_F(ReaderTest, RecordWithoutASourceTakesTheHostOfItsAddress) {
  const std::string path = Write(
      "url.jsonl",
      "{\"id\":\"a\",\"text\":\"t\",\"url\":\"https://www.Herald.example/a\"}\n"
      "{\"id\":\"b\",\"text\":\"t\",\"source\":\"wire\",\"url\":\"https://x.example/\"}\n"
      "{\"id\":\"c\",\"text\":\"t\",\"source\":\"\",\"url\":\"//m.herald.example/c\"}\n"
      "{\"id\":\"d\",\"text\":\"t\",\"source\":null,\"url\":7}\n"
      "{\"id\":\"e\",\"text\":\"t\",\"url\":\"not an address\"}\n");
  IngestOptions options;
  options.url_field = "url";
  ReadResult run = ReadAll({path}, options);
  ASSERT_THAT(run.Ids(), ElementsAre("a", "b", "c", "d", "e"));
  EXPECT_EQ(run.docs[0].info.source, "herald.example");
  EXPECT_EQ(run.docs[1].info.source, "wire");  // a source field wins
  EXPECT_EQ(run.docs[2].info.source, "herald.example");  // an empty one not
  EXPECT_EQ(run.docs[3].info.source, "");
  EXPECT_EQ(run.docs[4].info.source, "");
  EXPECT_EQ(run.stats().outlets_from_url, 2u);
  EXPECT_THAT(run.Issues(), IsEmpty());
  ExpectFetchRoundTrip(run);
  // Without a url field named, addresses are not read.
  ReadResult plain = ReadAll({path});
  ASSERT_EQ(plain.docs.size(), 5u);
  EXPECT_EQ(plain.docs[0].info.source, "");
  EXPECT_EQ(plain.docs[1].info.source, "wire");
}

TEST_F(ReaderTest, SavedMailTakesItsListAndDateWhereTheRecordHasNone) {
  const std::string mail =
      "Return-Path: <a@lists.example.org>\nMessage-ID: <1@x>\n"
      "Date: Tue, 6 Aug 2002 10:00:00 +0100 (BST)\n"
      "List-Id: Gardeners <gardeners.lists.example.org>\n\nThe body.\n";
  // As a JSON string: the line breaks escaped.
  std::string json;
  for (char c : mail)
    json += c == '\n' ? std::string("\\n") : std::string(1, c);
  const std::string path = Write(
      "mail.jsonl",
      "{\"id\":\"a\",\"text\":\"" + json + "\"}\n" +
          "{\"id\":\"b\",\"text\":\"" + json +
          "\",\"source\":\"archive\",\"date\":\"2020-01-02\"}\n" +
          "{\"id\":\"c\",\"text\":\"Date: Tue, 6 Aug 2002\\nno mail\"}\n");
  ReadResult run = ReadAll({path});
  ASSERT_THAT(run.Ids(), ElementsAre("a", "b", "c"));
  EXPECT_EQ(run.docs[0].text, mail);
  EXPECT_EQ(run.docs[0].info.source, "gardeners.lists.example.org");
  EXPECT_EQ(run.docs[0].info.date, "Tue, 6 Aug 2002 10:00:00 +0100");
  EXPECT_EQ(run.docs[0].info.date_ms, int64_t{1028624400000});
  // The record's own fields win.
  EXPECT_EQ(run.docs[1].info.source, "archive");
  EXPECT_EQ(run.docs[1].info.date, "2020-01-02");
  EXPECT_EQ(run.docs[2].info.source, "");
  EXPECT_EQ(run.docs[2].info.date_ms, kNoDate);
  EXPECT_EQ(run.stats().outlets_from_mail, 1u);
  EXPECT_EQ(run.stats().dates_from_mail, 1u);
  ExpectFetchRoundTrip(run);
  // A file is read the same way, its text unchanged.
  ReadResult file = ReadAll({Write("a.eml", "Delivered-To: x\n" + mail)});
  ASSERT_EQ(file.docs.size(), 1u);
  EXPECT_EQ(file.docs[0].info.source, "gardeners.lists.example.org");
  EXPECT_EQ(file.docs[0].text, "Delivered-To: x\n" + mail);
}

TEST_F(ReaderTest, JsonlOptionAppliesToEveryInput) {
  const std::string path =
      Write("records.txt", "{\"id\":\"a\",\"text\":\"as JSON\"}\n");
  IngestOptions options;
  options.jsonl = true;
  ReadResult run = ReadAll({path}, options);
  EXPECT_THAT(run.Ids(), ElementsAre("a"));
  EXPECT_EQ(run.docs[0].info.origin.kind, Origin::kJsonl);
  ReadResult plain = ReadAll({path});
  EXPECT_THAT(plain.Ids(), ElementsAre(path));
  EXPECT_EQ(plain.docs[0].info.origin.kind, Origin::kFile);
  ReadResult upper = ReadAll({Write("R.NDJSON", "{\"id\":1,\"text\":\"\"}")});
  EXPECT_THAT(upper.Ids(), ElementsAre("1"));
}

TEST_F(ReaderTest, MaxFileBytes) {
  const std::string small = Write("small.txt", "0123456789");
  const std::string big = Write("big.txt", std::string(23, 'x'));
  const std::string lines =
      Write("lines.jsonl",
            "{\"id\":\"a\",\"text\":\"\"}\n"
            "{\"id\":\"b\",\"text\":\"this line is too long\"}\n");
  IngestOptions options;
  options.max_file_bytes = 22;
  ReadResult run = ReadAll({small, big, lines}, options);
  EXPECT_THAT(run.Ids(), ElementsAre(small, "a"));
  EXPECT_THAT(
      run.Issues(),
      ElementsAre("W " + big + ": file larger than 22 bytes, skipped",
                  "W " + lines + ":2: line longer than 22 bytes, skipped"));
  EXPECT_EQ(run.stats().skipped, 2u);
  EXPECT_EQ(run.stats().warnings, 2u);
}

TEST_F(ReaderTest, BinaryProbeLooksAtTheFirst8KiBOnly) {
  std::string late(9000, 'a');
  late[8500] = '\0';
  std::string early(9000, 'a');
  early[8191] = '\0';
  const std::string late_path = Write("late.txt", late);
  const std::string early_path = Write("early.txt", early);
  ReadResult run = ReadAll({late_path, early_path});
  EXPECT_THAT(run.Ids(), ElementsAre(late_path));
  EXPECT_EQ(run.docs[0].text, late);
  EXPECT_THAT(run.Issues(),
              ElementsAre("W " + early_path + ": binary file, skipped"));
}

TEST_F(ReaderTest, Utf16AndUtf32TextIsNamedNotCalledBinary) {
  // "hi" in UTF-16 LE and BE and UTF-32 LE, each after its byte order mark;
  // and JSON Lines in UTF-16 LE, skipped as a whole, not line by line.
  const std::string le = Write("le.txt", std::string("\xFF\xFEh\0i\0", 6));
  const std::string be = Write("be.txt", std::string("\xFE\xFF\0h\0i", 6));
  const std::string wide = Write("wide.txt", std::string("\xFF\xFE\0\0h\0\0\0", 8));
  std::string record;
  for (char c : std::string("{\"id\":\"a\",\"text\":\"t\"}\n{\"id\":\"b\",\"text\":\"t\"}\n")) {
    record += c;
    record += '\0';
  }
  const std::string lines = Write("le.jsonl", "\xFF\xFE" + record);
  ReadResult run = ReadAll({le, be, wide, lines});
  EXPECT_THAT(run.Ids(), ::testing::IsEmpty());
  const std::string how16 =
      ": UTF-16 text (it starts with a byte order mark), skipped: reprint reads "
      "UTF-8; `iconv -f UTF-16 -t UTF-8` converts it";
  EXPECT_THAT(run.Issues(),
              ElementsAre("W " + le + how16, "W " + be + how16,
                          "W " + wide +
                              ": UTF-32 text (it starts with a byte order mark), "
                              "skipped: reprint reads UTF-8; `iconv -f UTF-32 -t "
                              "UTF-8` converts it",
                          "W " + lines + how16));
  EXPECT_EQ(run.stats().skipped, 4u);
}

TEST_F(ReaderTest, LongLinesAndBlockBoundaries) {
  // Many 1 MiB read blocks, with a line longer than a block, so that lines
  // straddle block boundaries and the buffer has to grow.
  std::string bytes;
  std::vector<std::string> texts;
  int n = 0;
  auto add = [&](size_t text_size) {
    std::string text(text_size, static_cast<char>('a' + n % 26));
    text[0] = '<';
    text[text_size - 1] = '>';
    bytes += absl::StrCat("{\"id\":", n++, ",\"text\":\"", text, "\"}\n");
    texts.push_back(text);
  };
  while (bytes.size() < (size_t{5} << 20) / 2) add(1000 + n % 777);
  add(size_t{3} << 20);  // longer than the block
  while (bytes.size() < (size_t{6} << 20)) add(3000 + n % 1111);
  const std::string path = Write("big.jsonl", bytes);
  ReadResult run = ReadAll({path});
  EXPECT_THAT(run.Issues(), IsEmpty());
  ASSERT_EQ(run.docs.size(), texts.size());
  uint64_t offset = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    ASSERT_EQ(run.docs[i].info.id, absl::StrCat(i));
    ASSERT_EQ(run.docs[i].text, texts[i]) << i;
    ASSERT_EQ(run.docs[i].info.origin.offset, offset) << i;
    ASSERT_EQ(run.docs[i].info.origin.line, i + 1);
    offset += run.docs[i].info.origin.length + 1;
  }
  EXPECT_EQ(offset, bytes.size());
  // Spot-check Fetch across the boundaries.
  for (size_t i = 0; i < texts.size(); i += 97) {
    std::string text;
    ASSERT_OK(run.reader->store().Fetch(run.docs[i].info.origin, &text));
    EXPECT_EQ(text, texts[i]);
  }
}

TEST_F(ReaderTest, TooLongLineInsideALargeFileIsSkipped) {
  std::string bytes = "{\"id\":\"a\",\"text\":\"short\"}\n";
  bytes +=
      "{\"id\":\"b\",\"text\":\"" + std::string(size_t{3} << 20, 'x') + "\"}\n";
  bytes += "{\"id\":\"c\",\"text\":\"after\"}";
  const std::string path = Write("long.jsonl", bytes);
  IngestOptions options;
  options.max_file_bytes = size_t{1} << 20;
  ReadResult run = ReadAll({path}, options);
  EXPECT_THAT(run.Ids(), ElementsAre("a", "c"));
  EXPECT_EQ(run.docs[1].info.origin.line, 3u);
  EXPECT_THAT(run.Issues(), ElementsAre("W " + path +
                                        ":2: line longer than 1048576 bytes, "
                                        "skipped"));
  ExpectFetchRoundTrip(run);
}

// ---------------------------------------------------------------------------
// Directory walking.

class WalkTest : public TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    for (const char* rel : {"b.txt", "a/z.txt", "a.txt", "A.txt",
                            "sub/deep/x.md", ".hidden", "a-b.txt"}) {
      Write(absl::StrCat("tree/", rel), absl::StrCat("text of ", rel));
    }
    root_ = dir_ + "/tree";
  }

  std::vector<std::string> Walk(std::vector<std::string> include,
                                std::vector<std::string> exclude) {
    IngestOptions options;
    options.include_globs = std::move(include);
    options.exclude_globs = std::move(exclude);
    ReadResult run = ReadAll({root_}, options);
    EXPECT_THAT(run.Issues(), IsEmpty());
    std::vector<std::string> rel;
    for (const std::string& id : run.Ids()) {
      rel.push_back(id.substr(root_.size() + 1));
    }
    return rel;
  }

  std::string root_;
};

TEST_F(WalkTest, SortedByteWiseWithIdsJoinedToTheArgument) {
  ReadResult run = ReadAll({root_});
  // Byte-wise order of the relative paths: '-' < '.' < '/' < 'A' < 'a'.
  EXPECT_THAT(run.Ids(), ElementsAre(root_ + "/.hidden", root_ + "/A.txt",
                                     root_ + "/a-b.txt", root_ + "/a.txt",
                                     root_ + "/a/z.txt", root_ + "/b.txt",
                                     root_ + "/sub/deep/x.md"));
  EXPECT_EQ(run.docs[4].text, "text of a/z.txt");
  // A trailing slash on the argument does not double.
  ReadResult slash = ReadAll({root_ + "/"});
  EXPECT_EQ(slash.Ids(), run.Ids());
  ExpectFetchRoundTrip(run);
}

TEST_F(WalkTest, RelativeDirectoryArgument) {
  char cwd[4096];
  ASSERT_NE(::getcwd(cwd, sizeof(cwd)), nullptr);
  ASSERT_EQ(::chdir(dir_.c_str()), 0);
  ReadResult run = ReadAll({"tree/sub"});
  std::string fetched;
  if (!run.docs.empty()) {
    EXPECT_OK(run.reader->store().Fetch(run.docs[0].info.origin, &fetched));
  }
  ASSERT_EQ(::chdir(cwd), 0);
  EXPECT_THAT(run.Ids(), ElementsAre("tree/sub/deep/x.md"));
  EXPECT_EQ(fetched, "text of sub/deep/x.md");
}

TEST_F(WalkTest, Globs) {
  EXPECT_THAT(Walk({"*.txt"}, {}),
              ElementsAre("A.txt", "a-b.txt", "a.txt", "a/z.txt", "b.txt"));
  EXPECT_THAT(Walk({"*.txt"}, {"a/**"}),
              ElementsAre("A.txt", "a-b.txt", "a.txt", "b.txt"));
  EXPECT_THAT(Walk({}, {"[ab].txt", ".*"}),
              ElementsAre("A.txt", "a-b.txt", "a/z.txt", "sub/deep/x.md"));
  EXPECT_THAT(Walk({"sub/**/*.md"}, {}), ElementsAre("sub/deep/x.md"));
  EXPECT_THAT(Walk({"**/x.md"}, {}), ElementsAre("sub/deep/x.md"));
  EXPECT_THAT(Walk({"sub/*.md"}, {}), IsEmpty());  // '*' stops at '/'
  EXPECT_THAT(
      Walk({"x.md", "?.txt"}, {}),
      ElementsAre("A.txt", "a.txt", "a/z.txt", "b.txt", "sub/deep/x.md"));
  EXPECT_THAT(Walk({"*.txt"}, {"*"}), IsEmpty());
}

TEST_F(WalkTest, GlobsDoNotApplyToNamedFiles) {
  IngestOptions options;
  options.include_globs = {"*.md"};
  options.exclude_globs = {"*.txt"};
  ReadResult run = ReadAll({root_ + "/b.txt", root_}, options);
  EXPECT_THAT(run.Ids(),
              ElementsAre(root_ + "/b.txt", root_ + "/sub/deep/x.md"));
}

TEST_F(WalkTest, SymbolicLinks) {
  const std::string outside = Write("outside.txt", "outside");
  ASSERT_EQ(::symlink(outside.c_str(), (root_ + "/link.txt").c_str()), 0);
  ASSERT_EQ(::symlink("..", (root_ + "/sub/up").c_str()), 0);  // a loop
  ASSERT_EQ(::symlink("nowhere", (root_ + "/broken.txt").c_str()), 0);
  ReadResult run = ReadAll({root_});
  EXPECT_THAT(
      run.Ids(),
      ElementsAre(root_ + "/.hidden", root_ + "/A.txt", root_ + "/a-b.txt",
                  root_ + "/a.txt", root_ + "/a/z.txt", root_ + "/b.txt",
                  root_ + "/link.txt", root_ + "/sub/deep/x.md"));
  EXPECT_EQ(run.docs[6].text, "outside");
  EXPECT_THAT(run.Issues(),
              ElementsAre("W " + root_ +
                              "/broken.txt: broken symbolic link, "
                              "skipped",
                          "W " + root_ +
                              "/sub/up: symbolic link loop, not "
                              "followed"));
}

TEST_F(WalkTest, JsonlFilesInsideADirectory) {
  Write("tree/c.jsonl", "{\"id\":\"rec\",\"text\":\"from jsonl\"}\n");
  ReadResult run = ReadAll({root_});
  EXPECT_THAT(run.Ids(), ::testing::Contains("rec"));
  EXPECT_THAT(run.Ids(),
              ::testing::Not(::testing::Contains(root_ + "/c.jsonl")));
}

TEST_F(WalkTest, OutletFromTheFolder) {
  Write("tree/c.jsonl",
        "{\"id\":\"rec\",\"text\":\"t\",\"source\":\"wire\"}\n"
        "{\"id\":\"bare\",\"text\":\"t\"}\n");
  IngestOptions options;
  options.outlet_from_dir = true;
  const std::string named = Write("elsewhere/deep/w.txt", "text of w");
  ReadResult run = ReadAll({root_, named}, options);
  std::map<std::string, std::string> outlet;
  for (const Document& doc : run.docs) {
    const std::string& id = doc.info.id;
    outlet[id.rfind(root_, 0) == 0 ? id.substr(root_.size() + 1) : id] =
        doc.info.source;
  }
  // The first folder below the walked directory, however deep the file.
  EXPECT_EQ(outlet["a/z.txt"], "a");
  // Directly in it: the folder itself, as the file system names it.
  EXPECT_EQ(outlet["b.txt"], "tree");
  // A file named on the command line: the folder holding it.
  EXPECT_EQ(outlet[named], "deep");
  // JSON Lines records keep their own fields.
  EXPECT_EQ(outlet["rec"], "wire");
  EXPECT_EQ(outlet["bare"], "");
  EXPECT_EQ(run.stats().outlets_from_folder, run.docs.size() - 2);
  // Off by default.
  for (const Document& doc : ReadAll({root_, named}).docs) {
    if (doc.info.id != "rec") {
      EXPECT_EQ(doc.info.source, "") << doc.info.id;
    }
  }
}

TEST_F(WalkTest, OutletOfARelativeOrDotDirectory) {
  IngestOptions options;
  options.outlet_from_dir = true;
  const std::string cwd = std::filesystem::current_path().string();
  std::filesystem::current_path(root_);
  ReadResult dot = ReadAll({"."}, options);
  ReadResult file = ReadAll({"b.txt"}, options);
  std::filesystem::current_path(cwd);
  std::map<std::string, std::string> outlet;
  for (const Document& doc : dot.docs) outlet[doc.info.id] = doc.info.source;
  EXPECT_EQ(outlet["./b.txt"], "tree");
  EXPECT_EQ(outlet["./a/z.txt"], "a");
  ASSERT_EQ(file.docs.size(), 1u);
  EXPECT_EQ(file.docs[0].info.source, "tree");
}

// ---------------------------------------------------------------------------
// Fetch.

class FetchTest : public TempDirTest {};

TEST_F(FetchTest, ConcurrentFetchesReturnTheSameText) {
  std::string bytes;
  for (int i = 0; i < 200; ++i) {
    bytes += absl::StrCat("{\"id\":", i, ",\"text\":\"doc ", i,
                          " \\\"q\\\" \\u00e9\\n", std::string(i * 10, 'z'),
                          "\"}\n");
  }
  bytes += "{\"id\":\"bad\",\"text\":\"raw \xFF byte\"}\n";
  const std::string jsonl = Write("c.jsonl", bytes);
  const std::string a = Write("files/a.txt", "alpha");
  const std::string b = Write("files/b.txt", "beta \xFF");
  ReadResult run = ReadAll({jsonl, dir_ + "/files"});
  ASSERT_EQ(run.docs.size(), 203u);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (size_t i = t; i < run.docs.size(); i += 2) {
          std::string text;
          absl::Status status =
              run.reader->store().Fetch(run.docs[i].info.origin, &text);
          if (!status.ok() || text != run.docs[i].text) ++failures[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(failures, ElementsAre(0, 0, 0, 0));
}

TEST_F(FetchTest, ChangedOrMissingFiles) {
  const std::string jsonl = Write("c.jsonl",
                                  "{\"id\":\"a\",\"text\":\"first\"}\n{\"id\":"
                                  "\"b\",\"text\":\"second\"}\n");
  const std::string file = Write("f.txt", "whole file");
  const std::string gone = Write("g.txt", "soon gone");
  ReadResult run = ReadAll({jsonl, file, gone});
  ASSERT_EQ(run.docs.size(), 4u);
  const TextStore& store = run.reader->store();
  std::string text;

  // Same size, new content: the record no longer parses.
  Write("c.jsonl",
        "{\"id\":\"a\",\"text\":\"first\"}\n{\"id\":\"b\",\"text\":\"secon\"x}"
        "\n");
  EXPECT_OK(store.Fetch(run.docs[0].info.origin, &text));
  EXPECT_EQ(text, "first");
  EXPECT_THAT(store.Fetch(run.docs[1].info.origin, &text),
              StatusIs(absl::StatusCode::kInvalidArgument, jsonl + ":2: "));

  // Another size.
  Write("c.jsonl", "{\"id\":\"a\",\"text\":\"first\"}\n");
  EXPECT_THAT(store.Fetch(run.docs[0].info.origin, &text),
              StatusIs(absl::StatusCode::kDataLoss,
                       jsonl + ": file changed since it was read"));
  Write("f.txt", "whole file, longer now");
  EXPECT_THAT(store.Fetch(run.docs[2].info.origin, &text),
              StatusIs(absl::StatusCode::kDataLoss,
                       file + ": file changed since it was read"));

  ASSERT_EQ(::unlink(gone.c_str()), 0);
  EXPECT_THAT(store.Fetch(run.docs[3].info.origin, &text),
              StatusIs(absl::StatusCode::kNotFound,
                       gone + ": No such file or directory"));

  Origin bogus;
  bogus.input = 99;
  EXPECT_THAT(store.Fetch(bogus, &text),
              StatusIs(absl::StatusCode::kInvalidArgument, "no input 99"));
}

// ---------------------------------------------------------------------------
// Standard input.

// Points file descriptor 0 at `path` for the life of the object.
class StdinFrom {
 public:
  explicit StdinFrom(const std::string& path) : saved_(::dup(0)) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    EXPECT_GE(fd, 0);
    EXPECT_EQ(::dup2(fd, 0), 0);
    ::close(fd);
  }
  ~StdinFrom() {
    ::dup2(saved_, 0);
    ::close(saved_);
  }

 private:
  int saved_;
};

class StdinTest : public TempDirTest {};

TEST_F(StdinTest, NamedPipeIsReadLikeStandardInput) {
  const std::string fifo = dir_ + "/pipe.jsonl";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&fifo] {
    std::ofstream out(fifo, std::ios::binary);
    out << "{\"id\":\"p1\",\"text\":\"through a pipe\"}\n";
  });
  ReadResult run = ReadAll({fifo});
  writer.join();
  ASSERT_THAT(run.Ids(), ElementsAre("p1"));
  EXPECT_EQ(run.docs[0].text, "through a pipe");
  EXPECT_EQ(run.docs[0].info.origin.kind, Origin::kMemory);
  EXPECT_EQ(run.docs[0].info.origin.line, 1u);
  ExpectFetchRoundTrip(run);
}

TEST_F(StdinTest, WholeDocument) {
  const std::string path = Write("in.txt", "from standard input \xFF\n");
  ReadResult run;
  {
    StdinFrom redirect(path);
    run = ReadAll({"-"});
  }
  ASSERT_THAT(run.Ids(), ElementsAre("-"));
  EXPECT_EQ(run.docs[0].text, "from standard input \xFF\n");
  EXPECT_EQ(run.docs[0].info.origin.kind, Origin::kMemory);
  EXPECT_EQ(run.docs[0].info.origin.length, run.docs[0].text.size());
  EXPECT_EQ(run.reader->store().paths()[run.docs[0].info.origin.input], "-");
  ExpectFetchRoundTrip(run);
}

TEST_F(StdinTest, JsonLines) {
  const std::string path = Write("in.jsonl",
                                 "{\"id\":\"s1\",\"text\":\"one\"}\nnot json\n"
                                 "{\"id\":\"s2\",\"text\":\"caf\xE9\"}\n");
  IngestOptions options;
  options.jsonl = true;
  ReadResult run;
  {
    StdinFrom redirect(path);
    run = ReadAll({"-"}, options);
  }
  EXPECT_THAT(run.Ids(), ElementsAre("s1", "s2"));
  EXPECT_THAT(run.Issues(),
              ElementsAre("E -:2: invalid JSON (invalid literal at column 1)",
                          "W -:3: invalid UTF-8 in text (kept; bytes that are "
                          "not UTF-8 are read as Windows-1252, the Latin-1 "
                          "superset)"));
  EXPECT_EQ(run.docs[1].info.origin.kind, Origin::kMemory);
  EXPECT_EQ(run.docs[1].info.origin.line, 3u);
  ExpectFetchRoundTrip(run);
}

}  // namespace
}  // namespace reprint
