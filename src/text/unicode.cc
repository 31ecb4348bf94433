#include "src/text/unicode.h"

#include <utf8proc.h>

#include <cstring>

#include "absl/strings/string_view.h"

namespace reprint {
namespace internal {

char32_t DecodeUtf8(const unsigned char* p, size_t n, size_t* len) {
  unsigned char c = p[0];
  *len = 1;
  if (c < 0x80) return c;
  int need;
  char32_t cp;
  char32_t min;
  if ((c & 0xE0) == 0xC0) {
    need = 1, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    need = 2, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    need = 3, cp = c & 0x07, min = 0x10000;
  } else {
    return kReplacementChar;
  }
  if (n < static_cast<size_t>(need) + 1) return kReplacementChar;
  for (int i = 1; i <= need; ++i) {
    if ((p[i] & 0xC0) != 0x80) return kReplacementChar;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return kReplacementChar;
  }
  *len = need + 1;
  return cp;
}

namespace {

bool IsSolo(char32_t c) {
  return (c >= 0x0E00 && c <= 0x0EFF) ||    // Thai, Lao
         (c >= 0x1000 && c <= 0x109F) ||    // Myanmar
         (c >= 0x1780 && c <= 0x17FF) ||    // Khmer
         (c >= 0x3040 && c <= 0x30FF) ||    // Hiragana, Katakana
         (c >= 0x31F0 && c <= 0x31FF) ||    // Katakana extensions
         (c >= 0x3400 && c <= 0x4DBF) ||    // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||    // CJK unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||    // CJK compatibility ideographs
         (c >= 0xFF66 && c <= 0xFF9F) ||    // halfwidth Katakana
         (c >= 0x20000 && c <= 0x3FFFF);    // CJK extensions B and later
}

}  // namespace

CharClass Classify(char32_t c) {
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9')) {
      return CharClass::kWord;
    }
    return c == '\'' ? CharClass::kDroppedInWord : CharClass::kSeparator;
  }
  if (c == 0x2019 || c == 0x02BC || c == 0x00AD ||
      (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF) {
    return CharClass::kDroppedInWord;
  }
  if (c == kReplacementChar) return CharClass::kSeparator;
  if (IsSolo(c)) {
    // Marks and digits inside these blocks still attach to nothing: each
    // character is its own token, except separators.
    utf8proc_category_t cat = utf8proc_category(static_cast<int32_t>(c));
    if (cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_PO ||
        cat == UTF8PROC_CATEGORY_PS || cat == UTF8PROC_CATEGORY_PE ||
        cat == UTF8PROC_CATEGORY_CN) {
      return CharClass::kSeparator;
    }
    return CharClass::kSolo;
  }
  switch (utf8proc_category(static_cast<int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return CharClass::kWord;
    default:
      return CharClass::kSeparator;
  }
}

namespace {

// Named references to letters and to what is dropped inside words (the
// apostrophe, the soft hyphen, the zero-width joiners): the Latin-1
// letters, the other Latin letters HTML 4 names, and Greek. Names not here
// stand for a space (see DecodeHtmlReference).
struct NamedReference {
  absl::string_view name;
  char32_t cp;
};
constexpr NamedReference kNamedCharacters[] = {
    {"apos", '\''},     {"rsquo", 0x2019}, {"shy", 0xAD},
    {"zwnj", 0x200C},   {"zwj", 0x200D},   {"ordf", 0xAA},
    {"micro", 0xB5},    {"ordm", 0xBA},    {"sup1", 0xB9},
    {"sup2", 0xB2},     {"sup3", 0xB3},    {"Agrave", 0xC0},
    {"Aacute", 0xC1},   {"Acirc", 0xC2},   {"Atilde", 0xC3},
    {"Auml", 0xC4},     {"Aring", 0xC5},   {"AElig", 0xC6},
    {"Ccedil", 0xC7},   {"Egrave", 0xC8},  {"Eacute", 0xC9},
    {"Ecirc", 0xCA},    {"Euml", 0xCB},    {"Igrave", 0xCC},
    {"Iacute", 0xCD},   {"Icirc", 0xCE},   {"Iuml", 0xCF},
    {"ETH", 0xD0},      {"Ntilde", 0xD1},  {"Ograve", 0xD2},
    {"Oacute", 0xD3},   {"Ocirc", 0xD4},   {"Otilde", 0xD5},
    {"Ouml", 0xD6},     {"Oslash", 0xD8},  {"Ugrave", 0xD9},
    {"Uacute", 0xDA},   {"Ucirc", 0xDB},   {"Uuml", 0xDC},
    {"Yacute", 0xDD},   {"THORN", 0xDE},   {"szlig", 0xDF},
    {"agrave", 0xE0},   {"aacute", 0xE1},  {"acirc", 0xE2},
    {"atilde", 0xE3},   {"auml", 0xE4},    {"aring", 0xE5},
    {"aelig", 0xE6},    {"ccedil", 0xE7},  {"egrave", 0xE8},
    {"eacute", 0xE9},   {"ecirc", 0xEA},   {"euml", 0xEB},
    {"igrave", 0xEC},   {"iacute", 0xED},  {"icirc", 0xEE},
    {"iuml", 0xEF},     {"eth", 0xF0},     {"ntilde", 0xF1},
    {"ograve", 0xF2},   {"oacute", 0xF3},  {"ocirc", 0xF4},
    {"otilde", 0xF5},   {"ouml", 0xF6},    {"oslash", 0xF8},
    {"ugrave", 0xF9},   {"uacute", 0xFA},  {"ucirc", 0xFB},
    {"uuml", 0xFC},     {"yacute", 0xFD},  {"thorn", 0xFE},
    {"yuml", 0xFF},     {"OElig", 0x152},  {"oelig", 0x153},
    {"Scaron", 0x160},  {"scaron", 0x161}, {"Yuml", 0x178},
    {"fnof", 0x192},    {"Alpha", 0x391},  {"Beta", 0x392},
    {"Gamma", 0x393},   {"Delta", 0x394},  {"Epsilon", 0x395},
    {"Zeta", 0x396},    {"Eta", 0x397},    {"Theta", 0x398},
    {"Iota", 0x399},    {"Kappa", 0x39A},  {"Lambda", 0x39B},
    {"Mu", 0x39C},      {"Nu", 0x39D},     {"Xi", 0x39E},
    {"Omicron", 0x39F}, {"Pi", 0x3A0},     {"Rho", 0x3A1},
    {"Sigma", 0x3A3},   {"Tau", 0x3A4},    {"Upsilon", 0x3A5},
    {"Phi", 0x3A6},     {"Chi", 0x3A7},    {"Psi", 0x3A8},
    {"Omega", 0x3A9},   {"alpha", 0x3B1},  {"beta", 0x3B2},
    {"gamma", 0x3B3},   {"delta", 0x3B4},  {"epsilon", 0x3B5},
    {"zeta", 0x3B6},    {"eta", 0x3B7},    {"theta", 0x3B8},
    {"iota", 0x3B9},    {"kappa", 0x3BA},  {"lambda", 0x3BB},
    {"mu", 0x3BC},      {"nu", 0x3BD},     {"xi", 0x3BE},
    {"omicron", 0x3BF}, {"pi", 0x3C0},     {"rho", 0x3C1},
    {"sigmaf", 0x3C2},  {"sigma", 0x3C3},  {"tau", 0x3C4},
    {"upsilon", 0x3C5}, {"phi", 0x3C6},    {"chi", 0x3C7},
    {"psi", 0x3C8},     {"omega", 0x3C9},
};

bool IsAsciiAlpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int HexValue(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The body of a reference, the bytes after its '&' at q[0..m): "#8217;",
// "#x2019;" or "eacute;". Returns its length and sets *cp, or returns 0.
size_t ParseReferenceBody(const unsigned char* q, size_t m, char32_t* cp) {
  // The longest name HTML defines has 31 letters and digits; numbers are
  // kept to 7 digits (decimal) or 6 (hex): enough for U+10FFFF.
  constexpr size_t kMaxName = 31;
  if (m < 2) return 0;
  size_t i = 0;
  if (q[0] == '#') {
    const bool hex = q[1] == 'x' || q[1] == 'X';
    i = hex ? 2 : 1;
    const size_t first = i;
    uint32_t value = 0;
    for (; i < m && i - first < (hex ? 6u : 7u); ++i) {
      const int d =
          hex ? HexValue(q[i]) : (q[i] >= '0' && q[i] <= '9' ? q[i] - '0' : -1);
      if (d < 0) break;
      value = value * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    }
    if (i == first || i >= m || q[i] != ';') return 0;
    *cp = value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)
              ? kReplacementChar
              : static_cast<char32_t>(value);
    return i + 1;
  }
  if (!IsAsciiAlpha(q[0])) return 0;
  while (i < m && i < kMaxName &&
         (IsAsciiAlpha(q[i]) || (q[i] >= '0' && q[i] <= '9'))) {
    ++i;
  }
  if (i >= m || q[i] != ';') return 0;
  *cp = ' ';
  // Lengths first: the names most often met ("nbsp", "amp", "lt") are not
  // in the table, and most entries differ from them in length.
  for (const NamedReference& r : kNamedCharacters) {
    if (r.name.size() == i && std::memcmp(r.name.data(), q, i) == 0) {
      *cp = r.cp;
      break;
    }
  }
  return i + 1;
}

}  // namespace

size_t DecodeHtmlReference(const unsigned char* p, size_t n, char32_t* cp) {
  if (n == 0 || p[0] != '&') return 0;
  size_t at = 1;  // the body being read
  size_t body = ParseReferenceBody(p + at, n - at, cp);
  if (body == 0) return 0;
  // Text escaped twice (a feed's HTML escaped again) holds "&amp;#8217;"
  // or "&amp;eacute;": the reference the "&amp;" stands before is meant.
  while (body == 4 && std::memcmp(p + at, "amp;", 4) == 0) {
    char32_t inner;
    const size_t next = ParseReferenceBody(p + at + 4, n - at - 4, &inner);
    if (next == 0) break;
    at += 4;
    body = next;
    *cp = inner;
  }
  return at + body;
}

char32_t DecodeWindows1252(unsigned char b) {
  // 0x80-0x9F; the rest of the high half is Latin-1, the same code points.
  static constexpr char16_t kHigh[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
      0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  if (b < 0x80) return b;
  return b < 0xA0 ? kHigh[b - 0x80] : b;
}

void AppendUtf8(char32_t cp, std::string* out) {
  utf8proc_uint8_t bytes[4];
  const utf8proc_ssize_t len =
      utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes);
  out->append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(len));
}

char32_t DecodeAsRead(const unsigned char* p, size_t n, size_t* len) {
  const char32_t cp = DecodeUtf8(p, n, len);
  return cp == kReplacementChar && *len == 1 ? DecodeWindows1252(p[0]) : cp;
}

size_t AppendCharAsRead(const unsigned char* p, size_t n, std::string* out) {
  size_t len;
  const char32_t cp = DecodeAsRead(p, n, &len);
  if (len == 1) {
    AppendUtf8(cp, out);
  } else {
    out->append(reinterpret_cast<const char*>(p), len);
  }
  return len;
}

void AppendReadableUtf8(const std::string& text, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && p[j] < 0x80) ++j;
    out->append(text, i, j - i);
    if (j == n) break;
    i = j + AppendCharAsRead(p + j, n - j, out);
  }
}

}  // namespace internal
}  // namespace reprint
