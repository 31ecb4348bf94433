#include "src/text/markup.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "src/text/mail_header.h"

namespace reprint {
namespace internal {
namespace {

// A tag longer than this (attributes included) is taken for text: a stray
// '<' in prose must not swallow the paragraphs after it.
constexpr size_t kMaxTagBytes = 4096;
// Element names are read up to this length; longer ones are no element.
constexpr size_t kMaxNameBytes = 32;

char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsNameChar(char c) {
  return IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Whether text[pos, ...) starts with `lower_word`, ignoring ASCII case.
bool StartsWithNoCase(absl::string_view text, size_t pos,
                      absl::string_view lower_word) {
  if (text.size() - pos < lower_word.size()) return false;
  for (size_t i = 0; i < lower_word.size(); ++i) {
    if (Lower(text[pos + i]) != lower_word[i]) return false;
  }
  return true;
}

// Elements common in pages and HTML mail, and rare as "<word>"
// placeholders in plain text (single letters such as <b>, <i> and <u> are
// left out: manuals write "<i>" for an index): their tags, comments and
// doctypes mark a text as HTML.
constexpr absl::string_view kCommon[] = {
    "!--",    "!doctype", "a",        "blockquote", "body", "br",     "center",
    "div",    "em",       "font",     "h1",         "h2",   "h3",     "h4",
    "h5",     "h6",       "head",     "hr",         "html", "iframe", "img",
    "li",     "meta",     "noscript", "ol",         "p",    "script", "span",
    "strong", "style",    "table",    "tbody",      "td",   "th",     "thead",
    "tr",     "ul"};
constexpr size_t kCommonCount = sizeof(kCommon) / sizeof(kCommon[0]);
static_assert(kCommonCount <= 64, "one bit each");

// A name of up to 8 bytes as one word (0 for longer ones, and for none).
constexpr uint64_t PackName(absl::string_view name) {
  uint64_t v = 0;
  if (name.size() > 8) return 0;
  for (size_t i = 0; i < name.size(); ++i) {
    v |= uint64_t{static_cast<unsigned char>(name[i])} << (8 * i);
  }
  return v;
}

// The common names in an open-addressing table (this runs for every
// '<' of every text): slot of a packed name, then linear probing.
struct NameTable {
  static constexpr size_t kSlots = 128;
  uint64_t names[kSlots] = {};
  uint8_t index[kSlots] = {};
  static constexpr size_t Slot(uint64_t v) {
    return static_cast<size_t>((v * 0x9E3779B97F4A7C15ull) >> 57);
  }
  constexpr NameTable() {
    for (size_t e = 0; e < kCommonCount; ++e) {
      const uint64_t v = PackName(kCommon[e]);
      if (v == 0) continue;  // longer than 8 bytes: compared by name
      size_t s = Slot(v);
      while (names[s] != 0) s = (s + 1) % kSlots;
      names[s] = v;
      index[s] = static_cast<uint8_t>(e);
    }
  }
};
constexpr NameTable kNameTable;

// The bit of a common element's (lower-case) name, or 0.
uint64_t CommonElementBit(absl::string_view lower_name) {
  const uint64_t v = PackName(lower_name);
  if (v == 0) {
    if (lower_name.size() <= 8) return 0;
    for (size_t e = 0; e < kCommonCount; ++e) {
      if (kCommon[e] == lower_name) return uint64_t{1} << e;
    }
    return 0;
  }
  for (size_t s = NameTable::Slot(v); kNameTable.names[s] != 0;
       s = (s + 1) % NameTable::kSlots) {
    if (kNameTable.names[s] == v) return uint64_t{1} << kNameTable.index[s];
  }
  return 0;
}

// The tags of common elements seen in a text, and whether they make it
// HTML (kMinHtmlTags of them, of at least two elements).
struct CommonTags {
  size_t tags = 0;
  uint64_t elements = 0;  // CommonElementBit() of each kind seen

  void Add(uint64_t element) {
    tags += element != 0;
    elements |= element;
  }
  bool MakeHtml() const {
    return tags >= kMinHtmlTags && __builtin_popcountll(elements) >= 2;
  }
};

class Scanner {
 public:
  explicit Scanner(absl::string_view text)
      : text_(text),
        // Bytes scanned looking for tag ends that turn out not to be tags
        // (an unclosed quote, a long run with no '>') are bounded by this
        // many per byte of text; past it, no more markup is looked for.
        budget_(8 * text.size() + kMaxTagBytes) {}

  // A quick look at every '<' for the names of common elements, without
  // finding where tags end: whether the text may be HTML. Run() counts a
  // subset of what this counts (tags that end, outside other markup), so
  // false means Run() finds no markup; most texts with angle brackets are
  // code, mail headers or manuals, and this settles them at less cost.
  bool MayBeHtml() const {
    CommonTags seen;
    const char* data = text_.data();
    const size_t n = text_.size();
    for (size_t p = 0; p < n;) {
      const void* hit = std::memchr(data + p, '<', n - p);
      if (hit == nullptr) break;
      p = static_cast<size_t>(static_cast<const char*>(hit) - data) + 1;
      if (p < n && text_[p] == '/') ++p;
      char name[kMaxNameBytes];
      size_t len = 0;
      if (StartsWithNoCase(text_, p, "!--")) {
        len = 3;
        std::memcpy(name, "!--", 3);
      } else {
        if (p < n && text_[p] == '!') name[len++] = text_[p++];
        while (p < n && len < 10 && IsNameChar(text_[p]))
          name[len++] = Lower(text_[p++]);
      }
      seen.Add(CommonElementBit(absl::string_view(name, len)));
      if (seen.MakeHtml()) return true;
    }
    return false;
  }

  std::vector<ByteRange> Run() {
    std::vector<ByteRange> spans;
    if (!MayBeHtml()) return spans;
    CommonTags seen;
    const char* data = text_.data();
    const size_t n = std::min<size_t>(text_.size(), UINT32_MAX);
    size_t p = 0;
    while (p < n && budget_ > 0) {
      const void* hit = std::memchr(data + p, '<', n - p);
      if (hit == nullptr) break;
      p = static_cast<size_t>(static_cast<const char*>(hit) - data);
      size_t end = 0;
      uint64_t element = 0;
      if (TagAt(p, &end, &element)) {
        // Offsets are 32-bit, as tokens' are (a longer text is read up to
        // 4 GiB): a span past that ends there.
        spans.push_back({static_cast<uint32_t>(p),
                         static_cast<uint32_t>(std::min(end, n))});
        seen.Add(element);
        p = end;
      } else {
        ++p;
      }
    }
    if (!seen.MakeHtml()) spans.clear();
    return spans;
  }

 private:
  // Spends `bytes` of the budget.
  void Spend(size_t bytes) { budget_ = budget_ > bytes ? budget_ - bytes : 0; }

  // The position just past the first '>' at or after `from` and within
  // kMaxTagBytes of `start`, skipping quoted attribute values when
  // `quotes`; 0 when there is none, or when a '<' outside quotes comes
  // first (a tag holds none).
  size_t TagEnd(size_t start, size_t from, bool quotes) {
    const size_t limit = std::min(text_.size(), start + kMaxTagBytes);
    size_t r = from;
    char quote = 0;
    for (; r < limit; ++r) {
      const char c = text_[r];
      if (quote != 0) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '>') break;
      if (c == '<') {
        Spend(r - from);
        return 0;
      }
      if (quotes && (c == '"' || c == '\'')) quote = c;
    }
    Spend(r - from);
    return r < limit && quote == 0 ? r + 1 : 0;
  }

  // Whether a tag, comment or declaration starts at text_[p] ('<'); if so
  // *end is just past it (past the element's end tag for script and
  // style) and *element is its CommonElementBit().
  bool TagAt(size_t p, size_t* end, uint64_t* element) {
    const size_t n = text_.size();
    size_t q = p + 1;
    if (q >= n) return false;
    // POD and similar markup: "C<p>", "L<perlfunc>" (a capital letter
    // standing alone before the '<').
    if (p > 0 && text_[p - 1] >= 'A' && text_[p - 1] <= 'Z' &&
        (p == 1 || !IsAsciiLetter(text_[p - 2]))) {
      return false;
    }
    if (text_[q] == '!') {
      if (StartsWithNoCase(text_, q, "!--")) {
        if (comments_unclosed_) return false;
        const size_t close = text_.find("-->", q + 3);
        if (close == absl::string_view::npos) {
          comments_unclosed_ = true;
          return false;
        }
        *end = close + 3;
        *element = CommonElementBit("!--");
        return true;
      }
      *end = TagEnd(p, q + 1, /*quotes=*/false);
      if (StartsWithNoCase(text_, q, "!doctype")) {
        *element = CommonElementBit("!doctype");
      }
      return *end != 0;
    }
    if (text_[q] == '?') {
      *end = TagEnd(p, q + 1, /*quotes=*/false);
      return *end != 0;
    }
    const bool closing = text_[q] == '/';
    if (closing) ++q;
    if (q >= n || !IsAsciiLetter(text_[q])) return false;
    char name[kMaxNameBytes];
    size_t len = 0;
    // Letters, digits, '-' and '_', and a ':' before a letter ("o:p").
    while (q < n && (IsNameChar(text_[q]) || (text_[q] == ':' && q + 1 < n &&
                                              IsAsciiLetter(text_[q + 1])))) {
      if (len == kMaxNameBytes) return false;
      name[len++] = Lower(text_[q++]);
    }
    // The name ends at a space, '>' or "/>": not "<a@b.org>", "<tr///>".
    if (q < n &&
        !(IsSpace(text_[q]) || text_[q] == '>' ||
          (!closing && text_[q] == '/' && q + 1 < n && text_[q + 1] == '>'))) {
      return false;
    }
    *end = TagEnd(p, q, /*quotes=*/!closing);
    if (*end == 0) return false;
    const absl::string_view lower_name(name, len);
    *element = CommonElementBit(lower_name);
    // Script and style hold code, not text: up to their end tag.
    if (!closing && text_[*end - 2] != '/' &&
        (lower_name == "script" || lower_name == "style")) {
      const bool script = lower_name == "script";
      bool& unclosed = script ? scripts_unclosed_ : styles_unclosed_;
      const absl::string_view end_tag = script ? "</script" : "</style";
      if (!unclosed) {
        size_t at = *end;
        for (;;) {
          const size_t lt = text_.find('<', at);
          if (lt == absl::string_view::npos) {
            unclosed = true;
            break;
          }
          if (StartsWithNoCase(text_, lt, end_tag)) {
            const size_t close = text_.find('>', lt + end_tag.size());
            if (close == absl::string_view::npos) {
              unclosed = true;
            } else {
              *end = close + 1;
            }
            break;
          }
          at = lt + 1;
        }
      }
    }
    return true;
  }

  absl::string_view text_;
  size_t budget_;
  // Set once a search for the end of a comment, script or style element
  // has reached the end of the text: later ones would too.
  bool comments_unclosed_ = false;
  bool scripts_unclosed_ = false;
  bool styles_unclosed_ = false;
};

}  // namespace

std::vector<ByteRange> MarkupSpans(absl::string_view text) {
  if (text.empty()) return {};
  size_t body = 0;
  std::vector<ByteRange> spans = MailHeaderSpans(text, &body);
  if (spans.empty()) return Scanner(text).Run();
  // An HTML mail: its body's markup, after the header. Offsets stay below
  // 4 GiB, as the Scanner's own do.
  std::vector<ByteRange> html =
      Scanner(text.substr(body, UINT32_MAX - body)).Run();
  if (html.empty()) return spans;
  for (ByteRange& r : html) {
    r.begin += static_cast<uint32_t>(body);
    r.end += static_cast<uint32_t>(body);
  }
  std::vector<ByteRange> all(spans.size() + html.size());
  std::merge(
      spans.begin(), spans.end(), html.begin(), html.end(), all.begin(),
      [](const ByteRange& x, const ByteRange& y) { return x.begin < y.begin; });
  // A part's header and a tag may overlap (a '<' in a Content-* field).
  size_t kept = 0;
  for (const ByteRange& r : all) {
    if (kept > 0 && r.begin <= all[kept - 1].end) {
      all[kept - 1].end = std::max(all[kept - 1].end, r.end);
    } else {
      all[kept++] = r;
    }
  }
  all.resize(kept);
  return all;
}

}  // namespace internal
}  // namespace reprint
