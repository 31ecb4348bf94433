// src/text/unicode.h
//
// UTF-8 decoding with replacement, HTML character references, and the
// character classes the tokeniser needs.

#ifndef REPRINT_SRC_TEXT_UNICODE_H_
#define REPRINT_SRC_TEXT_UNICODE_H_

#include <cstddef>
#include <cstdint>
#include <string>

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
  // Inside a word, dropped; else a separator: the apostrophes ' U+2019
  // U+02BC, and the invisible characters web text carries inside words
  // (soft hyphen U+00AD, zero-width space, non-joiner and joiner
  // U+200B-U+200D, word joiner U+2060, U+FEFF).
  kDroppedInWord,
  kSolo,       // a character of a script written without spaces: one token
};

CharClass Classify(char32_t c);

// An HTML character reference at p[0..n) (p[0] == '&'): "&#8217;",
// "&#x2019;" or a name such as "&eacute;", always with its ';'. Returns
// its length in bytes and sets *cp to the character it stands for, or
// returns 0 when p holds none. A name this table does not know stands for
// a space: the named references it leaves out are punctuation, symbols
// and spaces ("&amp;", "&nbsp;", "&hellip;"), which separate words, where
// their letters must not make one. A number that is no character (0,
// a surrogate, above U+10FFFF) stands for U+FFFD. Text escaped twice
// ("&amp;#8217;") is read as the reference after the "&amp;".
size_t DecodeHtmlReference(const unsigned char* p, size_t n, char32_t* cp);

// The character byte `b` (0x80 or above) stands for in Windows-1252, the
// superset of Latin-1 that text not in UTF-8 is most often in: a byte
// that is not valid UTF-8 is read as this character. U+FFFD for the five
// bytes the code page leaves undefined.
char32_t DecodeWindows1252(unsigned char b);

// Appends the UTF-8 form of `cp` (a valid code point) to *out.
void AppendUtf8(char32_t cp, std::string* out);

// The character at p[0..n) (n >= 1) as the tokeniser reads it: decoded
// UTF-8, or for a byte that is not valid UTF-8 its Windows-1252 character
// (*len is then 1).
char32_t DecodeAsRead(const unsigned char* p, size_t n, size_t* len);

// Appends the character at p[0..n) (n >= 1, p[0] >= 0x80) to *out as
// DecodeAsRead() reads it, in UTF-8 (its own bytes when they are valid
// UTF-8), and returns its length in p: 1 with p[0] >= 0x80 means p[0] was
// not valid UTF-8.
size_t AppendCharAsRead(const unsigned char* p, size_t n, std::string* out);

// Appends `text` to *out in UTF-8 for showing: each byte that is not valid
// UTF-8 as its Windows-1252 character (as the tokeniser reads it), so that
// a Latin-1 document's letters reach a terminal as letters.
void AppendReadableUtf8(const std::string& text, std::string* out);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_TEXT_UNICODE_H_
