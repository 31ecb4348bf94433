// src/align/render.cc
//
// RenderWordDiff(): a passage's edit script as text, in the manner of
// `git diff --word-diff=plain` (or, with color, `--word-diff=color`).
// RenderSideBySideHtml(): the same script as two HTML columns.
//
// The output walks B's text from the passage's first B token to its last,
// copying B's bytes (words, spacing, punctuation, newlines) as they are, and
// drops A's deleted words into it:
//   * an insertion is wrapped in place: {+inserted words+};
//   * a substitution (a deletion followed by an insertion) is printed as
//     [-old words-]{+new words+}, where the insertion would start;
//   * a pure deletion is printed right after the B word that precedes it
//     (before B's spacing), as git does: "a b c" -> "a c" gives "a[-b-] c".
// A run of deleted (inserted) words is shown as the original bytes of A (B)
// from its first word's start to its last word's end, so its inner spacing
// and punctuation are kept. Without color, removing the [-...-] parts and the
// {+ +} brackets from the output gives back B's text for the passage exactly.
//
// Ops, token indices and token byte ranges are all clamped: malformed input
// gives odd output, never a crash. B's bytes are emitted at most once each,
// in order.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "reprint/align.h"
#include "reprint/text.h"
#include "src/text/unicode.h"

namespace reprint {
namespace {

constexpr absl::string_view kDelOpen = "[-";
constexpr absl::string_view kDelClose = "-]";
constexpr absl::string_view kInsOpen = "{+";
constexpr absl::string_view kInsClose = "+}";
constexpr absl::string_view kRed = "\x1b[31m";
constexpr absl::string_view kGreen = "\x1b[32m";
constexpr absl::string_view kReset = "\x1b[m";

// A byte range [begin, end) known to lie within its text.
struct Bytes {
  size_t begin = 0;
  size_t end = 0;
  bool empty() const { return end <= begin; }
};

// The bytes of tokens[first, last) in a text of `text_size` bytes: from the
// first token's begin to the last one's end, everything clamped. Empty when
// the (clamped) token range is.
Bytes TokenRunBytes(absl::Span<const Token> tokens, uint32_t first,
                    uint32_t last, size_t text_size) {
  const size_t lo = std::min<size_t>(first, tokens.size());
  const size_t hi = std::min<size_t>(last, tokens.size());
  Bytes r;
  if (hi <= lo) return r;
  r.begin = std::min<size_t>(tokens[lo].begin, text_size);
  r.end = std::min<size_t>(tokens[hi - 1].end, text_size);
  if (r.end < r.begin) r.end = r.begin;
  return r;
}

// Writes one text's bytes from the start of its first range on, each once
// and in order, as they are or HTML-escaped; marked ranges wrapped in
// `open` ... `close`. B's side of a word diff, and each side of a
// side-by-side view.
class SpanWriter {
 public:
  SpanWriter(absl::string_view text, bool html, absl::string_view open,
             absl::string_view close, std::string* out)
      : text_(text), html_(html), open_(open), close_(close), out_(out) {}

  // Writes the bytes from the cursor up to `pos`. The first call only sets
  // the cursor: the output starts at the first range.
  void CopyTo(size_t pos) {
    if (!started_) {
      started_ = true;
      cursor_ = pos;
      return;
    }
    if (pos > cursor_) {
      Write(cursor_, pos);
      cursor_ = pos;
    }
  }

  // Writes the bytes up to `r`, then `r` itself, marked or not. Skips an
  // empty `r` (no tokens, or malformed ones).
  void Emit(Bytes r, bool marked) {
    if (r.empty()) return;
    CopyTo(r.begin);
    const size_t from = std::max(cursor_, r.begin);
    if (r.end <= from) return;
    if (marked) out_->append(open_.data(), open_.size());
    Write(from, r.end);
    if (marked) out_->append(close_.data(), close_.size());
    cursor_ = r.end;
  }

 private:
  void Write(size_t begin, size_t end) {
    if (html_) {
      AppendHtmlEscaped(text_.substr(begin, end - begin), out_);
    } else {
      out_->append(text_.data() + begin, end - begin);
    }
  }

  absl::string_view text_;
  bool html_;
  absl::string_view open_, close_;
  std::string* out_;
  bool started_ = false;
  size_t cursor_ = 0;  // the bytes before this are written
};

// A word diff: B's bytes through a SpanWriter, insertions marked, and A's
// deleted bytes dropped in where they belong.
class WordDiffWriter {
 public:
  WordDiffWriter(absl::string_view text_a, absl::string_view text_b, bool color,
                 std::string* out)
      : text_a_(text_a),
        color_(color),
        out_(out),
        b_(text_b, /*html=*/false, color ? kGreen : kInsOpen,
           color ? kReset : kInsClose, out) {}

  void CopyBTo(size_t pos) { b_.CopyTo(pos); }
  void EmitB(Bytes r, bool inserted) { b_.Emit(r, inserted); }

  // A's bytes `r` as a deletion, at the current position.
  void EmitDeletion(Bytes r) {
    if (r.empty()) return;
    Append(color_ ? kRed : kDelOpen);
    out_->append(text_a_.data() + r.begin, r.end - r.begin);
    Append(color_ ? kReset : kDelClose);
  }

 private:
  void Append(absl::string_view s) { out_->append(s.data(), s.size()); }

  absl::string_view text_a_;
  bool color_;
  std::string* out_;
  SpanWriter b_;
};

constexpr absl::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

// Equal stretches of more words than this always stay.
constexpr uint32_t kMaxAbsorbedWords = 2;

// A stretch of ops: one kind of change (deletions and insertions) or of
// equal words, ops[first, last). In a script that walks both ranges, its
// tokens are A's [ops[first].a_begin, ops[last - 1].a_end) and B's alike.
struct Stretch {
  bool equal = false;
  bool merged = false;  // made of several: its ops are rebuilt
  size_t first = 0, last = 0;
};

// Whether a sentence ends or a line breaks in `text` next to tokens
// [lo, hi): between the token before and the first, or between the last
// and the token after.
bool BoundaryAround(absl::string_view text, absl::Span<const Token> tokens,
                    uint32_t lo, uint32_t hi) {
  if (hi <= lo || hi > tokens.size()) return false;
  auto breaks = [&](size_t from, size_t to) {
    to = std::min(to, text.size());
    for (size_t i = from; i < to; ++i) {
      const char c = text[i];
      if (c == '.' || c == '!' || c == '?' || c == '\n') return true;
    }
    return false;
  };
  return (lo > 0 && breaks(tokens[lo - 1].end, tokens[lo].begin)) ||
         (hi < tokens.size() && breaks(tokens[hi - 1].end, tokens[hi].begin));
}

}  // namespace

std::vector<DiffOp> ReadableOps(absl::Span<const DiffOp> ops,
                                absl::string_view text_a,
                                absl::Span<const Token> tokens_a,
                                absl::string_view text_b,
                                absl::Span<const Token> tokens_b) {
  auto a0 = [&](const Stretch& s) { return ops[s.first].a_begin; };
  auto a1 = [&](const Stretch& s) { return ops[s.last - 1].a_end; };
  auto b0 = [&](const Stretch& s) { return ops[s.first].b_begin; };
  auto b1 = [&](const Stretch& s) { return ops[s.last - 1].b_end; };
  // A stretch's size as a reader sees it: the bytes of its longer side.
  auto bytes = [&](const Stretch& s) {
    const auto side = [](absl::Span<const Token> t, uint32_t lo, uint32_t hi) {
      const Bytes r = TokenRunBytes(t, lo, hi, SIZE_MAX);
      return r.end - r.begin;
    };
    return std::max(side(tokens_a, a0(s), a1(s)), side(tokens_b, b0(s), b1(s)));
  };
  // Only a script that walks both ranges word by word is rewritten.
  for (size_t k = 0; k < ops.size(); ++k) {
    const DiffOp& op = ops[k];
    const uint32_t na = op.a_end - op.a_begin, nb = op.b_end - op.b_begin;
    const bool follows = k == 0 || (op.a_begin == ops[k - 1].a_end &&
                                    op.b_begin == ops[k - 1].b_end);
    const bool shaped =
        op.a_end >= op.a_begin && op.b_end >= op.b_begin &&
        ((op.kind == DiffOp::kEqual && na == nb) ||
         (op.kind == DiffOp::kDelete && nb == 0) ||
         (op.kind == DiffOp::kInsert && na == 0));
    if (!follows || !shaped) return std::vector<DiffOp>(ops.begin(), ops.end());
  }
  std::vector<Stretch> out;
  for (size_t k = 0; k < ops.size(); ++k) {
    const DiffOp& op = ops[k];
    const bool equal = op.kind == DiffOp::kEqual;
    if (out.empty() || out.back().equal != equal) {
      out.push_back(Stretch{equal, false, k, k});
    }
    out.back().last = k + 1;
    if (equal) continue;
    // Join the change before, the equal words between, and this change
    // while those words are few, less than half as long as either change,
    // and not at the end or start of a sentence or line.
    while (out.size() >= 3) {
      const Stretch& left = out[out.size() - 3];
      const Stretch& between = out[out.size() - 2];
      const size_t shared = bytes(between);
      if (a1(between) - a0(between) > kMaxAbsorbedWords ||
          2 * shared >= bytes(left) || 2 * shared >= bytes(out.back()) ||
          BoundaryAround(text_a, tokens_a, a0(between), a1(between)) ||
          BoundaryAround(text_b, tokens_b, b0(between), b1(between))) {
        break;
      }
      const Stretch joined{false, true, left.first, out.back().last};
      out.resize(out.size() - 3);
      out.push_back(joined);
    }
  }
  std::vector<DiffOp> readable;
  readable.reserve(ops.size());
  for (const Stretch& s : out) {
    if (!s.merged) {
      readable.insert(readable.end(), ops.begin() + s.first, ops.begin() + s.last);
      continue;
    }
    if (a1(s) > a0(s)) {
      readable.push_back({DiffOp::kDelete, a0(s), a1(s), b0(s), b0(s)});
    }
    if (b1(s) > b0(s)) {
      readable.push_back({DiffOp::kInsert, a1(s), a1(s), b0(s), b1(s)});
    }
  }
  return readable;
}

void AppendHtmlEscaped(absl::string_view text, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  auto plain = [](unsigned char c) {
    return c >= 0x20 ? c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"'
                     : c == '\t' || c == '\n' || c == '\r';
  };
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && plain(p[j])) ++j;
    out->append(text.data() + i, j - i);
    if (j == n) break;
    i = j;
    switch (p[i]) {
      case '\0': break;  // dropped
      case '&': out->append("&amp;"); break;
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '"': out->append("&quot;"); break;
      default:
        if (p[i] >= 0x80) {
          // As the tokeniser reads it: a Latin-1 page shows its letters.
          i += internal::AppendCharAsRead(p + i, n - i, out);
          continue;
        }
        out->append(kReplacementUtf8.data(), kReplacementUtf8.size());
    }
    ++i;
  }
}

SideBySideHtml RenderSideBySideHtml(absl::string_view text_a,
                                    absl::Span<const Token> tokens_a,
                                    absl::string_view text_b,
                                    absl::Span<const Token> tokens_b,
                                    const Passage& p) {
  SideBySideHtml out;
  SpanWriter a(text_a, /*html=*/true, "<del>", "</del>", &out.a);
  SpanWriter b(text_b, /*html=*/true, "<ins>", "</ins>", &out.b);
  for (const DiffOp& op :
       ReadableOps(p.ops, text_a, tokens_a, text_b, tokens_b)) {
    const Bytes run_a =
        TokenRunBytes(tokens_a, op.a_begin, op.a_end, text_a.size());
    const Bytes run_b =
        TokenRunBytes(tokens_b, op.b_begin, op.b_end, text_b.size());
    switch (op.kind) {
      case DiffOp::kEqual:
        a.Emit(run_a, /*marked=*/false);
        b.Emit(run_b, /*marked=*/false);
        break;
      case DiffOp::kDelete:
        a.Emit(run_a, /*marked=*/true);
        break;
      case DiffOp::kInsert:
        b.Emit(run_b, /*marked=*/true);
        break;
    }
  }
  return out;
}

std::string RenderWordDiff(absl::string_view text_a,
                           absl::Span<const Token> tokens_a,
                           absl::string_view text_b,
                           absl::Span<const Token> tokens_b, const Passage& p,
                           bool color) {
  std::string out;
  out.reserve(std::min<size_t>(p.b.size(), text_b.size()) + 64);
  WordDiffWriter w(text_a, text_b, color, &out);
  const std::vector<DiffOp> ops =
      ReadableOps(p.ops, text_a, tokens_a, text_b, tokens_b);
  for (size_t k = 0; k < ops.size(); ++k) {
    const DiffOp& op = ops[k];
    switch (op.kind) {
      case DiffOp::kEqual:
        w.EmitB(TokenRunBytes(tokens_b, op.b_begin, op.b_end, text_b.size()),
                /*inserted=*/false);
        break;
      case DiffOp::kInsert:
        w.EmitB(TokenRunBytes(tokens_b, op.b_begin, op.b_end, text_b.size()),
                /*inserted=*/true);
        break;
      case DiffOp::kDelete: {
        const Bytes del =
            TokenRunBytes(tokens_a, op.a_begin, op.a_end, text_a.size());
        if (k + 1 < ops.size() && ops[k + 1].kind == DiffOp::kInsert) {
          // A substitution: the deletion goes where the insertion starts.
          const Bytes ins = TokenRunBytes(tokens_b, ops[k + 1].b_begin,
                                          ops[k + 1].b_end, text_b.size());
          if (!ins.empty()) w.CopyBTo(ins.begin);
        }
        w.EmitDeletion(del);
        break;
      }
    }
  }
  return out;
}

}  // namespace reprint
