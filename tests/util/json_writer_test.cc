#include "src/util/json_writer.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace reprint {
namespace internal {
namespace {

std::string Num(double v) {
  std::string s;
  AppendJsonNumber(&s, v);
  return s;
}

std::string Str(const std::string& v, bool* clean = nullptr) {
  std::string s;
  bool ok = AppendJsonString(&s, v);
  if (clean) *clean = ok;
  return s;
}

TEST(AppendJsonNumber, FourDecimalsWithoutTrailingZeros) {
  EXPECT_EQ(Num(0), "0");
  EXPECT_EQ(Num(1), "1");
  EXPECT_EQ(Num(0.5), "0.5");
  EXPECT_EQ(Num(0.12345), "0.1235");  // rounded
  EXPECT_EQ(Num(0.00004), "0");
  EXPECT_EQ(Num(-0.00004), "0");
  EXPECT_EQ(Num(-2.25), "-2.25");
  EXPECT_EQ(Num(157.1379), "157.1379");
  EXPECT_EQ(Num(0.9999999), "1");
  EXPECT_EQ(Num(1e15), "1000000000000000.0000");
  EXPECT_EQ(Num(std::numeric_limits<double>::infinity()), "null");
}

TEST(JsonCursor, WritesExactlyTheTextAndNoFurther) {
  std::vector<uint64_t> values = {4294967295, 4294967296, UINT64_MAX};
  // Each power of ten, and the numbers either side of it.
  for (uint64_t p = 1;; p *= 10) {
    values.insert(values.end(), {p - 1, p, p + 1});
    if (p > UINT64_MAX / 10) break;
  }
  for (uint64_t v : values) {
    char buf[JsonCursor::kMaxUint + 1];
    std::memset(buf, '#', sizeof(buf));
    JsonCursor c(buf);
    c.Uint(v);
    const std::string digits = std::to_string(v);
    EXPECT_EQ(std::string(buf, c.at()), digits);
    EXPECT_EQ(buf[digits.size()], '#') << v;  // nothing past the digits
  }
  char buf[64];
  JsonCursor c(buf);
  c.Raw("{\"x\":[").Uint(3).Char(',').Number(0.125).Raw("],\"y\":").Number(-2);
  c.Raw(",\"z\":").Number(std::numeric_limits<double>::quiet_NaN()).Char('}');
  EXPECT_EQ(std::string(buf, c.at()), "{\"x\":[3,0.125],\"y\":-2,\"z\":null}");
}

TEST(AppendJsonString, EscapesAndWritesInvalidUtf8AsWindows1252) {
  EXPECT_EQ(Str("a\"b\\c\nd\te\x01"), "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  bool clean = true;
  EXPECT_EQ(Str("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
  EXPECT_EQ(Str("caf\xE9 \x93z\x94", &clean),
            "\"caf\xC3\xA9 \xE2\x80\x9Cz\xE2\x80\x9D\"");
  EXPECT_FALSE(clean);
  clean = true;
  EXPECT_EQ(Str("bad\x81z", &clean), "\"bad\xEF\xBF\xBDz\"");  // undefined
  EXPECT_FALSE(clean);
}

TEST(AppendJsonInt, WritesEveryMagnitudeAndSign) {
  const int64_t values[] = {0,          7,           -7,        10,
                            4294967295, -1000000007, INT64_MAX, INT64_MIN};
  for (int64_t v : values) {
    std::string s = "x";
    AppendJsonInt(&s, v);
    EXPECT_EQ(s, "x" + std::to_string(v));
  }
}

TEST(AppendJsonUintArray, WritesCommaSeparatedInBrackets) {
  std::string s;
  AppendJsonUintArray(&s, {});
  AppendJsonUintArray(&s, {0});
  AppendJsonUintArray(&s, {3, 17});
  AppendJsonUintArray(&s, {4294967295u, 0, 120, 9});
  AppendJsonUintArray(&s, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  EXPECT_EQ(s, "[][0][3,17][4294967295,0,120,9][1,2,3,4,5,6,7,8,9]");
}

TEST(JsonObject, BuildsOneObject) {
  std::string s;
  JsonObject(&s).Str("type", "pair").Int("n", 3).Num("f", 0.25).Null("x").Bool("b", true).Raw("r", "[1,2]").End();
  EXPECT_EQ(s, "{\"type\":\"pair\",\"n\":3,\"f\":0.25,\"x\":null,\"b\":true,\"r\":[1,2]}");
}

}  // namespace
}  // namespace internal
}  // namespace reprint
