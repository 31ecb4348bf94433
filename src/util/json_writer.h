// src/util/json_writer.h
//
// A minimal JSON Lines emitter. Strings are escaped per RFC 8259; a byte
// that is not valid UTF-8 is written as the Windows-1252 character the
// tokeniser reads it as (U+FFFD for the five the code page leaves
// undefined), reported through JsonObject::lossy() so the caller can warn.

#ifndef REPRINT_SRC_UTIL_JSON_WRITER_H_
#define REPRINT_SRC_UTIL_JSON_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>

#include "absl/strings/string_view.h"

namespace reprint {
namespace internal {

// Appends `s` as a quoted JSON string to `*out`. Returns false if bytes
// that are not UTF-8 had to be rewritten.
bool AppendJsonString(std::string* out, absl::string_view s);

// Appends an integer in decimal.
void AppendJsonInt(std::string* out, int64_t v);

// Appends a JSON array of integers ("[3,17]").
void AppendJsonUintArray(std::string* out, std::initializer_list<uint32_t> v);

// Appends a double with up to 4 decimals, no exponent ("0.8125", "1").
void AppendJsonNumber(std::string* out, double v);

// Writes JSON text into memory the caller has sized, with no bounds checks:
// for records whose length has a known bound (a report's passages), where
// appending each piece to a std::string (a capacity check and a call
// apiece) was most of the time of formatting them.
class JsonCursor {
 public:
  // Most bytes Uint() and Number() write.
  static constexpr size_t kMaxUint = 20;
  static constexpr size_t kMaxNumber = 40;

  explicit JsonCursor(char* at) : at_(at) {}
  // Text written as it is (keys, punctuation, literals).
  JsonCursor& Raw(absl::string_view s) {
    std::memcpy(at_, s.data(), s.size());
    at_ += s.size();
    return *this;
  }
  JsonCursor& Char(char c) {
    *at_++ = c;
    return *this;
  }
  JsonCursor& Uint(uint64_t v);
  // As AppendJsonNumber().
  JsonCursor& Number(double v);
  char* at() const { return at_; }

 private:
  char* at_;
};

// Appends to *out what write(JsonCursor&) writes, at most `room` bytes:
// the string grows once, and is cut back to what was written.
template <typename Fn>
void AppendThroughCursor(std::string* out, size_t room, Fn&& write) {
  const size_t start = out->size();
  out->resize(start + room);
  JsonCursor c(&(*out)[start]);
  write(c);
  out->resize(static_cast<size_t>(c.at() - out->data()));
}

// Builds one JSON object: Begin(), Key/value pairs, End().
class JsonObject {
 public:
  explicit JsonObject(std::string* out) : out_(out) { out_->push_back('{'); }
  JsonObject& Str(absl::string_view key, absl::string_view value);
  JsonObject& Num(absl::string_view key, double value);
  JsonObject& Int(absl::string_view key, int64_t value);
  JsonObject& Bool(absl::string_view key, bool value);
  JsonObject& Null(absl::string_view key);
  // Appends raw, already-encoded JSON as the value of `key`.
  JsonObject& Raw(absl::string_view key, absl::string_view json);
  // Writes `"key":` and leaves the value to the caller, who appends it to
  // the output string directly (large arrays without a temporary).
  JsonObject& Field(absl::string_view key) {
    Key(key);
    return *this;
  }
  void End() { out_->push_back('}'); }
  bool lossy() const { return lossy_; }

 private:
  void Key(absl::string_view key);
  std::string* out_;
  bool first_ = true;
  bool lossy_ = false;
};

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_UTIL_JSON_WRITER_H_
