#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "reprint/text.h"
#include "src/text/markup.h"
#include "src/text/tokenizer_internal.h"
#include "src/text/unicode.h"
#include "src/util/hash.h"

namespace reprint {
namespace {

using internal::CharClass;
using internal::Classify;

// ASCII byte classes: 0 separator, 1 word, 2 apostrophe, 3 non-ASCII,
// 4 '&' (which may start an HTML character reference).
struct AsciiTables {
  uint8_t cls[256];
  char lower[128];
  constexpr AsciiTables() : cls(), lower() {
    for (int c = 0; c < 256; ++c) {
      uint8_t k = 0;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9')) {
        k = 1;
      } else if (c == '\'') {
        k = 2;
      } else if (c == '&') {
        k = 4;
      } else if (c >= 0x80) {
        k = 3;
      }
      cls[c] = k;
    }
    for (int c = 0; c < 128; ++c) {
      lower[c] = static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
  }
};
constexpr AsciiTables kTables;

// Latin, Greek and Cyrillic letters lose their diacritics: "São" is
// "sao", "Zürich" "zurich", "ά" "α", "ё" "е", as feeds and outlets that
// write without accents spell them. A precomposed letter becomes the base
// of its canonical decomposition; the few with none (ø, ł, đ, ħ, ı) their
// plain letter; a combining diacritical mark (U+0300-U+036F, the marks of
// those scripts) becomes U+034F, which UTF8PROC_IGNORE then drops, so that
// decomposed text folds as precomposed text does. Marks of other scripts
// (Devanagari vowel signs, Thai tone marks) stay: there they tell words
// apart.
utf8proc_int32_t FoldDiacritic(utf8proc_int32_t c, void*) {
  if (c < 0xC0) return c;
  if (c >= 0x300 && c <= 0x36F) return 0x34F;  // COMBINING GRAPHEME JOINER
  const bool latin = c <= 0x24F || (c >= 0x1E00 && c <= 0x1EFF);
  const bool greek = (c >= 0x370 && c <= 0x3FF) || (c >= 0x1F00 && c <= 0x1FFF);
  const bool cyrillic = c >= 0x400 && c <= 0x4FF;
  if (!latin && !greek && !cyrillic) return c;
  switch (c) {
    case 0xD8: case 0xF8: return c - 0xD8 + 'O';  // Ø ø
    case 0x141: return 'L';
    case 0x142: return 'l';
    case 0x110: return 'D';
    case 0x111: return 'd';
    case 0x126: return 'H';
    case 0x127: return 'h';
    case 0x131: return 'i';
    default: break;
  }
  utf8proc_int32_t parts[8];
  int last_boundclass = 0;
  const utf8proc_ssize_t n = utf8proc_decompose_char(
      c, parts, 8, UTF8PROC_DECOMPOSE, &last_boundclass);
  return n > 1 ? parts[0] : c;
}

// NFKC + case folding of a (valid UTF-8) token buffer, diacritics of
// Latin, Greek and Cyrillic letters removed (FoldDiacritic()).
std::string FoldUnicode(const std::string& buf) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map_custom(
      reinterpret_cast<const utf8proc_uint8_t*>(buf.data()),
      static_cast<utf8proc_ssize_t>(buf.size()), &out,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                     UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                     UTF8PROC_IGNORE),
      FoldDiacritic, nullptr);
  std::string result;
  if (n >= 0) result.assign(reinterpret_cast<const char*>(out), n);
  else result = buf;
  std::free(out);
  return result;
}

// Classifies 64 bytes: bit b of *word is set when p[b] is an ASCII letter
// or digit, bit b of *special when p[b] is non-ASCII, an apostrophe or an
// '&' (the cases the scalar path must handle).
inline void Classify64(const unsigned char* p, uint64_t* word,
                       uint64_t* special) {
#if defined(__SSE2__)
  const __m128i bias = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i a = _mm_set1_epi8('a');
  const __m128i zero = _mm_set1_epi8('0');
  const __m128i lim26 = _mm_set1_epi8(static_cast<char>(26 ^ 0x80));
  const __m128i lim10 = _mm_set1_epi8(static_cast<char>(10 ^ 0x80));
  const __m128i quote = _mm_set1_epi8('\'');
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i to_lower = _mm_set1_epi8(0x20);
  uint64_t w = 0, sp = 0;
  for (int q = 0; q < 4; ++q) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * q));
    // Unsigned range checks through a signed compare of x ^ 0x80.
    __m128i lower = _mm_or_si128(v, to_lower);
    __m128i alpha = _mm_cmplt_epi8(
        _mm_xor_si128(_mm_sub_epi8(lower, a), bias), lim26);
    __m128i digit = _mm_cmplt_epi8(
        _mm_xor_si128(_mm_sub_epi8(v, zero), bias), lim10);
    // Non-ASCII bytes are negative as int8; keep them out of `alpha`.
    __m128i ascii = _mm_cmpgt_epi8(v, _mm_set1_epi8(-1));
    __m128i wordv = _mm_and_si128(_mm_or_si128(alpha, digit), ascii);
    __m128i spv = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, amp)),
        _mm_andnot_si128(ascii, _mm_set1_epi8(-1)));
    w |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(wordv)))
         << (16 * q);
    sp |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(spv)))
          << (16 * q);
  }
  *word = w;
  *special = sp;
#else
  uint64_t w = 0, sp = 0;
  for (int b = 0; b < 64; ++b) {
    uint8_t k = kTables.cls[p[b]];
    w |= static_cast<uint64_t>(k == 1) << b;
    sp |= static_cast<uint64_t>(k >= 2) << b;
  }
  *word = w;
  *special = sp;
#endif
}

// The class of the HTML character reference at p[i] (p[i] == '&'), its
// length in *len and the character in *cp; a separator of length 1 when
// there is none. "don&#8217;t" is "don't" (with U+2019) and "caf&eacute;"
// is "cafe" with an acute e to the tokeniser, while "&amp;" and "&nbsp;"
// separate words where their letters would have made one (text taken from
// web pages and feeds often keeps them).
CharClass ClassifyReference(const unsigned char* p, size_t n, size_t i,
                            size_t* len, char32_t* cp) {
  *len = internal::DecodeHtmlReference(p + i, n - i, cp);
  if (*len == 0) {
    *len = 1;
    return CharClass::kSeparator;
  }
  return Classify(*cp);
}

// The class of the character at p[i], a non-ASCII one or a reference (at
// an '&'), its length in *len and the character in *cp. A byte that is
// not valid UTF-8 is read as Windows-1252: a text in Latin-1 ("caf\xE9")
// then has the words of its UTF-8 copy, where U+FFFD would have cut them.
CharClass ClassifyAt(const unsigned char* p, size_t n, size_t i, size_t* len,
                     char32_t* cp) {
  if (p[i] == '&') return ClassifyReference(p, n, i, len, cp);
  *cp = internal::DecodeAsRead(p + i, n - i, len);
  return Classify(*cp);
}

// Is the character at p[i] one that continues a word (after an apostrophe)?
bool WordFollows(const unsigned char* p, size_t n, size_t i) {
  if (i >= n) return false;
  if (p[i] < 0x80 && p[i] != '&') return kTables.cls[p[i]] == 1;
  size_t len;
  char32_t cp;
  return ClassifyAt(p, n, i, &len, &cp) == CharClass::kWord;
}

// Scans tokens; calls emit(begin, end, normalized_bytes, ascii_only) or, for
// words of ASCII letters and digits only, emit_ascii(begin, end, unused).
// Only the tokens that start in [from, stop) are scanned, where `from` is
// not inside a word and text[stop] (when stop < text.size()) is an ASCII
// separator: they are the tokens the whole text has there, as characters
// past `stop` are read only as they are when the whole text is scanned.
template <typename Emit, typename EmitAscii>
void Scan(absl::string_view text, Emit&& emit, EmitAscii&& emit_ascii,
          bool fast_path = true, size_t from = 0,
          size_t stop = std::numeric_limits<size_t>::max()) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  if (n > std::numeric_limits<uint32_t>::max()) {
    n = std::numeric_limits<uint32_t>::max();
  }
  const size_t limit = std::min(stop, n);
  std::string buf;
  size_t i = from;
  // Bytes before `scalar_until` go through the scalar path: a recent 64-byte
  // window held non-ASCII bytes or apostrophes there.
  size_t scalar_until = 0;
  while (i < limit) {
    // Fast path: a 64-byte window of plain ASCII is split into words with
    // bit masks, without a branch per byte. The loop keeps i at a word
    // start or a separator, never inside a word.
    if (fast_path && i >= scalar_until && i + 64 <= n) {
      uint64_t word, special;
      Classify64(p + i, &word, &special);
      if (special == 0) {
        uint64_t m = word;
        // Words from `limit` on are not this scan's (text[limit] is a
        // separator, so none runs across it).
        if (limit - i < 64) m &= (uint64_t{1} << (limit - i)) - 1;
        size_t consumed = 64;
        while (m != 0) {
          int start = __builtin_ctzll(m);
          uint64_t rest = ~m & (~uint64_t{0} << start);
          if (rest == 0) {  // the word runs past the window
            consumed = static_cast<size_t>(start);
            break;
          }
          int end = __builtin_ctzll(rest);
          emit_ascii(i + start, i + end, false);
          m &= end >= 64 ? 0 : (~uint64_t{0} << end);
        }
        if (consumed > 0) {
          i += consumed;
          continue;
        }
        // A word of 64 or more letters: the scalar path below takes it.
      } else {
        scalar_until = i + 64 - __builtin_clzll(special);
      }
    }
    unsigned char c = p[i];
    uint8_t k = kTables.cls[c];
    if (k == 0 || k == 2) {
      ++i;
      while (i < n && kTables.cls[p[i]] == 0) ++i;
      continue;
    }
    if (k == 3 || k == 4) {
      size_t len;
      char32_t cp;
      const CharClass cc = ClassifyAt(p, n, i, &len, &cp);
      if (cc == CharClass::kSolo) {
        buf.clear();
        internal::AppendUtf8(cp, &buf);
        emit(i, i + len, buf, false);
        i += len;
        continue;
      }
      if (cc != CharClass::kWord) {
        i += len;
        continue;
      }
      // A word starts here: the loop below reads it.
    }
    // A token starts at i. Fast path: a run of ASCII letters and digits
    // ended by an ASCII separator (or the end) needs no decoding; it is
    // hashed in place when it has no capitals.
    if (k == 1) {
      size_t j = i;
      while (j < n && kTables.cls[p[j]] == 1) ++j;
      if (j == n || kTables.cls[p[j]] == 0 ||
          (kTables.cls[p[j]] == 2 && !WordFollows(p, n, j + 1))) {
        emit_ascii(i, j, false);
        i = j;
        continue;
      }
    }
    size_t start = i, end = i;
    bool ascii = true;
    buf.clear();
    while (i < n) {
      c = p[i];
      k = kTables.cls[c];
      if (k == 1) {
        buf.push_back(kTables.lower[c]);
        end = ++i;
        continue;
      }
      if (k == 2) {
        if (WordFollows(p, n, i + 1)) {
          ++i;
          continue;
        }
        break;
      }
      if (k == 0) break;
      size_t len;
      char32_t cp;
      const CharClass cc = ClassifyAt(p, n, i, &len, &cp);
      if (cc == CharClass::kWord) {
        if (cp < 0x80) {
          buf.push_back(kTables.lower[cp]);  // "&#65;" is "a"
        } else {
          internal::AppendUtf8(cp, &buf);
          ascii = false;
        }
        i += len;
        end = i;
        continue;
      }
      if (cc == CharClass::kDroppedInWord && WordFollows(p, n, i + len)) {
        i += len;
        continue;
      }
      break;
    }
    emit(start, end, buf, ascii);
  }
}

// The hash of a normalised token. Words of up to 16 bytes (nearly all) take
// two 64-bit words and one multiply-xorshift round each; longer ones XXH3.
inline uint64_t TokenHash(uint64_t w0, uint64_t w1, size_t len) {
  uint64_t h = (w0 ^ 0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
  h ^= (w1 + len) * 0x94D049BB133111EBULL;
  return internal::Mix64(h);
}

uint64_t HashBytes(const char* p, size_t len) {
  if (len > 16) return internal::Hash64(p, len);
  uint64_t w[2] = {0, 0};
  std::memcpy(w, p, len);
  return TokenHash(w[0], w[1], len);
}

// Hash of the lower-cased ASCII word p[0, len) that consists only of
// letters and digits: OR-ing 0x20 lower-cases letters and leaves digits
// unchanged. `tail_ok` says 16 bytes may be read from p.
inline uint64_t HashAsciiWord(const char* p, size_t len, bool tail_ok) {
  if (len > 16 || !tail_ok) {
    char buf[64];
    if (len > sizeof(buf)) {
      std::vector<char> big(len);
      for (size_t i = 0; i < len; ++i) big[i] = static_cast<char>(p[i] | 0x20);
      return HashBytes(big.data(), len);
    }
    for (size_t i = 0; i < len; ++i) buf[i] = p[i] | 0x20;
    return HashBytes(buf, len);
  }
  uint64_t w[2];
  std::memcpy(w, p, 16);
  // Keep `len` bytes (little-endian: the low ones) and lower-case them. The
  // masks come from a table: word lengths on either side of 8 alternate at
  // random, and branches on them mispredict.
  static constexpr uint64_t kLowBytes[9] = {
      0,
      0xFFULL,
      0xFFFFULL,
      0xFFFFFFULL,
      0xFFFFFFFFULL,
      0xFFFFFFFFFFULL,
      0xFFFFFFFFFFFFULL,
      0xFFFFFFFFFFFFFFULL,
      ~0ULL};
  const size_t low = len < 8 ? len : 8;
  const uint64_t m0 = kLowBytes[low];
  const uint64_t m1 = kLowBytes[len - low];
  return TokenHash((w[0] | 0x2020202020202020ULL) & m0,
                   (w[1] | 0x2020202020202020ULL) & m1, len);
}

// Scan() over the words of `text` outside its markup (MarkupSpans()): the
// stretches between a mail's header fields, tags, comments, scripts and
// styles are scanned one by one. A span starts at a separator, so each
// stretch holds the words the whole text holds there.
template <typename Emit, typename EmitAscii>
void ScanText(absl::string_view text, Emit&& emit, EmitAscii&& emit_ascii,
              bool fast_path = true) {
  const std::vector<ByteRange> markup = internal::MarkupSpans(text);
  size_t from = 0;
  for (const ByteRange& span : markup) {
    Scan(text, emit, emit_ascii, fast_path, from, span.begin);
    from = span.end;
  }
  Scan(text, emit, emit_ascii, fast_path, from);
}

}  // namespace

uint64_t HashNormalizedToken(absl::string_view normalized) {
  return HashBytes(normalized.data(), normalized.size());
}

namespace internal {

// Constructs the token in place, field by field: push_back(Token{...})
// built it on the stack and copied it with one 16-byte load of two 8-byte
// stores, which the CPU cannot forward from the store buffer.
inline void AppendToken(std::vector<Token>* out, size_t begin, size_t end,
                        uint64_t hash) {
  Token& t = out->emplace_back();
  t.begin = static_cast<uint32_t>(begin);
  t.end = static_cast<uint32_t>(end);
  t.hash = hash;
}

// The hash of a token with non-ASCII characters (`buf`, as Scan() read
// it), folded by FoldUnicode(). Folding runs utf8proc and allocates; the
// words of a language other than English repeat as English ones do, so a
// small per-thread cache, direct-mapped by the hash of the bytes read,
// keeps the hashes of recent short ones.
uint64_t FoldedTokenHash(const std::string& buf) {
  struct Entry {
    uint8_t len = 0;  // 0: empty
    char bytes[31];
    uint64_t hash;
  };
  constexpr size_t kEntries = 1024;
  thread_local std::vector<Entry> cache(kEntries);
  const bool cacheable = !buf.empty() && buf.size() <= sizeof(Entry::bytes);
  Entry* e = nullptr;
  if (cacheable) {
    e = &cache[HashBytes(buf.data(), buf.size()) & (kEntries - 1)];
    if (e->len == buf.size() &&
        std::memcmp(e->bytes, buf.data(), buf.size()) == 0) {
      return e->hash;
    }
  }
  const std::string folded = FoldUnicode(buf);
  const uint64_t h = HashBytes(folded.data(), folded.size());
  if (cacheable) {
    e->len = static_cast<uint8_t>(buf.size());
    std::memcpy(e->bytes, buf.data(), buf.size());
    e->hash = h;
  }
  return h;
}

void TokenizeImpl(absl::string_view text, std::vector<Token>* out,
                  bool fast_path) {
  out->clear();
  out->reserve(text.size() / 5 + 4);
  const char* data = text.data();
  ScanText(
      text,
      [out](size_t b, size_t e, const std::string& buf, bool ascii) {
        AppendToken(
            out, b, e,
            ascii ? HashBytes(buf.data(), buf.size()) : FoldedTokenHash(buf));
      },
      [out, data, size = text.size()](size_t b, size_t e, bool) {
        AppendToken(out, b, e, HashAsciiWord(data + b, e - b, b + 16 <= size));
      },
      fast_path);
}

void TokenBoundsOutside(absl::string_view text, ByteRange range,
                        const std::vector<ByteRange>& markup,
                        std::vector<Token>* out) {
  out->clear();
  MarkupCursor cursor(markup);
  const size_t base = range.begin;
  auto keep = [&](size_t b, size_t e) {
    if (!cursor.Inside(base + b)) AppendToken(out, base + b, base + e, 0);
  };
  Scan(
      text.substr(range.begin, range.size()),
      [&](size_t b, size_t e, const std::string&, bool) { keep(b, e); },
      [&](size_t b, size_t e, bool) { keep(b, e); });
}

}  // namespace internal

void Tokenize(absl::string_view text, std::vector<Token>* out) {
  internal::TokenizeImpl(text, out, /*fast_path=*/true);
}

void TokenBounds(absl::string_view text, std::vector<Token>* out) {
  out->clear();
  out->reserve(text.size() / 5 + 4);
  ScanText(
      text,
      [out](size_t b, size_t e, const std::string&, bool) {
        internal::AppendToken(out, b, e, 0);
      },
      [out](size_t b, size_t e, bool) { internal::AppendToken(out, b, e, 0); });
}

namespace {

// The normalised forms of the words of `text`, joined by single spaces;
// with `skip_markup`, of those outside its markup.
std::string NormalizeWords(absl::string_view text, bool skip_markup) {
  std::string result;
  auto emit = [&result](size_t, size_t, const std::string& buf, bool ascii) {
    if (!result.empty()) result.push_back(' ');
    result += ascii ? buf : FoldUnicode(buf);
  };
  auto emit_ascii = [&result, text](size_t b, size_t e, bool) {
    if (!result.empty()) result.push_back(' ');
    for (size_t t = b; t < e; ++t) {
      result.push_back(kTables.lower[static_cast<unsigned char>(text[t])]);
    }
  };
  if (skip_markup) {
    ScanText(text, emit, emit_ascii);
  } else {
    Scan(text, emit, emit_ascii);
  }
  return result;
}

}  // namespace

std::string NormalizeToken(absl::string_view token_text) {
  return NormalizeWords(token_text, /*skip_markup=*/false);
}

std::string NormalizeText(absl::string_view text) {
  return NormalizeWords(text, /*skip_markup=*/true);
}

}  // namespace reprint
