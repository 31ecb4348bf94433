#include "src/text/mail_header.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace reprint {
namespace internal {
namespace {

// A line of the text: [begin, end) without its line break ("\n" or
// "\r\n"); the next line starts at `next`.
struct Line {
  size_t begin, end, next;
  size_t size() const { return end - begin; }
};

Line LineAt(absl::string_view text, size_t pos) {
  const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
  size_t end =
      nl == nullptr
          ? text.size()
          : static_cast<size_t>(static_cast<const char*>(nl) - text.data());
  const size_t next = nl == nullptr ? end : end + 1;
  if (end > pos && text[end - 1] == '\r') --end;
  return {pos, end, next};
}

bool IsContinuation(absl::string_view text, const Line& line) {
  return line.size() > 0 &&
         (text[line.begin] == ' ' || text[line.begin] == '\t');
}

// The length of the field name that opens `line` ("Received" in
// "Received: from ..."), or 0 when the line is no header field.
size_t FieldName(absl::string_view text, const Line& line) {
  size_t i = line.begin;
  while (i < line.end) {
    const char c = text[i];
    const bool name = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!name) break;
    ++i;
  }
  if (i == line.begin || i == line.end || text[i] != ':') return 0;
  return i - line.begin;
}

// Fields that mail headers have; the first kAnchors of them are found in
// mail and hardly elsewhere.
constexpr absl::string_view kMailFields[] = {
    "from",     "received", "return-path", "message-id", "delivered-to",
    "to",       "cc",       "date",        "subject",    "mime-version",
    "reply-to", "sender",   "in-reply-to", "references", "content-type"};
constexpr size_t kAnchors = 5;

// The index of `name` in kMailFields, or -1.
int MailField(absl::string_view name) {
  for (size_t f = 0; f < sizeof(kMailFields) / sizeof(kMailFields[0]); ++f) {
    if (absl::EqualsIgnoreCase(name, kMailFields[f]))
      return static_cast<int>(f);
  }
  return -1;
}

// Appends the header of each MIME part in text[from, ...): a "--boundary"
// line followed by Content-* fields up to an empty line, from the line
// break before the boundary line (text[from - 1] is a line break).
void AddPartHeaders(absl::string_view text, size_t from,
                    std::vector<ByteRange>* spans) {
  for (size_t pos = from; pos < text.size();) {
    const Line boundary = LineAt(text, pos);
    pos = boundary.next;
    if (boundary.size() < 3 || text[boundary.begin] != '-' ||
        text[boundary.begin + 1] != '-') {
      continue;
    }
    size_t at = boundary.next, fields = 0;
    bool closed = false;
    while (at < text.size()) {
      const Line line = LineAt(text, at);
      if (line.size() == 0) {
        closed = true;
        at = line.next;
        break;
      }
      if (IsContinuation(text, line) && fields > 0) {
        at = line.next;
        continue;
      }
      const size_t name = FieldName(text, line);
      if (name <= 8 ||
          !absl::StartsWithIgnoreCase(text.substr(line.begin), "content-")) {
        break;
      }
      ++fields;
      at = line.next;
    }
    if (fields == 0 || !closed) continue;
    spans->push_back(
        {static_cast<uint32_t>(boundary.begin - 1), static_cast<uint32_t>(at)});
    pos = at;
  }
}

// One field of a header: its name, and its value after the colon through
// its continuation lines (line breaks included).
struct Field {
  absl::string_view name;
  size_t value_begin, value_end;
};

// Walks the header of `text` and returns where it ends (after its empty
// line, or at the text's end), calling visit(field) for each field; 0 when
// `text` is no mail (visit may have been called by then).
template <typename Visit>
size_t WalkHeader(absl::string_view text, Visit&& visit) {
  size_t pos = 0;
  if (text.substr(0, 5) == "From ") pos = LineAt(text, 0).next;  // mbox
  size_t fields = 0;
  uint32_t seen = 0;  // bit f: kMailFields[f] present
  Field field{};
  size_t end = text.size();  // of the header, its empty line included
  while (pos < text.size()) {
    const Line line = LineAt(text, pos);
    pos = line.next;
    if (line.size() == 0) {
      end = line.next;
      break;
    }
    if (IsContinuation(text, line)) {
      if (fields == 0) return 0;
      field.value_end = line.end;
      continue;
    }
    const size_t name = FieldName(text, line);
    if (name == 0) return 0;
    if (fields++ > 0) visit(field);
    field = {text.substr(line.begin, name), line.begin + name + 1, line.end};
    const int f = MailField(field.name);
    if (f >= 0) seen |= uint32_t{1} << f;
  }
  if (fields > 0) visit(field);
  const bool anchored = (seen & ((uint32_t{1} << kAnchors) - 1)) != 0;
  if (fields < kMinMailFields || __builtin_popcount(seen) < 2 || !anchored) {
    return 0;
  }
  return end;
}

// Offsets are 32-bit, as tokens' are: a longer text is read up to 4 GiB.
absl::string_view Readable(absl::string_view text) {
  return text.substr(0, std::min<size_t>(text.size(), UINT32_MAX));
}

// The value of a field (after its colon), its continuation lines joined
// by single spaces, without surrounding whitespace.
std::string Unfolded(absl::string_view value) {
  std::string out;
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The list a List-Id value names: the identifier between angle brackets
// (RFC 2919), else the whole value.
std::string ListOfListId(absl::string_view value) {
  const size_t open = value.rfind('<');
  const size_t close = value.rfind('>');
  if (open != absl::string_view::npos && close != absl::string_view::npos &&
      open + 1 < close) {
    value = value.substr(open + 1, close - open - 1);
  }
  return absl::AsciiStrToLower(value);
}

// The list a Mailing-List value names: "list NAME; contact ..." gives
// NAME, any other value itself up to a ';'.
std::string ListOfMailingList(absl::string_view value) {
  value = value.substr(0, value.find(';'));
  if (value.size() > 5 && absl::StartsWithIgnoreCase(value, "list ")) {
    value.remove_prefix(5);
  }
  return absl::AsciiStrToLower(absl::StripTrailingAsciiWhitespace(value));
}

}  // namespace

std::vector<ByteRange> MailHeaderSpans(absl::string_view text, size_t* body) {
  *body = 0;
  std::vector<ByteRange> spans;
  text = Readable(text);
  std::vector<ByteRange> subjects;  // the values of Subject fields
  const size_t end = WalkHeader(text, [&](const Field& f) {
    if (absl::EqualsIgnoreCase(f.name, "subject")) {
      subjects.push_back({static_cast<uint32_t>(f.value_begin),
                          static_cast<uint32_t>(f.value_end)});
    }
  });
  if (end == 0) return spans;
  // The header but its subjects' values: those start after a colon and end
  // before a line break, so no word runs into the ranges around them.
  size_t from = 0;
  for (const ByteRange& s : subjects) {
    if (s.begin > from) spans.push_back({static_cast<uint32_t>(from), s.begin});
    from = s.end;
  }
  if (end > from) {
    spans.push_back({static_cast<uint32_t>(from), static_cast<uint32_t>(end)});
  }
  *body = end;
  if (end < text.size()) AddPartHeaders(text, end, &spans);
  return spans;
}

MailFields ReadMailFields(absl::string_view text) {
  MailFields out;
  text = Readable(text);
  std::string mailing_list;
  const size_t end = WalkHeader(text, [&](const Field& f) {
    const absl::string_view value =
        text.substr(f.value_begin, f.value_end - f.value_begin);
    if (absl::EqualsIgnoreCase(f.name, "list-id") && out.list.empty()) {
      out.list = ListOfListId(Unfolded(value));
    } else if (absl::EqualsIgnoreCase(f.name, "mailing-list") &&
               mailing_list.empty()) {
      mailing_list = ListOfMailingList(Unfolded(value));
    } else if (absl::EqualsIgnoreCase(f.name, "date") && out.date.empty()) {
      out.date = Unfolded(value);
      // A trailing comment ("+0700 (ICT)") says again what the zone does.
      const size_t open = out.date.rfind('(');
      if (!out.date.empty() && out.date.back() == ')' &&
          open != std::string::npos) {
        out.date.erase(open);
        out.date.erase(out.date.find_last_not_of(' ') + 1);
      }
    }
  });
  if (end == 0) return MailFields();
  if (out.list.empty()) out.list = std::move(mailing_list);
  return out;
}

}  // namespace internal
}  // namespace reprint
