// src/ingest/jsonl.cc

#include "src/ingest/jsonl.h"

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstring>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace reprint {
namespace internal {

static_assert(kJsonlPadding >= simdjson::SIMDJSON_PADDING,
              "kJsonlPadding must cover simdjson's padding");

namespace {

namespace ondemand = simdjson::ondemand;

constexpr int kMaxDepth = 1024;

bool IsJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

absl::string_view TrimRightJsonSpace(std::string_view token) {
  size_t n = token.size();
  while (n > 0 && IsJsonSpace(token[n - 1])) --n;
  return absl::string_view(token.data(), n);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads four hex digits at p (p + 4 <= end checked by the caller).
bool ReadHex4(const char* p, uint32_t* value) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const int d = HexValue(p[i]);
    if (d < 0) return false;
    v = (v << 4) | static_cast<uint32_t>(d);
  }
  *value = v;
  return true;
}

// Writes the UTF-8 form of `cp` (at most 4 bytes) at dst; returns its end.
char* PutUtf8(uint32_t cp, char* dst) {
  if (cp < 0x80) {
    *dst++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *dst++ = static_cast<char>(0xC0 | (cp >> 6));
    *dst++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *dst++ = static_cast<char>(0xE0 | (cp >> 12));
    *dst++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *dst++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *dst++ = static_cast<char>(0xF0 | (cp >> 18));
    *dst++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *dst++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *dst++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return dst;
}

// Decodes the escape after a backslash (p points past it), writing at most
// 4 bytes, never more than the escape's own length, at *dst and advancing
// it. Returns the position after the escape, or nullptr with *error.
const char* DecodeEscape(const char* p, const char* end, char** dst,
                         bool* lone_surrogate, const char** error) {
  if (p == end) {
    *error = "unclosed string";
    return nullptr;
  }
  const char c = *p++;
  char decoded;
  switch (c) {
    case '"':
    case '\\':
    case '/':
      decoded = c;
      break;
    case 'b':
      decoded = '\b';
      break;
    case 'f':
      decoded = '\f';
      break;
    case 'n':
      decoded = '\n';
      break;
    case 'r':
      decoded = '\r';
      break;
    case 't':
      decoded = '\t';
      break;
    case 'u': {
      uint32_t cp;
      if (end - p < 4 || !ReadHex4(p, &cp)) {
        *error = "invalid \\u escape";
        return nullptr;
      }
      p += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t low;
        if (end - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
            ReadHex4(p + 2, &low) && low >= 0xDC00 && low <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          p += 6;
        } else {
          cp = 0xFFFD;
          *lone_surrogate = true;
        }
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        cp = 0xFFFD;
        *lone_surrogate = true;
      }
      *dst = PutUtf8(cp, *dst);
      return p;
    }
    default:
      *error = "invalid escape";
      return nullptr;
  }
  *(*dst)++ = decoded;
  return p;
}

absl::Status InvalidJson(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("invalid JSON (", what, ")"));
}

absl::Status NotAnObject() {
  return absl::InvalidArgumentError("not a JSON object");
}

absl::Status InvalidJson(simdjson::error_code error) {
  switch (error) {
    case simdjson::UNCLOSED_STRING:
      return InvalidJson("unclosed string");
    case simdjson::UNESCAPED_CHARS:
      return InvalidJson("unescaped control character in a string");
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      return InvalidJson("incomplete or malformed object");
    case simdjson::TAPE_ERROR:
      return InvalidJson("missing or superfluous comma, colon, brace or key");
    case simdjson::DEPTH_ERROR:
      return InvalidJson("nesting too deep");
    case simdjson::NUMBER_ERROR:
      return InvalidJson("invalid number");
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return InvalidJson("invalid literal");
    case simdjson::STRING_ERROR:
      return InvalidJson("invalid string");
    case simdjson::UTF8_ERROR:
      return InvalidJson("invalid UTF-8");
    case simdjson::CAPACITY:
      return InvalidJson("line too long");
    default: {
      std::string text = simdjson::error_message(error);
      while (!text.empty() && (text.back() == '.' || text.back() == ' ')) {
        text.pop_back();
      }
      if (!text.empty()) text[0] = absl::ascii_tolower(text[0]);
      return InvalidJson(text);
    }
  }
}

// The fields a key names (several when field names coincide).
int MatchFields(const JsonlFieldNames& names, absl::string_view key,
                JsonlRecord* record, JsonlField* targets[kMaxJsonlFields]) {
  int n = 0;
  // The first occurrence of a key wins: skip fields already seen.
  if (key == names.text && record->text.kind == JsonlField::kAbsent) {
    targets[n++] = &record->text;
  }
  if (key == names.id && record->id.kind == JsonlField::kAbsent) {
    targets[n++] = &record->id;
  }
  if (key == names.source && record->source.kind == JsonlField::kAbsent) {
    targets[n++] = &record->source;
  }
  if (key == names.date && record->date.kind == JsonlField::kAbsent) {
    targets[n++] = &record->date;
  }
  if (!names.url.empty() && key == names.url &&
      record->url.kind == JsonlField::kAbsent) {
    targets[n++] = &record->url;
  }
  return n;
}

// Fills `field` from a raw simdjson token of the given type.
absl::Status AssignToken(ondemand::json_type type, absl::string_view token,
                         JsonlField* field) {
  switch (type) {
    case ondemand::json_type::string: {
      // simdjson has checked the quotes: the token is the whole literal.
      if (token.size() < 2 || token.front() != '"' || token.back() != '"') {
        return InvalidJson("invalid string");
      }
      field->value.clear();
      const char* error = nullptr;
      if (!DecodeJsonStringBody(token.data() + 1,
                                token.data() + token.size() - 1, &field->value,
                                &field->lone_surrogate, &error)) {
        return InvalidJson(error);
      }
      field->kind = JsonlField::kString;
      return absl::OkStatus();
    }
    case ondemand::json_type::number:
      if (IsJsonInteger(token)) {
        field->kind = JsonlField::kInteger;
      } else if (IsJsonNumber(token)) {
        field->kind = JsonlField::kNumber;
      } else {
        return InvalidJson("invalid number");
      }
      field->value.assign(token.data(), token.size());
      return absl::OkStatus();
    case ondemand::json_type::null:
      if (token != "null") return InvalidJson("invalid literal");
      field->kind = JsonlField::kNull;
      return absl::OkStatus();
    case ondemand::json_type::boolean:
      if (token != "true" && token != "false") {
        return InvalidJson("invalid literal");
      }
      field->kind = JsonlField::kOther;
      return absl::OkStatus();
    case ondemand::json_type::object:
    case ondemand::json_type::array:
      field->kind = JsonlField::kOther;
      return absl::OkStatus();
  }
  return InvalidJson("unexpected value");
}

// The permissive parser behind LaxParseJsonlLine().
class LaxParser {
 public:
  LaxParser(const JsonlFieldNames& names, absl::string_view line,
            JsonlRecord* record)
      : names_(names),
        begin_(line.data()),
        p_(line.data()),
        end_(line.data() + line.size()),
        record_(record) {}

  absl::Status Run() {
    record_->Clear();
    record_->lax = true;
    SkipSpace();
    if (p_ == end_) return Error("expected '{'");
    if (*p_ != '{') {
      // Tell a JSON value that is not an object from something else.
      if (!Value(nullptr, 0)) return error_;
      SkipSpace();
      if (p_ != end_) return Error("trailing content after the value");
      return NotAnObject();
    }
    ++p_;
    SkipSpace();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
    } else {
      while (true) {
        SkipSpace();
        if (p_ == end_ || *p_ != '"') return Error("expected a key");
        ++p_;
        key_.clear();
        bool lone = false;
        if (!String(&key_, &lone)) return error_;
        SkipSpace();
        if (p_ == end_ || *p_ != ':') return Error("expected ':'");
        ++p_;
        JsonlField* targets[kMaxJsonlFields];
        const int n = MatchFields(names_, key_, record_, targets);
        if (!Value(n > 0 ? targets[0] : nullptr, 1)) return error_;
        for (int i = 1; i < n; ++i) *targets[i] = *targets[0];
        SkipSpace();
        if (p_ != end_ && *p_ == ',') {
          ++p_;
          continue;
        }
        if (p_ != end_ && *p_ == '}') {
          ++p_;
          break;
        }
        return Error("expected ',' or '}'");
      }
    }
    SkipSpace();
    if (p_ != end_) return Error("trailing content after the object");
    return absl::OkStatus();
  }

 private:
  void SkipSpace() {
    while (p_ != end_ && IsJsonSpace(*p_)) ++p_;
  }

  absl::Status Error(absl::string_view what) {
    return InvalidJson(absl::StrCat(what, " at column ", p_ - begin_ + 1));
  }

  bool Fail(absl::string_view what) {
    error_ = Error(what);
    return false;
  }

  // Decodes a string whose opening quote was consumed.
  bool String(std::string* out, bool* lone) {
    const char* error = nullptr;
    const char* after =
        DecodeJsonString(p_, end_, /*check_controls=*/true, out, lone, &error);
    if (after == nullptr) return Fail(error);
    p_ = after;
    return true;
  }

  bool Literal(absl::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() ||
        absl::string_view(p_, word.size()) != word) {
      return Fail("invalid literal");
    }
    p_ += word.size();
    return true;
  }

  // Parses one value; fills `field` when it is not null.
  bool Value(JsonlField* field, int depth) {
    SkipSpace();
    if (p_ == end_) return Fail("unexpected end of line");
    const char c = *p_;
    if (c == '"') {
      ++p_;
      std::string* out = field != nullptr ? &field->value : &scratch_;
      out->clear();
      bool lone = false;
      if (!String(out, &lone)) return false;
      if (field != nullptr) {
        field->kind = JsonlField::kString;
        field->lone_surrogate = lone;
        field->invalid_utf8 = !IsValidUtf8(field->value);
      }
      return true;
    }
    if (c == '{' || c == '[') {
      if (depth >= kMaxDepth) return Fail("nesting too deep");
      if (field != nullptr) field->kind = JsonlField::kOther;
      return Container(depth + 1);
    }
    if (c == 't' || c == 'f' || c == 'n') {
      const absl::string_view word =
          c == 't' ? "true" : (c == 'f' ? "false" : "null");
      if (!Literal(word)) return false;
      if (field != nullptr) {
        field->kind = c == 'n' ? JsonlField::kNull : JsonlField::kOther;
      }
      return true;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      const char* start = p_;
      while (p_ != end_ && std::strchr("+-.eE0123456789", *p_) != nullptr &&
             *p_ != '\0') {
        ++p_;
      }
      const absl::string_view token(start, p_ - start);
      if (!IsJsonNumber(token)) {
        p_ = start;
        return Fail("invalid number");
      }
      if (field != nullptr) {
        field->kind =
            IsJsonInteger(token) ? JsonlField::kInteger : JsonlField::kNumber;
        field->value.assign(token.data(), token.size());
      }
      return true;
    }
    return Fail("unexpected character");
  }

  // Parses an object or array (not kept) at p_.
  bool Container(int depth) {
    const bool object = *p_ == '{';
    const char close = object ? '}' : ']';
    ++p_;
    SkipSpace();
    if (p_ != end_ && *p_ == close) {
      ++p_;
      return true;
    }
    while (true) {
      SkipSpace();
      if (object) {
        if (p_ == end_ || *p_ != '"') return Fail("expected a key");
        ++p_;
        scratch_.clear();
        bool lone = false;
        if (!String(&scratch_, &lone)) return false;
        SkipSpace();
        if (p_ == end_ || *p_ != ':') return Fail("expected ':'");
        ++p_;
      }
      if (!Value(nullptr, depth)) return false;
      SkipSpace();
      if (p_ != end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ != end_ && *p_ == close) {
        ++p_;
        return true;
      }
      return Fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
  }

  const JsonlFieldNames& names_;
  const char* const begin_;
  const char* p_;
  const char* const end_;
  JsonlRecord* record_;
  std::string key_;
  std::string scratch_;
  absl::Status error_;
};

}  // namespace

const char* DecodeJsonString(const char* p, const char* end,
                             bool check_controls, std::string* out,
                             bool* lone_surrogate, const char** error) {
  // The next '"' and '\\' at or after p, found with memchr and kept until p
  // passes them, so that each byte is scanned a bounded number of times.
  const char* quote = nullptr;
  const char* backslash = nullptr;
  while (true) {
    if (quote == nullptr || quote < p) {
      quote = static_cast<const char*>(std::memchr(p, '"', end - p));
      if (quote == nullptr) {
        *error = "unclosed string";
        return nullptr;
      }
    }
    if (backslash != end && (backslash == nullptr || backslash < p)) {
      backslash = static_cast<const char*>(std::memchr(p, '\\', end - p));
      if (backslash == nullptr) backslash = end;
    }
    const char* stop = quote < backslash ? quote : backslash;
    if (check_controls) {
      for (const char* q = p; q < stop; ++q) {
        if (static_cast<unsigned char>(*q) < 0x20) {
          *error = "unescaped control character in a string";
          return nullptr;
        }
      }
    }
    out->append(p, stop - p);
    if (stop == quote) return quote + 1;
    char buf[4];
    char* dst = buf;
    p = DecodeEscape(stop + 1, end, &dst, lone_surrogate, error);
    if (p == nullptr) return nullptr;
    out->append(buf, dst - buf);
  }
}

bool DecodeJsonStringBody(const char* p, const char* end, std::string* out,
                          bool* lone_surrogate, const char** error) {
  // Decoding never lengthens: write straight into the string (with 16 bytes
  // of slack for whole-vector stores), then trim.
  const size_t base = out->size();
  out->resize(base + static_cast<size_t>(end - p) + 16);
  char* const begin = &(*out)[0] + base;
  char* dst = begin;
  while (true) {
    const char* backslash = nullptr;
#if defined(__SSE2__)
    // Copy 16 bytes at a time until one of them is a backslash. Texts with
    // many escapes (a \n every line) spend their time here.
    const __m128i kBackslash = _mm_set1_epi8('\\');
    while (end - p >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), v);
      const int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(v, kBackslash));
      if (mask != 0) {
        const int k = __builtin_ctz(static_cast<unsigned>(mask));
        p += k;
        dst += k;
        backslash = p;
        break;
      }
      p += 16;
      dst += 16;
    }
#endif
    if (backslash == nullptr) {
      backslash = static_cast<const char*>(std::memchr(p, '\\', end - p));
      const char* stop = backslash != nullptr ? backslash : end;
      std::memcpy(dst, p, static_cast<size_t>(stop - p));
      dst += stop - p;
      if (backslash == nullptr) break;
    }
    p = DecodeEscape(backslash + 1, end, &dst, lone_surrogate, error);
    if (p == nullptr) {
      out->resize(base);
      return false;
    }
  }
  out->resize(base + static_cast<size_t>(dst - begin));
  return true;
}

bool IsJsonInteger(absl::string_view token) {
  size_t i = 0;
  if (i < token.size() && token[i] == '-') ++i;
  if (i == token.size()) return false;
  if (token[i] == '0') return i + 1 == token.size();
  for (; i < token.size(); ++i) {
    if (token[i] < '0' || token[i] > '9') return false;
  }
  return true;
}

bool IsJsonNumber(absl::string_view token) {
  size_t i = 0;
  const size_t n = token.size();
  auto digits = [&]() {
    const size_t start = i;
    while (i < n && token[i] >= '0' && token[i] <= '9') ++i;
    return i > start;
  };
  if (i < n && token[i] == '-') ++i;
  if (i < n && token[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < n && token[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < n && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < n && (token[i] == '+' || token[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

bool IsValidUtf8(absl::string_view bytes) {
  return simdjson::validate_utf8(bytes.data(), bytes.size());
}

absl::Status LaxParseJsonlLine(const JsonlFieldNames& names,
                               absl::string_view line, JsonlRecord* record) {
  return LaxParser(names, line, record).Run();
}

struct JsonlLineParser::Impl {
  ondemand::parser parser;
  bool oversized = false;  // sized for a record above kKeepParserBytes
};

// simdjson sizes its parser for the largest document it has seen (several
// times the record's size) and keeps that memory. A parser that grew for an
// unusually long record is replaced before the next one, so that one huge
// record does not hold megabytes per thread for the rest of the run.
constexpr size_t kKeepParserBytes = 256 << 10;

JsonlLineParser::JsonlLineParser() : impl_(std::make_unique<Impl>()) {}
JsonlLineParser::~JsonlLineParser() = default;

absl::Status JsonlLineParser::Parse(const JsonlFieldNames& names,
                                    const char* data, size_t size,
                                    size_t capacity, JsonlRecord* record) {
  record->Clear();
  if (impl_->oversized) impl_ = std::make_unique<Impl>();
  impl_->oversized = size > kKeepParserBytes;
  ondemand::document doc;
  simdjson::error_code error =
      impl_->parser.iterate(data, size, capacity).get(doc);
  if (error == simdjson::UTF8_ERROR) {
    return LaxParseJsonlLine(names, absl::string_view(data, size), record);
  }
  if (error) return InvalidJson(error);
  ondemand::object object;
  error = doc.get_object().get(object);
  if (error == simdjson::INCORRECT_TYPE) {
    // Not an object: the permissive parser tells a JSON value ("not a JSON
    // object") from garbage, with a column.
    return LaxParseJsonlLine(names, absl::string_view(data, size), record);
  }
  if (error) return InvalidJson(error);
  for (auto field_result : object) {
    ondemand::field field;
    error = std::move(field_result).get(field);
    if (error) return InvalidJson(error);
    std::string_view key;
    error = field.unescaped_key().get(key);
    if (error == simdjson::STRING_ERROR) {
      // E.g. an unpaired surrogate in a key: the permissive parser copes.
      return LaxParseJsonlLine(names, absl::string_view(data, size), record);
    }
    if (error) return InvalidJson(error);
    JsonlField* targets[kMaxJsonlFields];
    const int n = MatchFields(names, absl::string_view(key.data(), key.size()),
                              record, targets);
    if (n == 0) continue;  // simdjson skips the value
    ondemand::value& value = field.value();
    ondemand::json_type type;
    error = value.type().get(type);
    if (error) return InvalidJson(error);
    const std::string_view token = value.raw_json_token();
    absl::Status status =
        AssignToken(type, TrimRightJsonSpace(token), targets[0]);
    if (!status.ok()) return status;
    for (int i = 1; i < n; ++i) *targets[i] = *targets[0];
  }
  // The object must be the whole line.
  if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    return InvalidJson("trailing content after the object");
  }
  return absl::OkStatus();
}

std::vector<std::string> JsonlLineParser::StringFieldNames(const char* data,
                                                          size_t size,
                                                          size_t capacity) {
  std::vector<std::string> names;
  ondemand::document doc;
  ondemand::object object;
  if (impl_->parser.iterate(data, size, capacity).get(doc) ||
      doc.get_object().get(object)) {
    return names;
  }
  for (auto field_result : object) {
    ondemand::field field;
    std::string_view key;
    ondemand::json_type type;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key) ||
        field.value().type().get(type)) {
      break;
    }
    if (type == ondemand::json_type::string) names.emplace_back(key);
  }
  return names;
}

}  // namespace internal
}  // namespace reprint
