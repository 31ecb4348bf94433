#include "src/util/json_writer.h"

#include <cmath>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "src/text/unicode.h"

namespace reprint {
namespace internal {

bool AppendJsonString(std::string* out, absl::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  bool clean = true;
  out->push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      size_t j = i + 1;
      while (j < n && p[j] >= 0x20 && p[j] < 0x80 && p[j] != '"' &&
             p[j] != '\\') {
        ++j;
      }
      out->append(s.data() + i, j - i);
      i = j;
      continue;
    }
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

void AppendJsonNumber(std::string* out, double v) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  // Four decimals, trailing zeros dropped. Integer arithmetic for the usual
  // range (similarities, coverages, seconds): snprintf dominated the time
  // of writing large reports.
  if (std::fabs(v) < 1e12) {
    long long scaled = std::llround(std::fabs(v) * 10000.0);
    if (scaled == 0) {
      out->push_back('0');
      return;
    }
    if (v < 0) out->push_back('-');
    absl::StrAppend(out, scaled / 10000);
    long long frac = scaled % 10000;
    if (frac != 0) {
      char digits[5] = {static_cast<char>('0' + frac / 1000),
                        static_cast<char>('0' + frac / 100 % 10),
                        static_cast<char>('0' + frac / 10 % 10),
                        static_cast<char>('0' + frac % 10), 0};
      int len = 4;
      while (digits[len - 1] == '0') --len;
      out->push_back('.');
      out->append(digits, len);
    }
    return;
  }
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%.4f", v);
  out->append(buf);
}

void JsonObject::Key(absl::string_view key) {
  if (!first_) out_->push_back(',');
  first_ = false;
  AppendJsonString(out_, key);
  out_->push_back(':');
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
  absl::StrAppend(out_, value);
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
