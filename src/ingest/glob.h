// src/ingest/glob.h
//
// fnmatch-style globs for --include / --exclude, matched against '/'
// separated relative paths:
//
//   *      any run of bytes without '/'
//   **     any run of bytes, '/' included; "**/" also matches nothing, so
//          "**/*.txt" matches "a.txt" and "x/y/a.txt"
//   ?      one byte other than '/'
//   [..]   one byte (not '/') from a set: [abc], [a-z], [!a-z] or [^a-z];
//          a ']' right after '[' (or '[!') is a member
//   \c     the byte c itself
//
// Matching is byte-wise (a '?' or a range never spans a multi-byte UTF-8
// character) and costs O(pattern length * path length).

#ifndef REPRINT_SRC_INGEST_GLOB_H_
#define REPRINT_SRC_INGEST_GLOB_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace reprint {
namespace internal {

// A compiled glob. Copyable; Matches() is const and thread-safe.
class Glob {
 public:
  // Returns the compiled glob, or InvalidArgument for an empty pattern or an
  // unterminated character class.
  static absl::StatusOr<Glob> Compile(absl::string_view pattern);

  // True when the whole of `path` matches.
  bool Matches(absl::string_view path) const;

  const std::string& pattern() const { return pattern_; }

 private:
  struct Token {
    enum Kind : uint8_t {
      kLiteral,         // byte c
      kAnyByte,         // ?
      kClass,           // [..]: set_ holds 256 flags at set_offset
      kStar,            // *
      kDoubleStar,      // **
      kDoubleStarSlash  // **/
    };
    Kind kind;
    unsigned char c = 0;
    bool negated = false;
    uint32_t set_offset = 0;
  };

  Glob() = default;

  std::string pattern_;
  std::vector<Token> tokens_;
  std::vector<bool> sets_;  // 256 flags per character class
};

// True when `path` (relative to the walked directory) or its base name
// matches one of `globs`.
bool MatchesAny(const std::vector<Glob>& globs, absl::string_view path);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_INGEST_GLOB_H_
