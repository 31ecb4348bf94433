// include/reprint/text.h
//
// Normalisation and tokenisation. reprint never rewrites a document's text;
// it reads it as a sequence of Tokens, each with its byte range in the
// original bytes and a 64-bit hash of its normalised form. Two tokens are the
// same word when their hashes are equal.
//
// Normalisation (applied to each token before hashing):
//   * Unicode NFKC and full case folding (utf8proc); ASCII takes a table-driven
//     fast path with the same result. Latin, Greek and Cyrillic letters lose
//     their diacritics ("São" = "sao"); other scripts keep their marks.
//   * Apostrophes inside a word (' and U+2019) are dropped: "don't" and
//     "don’t" are the same token "dont".
//   * Everything that is not a letter, digit or combining mark separates
//     tokens, so curly quotes, dashes, ellipses, punctuation and any run of
//     whitespace all fold to "a boundary".
//   * Characters of scripts written without spaces (Han, Hiragana, Katakana,
//     Thai, Lao, Khmer, Myanmar, Hangul is not included: it uses spaces) are
//     one token each, so shingles over them are character n-grams.
//   * A byte that is not valid UTF-8 is read as its Windows-1252 character
//     (U+FFFD, a separator, for the five it lacks); byte ranges stay exact.
//   * In a text that reads as HTML (a few tags of common elements), tags,
//     comments, scripts and styles hold no tokens (src/text/markup.h).

#ifndef REPRINT_TEXT_H_
#define REPRINT_TEXT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace reprint {

struct Token {
  uint32_t begin = 0;  // byte offset in the original text
  uint32_t end = 0;    // one past the last byte
  uint64_t hash = 0;   // hash of the normalised token
};

// Appends the tokens of `text` to `*out` (which is cleared first).
// Texts longer than 4 GiB are truncated at 4 GiB. Never fails.
void Tokenize(absl::string_view text, std::vector<Token>* out);

// The tokens Tokenize() finds, byte ranges only (hash 0): for showing
// text, where normalising and hashing each word would be wasted.
void TokenBounds(absl::string_view text, std::vector<Token>* out);

// Returns the normalised form of `token_text` (one token's original bytes):
// what Tokenize() hashes. For tests and diagnostics; slow.
std::string NormalizeToken(absl::string_view token_text);

// Returns the normalised form of a whole text: its tokens' normalised forms
// joined by single spaces.
std::string NormalizeText(absl::string_view text);

// The hash Tokenize() gives a token whose normalised form is `normalized`.
uint64_t HashNormalizedToken(absl::string_view normalized);

}  // namespace reprint

#endif  // REPRINT_TEXT_H_
