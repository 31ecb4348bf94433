// tests/ingest/jsonl_test.cc

#include "src/ingest/jsonl.h"

#include <random>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace reprint {
namespace internal {
namespace {

using ::reprint::testing::StatusIs;

// Decodes the contents of a JSON string literal (without its quotes).
struct Decoded {
  bool ok = false;
  std::string text;
  bool lone = false;
  std::string error;
};

Decoded Decode(const std::string& body, bool check_controls = true) {
  const std::string quoted = body + "\"";
  Decoded d;
  const char* error = nullptr;
  const char* end =
      DecodeJsonString(quoted.data(), quoted.data() + quoted.size(),
                       check_controls, &d.text, &d.lone, &error);
  d.ok = end != nullptr;
  if (d.ok) {
    EXPECT_EQ(end, quoted.data() + quoted.size());
  } else {
    d.error = error;
  }
  return d;
}

TEST(DecodeJsonStringTest, PlainAndEscapes) {
  EXPECT_EQ(Decode("hello").text, "hello");
  EXPECT_EQ(Decode("").text, "");
  EXPECT_EQ(Decode(R"(a\"b\\c\/d\be\ff\ng\rh\ti)").text,
            "a\"b\\c/d\be\ff\ng\rh\ti");
  EXPECT_EQ(Decode(R"(\u0041\u00e9\u20AC)").text, "A\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(Decode(R"(\u0000)").text, std::string(1, '\0'));
}

TEST(DecodeJsonStringTest, SurrogatePairs) {
  Decoded d = Decode(R"(\ud83d\ude00!)");
  EXPECT_TRUE(d.ok);
  EXPECT_EQ(d.text, "\xF0\x9F\x98\x80!");
  EXPECT_FALSE(d.lone);
}

TEST(DecodeJsonStringTest, LoneSurrogatesBecomeReplacementCharacters) {
  Decoded high = Decode(R"(a\ud800b)");
  EXPECT_TRUE(high.ok);
  EXPECT_EQ(high.text,
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_TRUE(high.lone);

  Decoded low = Decode(R"(\udc00)");
  EXPECT_EQ(low.text, "\xEF\xBF\xBD");
  EXPECT_TRUE(low.lone);

  // A high surrogate followed by an escape that is not a low surrogate:
  // the second escape is kept.
  Decoded two = Decode(R"(\ud800\u0041)");
  EXPECT_EQ(two.text,
            "\xEF\xBF\xBD"
            "A");
  EXPECT_TRUE(two.lone);
}

TEST(DecodeJsonStringTest, InvalidBytesAreKept) {
  Decoded d = Decode("caf\xE9 \xFF\xFE");
  EXPECT_TRUE(d.ok);
  EXPECT_EQ(d.text, "caf\xE9 \xFF\xFE");
}

TEST(DecodeJsonStringTest, Errors) {
  EXPECT_EQ(Decode(R"(\x)").error, "invalid escape");
  EXPECT_EQ(Decode(R"(\u12)").error, "invalid \\u escape");
  EXPECT_EQ(Decode(R"(\u12G4)").error, "invalid \\u escape");
  EXPECT_EQ(Decode("a\tb").error, "unescaped control character in a string");
  EXPECT_TRUE(Decode("a\tb", /*check_controls=*/false).ok);

  std::string out;
  bool lone = false;
  const char* error = nullptr;
  const std::string unclosed = "no closing quote";
  EXPECT_EQ(DecodeJsonString(unclosed.data(), unclosed.data() + unclosed.size(),
                             true, &out, &lone, &error),
            nullptr);
  EXPECT_STREQ(error, "unclosed string");
  const std::string trailing_backslash = "abc\\";
  EXPECT_EQ(
      DecodeJsonString(trailing_backslash.data(),
                       trailing_backslash.data() + trailing_backslash.size(),
                       true, &out, &lone, &error),
      nullptr);
}

TEST(DecodeJsonStringTest, ManyEscapedQuotes) {
  std::string body;
  std::string expected;
  for (int i = 0; i < 1000; ++i) {
    body += "say \\\"hi\\\"\\n";
    expected += "say \"hi\"\n";
  }
  EXPECT_EQ(Decode(body).text, expected);
}

// DecodeJsonStringBody() (the fast path for checked literals) must agree
// with DecodeJsonString() on every input, whatever the escape positions
// relative to its 16-byte steps.
TEST(DecodeJsonStringBodyTest, AgreesWithDecodeJsonString) {
  const char* const kPieces[] = {"a",
                                 "xyz",
                                 "\\n",
                                 "\\\"",
                                 "\\\\",
                                 "\\u00e9",
                                 "\\ud83d\\ude00",
                                 "\\ud800",
                                 "\xC3\xA9",
                                 "0123456789abcdef",
                                 "\\t"};
  std::mt19937 rng(42);
  for (int round = 0; round < 2000; ++round) {
    std::string body;
    const int pieces = static_cast<int>(rng() % 40);
    for (int i = 0; i < pieces; ++i) {
      body += kPieces[rng() % (sizeof(kPieces) / sizeof(kPieces[0]))];
    }
    const Decoded expected = Decode(body);
    ASSERT_TRUE(expected.ok) << body;
    std::string padded = body + std::string(64, '\\');  // garbage after
    std::string out = "prefix";
    bool lone = false;
    const char* error = nullptr;
    ASSERT_TRUE(DecodeJsonStringBody(padded.data(), padded.data() + body.size(),
                                     &out, &lone, &error))
        << body;
    EXPECT_EQ(out, "prefix" + expected.text) << body;
    EXPECT_EQ(lone, expected.lone) << body;
  }
}

TEST(DecodeJsonStringBodyTest, Errors) {
  for (const std::string& body :
       {std::string(20, 'a') + "\\x", std::string("\\"),
        std::string(33, 'b') + "\\u12", std::string("\\u00e9\\q")}) {
    std::string out = "kept";
    bool lone = false;
    const char* error = nullptr;
    EXPECT_FALSE(DecodeJsonStringBody(body.data(), body.data() + body.size(),
                                      &out, &lone, &error))
        << body;
    EXPECT_EQ(out, "kept");
    EXPECT_NE(error, nullptr);
  }
}

TEST(JsonNumberTest, Integers) {
  EXPECT_TRUE(IsJsonInteger("0"));
  EXPECT_TRUE(IsJsonInteger("17"));
  EXPECT_TRUE(IsJsonInteger("-3"));
  EXPECT_TRUE(IsJsonInteger("123456789012345678901234567890"));
  EXPECT_FALSE(IsJsonInteger("01"));
  EXPECT_FALSE(IsJsonInteger("-"));
  EXPECT_FALSE(IsJsonInteger(""));
  EXPECT_FALSE(IsJsonInteger("1.5"));
  EXPECT_FALSE(IsJsonInteger("1e3"));
  EXPECT_FALSE(IsJsonInteger("+1"));
}

TEST(JsonNumberTest, Numbers) {
  EXPECT_TRUE(IsJsonNumber("1.5"));
  EXPECT_TRUE(IsJsonNumber("-0.5e-3"));
  EXPECT_TRUE(IsJsonNumber("1E+9"));
  EXPECT_TRUE(IsJsonNumber("0"));
  EXPECT_FALSE(IsJsonNumber("1."));
  EXPECT_FALSE(IsJsonNumber(".5"));
  EXPECT_FALSE(IsJsonNumber("1e"));
  EXPECT_FALSE(IsJsonNumber("--1"));
  EXPECT_FALSE(IsJsonNumber("0x10"));
}

class JsonlLineParserTest : public ::testing::Test {
 protected:
  absl::Status Parse(const std::string& line) {
    // Fill the padding with garbage: its contents must not matter.
    std::string buf = line + std::string(kJsonlPadding, '"');
    return parser_.Parse(names_, buf.data(), line.size(), buf.size(), &record_);
  }

  JsonlFieldNames names_;
  JsonlLineParser parser_;
  JsonlRecord record_;
};

TEST_F(JsonlLineParserTest, AllFields) {
  ASSERT_OK(Parse(
      R"({"id":"a1","text":"hello\nworld","source":"wire","date":"2020-01-02","x":[1,{"y":2}]})"));
  EXPECT_EQ(record_.id.kind, JsonlField::kString);
  EXPECT_EQ(record_.id.value, "a1");
  EXPECT_EQ(record_.text.kind, JsonlField::kString);
  EXPECT_EQ(record_.text.value, "hello\nworld");
  EXPECT_EQ(record_.source.value, "wire");
  EXPECT_EQ(record_.date.value, "2020-01-02");
  EXPECT_FALSE(record_.lax);
}

TEST_F(JsonlLineParserTest, FieldsInAnyOrderWithSpaces) {
  ASSERT_OK(Parse(R"(  { "text" : "t" , "other": null, "id" : 17 }  )"));
  EXPECT_EQ(record_.id.kind, JsonlField::kInteger);
  EXPECT_EQ(record_.id.value, "17");
  EXPECT_EQ(record_.text.value, "t");
  EXPECT_EQ(record_.source.kind, JsonlField::kAbsent);
}

TEST_F(JsonlLineParserTest, NumbersKeptAsWritten) {
  ASSERT_OK(Parse(R"({"id":-0,"text":""})"));
  EXPECT_EQ(record_.id.kind, JsonlField::kInteger);
  EXPECT_EQ(record_.id.value, "-0");
  ASSERT_OK(Parse(R"({"id":1.50,"text":""})"));
  EXPECT_EQ(record_.id.kind, JsonlField::kNumber);
  EXPECT_EQ(record_.id.value, "1.50");
  EXPECT_THAT(Parse(R"({"id":01,"text":""})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid JSON (invalid number)"));
}

TEST_F(JsonlLineParserTest, OtherTypes) {
  ASSERT_OK(
      Parse(R"({"id":true,"text":["a"],"source":null,"date":{"y":2020}})"));
  EXPECT_EQ(record_.id.kind, JsonlField::kOther);
  EXPECT_EQ(record_.text.kind, JsonlField::kOther);
  EXPECT_EQ(record_.source.kind, JsonlField::kNull);
  EXPECT_EQ(record_.date.kind, JsonlField::kOther);
}

TEST_F(JsonlLineParserTest, FirstOccurrenceOfAKeyWins) {
  ASSERT_OK(Parse(R"({"id":"a","text":"first","text":"second"})"));
  EXPECT_EQ(record_.text.value, "first");
}

TEST_F(JsonlLineParserTest, EscapedKeys) {
  ASSERT_OK(Parse(R"({"\u0069d":"k","te\u0078t":"v"})"));
  EXPECT_EQ(record_.id.value, "k");
  EXPECT_EQ(record_.text.value, "v");
}

TEST_F(JsonlLineParserTest, CustomFieldNames) {
  names_.id = "doc_id";
  names_.text = "body";
  ASSERT_OK(Parse(R"({"id":"no","doc_id":"yes","text":"no","body":"b"})"));
  EXPECT_EQ(record_.id.value, "yes");
  EXPECT_EQ(record_.text.value, "b");
}

TEST_F(JsonlLineParserTest, LoneSurrogateInText) {
  ASSERT_OK(Parse(R"({"id":"a","text":"x\ud800y"})"));
  EXPECT_EQ(record_.text.value, "x\xEF\xBF\xBDy");
  EXPECT_TRUE(record_.text.lone_surrogate);
}

TEST_F(JsonlLineParserTest, InvalidUtf8FallsBackToTheLaxParser) {
  ASSERT_OK(
      Parse("{\"id\":\"a\",\"text\":\"caf\xE9 \\u00e9 \\ud83d\\ude00\","
            "\"n\":{\"k\":[1,2.5,true,null]}}"));
  EXPECT_TRUE(record_.lax);
  EXPECT_EQ(record_.id.value, "a");
  EXPECT_FALSE(record_.id.invalid_utf8);
  EXPECT_EQ(record_.text.value, "caf\xE9 \xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_TRUE(record_.text.invalid_utf8);
}

TEST_F(JsonlLineParserTest, InvalidJson) {
  EXPECT_THAT(Parse(R"({"id":"a","text":"cut)"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid JSON (unclosed string)"));
  EXPECT_THAT(Parse(R"({"id":"a","text":"b")"),
              StatusIs(absl::StatusCode::kInvalidArgument, "invalid JSON ("));
  EXPECT_THAT(Parse(R"({"id":"a","text":"b",})"),
              StatusIs(absl::StatusCode::kInvalidArgument, "invalid JSON ("));
  EXPECT_THAT(Parse(R"({"id":"a" "text":"b"})"),
              StatusIs(absl::StatusCode::kInvalidArgument, "invalid JSON ("));
  EXPECT_THAT(Parse(R"({"id":"a","text":"b"}})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid JSON (trailing content after the object)"));
  EXPECT_THAT(Parse(R"({"id":"a","text":"b"} x)"),
              StatusIs(absl::StatusCode::kInvalidArgument, "invalid JSON ("));
  EXPECT_THAT(Parse(R"({"id":"a","text":"b\q"})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid JSON (invalid escape)"));
  EXPECT_THAT(Parse("{\"id\":\"a\",\"text\":\"tab\there\"}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid JSON (unescaped control character"));
  EXPECT_THAT(Parse("[1,2]"), StatusIs(absl::StatusCode::kInvalidArgument,
                                       "not a JSON object"));
  EXPECT_THAT(Parse("\"text\""), StatusIs(absl::StatusCode::kInvalidArgument,
                                          "not a JSON object"));
  EXPECT_THAT(Parse("nothing"), StatusIs(absl::StatusCode::kInvalidArgument,
                                         "invalid JSON (invalid literal at "
                                         "column 1)"));
  EXPECT_THAT(Parse("[1,2] x"), StatusIs(absl::StatusCode::kInvalidArgument,
                                         "invalid JSON (trailing content"));
  EXPECT_THAT(Parse("hello"), StatusIs(absl::StatusCode::kInvalidArgument,
                                       "invalid JSON (unexpected character "
                                       "at column 1)"));
}

TEST(LaxParseTest, AcceptsWhatStrictJsonAccepts) {
  JsonlFieldNames names;
  JsonlRecord record;
  ASSERT_OK(LaxParseJsonlLine(
      names,
      R"( {"x":{"a":[1,-2.5e3,"s",{"b":null}],"c":false},"id":12,)"
      R"("text":"t\"\u00e9","source":5,"date":null} )",
      &record));
  EXPECT_TRUE(record.lax);
  EXPECT_EQ(record.id.kind, JsonlField::kInteger);
  EXPECT_EQ(record.id.value, "12");
  EXPECT_EQ(record.text.value, "t\"\xC3\xA9");
  EXPECT_EQ(record.source.kind, JsonlField::kInteger);
  EXPECT_EQ(record.date.kind, JsonlField::kNull);
  ASSERT_OK(LaxParseJsonlLine(names, "{}", &record));
  EXPECT_EQ(record.text.kind, JsonlField::kAbsent);
}

TEST(LaxParseTest, ReportsTheColumn) {
  JsonlFieldNames names;
  JsonlRecord record;
  EXPECT_THAT(
      LaxParseJsonlLine(names, "{\"id\":\"a\xFF\" \"text\":\"b\"}", &record),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "invalid JSON (expected ',' or '}' at column 12)"));
  EXPECT_THAT(
      LaxParseJsonlLine(names, "{\"id\":\"a\xFF\",\"text\":\"b", &record),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "invalid JSON (unclosed string at column"));
  EXPECT_THAT(
      LaxParseJsonlLine(names, "{\"id\":\"a\xFF\",\"text\":tru}", &record),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "invalid JSON (invalid literal"));
  EXPECT_THAT(
      LaxParseJsonlLine(names, "{\"id\":\"a\xFF\",\"text\":\"b\"} x", &record),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "invalid JSON (trailing content after the object"));
  EXPECT_THAT(
      LaxParseJsonlLine(names, "[\"\xFF\"]", &record),
      StatusIs(absl::StatusCode::kInvalidArgument, "not a JSON object"));
  EXPECT_THAT(LaxParseJsonlLine(names, "{\"id\":01}", &record),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid JSON (invalid number"));
  std::string deep =
      "{\"x\":" + std::string(2000, '[') + std::string(2000, ']') + "}";
  EXPECT_THAT(LaxParseJsonlLine(names, deep, &record),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid JSON (nesting too deep"));
}

}  // namespace
}  // namespace internal
}  // namespace reprint
