// tests/ingest/dates_test.cc
//
// ParseDate(): ISO 8601, RFC 2822 and written-out dates as UTC milliseconds.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <random>
#include <string>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "reprint/ingest.h"

namespace reprint {
namespace {

using ::testing::Optional;

constexpr int64_t kDay = 86400000;
constexpr int64_t kHour = 3600000;
// 2018-06-05T00:00:00Z.
constexpr int64_t k20180605 = 1528156800000;

TEST(ParseDate, IsoDatesAndTimes) {
  EXPECT_THAT(ParseDate("1970-01-01"), Optional(0));
  EXPECT_THAT(ParseDate("2018-06-05"), Optional(k20180605));
  EXPECT_THAT(ParseDate("20180605"), Optional(k20180605));
  EXPECT_THAT(ParseDate("2018-06"), Optional(k20180605 - 4 * kDay));
  EXPECT_THAT(ParseDate("2018"), Optional(ParseDate("2018-01-01").value()));
  EXPECT_THAT(ParseDate("2018-06-05T10:30"), Optional(k20180605 + 10 * kHour + 1800000));
  EXPECT_THAT(ParseDate("2018-06-05 10:30:15"),
              Optional(k20180605 + 10 * kHour + 1815000));
  EXPECT_THAT(ParseDate("2018-06-05T10:30:15.250Z"),
              Optional(k20180605 + 10 * kHour + 1815250));
  EXPECT_THAT(ParseDate("2018-06-05t10:30:15,5z"),
              Optional(k20180605 + 10 * kHour + 1815500));
  EXPECT_THAT(ParseDate("  2018-06-05\n"), Optional(k20180605));
  EXPECT_THAT(ParseDate("1969-12-31T23:59:59Z"), Optional(-1000));
}

// Each of `dates` names the instant `ms`.
void ExpectAllAt(int64_t ms, std::initializer_list<const char*> dates) {
  for (const char* date : dates) {
    EXPECT_THAT(ParseDate(date), Optional(ms)) << date;
  }
}

TEST(ParseDate, OffsetsNameTheSameInstantInUtc) {
  ExpectAllAt(k20180605 + 9 * kHour,
              {"2018-06-05T10:00:00+01:00", "2018-06-05T10:00:00+0100",
               "2018-06-05T10:00+01", "2018-06-05T04:00:00-05:00",
               "2018-06-05T14:30:00+05:30", "2018-06-05T09:00:00Z"});
  // String order would put the first after the second.
  EXPECT_LT(ParseDate("2018-06-05T10:00:00+01:00").value(),
            ParseDate("2018-06-05T09:30:00Z").value());
}

TEST(ParseDate, Rfc2822) {
  ExpectAllAt(k20180605 + 9 * kHour,
              {"Tue, 05 Jun 2018 09:00:00 +0000", "Tue, 5 Jun 2018 10:00:00 +0100",
               "5 June 2018 09:00 GMT", "Tue, 05 Jun 2018 05:00:00 EDT",
               "Tue, 05 Jun 2018 01:00:00 pst", "05 Jun 2018 09:00:00 UT"});
}

TEST(ParseDate, WrittenDatesAsNewsPagesShowThem) {
  ExpectAllAt(k20180605, {"June 5, 2018", "Jun 5 2018", "Jun. 5, 2018", "june 5th, 2018",
                          "5 June 2018", "05 Jun 2018", "5th June, 2018",
                          "Tuesday, 5 June 2018", "Tue, June 5, 2018", "Tues. June 5, 2018"});
  ExpectAllAt(k20180605 + 9 * kHour,
              {"June 5, 2018 9:00", "June 5, 2018, 9:00 AM", "June 5, 2018 at 9:00 a.m.",
               "5 June 2018 10:00 +01:00", "June 5, 2018 5:00 a.m. EDT",
               "Tue 05 Jun 2018 09:00:00 +0000", "05 Jun 2018 09:00:00",
               "Jun 5, 2018 09:00:00 UTC"});
  EXPECT_THAT(ParseDate("Sept. 5, 2018 at 3:15 pm"),
              Optional(ParseDate("2018-09-05T15:15:00Z").value()));
  EXPECT_THAT(ParseDate("June 5, 2018 12:30 am"), Optional(k20180605 + 1800000));
  EXPECT_THAT(ParseDate("June 5, 2018 12:30 pm"), Optional(k20180605 + 12 * kHour + 1800000));
}

TEST(ParseDate, NumericDatesWithOtherSeparatorsAndUnixTime) {
  ExpectAllAt(k20180605, {"2018/06/05", "2018.06.05", "2018-6-5", "2018/6/5"});
  ExpectAllAt(k20180605 + 9 * kHour,
              {"2018-06-05 09:00:00 UTC", "2018-06-05 10:00:00 +01:00",
               "2018/06/05 09:00", "1528189200", "1528189200000"});
}

TEST(ParseDate, LeapYearsAndMonthEnds) {
  EXPECT_THAT(ParseDate("2024-02-29"), Optional(ParseDate("2024-03-01").value() - kDay));
  EXPECT_THAT(ParseDate("2000-02-29"), Optional(951782400000));
  EXPECT_EQ(ParseDate("2023-02-29"), std::nullopt);
  EXPECT_EQ(ParseDate("1900-02-29"), std::nullopt);
  EXPECT_EQ(ParseDate("2018-04-31"), std::nullopt);
  EXPECT_EQ(ParseDate("2018-13-01"), std::nullopt);
  EXPECT_EQ(ParseDate("2018-00-10"), std::nullopt);
  EXPECT_EQ(ParseDate("2018-06-00"), std::nullopt);
  // A leap second counts as the second before it.
  EXPECT_THAT(ParseDate("2016-12-31T23:59:60Z"),
              Optional(ParseDate("2016-12-31T23:59:59Z").value()));
}

TEST(ParseDate, AnythingElseIsNotADate) {
  for (const char* bad :
       {"", "   ", "05/06/2018", "6/5/2018", "18-06-05", "2018.5", "2018/06",
        "2018-06-05T25:00", "2018-06-05T10:60", "2018-06-05T10",
        "2018-06-05T10:00+24:00", "2018-06-05T10:00+01:0", "2018-06-05T10:00Q",
        "2018-06-05 junk", "2018-06-05 10:00 CEST", "Tue, 05 Foo 2018 09:00:00 +0000",
        "05 Jun 2018 09:00:00 CEST", "5 Junk 2018 09:00 GMT", "June 5, 18",
        "June 31, 2018", "June 5, 2018 13:00 pm", "June 5, 2018 0:30 am",
        "June 5, 20189", "June 5th 2018 later", "Mayday 5 2018", "5nd-ish June 2018",
        "12345678", "12345678901234", "yesterday", "\xff\xfe", "2018-06-05T10:00:00.Z"}) {
    EXPECT_EQ(ParseDate(bad), std::nullopt) << bad;
  }
}

TEST(UnixTimeMillis, SecondsOrMilliseconds) {
  const int64_t nine = k20180605 + 9 * kHour;
  EXPECT_THAT(UnixTimeMillis("1528189200"), Optional(nine));
  EXPECT_THAT(UnixTimeMillis("1528189200000"), Optional(nine));
  EXPECT_THAT(UnixTimeMillis("1528189200.5"), Optional(nine + 500));
  EXPECT_THAT(UnixTimeMillis("1.5281892e9"), Optional(nine));
  EXPECT_THAT(UnixTimeMillis("0"), Optional(0));
  EXPECT_THAT(UnixTimeMillis("-1"), Optional(-1000));
  EXPECT_THAT(UnixTimeMillis("99999999999"), Optional(99999999999000));  // 5138
  EXPECT_THAT(UnixTimeMillis("100000000000"), Optional(100000000000));   // ms
  EXPECT_EQ(UnixTimeMillis("1e300"), std::nullopt);
  EXPECT_EQ(UnixTimeMillis("-1e17"), std::nullopt);
  EXPECT_EQ(UnixTimeMillis("nan"), std::nullopt);
  EXPECT_EQ(UnixTimeMillis("soon"), std::nullopt);
  EXPECT_EQ(UnixTimeMillis(""), std::nullopt);
}

TEST(ParseDate, IsoOrderIsInstantOrderOnRandomDates) {
  // Zone-free ISO strings of one form sort as their instants.
  std::mt19937 rng(3);
  for (int i = 0; i < 2000; ++i) {
    auto one = [&] {
      return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02dZ", 1900 + rng() % 300,
                             1 + rng() % 12, 1 + rng() % 28, rng() % 24,
                             rng() % 60, rng() % 60);
    };
    const std::string x = one(), y = one();
    const std::optional<int64_t> px = ParseDate(x), py = ParseDate(y);
    ASSERT_TRUE(px && py) << x << " " << y;
    EXPECT_EQ(x < y, *px < *py) << x << " " << y;
    EXPECT_EQ(x == y, *px == *py) << x << " " << y;
  }
}

}  // namespace
}  // namespace reprint
