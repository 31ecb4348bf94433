#include "src/text/unicode.h"

#include <utf8proc.h>

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
    return c == '\'' ? CharClass::kApostrophe : CharClass::kSeparator;
  }
  if (c == 0x2019 || c == 0x02BC) return CharClass::kApostrophe;
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

}  // namespace internal
}  // namespace reprint
