#include "src/cli/common.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "src/cli/cli.h"
#include "src/text/unicode.h"
#include "src/util/json_writer.h"

namespace reprint {
namespace cli {

std::vector<FlagSpec> CommonFlags() {
  const std::string in = "Input";
  const std::string gen = "General";
  return {
      {"include", "GLOB", "only files matching GLOB when walking a directory (repeatable)", in, true},
      {"exclude", "GLOB", "skip files matching GLOB when walking a directory (repeatable)", in, true},
      {"jsonl", "", "read every input (and stdin) as JSON Lines", in},
      {"id-field", "NAME", "JSONL field holding the document id (default: id)", in},
      {"text-field", "NAME", "JSONL field holding the text (default: text)", in},
      {"source-field", "NAME", "JSONL field holding the outlet (default: source)", in},
      {"date-field", "NAME", "JSONL field holding the date: ISO 8601, RFC 2822, written out (\"June 5, 2018 9:00 AM EDT\", \"5 June 2018\") or Unix time (default: date)", in},
      {"strict", "", "stop at the first bad input instead of skipping it", in},
      {"threads", "N", "worker threads (default: all cores); output is the same for any N", gen},
      {"verbose", "", "explain parameter choices and what was suppressed", gen},
      {"quiet", "", "no progress line on stderr", gen},
      {"help", "", "show this help", gen},
  };
}

IngestOptions IngestOptionsFrom(const ParsedArgs& args) {
  IngestOptions o;
  o.include_globs = args.All("include");
  o.exclude_globs = args.All("exclude");
  o.jsonl = args.Has("jsonl");
  o.id_field = args.Get("id-field", o.id_field);
  o.text_field = args.Get("text-field", o.text_field);
  o.source_field = args.Get("source-field", o.source_field);
  o.date_field = args.Get("date-field", o.date_field);
  o.strict = args.Has("strict");
  return o;
}

absl::StatusOr<int> ThreadsFrom(const ParsedArgs& args) {
  absl::StatusOr<long> n = args.GetInt("threads", 0, 0, 1024);
  if (!n.ok()) return n.status();
  return static_cast<int>(*n);
}

Console::Console(bool verbose, bool quiet)
    : verbose_(verbose), quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0) {}

void Console::Issue(const IngestIssue& issue) {
  if (issue.severity == IngestIssue::kError) {
    Error(issue.ToString());
  } else {
    Warning(issue.ToString());
  }
}

void Console::Error(const std::string& message) {
  ++errors_;
  EndProgress();
  std::fprintf(stderr, "reprint: error: %s\n", message.c_str());
}

void Console::Warning(const std::string& message) {
  EndProgress();
  std::fprintf(stderr, "reprint: warning: %s\n", message.c_str());
}

void Console::Info(const std::string& message) {
  if (!verbose_) return;
  EndProgress();
  std::fprintf(stderr, "reprint: %s\n", message.c_str());
}

ProgressFn Console::Progress() {
  if (quiet_ || !tty_) return nullptr;
  return [this](const char* what, uint64_t done, uint64_t total) {
    double now = std::chrono::duration<double>(
                     std::chrono::steady_clock::now().time_since_epoch())
                     .count();
    if (now - last_draw_ < 0.2) return;
    last_draw_ = now;
    if (total == 0) {
      std::fprintf(stderr, "\r\x1b[K%s: %llu", what,
                   static_cast<unsigned long long>(done));
    } else {
      std::fprintf(stderr, "\r\x1b[K%s: %llu of %llu (%.0f%%)", what,
                   static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total),
                   100.0 * static_cast<double>(done) / static_cast<double>(total));
    }
    progress_shown_ = true;
  };
}

void Console::EndProgress() {
  if (progress_shown_) {
    std::fprintf(stderr, "\r\x1b[K");
    progress_shown_ = false;
  }
}

std::string PrintableName(absl::string_view s) {
  std::string out(s.data(), s.size());
  for (char& c : out) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = '?';
  }
  return out;
}

std::string OneLineExcerpt(const std::string& raw, size_t max) {
  std::string text;
  internal::AppendReadableUtf8(raw, &text);
  std::string line;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u == ' ' || u == '\n' || u == '\t' || u == '\r') {
      if (!line.empty() && line.back() != ' ') line.push_back(' ');
    } else {
      line.push_back(u < 0x20 || u == 0x7F ? '?' : c);
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  if (line.size() <= max) return line;
  auto continuation = [&](size_t i) {
    return (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80;
  };
  size_t head = max * 2 / 3;
  while (head > 0 && continuation(head)) --head;
  size_t tail = line.size() - (max - head);
  while (tail < line.size() && continuation(tail)) ++tail;
  // At a space, when one is near: whole words on both sides.
  constexpr size_t kNear = 20;
  for (size_t i = head; i > 0 && head - i < kNear; --i) {
    if (line[i - 1] == ' ') {
      head = i - 1;
      break;
    }
  }
  for (size_t i = tail; i < line.size() && i - tail < kNear; ++i) {
    if (line[i] == ' ') {
      tail = i + 1;
      break;
    }
  }
  while (head > 0 && line[head - 1] == ' ') --head;
  while (tail < line.size() && line[tail] == ' ') ++tail;
  return line.substr(0, head) + " ... " + line.substr(tail);
}

std::optional<ParsedArgs> ParseCommandLine(const char* command,
                                           const char* usage,
                                           const std::vector<FlagSpec>& specs,
                                           const std::vector<std::string>& argv,
                                           int* exit_code) {
  auto args = ParseFlags(argv, specs);
  if (!args.ok()) {
    *exit_code = UsageError(
        command, absl::StrCat(args.status().message(), "\nTry 'reprint ",
                              command, " --help'."));
    return std::nullopt;
  }
  if (args->Has("help")) {
    std::fputs(usage, stdout);
    std::fputs(FlagHelp(specs).c_str(), stdout);
    *exit_code = kExitSuccess;
    return std::nullopt;
  }
  if (args->positional.empty() && !args->Has("source")) {
    *exit_code = UsageError(
        command, absl::StrCat("no input given\nTry 'reprint ", command,
                              " --help'."));
    return std::nullopt;
  }
  return *std::move(args);
}

int UsageError(const char* command, const std::string& message) {
  std::fprintf(stderr, "reprint %s: %s\n", command, message.c_str());
  return kExitError;
}

absl::StatusOr<std::string> FormatFrom(const ParsedArgs& args,
                                       bool allow_html) {
  std::string format = args.Get("format", "text");
  if (format != "text" && format != "jsonl" && (!allow_html || format != "html")) {
    return absl::InvalidArgumentError(
        absl::StrCat("--format: expected text", allow_html ? ", jsonl or html" : " or jsonl",
                     ", got \"", format, "\""));
  }
  return format;
}

std::unique_ptr<DocumentReader> OpenInputs(const std::vector<std::string>& inputs,
                                           IngestOptions options,
                                           Console* console) {
  auto reader = NewDocumentReader(
      inputs, std::move(options),
      [console](const IngestIssue& issue) { console->Issue(issue); });
  if (!reader.ok()) {
    console->Error(std::string(reader.status().message()));
    return nullptr;
  }
  return *std::move(reader);
}

absl::StatusOr<FilePtr> OpenOutput(const std::string& path) {
  if (path == "-") return FilePtr(stdout);
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return absl::NotFoundError(absl::StrCat(path, ": ", std::strerror(errno)));
  }
  return FilePtr(f);
}

std::string JsonIdArray(const std::vector<DocIndex>& members,
                        const std::vector<DocumentInfo>& docs) {
  std::string out = "[";
  for (size_t i = 0; i < members.size(); ++i) {
    if (i) out.push_back(',');
    internal::AppendJsonString(&out, docs[members[i]].id);
  }
  out.push_back(']');
  return out;
}

bool WriteAll(FILE* f, const std::string& data) {
  return std::fwrite(data.data(), 1, data.size(), f) == data.size();
}

}  // namespace cli
}  // namespace reprint
