// src/text/markup.h
//
// HTML markup inside a document's text. Pages saved from the web, feeds
// and mail carry their text wrapped in tags whose names and attributes
// ("<p class=\"story-body\">", "<a href=...>") are not words of the text:
// read as words they would make two outlets' copies of one story differ
// at every paragraph, and pages with the same markup look alike. The
// tokeniser reads no words inside the byte ranges found here; the text
// itself is never changed, so byte offsets stay those of the file.

#ifndef REPRINT_SRC_TEXT_MARKUP_H_
#define REPRINT_SRC_TEXT_MARKUP_H_

#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"
#include "reprint/document.h"

namespace reprint {
namespace internal {

// The byte ranges of `text` that are markup, ascending and disjoint: a
// saved mail's header (MailHeaderSpans(), mail_header.h), and HTML: tags
// ("<p>", "</div>", "<br/>", "<a href=\"...\">"; quoted attribute values
// may hold '>'), comments, declarations ("<!DOCTYPE html>") and processing
// instructions, and the whole of script and style elements. Empty unless
// the text holds at least kMinHtmlTags tags (or comments, doctypes) of at
// least two common HTML elements (html, p, br, div, a, td, ...): a manual's
// "<name>" placeholders, a mail header's "<ann@example.com>", POD's
// "C<p>" or "a <b" in a formula are then left as text. Each range starts
// at the text's start or at an ASCII separator ('<', a line break), so no
// word runs into it. Time is linear in the text's length.
inline constexpr size_t kMinHtmlTags = 3;
std::vector<ByteRange> MarkupSpans(absl::string_view text);

// Answers, for ascending byte positions, whether each lies inside one of
// `spans` (from MarkupSpans()).
class MarkupCursor {
 public:
  explicit MarkupCursor(const std::vector<ByteRange>& spans) : spans_(spans) {}
  bool Inside(size_t pos) {
    while (next_ < spans_.size() && spans_[next_].end <= pos) ++next_;
    return next_ < spans_.size() && spans_[next_].begin <= pos;
  }

 private:
  const std::vector<ByteRange>& spans_;
  size_t next_ = 0;
};

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_TEXT_MARKUP_H_
