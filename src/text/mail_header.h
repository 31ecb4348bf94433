// src/text/mail_header.h
//
// The header of a saved e-mail. A message's header fields (Received,
// Message-ID, Return-Path, DKIM signatures, list headers) name the hosts,
// addresses and software it passed through: every message of a mailing
// list or a relay shares them, so read as words they pair messages that
// share nothing a person wrote. The tokeniser reads no words in them but
// the subject's; the text itself is never changed.

#ifndef REPRINT_SRC_TEXT_MAIL_HEADER_H_
#define REPRINT_SRC_TEXT_MAIL_HEADER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "reprint/document.h"

namespace reprint {
namespace internal {

// A mail header needs at least this many fields.
inline constexpr size_t kMinMailFields = 3;

// The byte ranges of `text` that are mail header, ascending and disjoint,
// and in *body where the message body starts (0 when `text` is no mail).
// A text is a mail when it opens (after an optional mbox "From " line)
// with at least kMinMailFields header fields ("Name: value", continued on
// lines that start with a space or tab) ending at an empty line or the
// end of the text, among them at least two that mail headers have
// (From, To, Date, Subject, Received, Message-ID, ...), one of them
// From, Received, Return-Path, Message-ID or Delivered-To: a document
// opening "Title: ...", "Date: ..." stays text. The ranges cover the whole
// header but the value of its Subject field, and the header of each MIME
// part of the body (Content-* fields after a "--boundary" line). Each
// range starts at the text's start or at a line break, and ends after a
// line break.
std::vector<ByteRange> MailHeaderSpans(absl::string_view text, size_t* body);

// What a saved mail's header says of where and when it was sent.
struct MailFields {
  // The mailing list it came through, lower-cased: the identifier of its
  // List-Id field ("fork.xent.com" of "Friends of Rohit Khare
  // <fork.xent.com>", RFC 2919), else the list of its Mailing-List field
  // ("forteana@yahoogroups.com" of "list forteana@yahoogroups.com;
  // contact ..."); empty when it names none.
  std::string list;
  // Its Date field, continuation lines joined, a trailing comment
  // ("(ICT)") dropped; empty when it has none.
  std::string date;
};

// The fields of `text` when MailHeaderSpans() reads it as a mail; both
// empty otherwise.
MailFields ReadMailFields(absl::string_view text);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_TEXT_MAIL_HEADER_H_
