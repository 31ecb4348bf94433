// src/cli/common.h
//
// What every command shares: input flags, messages on stderr, progress, and
// the mapping from outcomes to exit codes.

#ifndef REPRINT_SRC_CLI_COMMON_H_
#define REPRINT_SRC_CLI_COMMON_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "reprint/dedupe.h"
#include "reprint/ingest.h"
#include "src/cli/flags.h"

namespace reprint {
namespace cli {

// Flags for reading inputs and general behaviour, shared by commands.
std::vector<FlagSpec> CommonFlags();

// IngestOptions from the common flags.
IngestOptions IngestOptionsFrom(const ParsedArgs& args);

// Thread count from --threads (0: all cores).
absl::StatusOr<int> ThreadsFrom(const ParsedArgs& args);

// Writes diagnostics to stderr and counts them.
class Console {
 public:
  explicit Console(bool verbose, bool quiet);
  void Issue(const IngestIssue& issue);
  void Error(const std::string& message);
  void Warning(const std::string& message);
  void Info(const std::string& message);  // only with --verbose
  // A progress callback that redraws one stderr line on a terminal.
  ProgressFn Progress();
  void EndProgress();
  uint64_t errors() const { return errors_; }
  bool verbose() const { return verbose_; }

 private:
  bool verbose_, quiet_, tty_;
  bool progress_shown_ = false;
  uint64_t errors_ = 0;
  double last_draw_ = 0;
};

// `text` on one line for a message: runs of whitespace become one space,
// control characters '?', bytes that are not UTF-8 their Windows-1252
// characters (in UTF-8), and a text longer than `max` bytes keeps its
// start and end around " ... " (cut between words where one ends near,
// and always between UTF-8 characters).
std::string OneLineExcerpt(const std::string& text, size_t max);

// `s` (an id, an outlet, a date) for one line of text output: control
// characters, line breaks and tabs included, become '?', so that a name
// taken from a file or a mail header cannot move or recolour a terminal.
std::string PrintableName(absl::string_view s);

// Parses the command line of `command` ("dedupe") against `specs`. Prints
// `usage` and the flag table for --help, or a usage error naming the
// command; then returns nullopt with *exit_code set (0 for help, 2 for an
// error), and the command stops.
std::optional<ParsedArgs> ParseCommandLine(const char* command,
                                           const char* usage,
                                           const std::vector<FlagSpec>& specs,
                                           const std::vector<std::string>& argv,
                                           int* exit_code);

// Prints "reprint COMMAND: MESSAGE" to stderr and returns kExitError.
int UsageError(const char* command, const std::string& message);

// --format: "text" or "jsonl" (or, with `allow_html`, "html"), else
// InvalidArgument.
absl::StatusOr<std::string> FormatFrom(const ParsedArgs& args,
                                       bool allow_html = false);

// Opens a reader over `inputs` (read as `options` say, see
// IngestOptionsFrom()) whose problems go to `console`; prints the error and
// returns null when the inputs cannot be read at all.
std::unique_ptr<DocumentReader> OpenInputs(const std::vector<std::string>& inputs,
                                           IngestOptions options,
                                           Console* console);

// Opens `path` for writing ("-" is stdout). The FILE is closed by the
// deleter unless it is stdout.
struct FileCloser {
  void operator()(FILE* f) const {
    if (f != nullptr && f != stdout) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;
absl::StatusOr<FilePtr> OpenOutput(const std::string& path);

// The ids of `members` as a JSON array: ["a","b"].
std::string JsonIdArray(const std::vector<DocIndex>& members,
                        const std::vector<DocumentInfo>& docs);

// Writes all of `data` to `f`; false on error (EPIPE included).
bool WriteAll(FILE* f, const std::string& data);

// Collects output in a buffer that is written to a FILE about every
// megabyte, so that large outputs are never held whole in memory.
class ChunkedWriter {
 public:
  explicit ChunkedWriter(FILE* f) : f_(f) {}
  std::string* buffer() { return &buf_; }
  // Writes the buffer out once it is large; false after a write error.
  bool Step() {
    if (buf_.size() >= (1u << 20)) Flush();
    return ok_;
  }
  // Writes whatever is left; false if any write failed.
  bool Finish() {
    Flush();
    return ok_;
  }

 private:
  void Flush() {
    ok_ = ok_ && WriteAll(f_, buf_);
    buf_.clear();
  }
  FILE* f_;
  std::string buf_;
  bool ok_ = true;
};

}  // namespace cli
}  // namespace reprint

#endif  // REPRINT_SRC_CLI_COMMON_H_
