#include "src/util/json_writer.h"

#include <limits>
#include <string>

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

TEST(JsonObject, BuildsOneObject) {
  std::string s;
  JsonObject(&s).Str("type", "pair").Int("n", 3).Num("f", 0.25).Null("x").Bool("b", true).Raw("r", "[1,2]").End();
  EXPECT_EQ(s, "{\"type\":\"pair\",\"n\":3,\"f\":0.25,\"x\":null,\"b\":true,\"r\":[1,2]}");
}

}  // namespace
}  // namespace internal
}  // namespace reprint
