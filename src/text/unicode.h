// src/text/unicode.h
//
// UTF-8 decoding with replacement and the character classes the tokeniser
// needs.

#ifndef REPRINT_SRC_TEXT_UNICODE_H_
#define REPRINT_SRC_TEXT_UNICODE_H_

#include <cstddef>
#include <cstdint>

namespace reprint {
namespace internal {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point at p[0..n) (n >= 1). Sets *len to the bytes used
// (1 for an invalid sequence, which decodes to U+FFFD). Rejects overlong
// forms, surrogates and values above U+10FFFF.
char32_t DecodeUtf8(const unsigned char* p, size_t n, size_t* len);

enum class CharClass : uint8_t {
  kSeparator,  // punctuation, symbols, spaces, controls, U+FFFD
  kWord,       // letters, digits, combining marks of spaced scripts
  kApostrophe, // ' U+2019 U+02BC: inside a word, dropped; else a separator
  kSolo,       // a character of a script written without spaces: one token
};

CharClass Classify(char32_t c);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_TEXT_UNICODE_H_
