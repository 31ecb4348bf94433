// src/ingest/glob.cc

#include "src/ingest/glob.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace reprint {
namespace internal {

absl::StatusOr<Glob> Glob::Compile(absl::string_view pattern) {
  if (pattern.empty()) return absl::InvalidArgumentError("empty glob");
  Glob glob;
  glob.pattern_ = std::string(pattern);
  const size_t n = pattern.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(pattern[i]);
    Token token;
    if (c == '*') {
      size_t stars = 0;
      while (i < n && pattern[i] == '*') {
        ++stars;
        ++i;
      }
      if (stars == 1) {
        token.kind = Token::kStar;
      } else if (i < n && pattern[i] == '/') {
        token.kind = Token::kDoubleStarSlash;
        ++i;
      } else {
        token.kind = Token::kDoubleStar;
      }
      glob.tokens_.push_back(token);
      continue;
    }
    if (c == '?') {
      token.kind = Token::kAnyByte;
      ++i;
    } else if (c == '\\' && i + 1 < n) {
      token.kind = Token::kLiteral;
      token.c = static_cast<unsigned char>(pattern[i + 1]);
      i += 2;
    } else if (c == '[') {
      size_t j = i + 1;
      token.kind = Token::kClass;
      if (j < n && (pattern[j] == '!' || pattern[j] == '^')) {
        token.negated = true;
        ++j;
      }
      token.set_offset = static_cast<uint32_t>(glob.sets_.size());
      glob.sets_.resize(glob.sets_.size() + 256, false);
      bool first = true;
      bool closed = false;
      while (j < n) {
        unsigned char lo = static_cast<unsigned char>(pattern[j]);
        if (lo == ']' && !first) {
          closed = true;
          ++j;
          break;
        }
        first = false;
        if (lo == '\\' && j + 1 < n) {
          ++j;
          lo = static_cast<unsigned char>(pattern[j]);
        }
        unsigned char hi = lo;
        if (j + 2 < n && pattern[j + 1] == '-' && pattern[j + 2] != ']') {
          j += 2;
          if (pattern[j] == '\\' && j + 1 < n) ++j;
          hi = static_cast<unsigned char>(pattern[j]);
        }
        for (unsigned v = lo; v <= hi; ++v) {
          glob.sets_[token.set_offset + v] = true;
        }
        ++j;
      }
      if (!closed) {
        return absl::InvalidArgumentError(absl::StrCat(
            "bad glob \"", pattern, "\": unterminated character class"));
      }
      i = j;
    } else {
      token.kind = Token::kLiteral;
      token.c = c;
      ++i;
    }
    glob.tokens_.push_back(token);
  }
  return glob;
}

bool Glob::Matches(absl::string_view path) const {
  // next[j]: tokens (k+1).. match path[j..]; cur[j]: tokens k.. match
  // path[j..]. Filled from the last token backwards.
  const size_t len = path.size();
  std::vector<char> next(len + 1, 0);
  std::vector<char> cur(len + 1, 0);
  next[len] = 1;
  for (size_t k = tokens_.size(); k-- > 0;) {
    const Token& t = tokens_[k];
    switch (t.kind) {
      case Token::kLiteral:
        cur[len] = 0;
        for (size_t j = 0; j < len; ++j) {
          cur[j] = static_cast<unsigned char>(path[j]) == t.c && next[j + 1];
        }
        break;
      case Token::kAnyByte:
        cur[len] = 0;
        for (size_t j = 0; j < len; ++j) {
          cur[j] = path[j] != '/' && next[j + 1];
        }
        break;
      case Token::kClass:
        cur[len] = 0;
        for (size_t j = 0; j < len; ++j) {
          const unsigned char b = static_cast<unsigned char>(path[j]);
          const bool member = sets_[t.set_offset + b] != t.negated;
          cur[j] = b != '/' && member && next[j + 1];
        }
        break;
      case Token::kStar:
        cur[len] = next[len];
        for (size_t j = len; j-- > 0;) {
          cur[j] = next[j] || (path[j] != '/' && cur[j + 1]);
        }
        break;
      case Token::kDoubleStar:
        cur[len] = next[len];
        for (size_t j = len; j-- > 0;) {
          cur[j] = next[j] || cur[j + 1];
        }
        break;
      case Token::kDoubleStarSlash: {
        // Nothing, or any run of bytes that ends with '/'.
        bool later = false;  // some k >= j has path[k] == '/' && next[k+1]
        cur[len] = next[len];
        for (size_t j = len; j-- > 0;) {
          if (path[j] == '/' && next[j + 1]) later = true;
          cur[j] = next[j] || later;
        }
        break;
      }
    }
    std::swap(cur, next);
  }
  return next[0] != 0;
}

bool MatchesAny(const std::vector<Glob>& globs, absl::string_view path) {
  const size_t slash = path.rfind('/');
  const absl::string_view base =
      slash == absl::string_view::npos ? path : path.substr(slash + 1);
  for (const Glob& glob : globs) {
    if (glob.Matches(path)) return true;
    if (base.size() != path.size() && glob.Matches(base)) return true;
  }
  return false;
}

}  // namespace internal
}  // namespace reprint
