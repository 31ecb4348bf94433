// src/ingest/dates.cc
//
// ParseDate(): the `date` field as an instant, so that "the earlier date is
// the source" holds across time zones and formats. Comparing the strings
// would put 10:00+01:00 after 09:30Z, and a date in another format
// anywhere at all.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "reprint/ingest.h"

namespace reprint {
namespace {

// Days from 1970-01-01 to the proleptic Gregorian date y-m-d (m in 1..12).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                   // [0, 399]
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// A cursor over the text with the few readers both formats need.
class Cursor {
 public:
  explicit Cursor(absl::string_view s) : s_(s) {}

  bool done() const { return s_.empty(); }
  bool Peek(char c) const { return !s_.empty() && s_[0] == c; }
  bool Eat(char c) {
    if (!Peek(c)) return false;
    s_.remove_prefix(1);
    return true;
  }
  void SkipSpaces() {
    while (!s_.empty() && s_[0] == ' ') s_.remove_prefix(1);
  }
  // Exactly `n` digits.
  bool Digits(int n, int* value) {
    if (s_.size() < static_cast<size_t>(n)) return false;
    int v = 0;
    for (int i = 0; i < n; ++i) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(s_[i]))) return false;
      v = v * 10 + (s_[i] - '0');
    }
    s_.remove_prefix(n);
    *value = v;
    return true;
  }
  // One or two digits.
  bool ShortNumber(int* value) {
    if (!Digits(1, value)) return false;
    int second;
    if (Digits(1, &second)) *value = *value * 10 + second;
    return true;
  }
  // Letters up to a non-letter.
  absl::string_view Word() {
    size_t n = 0;
    while (n < s_.size() && absl::ascii_isalpha(static_cast<unsigned char>(s_[n]))) ++n;
    absl::string_view w = s_.substr(0, n);
    s_.remove_prefix(n);
    return w;
  }
  // A fraction of a second after '.' or ',': its milliseconds.
  bool Fraction(int* millis) {
    *millis = 0;
    int scale = 100, digits = 0;
    while (!s_.empty() && absl::ascii_isdigit(static_cast<unsigned char>(s_[0]))) {
      *millis += (s_[0] - '0') * scale;
      scale /= 10;
      s_.remove_prefix(1);
      ++digits;
    }
    return digits > 0;
  }

 private:
  absl::string_view s_;
};

struct Fields {
  int64_t year = 0;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
  int offset_minutes = 0;  // east of UTC
};

std::optional<int64_t> ToMillis(const Fields& f) {
  if (f.month < 1 || f.month > 12 || f.day < 1 ||
      f.day > DaysInMonth(f.year, f.month) || f.hour > 23 || f.minute > 59 ||
      f.second > 60) {
    return std::nullopt;
  }
  const int second = f.second == 60 ? 59 : f.second;  // a leap second
  const int64_t days = DaysFromCivil(f.year, f.month, f.day);
  const int64_t seconds = days * 86400 + f.hour * 3600 + f.minute * 60 + second -
                          int64_t{f.offset_minutes} * 60;
  return seconds * 1000 + f.millis;
}

// A numeric offset after its sign: hh, hhmm or hh:mm.
bool NumericOffset(Cursor* c, int sign, Fields* f) {
  int hours, minutes = 0;
  if (!c->Digits(2, &hours)) return false;
  if (c->Eat(':')) {
    if (!c->Digits(2, &minutes)) return false;
  } else {
    c->Digits(2, &minutes);
  }
  if (hours > 23 || minutes > 59) return false;
  f->offset_minutes = sign * (hours * 60 + minutes);
  return true;
}

// hh:mm into f.
bool HoursMinutes(Cursor* c, Fields* f) {
  return c->Digits(2, &f->hour) && c->Eat(':') && c->Digits(2, &f->minute);
}

// A signed numeric offset, if the text goes on with a sign (*found): false
// when it is malformed.
bool SignedOffset(Cursor* c, Fields* f, bool* found) {
  const int sign = c->Eat('+') ? 1 : c->Eat('-') ? -1 : 0;
  *found = sign != 0;
  return sign == 0 || NumericOffset(c, sign, f);
}

// The month (1-12) an English name or its abbreviation names ("Jun",
// "June", "Sept", any case); 0 for none.
int MonthNumber(absl::string_view word) {
  static constexpr absl::string_view kMonths[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string w = absl::AsciiStrToLower(word);
  if (w == "sept") return 9;
  for (int m = 0; m < 12; ++m) {
    if (w == kMonths[m] || (w.size() == 3 && kMonths[m].substr(0, 3) == w)) {
      return m + 1;
    }
  }
  return 0;
}

// Whether `word` names a day of the week ("Tue", "Tues", "Tuesday").
bool IsWeekday(absl::string_view word) {
  static constexpr absl::string_view kDays[] = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  const std::string w = absl::AsciiStrToLower(word);
  if (w.size() < 3) return false;
  for (absl::string_view d : kDays) {
    if (d.substr(0, w.size()) == w) return true;
  }
  return false;
}

// The offset of a zone named by its abbreviation: UT, UTC, GMT, Z or a
// North American one (EST ... PDT), any case. False for any other.
bool ZoneOffset(absl::string_view word, int* minutes) {
  static constexpr struct {
    absl::string_view name;
    int hours;
  } kZones[] = {{"ut", 0},   {"utc", 0},  {"gmt", 0},  {"z", 0},
                {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
                {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
  const std::string w = absl::AsciiStrToLower(word);
  for (const auto& z : kZones) {
    if (z.name == w) {
      *minutes = z.hours * 60;
      return true;
    }
  }
  return false;
}

// The zone at the cursor, if any: Z, a signed offset or an abbreviation
// (ZoneOffset()), after optional spaces; then the end of the text. False
// for anything else.
bool ZoneThenEnd(Cursor* c, Fields* f) {
  c->SkipSpaces();
  if (c->done()) return true;
  bool offset;
  if (!SignedOffset(c, f, &offset)) return false;
  if (!offset && !ZoneOffset(c->Word(), &f->offset_minutes)) return false;
  c->SkipSpaces();
  return c->done();
}

// ISO 8601 in its extended form (RFC 3339 and the like): YYYY, YYYY-MM,
// YYYY-MM-DD or YYYYMMDD (also YYYY/MM/DD, YYYY.MM.DD, and one-digit
// months and days with a separator), then optionally 'T' or a space and
// hh:mm, hh:mm:ss or hh:mm:ss.fff, then optionally a zone (ZoneThenEnd()).
std::optional<int64_t> ParseIso(absl::string_view s) {
  Cursor c(s);
  Fields f;
  int year;
  if (!c.Digits(4, &year)) return std::nullopt;
  f.year = year;
  const char sep = c.Eat('-') ? '-' : c.Eat('/') ? '/' : c.Eat('.') ? '.' : 0;
  if (sep != 0) {
    if (!c.ShortNumber(&f.month)) return std::nullopt;
    if (c.Eat(sep)) {
      if (!c.ShortNumber(&f.day)) return std::nullopt;
    } else if (sep != '-') {
      return std::nullopt;  // "2018.5" is no month
    }
  } else if (!c.done()) {
    if (!c.Digits(2, &f.month) || !c.Digits(2, &f.day)) return std::nullopt;
  }
  if (c.done()) return ToMillis(f);
  if (!c.Eat('T') && !c.Eat('t') && !c.Eat(' ')) return std::nullopt;
  if (!HoursMinutes(&c, &f)) return std::nullopt;
  if (c.Eat(':')) {
    if (!c.Digits(2, &f.second)) return std::nullopt;
    if ((c.Eat('.') || c.Eat(',')) && !c.Fraction(&f.millis)) return std::nullopt;
  }
  if (!ZoneThenEnd(&c, &f)) return std::nullopt;
  return ToMillis(f);
}

// A time after a written date, if any: [,] [at] h:mm[:ss] [am|pm|a.m.|p.m.]
// [zone]; then the end of the text.
bool WrittenTime(Cursor* c, Fields* f) {
  c->SkipSpaces();
  if (c->Eat(',')) c->SkipSpaces();
  if (c->done()) return true;
  {
    Cursor at = *c;
    if (absl::AsciiStrToLower(at.Word()) == "at") {
      at.SkipSpaces();
      *c = at;
    }
  }
  if (!c->ShortNumber(&f->hour) || !c->Eat(':') || !c->Digits(2, &f->minute)) {
    return false;
  }
  if (c->Eat(':') && !c->Digits(2, &f->second)) return false;
  c->SkipSpaces();
  Cursor after = *c;
  const std::string half = absl::AsciiStrToLower(after.Word());
  bool pm = false, twelve = false;
  if (half == "am" || half == "pm") {
    twelve = true;
    pm = half == "pm";
  } else if ((half == "a" || half == "p") && after.Eat('.') &&
             absl::AsciiStrToLower(after.Word()) == "m") {
    after.Eat('.');
    twelve = true;
    pm = half == "p";
  }
  if (twelve) {
    if (f->hour < 1 || f->hour > 12) return false;
    f->hour = f->hour % 12 + (pm ? 12 : 0);
    *c = after;
  }
  return ZoneThenEnd(c, f);
}

// A date written out, as news pages and feeds show it: "June 5, 2018",
// "Jun. 5 2018", "5 June 2018", "Tuesday, 5th June 2018", each optionally
// followed by a time (WrittenTime()). RFC 2822 dates (e-mail, RSS: "Tue,
// 05 Jun 2018 09:00:00 GMT") are of this form.
std::optional<int64_t> ParseWritten(absl::string_view s) {
  Cursor c(s);
  Fields f;
  absl::string_view word = c.Word();
  if (!word.empty() && MonthNumber(word) == 0 && IsWeekday(word)) {
    c.Eat('.');
    c.Eat(',');
    c.SkipSpaces();
    word = c.Word();
  }
  // The day, and an ordinal's letters after it ("5th").
  auto day = [&] {
    if (!c.ShortNumber(&f.day)) return false;
    const std::string suffix = absl::AsciiStrToLower(c.Word());
    return suffix.empty() || suffix == "st" || suffix == "nd" || suffix == "rd" ||
           suffix == "th";
  };
  if (!word.empty()) {  // Month D, YYYY
    f.month = MonthNumber(word);
    if (f.month == 0) return std::nullopt;
    c.Eat('.');
    c.SkipSpaces();
    if (!day()) return std::nullopt;
  } else {  // D Month YYYY
    if (!day()) return std::nullopt;
    c.SkipSpaces();
    f.month = MonthNumber(c.Word());
    if (f.month == 0) return std::nullopt;
    c.Eat('.');
  }
  c.Eat(',');
  c.SkipSpaces();
  int year;
  if (!c.Digits(4, &year)) return std::nullopt;
  f.year = year;
  if (!WrittenTime(&c, &f)) return std::nullopt;
  return ToMillis(f);
}

}  // namespace

std::optional<int64_t> UnixTimeMillis(absl::string_view number) {
  double v;
  if (!absl::SimpleAtod(number, &v) || !std::isfinite(v)) return std::nullopt;
  // Seconds, unless it only makes sense as milliseconds (1e11 seconds is
  // the year 5138).
  const double ms = std::fabs(v) >= 1e11 ? v : v * 1000;
  if (std::fabs(ms) > 253402300800000.0) return std::nullopt;  // 10000-01-01
  return static_cast<int64_t>(std::floor(ms));
}

std::optional<int64_t> ParseDate(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return std::nullopt;
  if (std::optional<int64_t> iso = ParseIso(text)) return iso;
  // Unix time written as a string: 9 to 13 digits (8 are YYYYMMDD).
  if (text.size() >= 9 && text.size() <= 13 &&
      std::all_of(text.begin(), text.end(),
                  [](char ch) { return absl::ascii_isdigit(static_cast<unsigned char>(ch)); })) {
    return UnixTimeMillis(text);
  }
  return ParseWritten(text);
}

}  // namespace reprint
