// include/reprint/ingest.h
//
// Ingestion turns command-line inputs into Documents.
//
//   * A regular file is one document; its id is the path as given.
//   * A directory is walked recursively in sorted (byte-wise) order; files
//     are filtered by --include / --exclude globs (matched against the path
//     relative to the directory and against the base name).
//   * A file ending in .jsonl or .ndjson (or any file when
//     IngestOptions::jsonl is set) is JSON Lines: one object per line with a
//     string `text` field and an `id` (string or integer, kept as its decimal
//     text); optional `source` (outlet) and `date` (ISO 8601, RFC 2822 or
//     written out, see ParseDate(), or a number of Unix time, see
//     UnixTimeMillis();
//     another form is a warning and the document counts as undated). Field
//     names are configurable. With IngestOptions::url_field set, a record
//     without a source takes the site of its address as its outlet (see
//     OutletFromUrl()), or without an address, the site of its id when
//     that is an http(s) address: crawls carry a page's address more often
//     than an outlet name.
//   * "-" is standard input: one document with id "-", or JSON Lines when
//     IngestOptions::jsonl is set.
//
// Bad input never stops the run unless IngestOptions::strict is set: every
// problem is reported to the IngestErrorSink as "path:line: reason" (or
// "path: reason") and counted; the document is skipped. Binary files (a NUL
// byte in the first 8 KiB) and unreadable paths are skipped with a warning.
// Invalid UTF-8 is kept as is: later stages decode it with replacement and
// byte offsets stay exact into the original bytes. Duplicate ids are an
// error that names both places; the second document is skipped.
//
// Thread-safety: a DocumentReader is used from one thread. A TextStore is
// safe for concurrent Fetch() calls once reading has finished.

#ifndef REPRINT_INGEST_H_
#define REPRINT_INGEST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "reprint/document.h"

namespace reprint {

struct IngestOptions {
  std::vector<std::string> include_globs;  // empty: every file
  std::vector<std::string> exclude_globs;
  bool jsonl = false;           // treat every input (and stdin) as JSON Lines
  std::string id_field = "id";
  std::string text_field = "text";
  std::string source_field = "source";
  std::string date_field = "date";
  // JSONL field holding a page's address, whose site is the outlet of a
  // record without a source field (or, without an address, the site of an
  // id that is an http(s) address); empty: none (the outlet is the source
  // field only).
  std::string url_field;
  // A file's outlet is the first folder below the directory walked
  // ("pages/bbc/2024/a.txt" walked from "pages": "bbc"), or for a file
  // directly in it or named itself, the folder holding it. JSON Lines
  // records keep their fields.
  bool outlet_from_dir = false;
  bool strict = false;          // stop at the first bad input
  uint64_t max_file_bytes = uint64_t{1} << 31;  // larger files are skipped
};

// A `date` as milliseconds since 1970-01-01 UTC, or nullopt if it is in
// none of the forms read:
//   * ISO 8601, extended (RFC 3339 and the like): YYYY, YYYY-MM,
//     YYYY-MM-DD (or YYYYMMDD, YYYY/MM/DD, YYYY.MM.DD; with a separator,
//     months and days may have one digit), optionally followed by 'T' or
//     a space and hh:mm[:ss[.fraction]], optionally followed by a zone;
//   * RFC 2822 (e-mail, RSS): [Mon, ]DD Mon YYYY hh:mm[:ss] zone;
//   * written out, as news pages show dates: "June 5, 2018", "Jun. 5th
//     2018", "5 June 2018", "Tuesday, 5 June 2018", optionally followed by
//     [,] [at] h:mm[:ss] [am|pm|a.m.|p.m.] [zone];
//   * Unix time written as 9 to 13 digits (see UnixTimeMillis()).
// A zone is Z, an offset (+hh, +hhmm, +hh:mm) or UT, UTC, GMT, EST, EDT,
// CST, CDT, MST, MDT, PST or PDT. A time without a zone is taken as UTC;
// a date without a time is its midnight. Day-month order is never guessed
// ("05/06/2018" is not read). Surrounding whitespace is ignored.
std::optional<int64_t> ParseDate(absl::string_view text);

// A numeric `date` (JSON number as written) as Unix time in milliseconds:
// seconds since 1970-01-01 UTC, or milliseconds when its magnitude is at
// least 1e11 (in seconds, a date past the year 5000). nullopt when it is
// not a number or lies beyond the year 9999 either way.
std::optional<int64_t> UnixTimeMillis(absl::string_view number);

// The outlet named by a page address: the registrable domain of its host,
// lower-cased (its public suffix and the label before it, from the Public
// Suffix List built into libpsl), so that one site's editions, sections
// and mobile or AMP pages are one outlet, while sites on a shared hosting
// suffix (blogspot.com) stay apart. A host with no such domain (a suffix
// alone, a single label, an IP address) is kept whole; a port, user
// information and a trailing dot never count. "https://www.Example.com:443/a",
// "https://edition.example.com/b" and "example.com/c" all give
// "example.com"; "https://news.example.co.uk/" gives "example.co.uk".
// Empty when `url` names no host: no "//" before it and no dot in its
// first path segment, spaces or invalid UTF-8 in it, or nothing left.
std::string OutletFromUrl(absl::string_view url);

// One problem with the input. `location` is "path" or "path:line".
struct IngestIssue {
  enum Severity { kWarning, kError };
  Severity severity = kError;
  std::string location;
  std::string message;
  std::string ToString() const;  // "path:line: message"
};

// Counters a reader keeps; printed in summaries.
struct IngestStats {
  uint64_t documents = 0;   // yielded
  uint64_t skipped = 0;     // files or lines skipped for any reason
  uint64_t errors = 0;      // issues of severity kError
  uint64_t warnings = 0;    // issues of severity kWarning
  uint64_t bytes = 0;       // text bytes yielded
  uint64_t outlets_from_url = 0;     // outlets read from a url's host
  uint64_t outlets_from_folder = 0;  // outlets read from a folder's name
  uint64_t outlets_from_mail = 0;    // outlets read from a mail's list
  uint64_t dates_from_mail = 0;      // dates read from a mail's header
};

// Keeps the means to read a document's text again after it was released.
class TextStore {
 public:
  virtual ~TextStore() = default;
  // Reads the text of a document described by `origin` into `*text`.
  // Returns NotFound / DataLoss (the file changed or vanished since it was
  // read, naming the path) or InvalidArgument (the JSONL record no longer
  // parses).
  virtual absl::Status Fetch(const Origin& origin, std::string* text) const = 0;
  // The paths of the inputs, indexed by Origin::input.
  virtual const std::vector<std::string>& paths() const = 0;
};

// Reads documents from a list of inputs, in order.
//
// Lifecycle: construct with NewDocumentReader(), call Next() until it yields
// no document, then use store() to fetch texts again. The reader owns the
// store; keep the reader alive while fetching.
class DocumentReader {
 public:
  virtual ~DocumentReader() = default;

  // Fills `*doc` with the next document and returns true, or returns false
  // at the end of all inputs. Problems along the way go to the sink given to
  // NewDocumentReader(). In strict mode the first kError issue ends the
  // reading: Next() returns false and status() holds the error.
  virtual bool Next(Document* doc) = 0;

  // OK, or the error that stopped a strict run.
  virtual absl::Status status() const = 0;
  virtual const IngestStats& stats() const = 0;
  virtual const TextStore& store() const = 0;
};

using IngestErrorSink = std::function<void(const IngestIssue&)>;

// Returns a reader over `inputs` (paths, directories or "-").
// Returns InvalidArgument for an empty input list or a bad glob. Inputs that
// do not exist are reported through `sink` while reading, not here.
absl::StatusOr<std::unique_ptr<DocumentReader>> NewDocumentReader(
    std::vector<std::string> inputs, IngestOptions options,
    IngestErrorSink sink);

}  // namespace reprint

#endif  // REPRINT_INGEST_H_
