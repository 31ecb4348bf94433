// src/cli/common.h
//
// What every command shares: input flags, messages on stderr, progress, and
// the mapping from outcomes to exit codes.

#ifndef REPRINT_SRC_CLI_COMMON_H_
#define REPRINT_SRC_CLI_COMMON_H_

#include <cstdint>
#include <cstdio>
#include <memory>
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

// Opens `path` for writing ("-" is stdout). The FILE is closed by the
// deleter unless it is stdout.
struct FileCloser {
  void operator()(FILE* f) const {
    if (f != nullptr && f != stdout) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;
absl::StatusOr<FilePtr> OpenOutput(const std::string& path);

// Writes all of `data` to `f`; false on error (EPIPE included).
bool WriteAll(FILE* f, const std::string& data);

}  // namespace cli
}  // namespace reprint

#endif  // REPRINT_SRC_CLI_COMMON_H_
