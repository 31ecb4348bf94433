// src/ingest/jsonl.h
//
// Parsing of one JSON Lines record. A line is parsed on its own with the
// simdjson On Demand API (structure and UTF-8 validation), and the string
// values that ingestion keeps are decoded from the raw tokens by our own
// decoder (DecodeJsonStringBody), which shares its escape handling with the
// permissive path. A line that simdjson
// rejects as invalid UTF-8 is parsed again by a small permissive parser
// (LaxParseJsonlLine) that keeps the invalid bytes as they are, so that a
// document with a few bad bytes is not lost. The same parser words the
// error for a line that is not an object (with a column).
//
// Only the configured fields (id, text, source, date, and url when named)
// are decoded; the others are skipped. The first occurrence of a repeated
// key wins.

#ifndef REPRINT_SRC_INGEST_JSONL_H_
#define REPRINT_SRC_INGEST_JSONL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace reprint {
namespace internal {

struct JsonlFieldNames {
  std::string id = "id";
  std::string text = "text";
  std::string source = "source";
  std::string date = "date";
  std::string url;  // empty: not decoded
};

// The most fields one key can name (when configured names coincide).
inline constexpr int kMaxJsonlFields = 5;

// One of the configured fields, as found in a record.
struct JsonlField {
  enum Kind : uint8_t {
    kAbsent,
    kString,   // value: the decoded string
    kInteger,  // value: the integer exactly as written, e.g. "-17"
    kNumber,   // value: a non-integer number exactly as written, e.g. "1.5"
    kNull,
    kOther,  // true, false, an object or an array
  };
  Kind kind = kAbsent;
  std::string value;
  bool invalid_utf8 = false;    // the decoded string is not valid UTF-8
  bool lone_surrogate = false;  // an unpaired \uD800-\uDFFF became U+FFFD

  void Clear() {
    kind = kAbsent;
    value.clear();
    invalid_utf8 = false;
    lone_surrogate = false;
  }
};

struct JsonlRecord {
  JsonlField id;
  JsonlField text;
  JsonlField source;
  JsonlField date;
  JsonlField url;
  bool lax = false;  // decoded by LaxParseJsonlLine (invalid UTF-8)

  void Clear() {
    id.Clear();
    text.Clear();
    source.Clear();
    date.Clear();
    url.Clear();
    lax = false;
  }
};

// Parses JSON Lines records. Holds a reusable simdjson parser (and its
// buffers, sized for the longest line seen). Not thread-safe: use one per
// thread.
class JsonlLineParser {
 public:
  JsonlLineParser();
  ~JsonlLineParser();
  JsonlLineParser(const JsonlLineParser&) = delete;
  JsonlLineParser& operator=(const JsonlLineParser&) = delete;

  // Parses the line data[0, size) (no newline) into `*record`. The buffer
  // must stay readable up to data + capacity, and capacity must be at least
  // size + SIMDJSON_PADDING (64); the bytes past `size` may hold anything.
  // Returns InvalidArgument with a message without location, such as
  // "invalid JSON (unclosed string)" or "not a JSON object".
  absl::Status Parse(const JsonlFieldNames& names, const char* data,
                     size_t size, size_t capacity, JsonlRecord* record);

  // The names of the top-level fields of the object on the line whose
  // values are strings, in order (for an error that tells which field
  // might hold the text); empty if the line is no valid JSON object.
  std::vector<std::string> StringFieldNames(const char* data, size_t size,
                                            size_t capacity);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The padding JsonlLineParser::Parse needs past the end of a line.
inline constexpr size_t kJsonlPadding = 64;

// Parses `line` permissively: strict JSON, except that string contents may
// hold bytes that are not valid UTF-8 (kept as they are). Returns
// InvalidArgument "invalid JSON (... at column N)" or "not a JSON object".
absl::Status LaxParseJsonlLine(const JsonlFieldNames& names,
                               absl::string_view line, JsonlRecord* record);

// Decodes the JSON string whose contents start at `p` (just after the
// opening quote) and end before `end`, appending the bytes to `*out`.
// Escapes are decoded, \uXXXX included, with surrogate pairs joined; an
// unpaired surrogate becomes U+FFFD and sets *lone_surrogate. Other bytes are
// copied as they are. With `check_controls`, raw bytes below 0x20 are
// errors. Returns the position just past the closing quote, or nullptr with
// `*error` set (a bad escape, a control byte, no closing quote).
const char* DecodeJsonString(const char* p, const char* end,
                             bool check_controls, std::string* out,
                             bool* lone_surrogate, const char** error);

// Decodes the contents [p, end) of a JSON string literal already checked
// for its quotes (no unescaped '"' inside), appending to `*out`, as
// DecodeJsonString() does. Returns false with `*error` on a bad escape.
bool DecodeJsonStringBody(const char* p, const char* end, std::string* out,
                          bool* lone_surrogate, const char** error);

// True for a JSON integer: -?(0|[1-9][0-9]*).
bool IsJsonInteger(absl::string_view token);
// True for any JSON number.
bool IsJsonNumber(absl::string_view token);
// True when `bytes` is valid UTF-8.
bool IsValidUtf8(absl::string_view bytes);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_INGEST_JSONL_H_
