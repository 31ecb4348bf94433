#include "src/util/json_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "src/text/unicode.h"

namespace reprint {
namespace internal {

namespace {

// Bytes a JSON string holds as they are: printable ASCII but '"' and '\\'.
struct PlainBytes {
  bool plain[256] = {};
  constexpr PlainBytes() {
    for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  }
};
constexpr PlainBytes kPlain;

// Writes the decimal digits of v ending just before `end`; returns where
// they start.
char* DigitsBefore(char* end, uint64_t v) {
  do {
    *--end = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return end;
}

}  // namespace

bool AppendJsonString(std::string* out, absl::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  bool clean = true;
  out->push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && kPlain.plain[p[j]]) ++j;
    if (j > i) {
      out->append(s.data() + i, j - i);
      i = j;
      if (i == n) break;
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
        default:
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
      }
      ++i;
      continue;
    }
    // As the tokeniser reads it: Latin-1 text keeps its letters.
    const size_t len = AppendCharAsRead(p + i, n - i, out);
    if (len == 1) clean = false;
    i += len;
  }
  out->push_back('"');
  return clean;
}

void AppendJsonInt(std::string* out, int64_t v) {
  AppendThroughCursor(out, 1 + JsonCursor::kMaxUint, [v](JsonCursor& c) {
    if (v < 0) c.Char('-');
    c.Uint(v < 0 ? ~static_cast<uint64_t>(v) + 1 : static_cast<uint64_t>(v));
  });
}

void AppendJsonUintArray(std::string* out, std::initializer_list<uint32_t> v) {
  AppendThroughCursor(out, 2 + v.size() * (1 + JsonCursor::kMaxUint),
                      [&v](JsonCursor& c) {
                        c.Char('[');
                        for (size_t i = 0; i < v.size(); ++i) {
                          if (i > 0) c.Char(',');
                          c.Uint(v.begin()[i]);
                        }
                        c.Char(']');
                      });
}

void AppendJsonNumber(std::string* out, double v) {
  AppendThroughCursor(out, JsonCursor::kMaxNumber,
                      [v](JsonCursor& c) { c.Number(v); });
}

JsonCursor& JsonCursor::Uint(uint64_t v) {
  // Digits from the bit width (log10(2) ~ 1233 / 4096), corrected by one
  // comparison; v | 1 has as many digits as v, and a bit width of at least 1.
  static constexpr uint64_t kPow10[20] = {1ull,
                                          10ull,
                                          100ull,
                                          1000ull,
                                          10000ull,
                                          100000ull,
                                          1000000ull,
                                          10000000ull,
                                          100000000ull,
                                          1000000000ull,
                                          10000000000ull,
                                          100000000000ull,
                                          1000000000000ull,
                                          10000000000000ull,
                                          100000000000000ull,
                                          1000000000000000ull,
                                          10000000000000000ull,
                                          100000000000000000ull,
                                          1000000000000000000ull,
                                          10000000000000000000ull};
  const uint64_t w = v | 1;
  const int t = ((64 - __builtin_clzll(w)) * 1233) >> 12;
  at_ += static_cast<size_t>(t + 1 - (w < kPow10[t]));
  DigitsBefore(at_, v);
  return *this;
}

JsonCursor& JsonCursor::Number(double v) {
  if (!std::isfinite(v)) return Raw("null");
  // Four decimals, trailing zeros dropped. Integer arithmetic for the usual
  // range (similarities, coverages, seconds): snprintf dominated the time
  // of writing large reports.
  if (std::fabs(v) < 1e12) {
    long long scaled = std::llround(std::fabs(v) * 10000.0);
    if (scaled == 0) return Char('0');
    if (v < 0) Char('-');
    Uint(static_cast<uint64_t>(scaled / 10000));
    long long frac = scaled % 10000;
    if (frac != 0) {
      char digits[4] = {static_cast<char>('0' + frac / 1000),
                        static_cast<char>('0' + frac / 100 % 10),
                        static_cast<char>('0' + frac / 10 % 10),
                        static_cast<char>('0' + frac % 10)};
      size_t len = 4;
      while (digits[len - 1] == '0') --len;
      Char('.');
      Raw(absl::string_view(digits, len));
    }
    return *this;
  }
  const int n = std::snprintf(at_, kMaxNumber, "%.4f", v);
  at_ += std::min<size_t>(n < 0 ? 0 : static_cast<size_t>(n), kMaxNumber - 1);
  return *this;
}

void JsonObject::Key(absl::string_view key) {
  // Keys are the program's own names, plain ASCII: one append, unescaped.
  // Three appends (quote, key, quote and colon) took writing the bench
  // corpus's report from 0.32-0.48 s to 0.49-0.58 s, as did offset arrays
  // appended a number at a time.
  char buf[64];
  if (key.size() + 4 > sizeof(buf)) {
    if (!first_) out_->push_back(',');
    first_ = false;
    AppendJsonString(out_, key);
    out_->push_back(':');
    return;
  }
  char* at = buf;
  if (!first_) *at++ = ',';
  first_ = false;
  *at++ = '"';
  std::memcpy(at, key.data(), key.size());
  at += key.size();
  *at++ = '"';
  *at++ = ':';
  out_->append(buf, static_cast<size_t>(at - buf));
}

JsonObject& JsonObject::Str(absl::string_view key, absl::string_view value) {
  Key(key);
  if (!AppendJsonString(out_, value)) lossy_ = true;
  return *this;
}

JsonObject& JsonObject::Num(absl::string_view key, double value) {
  Key(key);
  AppendJsonNumber(out_, value);
  return *this;
}

JsonObject& JsonObject::Int(absl::string_view key, int64_t value) {
  Key(key);
  AppendJsonInt(out_, value);
  return *this;
}

JsonObject& JsonObject::Bool(absl::string_view key, bool value) {
  Key(key);
  out_->append(value ? "true" : "false");
  return *this;
}

JsonObject& JsonObject::Null(absl::string_view key) {
  Key(key);
  out_->append("null");
  return *this;
}

JsonObject& JsonObject::Raw(absl::string_view key, absl::string_view json) {
  Key(key);
  out_->append(json.data(), json.size());
  return *this;
}

}  // namespace internal
}  // namespace reprint
