// src/ingest/reader.cc
//
// The DocumentReader behind NewDocumentReader().
//
// Inputs are expanded lazily, one at a time: a directory becomes a sorted
// list of pending files when the reader reaches it. A whole file is read
// with one read() into the Document's string (after an 8 KiB probe for NUL
// bytes). A JSON Lines file is streamed through one block buffer of
// kBlockBytes (plus simdjson padding): newlines are found with memchr, each
// line is parsed in place by a reused JsonlLineParser, and the tail of the
// block is moved to the front before the next read. The buffer grows only
// for a line longer than itself. Standard input (and any other stream named
// on the command line) is read whole into the TextStore, which keeps it for
// Fetch().

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "reprint/ingest.h"
#include "src/ingest/file_util.h"
#include "src/ingest/glob.h"
#include "src/ingest/jsonl.h"
#include "src/ingest/text_store.h"
#include "src/text/mail_header.h"

namespace reprint {

std::string IngestIssue::ToString() const {
  if (location.empty()) return message;
  return absl::StrCat(location, ": ", message);
}

namespace internal {
namespace {

// The JSON Lines read block. Measured on a 138 MB corpus, 256 KiB to 1 MiB
// blocks read 25-30% faster than 16 MiB ones: the block stays in cache
// between read() and parsing, and fewer fresh pages are touched.
constexpr size_t kBlockBytes = size_t{1} << 20;
constexpr size_t kBinaryProbeBytes = 8192;

// Whether an id is a web page's address (http or https, any case).
bool IsWebAddress(absl::string_view id) {
  return absl::StartsWithIgnoreCase(id, "http://") ||
         absl::StartsWithIgnoreCase(id, "https://");
}

// What becomes of text that is not valid UTF-8, for the warning about it:
// the tokeniser reads each byte that is not as a Windows-1252 character.
constexpr char kInvalidUtf8Kept[] =
    "kept; bytes that are not UTF-8 are read as Windows-1252, the Latin-1 "
    "superset";

// "UTF-16" or "UTF-32" when `head` starts with that encoding's byte order
// mark, else null.
const char* WideEncoding(absl::string_view head) {
  if (absl::StartsWith(head, absl::string_view("\xFF\xFE\0\0", 4)) ||
      absl::StartsWith(head, absl::string_view("\0\0\xFE\xFF", 4))) {
    return "UTF-32";
  }
  if (absl::StartsWith(head, "\xFF\xFE") || absl::StartsWith(head, "\xFE\xFF")) {
    return "UTF-16";
  }
  return nullptr;
}

// Why a file whose head holds a NUL byte is skipped: text in UTF-16 or
// UTF-32 (named by its byte order mark), which reprint does not decode
// (offsets are into the bytes as read), or binary.
std::string NulSkipReason(absl::string_view head) {
  const char* form = WideEncoding(head);
  if (form == nullptr) return "binary file, skipped";
  return absl::StrCat(form, " text (it starts with a byte order mark), skipped: "
                      "reprint reads UTF-8; `iconv -f ", form,
                      " -t UTF-8` converts it");
}

bool HasJsonlExtension(absl::string_view path) {
  return absl::EndsWithIgnoreCase(path, ".jsonl") ||
         absl::EndsWithIgnoreCase(path, ".ndjson");
}

bool IsLineSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// `dir` joined with `rel` by one '/'.
std::string JoinPath(absl::string_view dir, absl::string_view rel) {
  if (!dir.empty() && dir.back() == '/') return absl::StrCat(dir, rel);
  return absl::StrCat(dir, "/", rel);
}

// An id for a message: quotes, backslashes and control bytes escaped.
std::string QuoteId(absl::string_view id) {
  std::string out = "\"";
  for (const char c : id) {
    const unsigned char b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (b < 0x20 || b == 0x7F) {
      static const char kHex[] = "0123456789abcdef";
      out.append("\\x");
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 0xF]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

std::string FieldName(absl::string_view name) {
  return absl::StrCat("field \"", name, "\"");
}

// The name of the folder `dir` as the file system has it ("." resolved,
// links followed); "" for the root or a folder that cannot be resolved.
std::string FolderName(const std::string& dir) {
  char resolved[PATH_MAX];
  if (::realpath(dir.c_str(), resolved) == nullptr) return "";
  const std::string full = resolved;
  return full == "/" ? "" : full.substr(full.find_last_of('/') + 1);
}

class DocumentReaderImpl : public DocumentReader {
 public:
  DocumentReaderImpl(std::vector<std::string> inputs, IngestOptions options,
                     std::vector<Glob> includes, std::vector<Glob> excludes,
                     IngestErrorSink sink)
      : inputs_(std::move(inputs)),
        options_(std::move(options)),
        includes_(std::move(includes)),
        excludes_(std::move(excludes)),
        sink_(std::move(sink)),
        names_{options_.id_field, options_.text_field, options_.source_field,
               options_.date_field, options_.url_field},
        // Re-reading needs the text only; the address is not decoded again.
        store_(JsonlFieldNames{options_.id_field, options_.text_field,
                               options_.source_field, options_.date_field,
                               /*url=*/""}) {
    for (const std::string& input : inputs_) {
      struct stat st;
      if (input != "-" && ::stat(input.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
        named_files_.insert({st.st_dev, st.st_ino});
      }
    }
  }

  bool Next(Document* doc) override;
  absl::Status status() const override { return status_; }
  const IngestStats& stats() const override { return stats_; }
  const TextStore& store() const override { return store_; }

 private:
  // Where a document was first seen, for duplicate-id messages.
  struct Place {
    uint32_t input;
    uint64_t line;  // 0 for a whole file
  };

  // A file to read: named on the command line, or found by walking.
  struct PendingFile {
    std::string path;  // also the document id
    bool named = false;
    std::string outlet;  // with IngestOptions::outlet_from_dir
  };

  // The JSON Lines input being read.
  struct JsonlInput {
    bool active = false;
    uint32_t input = 0;
    Origin::Kind kind = Origin::kJsonl;
    ScopedFd fd;                 // invalid for a memory input
    const char* data = nullptr;  // the window
    size_t size = 0;             // bytes of data in the window
    size_t alloc = 0;            // bytes readable from `data`, padding too
    size_t pos = 0;              // start of the next line in the window
    uint64_t window_offset = 0;  // input offset of data[0]
    bool eof = false;            // nothing more to read into the window
    bool skipping = false;       // inside a line too long to keep
    uint64_t line = 0;           // number of the last line started
  };

  void Report(IngestIssue::Severity severity, std::string location,
              std::string message,
              absl::StatusCode code = absl::StatusCode::kInvalidArgument);
  // Reports an issue that skips a file or line.
  void Skip(IngestIssue::Severity severity, std::string location,
            std::string message,
            absl::StatusCode code = absl::StatusCode::kInvalidArgument) {
    ++stats_.skipped;
    Report(severity, std::move(location), std::move(message), code);
  }
  void SkipErrno(const std::string& path, int err) {
    Skip(IngestIssue::kError, path, ErrnoText(err),
         ErrnoCode(err, absl::StatusCode::kInvalidArgument));
  }
  std::string Location(uint32_t input, uint64_t line) const {
    const std::string& path = store_.paths()[input];
    return line == 0 ? path : absl::StrCat(path, ":", line);
  }
  // The duplicate-id error message for `id`, first seen at `first`.
  std::string DuplicateMessage(const std::string& id, const Place& first) const;
  // The duplicate-id error message, or "" when `id` is new.
  std::string FindDuplicate(const std::string& id) const {
    auto it = seen_.find(id);
    return it == seen_.end() ? std::string() : DuplicateMessage(id, it->second);
  }
  // Fills the rest of `*doc` (its text and id are in place), records its id
  // unless `claimed`, and counts it.
  void Emit(Document* doc, const Origin& origin, bool claimed = false);
  // Emits `doc` as a whole input (a file or a stream), id = its path.
  void EmitWhole(Document* doc, const std::string& path, Origin::Kind kind,
                 uint32_t input, uint64_t size);

  void ExpandInput(const std::string& input);
  void WalkDirectory(const std::string& root, const std::string& rel,
                     std::vector<std::pair<dev_t, ino_t>>* ancestors,
                     std::vector<std::string>* files);
  bool ReadPending(const PendingFile& file, Document* doc);
  bool ReadWholeFile(const std::string& path, int fd, uint64_t size,
                     Document* doc);
  bool ReadStreamInput(const std::string& path, int fd, bool jsonl,
                       Document* doc);

  void StartJsonlFile(const std::string& path, ScopedFd fd, uint64_t size);
  void StartJsonlMemory(uint32_t input);
  bool NextJsonl(Document* doc);
  bool Refill();
  void FinishJsonl();
  bool HandleLine(const char* begin, size_t len, uint64_t offset,
                  Document* doc);
  // For an error about a missing field: the string fields of the record on
  // the line other than those `read` as something else, as
  // " (its string fields: "a", "b"; HOW)", or "" when it has none.
  std::string OtherFields(const char* begin, size_t len, size_t capacity,
                          std::initializer_list<absl::string_view> read,
                          absl::string_view how);

  const std::vector<std::string> inputs_;
  const IngestOptions options_;
  const std::vector<Glob> includes_;
  const std::vector<Glob> excludes_;
  const IngestErrorSink sink_;
  const JsonlFieldNames names_;
  // Files named as inputs: a directory walk that reaches one leaves it to
  // its name (`report --source dir/wire.txt dir` reads wire.txt once).
  absl::flat_hash_set<std::pair<dev_t, ino_t>> named_files_;

  TextStoreImpl store_;
  IngestStats stats_;
  absl::Status status_;

  size_t next_input_ = 0;
  std::vector<PendingFile> pending_;
  size_t pending_pos_ = 0;
  std::string pending_outlet_;  // of the file being read

  absl::flat_hash_map<std::string, Place> seen_;

  JsonlInput jsonl_;
  std::unique_ptr<char[]> block_;
  size_t block_capacity_ = 0;  // without the padding
  JsonlLineParser parser_;
  JsonlRecord record_;
};

void DocumentReaderImpl::Report(IngestIssue::Severity severity,
                                std::string location, std::string message,
                                absl::StatusCode code) {
  IngestIssue issue;
  issue.severity = severity;
  issue.location = std::move(location);
  issue.message = std::move(message);
  if (severity == IngestIssue::kError) {
    ++stats_.errors;
    if (options_.strict && status_.ok()) {
      status_ = absl::Status(code, issue.ToString());
    }
  } else {
    ++stats_.warnings;
  }
  if (sink_) sink_(issue);
}

std::string DocumentReaderImpl::DuplicateMessage(const std::string& id,
                                                 const Place& first) const {
  return absl::StrCat("duplicate id ", QuoteId(id), " (first at ",
                      Location(first.input, first.line), ")");
}

void DocumentReaderImpl::Emit(Document* doc, const Origin& origin,
                              bool claimed) {
  // A saved mail's header names the list it came through (its outlet, whose
  // footers and advertisements are then furniture) and when it was sent:
  // each counts where the record (or file) gives none of its own.
  const bool undated = doc->info.date.empty();
  if (doc->info.source.empty() || undated) {
    internal::MailFields mail = internal::ReadMailFields(doc->text);
    if (doc->info.source.empty() && !mail.list.empty()) {
      doc->info.source = std::move(mail.list);
      ++stats_.outlets_from_mail;
    }
    if (undated && !mail.date.empty()) {
      if (std::optional<int64_t> ms = ParseDate(mail.date)) {
        doc->info.date = std::move(mail.date);
        doc->info.date_ms = *ms;
        ++stats_.dates_from_mail;
      }
    }
  }
  doc->info.text_bytes = doc->text.size();
  doc->info.origin = origin;
  if (!claimed) seen_.emplace(doc->info.id, Place{origin.input, origin.line});
  ++stats_.documents;
  stats_.bytes += doc->text.size();
}

bool DocumentReaderImpl::Next(Document* doc) {
  while (status_.ok()) {
    if (jsonl_.active) {
      if (NextJsonl(doc)) return true;
      continue;
    }
    if (pending_pos_ < pending_.size()) {
      const PendingFile file = std::move(pending_[pending_pos_++]);
      if (pending_pos_ == pending_.size()) {
        pending_.clear();
        pending_pos_ = 0;
      }
      if (ReadPending(file, doc)) return true;
      continue;
    }
    if (next_input_ < inputs_.size()) {
      ExpandInput(inputs_[next_input_++]);
      continue;
    }
    // Everything is read: the ids seen are no longer needed (megabytes
    // for a large collection, while the pipeline's second pass runs).
    absl::flat_hash_map<std::string, Place>().swap(seen_);
    return false;
  }
  if (jsonl_.active) FinishJsonl();
  return false;
}

void DocumentReaderImpl::ExpandInput(const std::string& input) {
  if (input == "-") {
    pending_.push_back(PendingFile{input, true, ""});
    return;
  }
  struct stat st;
  if (::stat(input.c_str(), &st) != 0) {
    SkipErrno(input, errno);
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    // With outlet_from_dir, a named file's outlet is the folder holding it.
    std::string outlet;
    if (options_.outlet_from_dir) {
      const size_t last = input.find_last_of('/');
      outlet = FolderName(last == std::string::npos
                              ? "."
                              : input.substr(0, std::max<size_t>(last, 1)));
    }
    pending_.push_back(PendingFile{input, true, std::move(outlet)});
    return;
  }
  std::vector<std::pair<dev_t, ino_t>> ancestors = {{st.st_dev, st.st_ino}};
  std::vector<std::string> files;
  WalkDirectory(input, std::string(), &ancestors, &files);
  // Byte-wise order of the relative paths (std::string compares as
  // unsigned char).
  std::sort(files.begin(), files.end());
  // With outlet_from_dir, a walked file's outlet is its first folder below
  // the directory, or for a file directly in it, the directory's own name.
  const std::string top = options_.outlet_from_dir ? FolderName(input) : "";
  for (const std::string& rel : files) {
    const size_t slash = rel.find('/');
    pending_.push_back(PendingFile{
        JoinPath(input, rel), false,
        slash == std::string::npos || !options_.outlet_from_dir
            ? top
            : rel.substr(0, slash)});
  }
}

void DocumentReaderImpl::WalkDirectory(
    const std::string& root, const std::string& rel,
    std::vector<std::pair<dev_t, ino_t>>* ancestors,
    std::vector<std::string>* files) {
  const std::string dir_path = rel.empty() ? root : JoinPath(root, rel);
  DIR* dir = ::opendir(dir_path.c_str());
  if (dir == nullptr) {
    SkipErrno(dir_path, errno);
    return;
  }
  std::vector<std::string> names;
  while (true) {
    errno = 0;
    const struct dirent* entry = ::readdir(dir);
    if (entry == nullptr) {
      if (errno != 0) SkipErrno(dir_path, errno);
      break;
    }
    const absl::string_view name(entry->d_name);
    if (name == "." || name == "..") continue;
    names.emplace_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());

  for (const std::string& name : names) {
    if (!status_.ok()) return;  // a strict run stopped
    const std::string child_rel = rel.empty() ? name : JoinPath(rel, name);
    const std::string child_path = JoinPath(root, child_rel);
    struct stat st;
    if (::stat(child_path.c_str(), &st) != 0) {
      const int err = errno;
      struct stat lst;
      if (::lstat(child_path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        Skip(IngestIssue::kWarning, child_path,
             "broken symbolic link, skipped");
      } else {
        SkipErrno(child_path, err);
      }
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      const std::pair<dev_t, ino_t> key(st.st_dev, st.st_ino);
      if (std::find(ancestors->begin(), ancestors->end(), key) !=
          ancestors->end()) {
        Report(IngestIssue::kWarning, child_path,
               "symbolic link loop, not followed");
        continue;
      }
      ancestors->push_back(key);
      WalkDirectory(root, child_rel, ancestors, files);
      ancestors->pop_back();
      continue;
    }
    if (!includes_.empty() && !MatchesAny(includes_, child_rel)) continue;
    if (MatchesAny(excludes_, child_rel)) continue;
    if (!S_ISREG(st.st_mode)) {
      Skip(IngestIssue::kWarning, child_path, "not a regular file, skipped");
      continue;
    }
    if (named_files_.contains({st.st_dev, st.st_ino})) continue;
    files->push_back(child_rel);
  }
}

bool DocumentReaderImpl::ReadPending(const PendingFile& file, Document* doc) {
  const std::string& path = file.path;
  pending_outlet_ = file.outlet;
  if (file.named && path == "-") {
    return ReadStreamInput(path, STDIN_FILENO, options_.jsonl, doc);
  }
  const bool jsonl = options_.jsonl || HasJsonlExtension(path);
  ScopedFd fd = OpenForReading(path);
  if (!fd.valid()) {
    SkipErrno(path, errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) {
    SkipErrno(path, errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    SkipErrno(path, EISDIR);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    // A pipe or device named on the command line, e.g. <(zcat x.jsonl.gz).
    return ReadStreamInput(path, fd.get(), jsonl, doc);
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (jsonl) {
    StartJsonlFile(path, std::move(fd), size);
    return NextJsonl(doc);
  }
  return ReadWholeFile(path, fd.get(), size, doc);
}

bool DocumentReaderImpl::ReadWholeFile(const std::string& path, int fd,
                                       uint64_t size, Document* doc) {
  if (size > options_.max_file_bytes) {
    Skip(IngestIssue::kWarning, path,
         absl::StrCat("file larger than ", options_.max_file_bytes,
                      " bytes, skipped"));
    return false;
  }
  std::string duplicate = FindDuplicate(path);
  if (!duplicate.empty()) {
    Skip(IngestIssue::kError, path, std::move(duplicate));
    return false;
  }
  std::string& text = doc->text;
  text.resize(size);
  // Probe the head for NUL bytes before reading the rest.
  const size_t probe = std::min<uint64_t>(size, kBinaryProbeBytes);
  ssize_t got = ReadFully(fd, &text[0], probe);
  if (got >= 0 && static_cast<size_t>(got) == probe && size > probe) {
    const ssize_t rest = ReadFully(fd, &text[probe], size - probe);
    got = rest < 0 ? rest : got + rest;
  }
  if (got < 0) {
    const int err = errno;
    text.clear();
    SkipErrno(path, err);
    return false;
  }
  text.resize(static_cast<size_t>(got));
  if (std::memchr(text.data(), '\0',
                  std::min(text.size(), kBinaryProbeBytes)) != nullptr) {
    Skip(IngestIssue::kWarning, path, NulSkipReason(text));
    text.clear();
    return false;
  }
  const uint32_t input = store_.AddFile(path, text.size());
  EmitWhole(doc, path, Origin::kFile, input, text.size());
  return true;
}

bool DocumentReaderImpl::ReadStreamInput(const std::string& path, int fd,
                                         bool jsonl, Document* doc) {
  std::string bytes;
  bool too_large = false;
  const uint64_t limit =
      jsonl ? std::numeric_limits<uint64_t>::max() : options_.max_file_bytes;
  const int err = ReadStream(fd, limit, &bytes, &too_large);
  if (err != 0) {
    SkipErrno(path, err);
    return false;
  }
  if (too_large) {
    Skip(IngestIssue::kWarning, path,
         absl::StrCat("input larger than ", options_.max_file_bytes,
                      " bytes, skipped"));
    return false;
  }
  const size_t size = bytes.size();
  bytes.resize(size + kJsonlPadding, '\0');
  if (jsonl) {
    StartJsonlMemory(store_.AddMemory(path, std::move(bytes), size));
    return NextJsonl(doc);
  }
  if (std::memchr(bytes.data(), '\0', std::min(size, kBinaryProbeBytes)) !=
      nullptr) {
    Skip(IngestIssue::kWarning, path, NulSkipReason(bytes));
    return false;
  }
  std::string duplicate = FindDuplicate(path);
  if (!duplicate.empty()) {
    Skip(IngestIssue::kError, path, std::move(duplicate));
    return false;
  }
  doc->text.assign(bytes.data(), size);
  const uint32_t input = store_.AddMemory(path, std::move(bytes), size);
  EmitWhole(doc, path, Origin::kMemory, input, size);
  return true;
}

void DocumentReaderImpl::EmitWhole(Document* doc, const std::string& path,
                                   Origin::Kind kind, uint32_t input,
                                   uint64_t size) {
  if (!internal::IsValidUtf8(doc->text)) {
    Report(IngestIssue::kWarning, path,
           absl::StrCat("not valid UTF-8 (", kInvalidUtf8Kept,
                        "; text in another encoding needs iconv -f ENCODING "
                        "-t UTF-8 first)"));
  }
  doc->info.id = path;
  doc->info.source = pending_outlet_;
  stats_.outlets_from_folder += !pending_outlet_.empty();
  doc->info.date.clear();
  doc->info.date_ms = kNoDate;
  Origin origin;
  origin.kind = kind;
  origin.input = input;
  origin.offset = 0;
  origin.length = size;
  origin.line = 0;
  Emit(doc, origin);
}

void DocumentReaderImpl::StartJsonlFile(const std::string& path, ScopedFd fd,
                                        uint64_t size) {
  if (block_ == nullptr) {
    block_capacity_ = kBlockBytes;
    block_.reset(new char[block_capacity_ + kJsonlPadding]);
  }
  jsonl_ = JsonlInput();
  jsonl_.active = true;
  jsonl_.input = store_.AddFile(path, size);
  jsonl_.kind = Origin::kJsonl;
  jsonl_.fd = std::move(fd);
  jsonl_.data = block_.get();
  jsonl_.alloc = block_capacity_ + kJsonlPadding;
}

void DocumentReaderImpl::StartJsonlMemory(uint32_t input) {
  const absl::string_view data = store_.memory(input);
  jsonl_ = JsonlInput();
  jsonl_.active = true;
  jsonl_.input = input;
  jsonl_.kind = Origin::kMemory;
  jsonl_.data = data.data();
  jsonl_.size = data.size();
  jsonl_.alloc = data.size() + kJsonlPadding;
  jsonl_.eof = true;
}

void DocumentReaderImpl::FinishJsonl() {
  if (jsonl_.fd.valid() && jsonl_.eof) {
    store_.SetSize(jsonl_.input, jsonl_.window_offset + jsonl_.size);
  }
  jsonl_ = JsonlInput();
}

bool DocumentReaderImpl::Refill() {
  JsonlInput& in = jsonl_;
  if (in.pos == 0 && in.size == block_capacity_) {
    // One line fills the whole block.
    if (block_capacity_ > options_.max_file_bytes) {
      ++in.line;
      Skip(IngestIssue::kWarning, Location(in.input, in.line),
           absl::StrCat("line longer than ", options_.max_file_bytes,
                        " bytes, skipped"));
      in.skipping = true;
      in.window_offset += in.size;
      in.size = 0;
    } else {
      const size_t capacity = block_capacity_ * 2;
      std::unique_ptr<char[]> bigger(new char[capacity + kJsonlPadding]);
      std::memcpy(bigger.get(), block_.get(), in.size);
      block_ = std::move(bigger);
      block_capacity_ = capacity;
    }
  } else if (in.pos > 0) {
    const size_t tail = in.size - in.pos;
    std::memmove(block_.get(), block_.get() + in.pos, tail);
    in.window_offset += in.pos;
    in.size = tail;
    in.pos = 0;
  }
  in.data = block_.get();
  in.alloc = block_capacity_ + kJsonlPadding;
  const size_t want = block_capacity_ - in.size;
  const ssize_t got = ReadFully(in.fd.get(), block_.get() + in.size, want);
  if (got < 0) {
    SkipErrno(store_.paths()[in.input], errno);
    return false;
  }
  if (static_cast<size_t>(got) < want) in.eof = true;
  in.size += static_cast<size_t>(got);
  // simdjson may read the padding; give it defined bytes.
  std::memset(block_.get() + in.size, 0, kJsonlPadding);
  return true;
}

bool DocumentReaderImpl::NextJsonl(Document* doc) {
  JsonlInput& in = jsonl_;
  while (status_.ok()) {
    const char* begin = in.data + in.pos;
    const size_t avail = in.size - in.pos;
    const char* newline =
        avail == 0 ? nullptr
                   : static_cast<const char*>(std::memchr(begin, '\n', avail));
    if (in.skipping) {
      if (newline != nullptr) {
        in.pos = static_cast<size_t>(newline - in.data) + 1;
        in.skipping = false;
        continue;
      }
      in.pos = in.size;
      if (in.eof || !Refill()) break;
      continue;
    }
    size_t len;
    if (newline != nullptr) {
      len = static_cast<size_t>(newline - begin);
    } else if (!in.eof) {
      if (!Refill()) break;
      continue;
    } else if (avail == 0) {
      break;  // the end of the input
    } else {
      len = avail;  // a last line without a newline
    }
    const uint64_t offset = in.window_offset + in.pos;
    in.pos += len + (newline != nullptr ? 1 : 0);
    ++in.line;
    if (HandleLine(begin, len, offset, doc)) return true;
  }
  FinishJsonl();
  return false;
}

std::string DocumentReaderImpl::OtherFields(
    const char* begin, size_t len, size_t capacity,
    std::initializer_list<absl::string_view> read, absl::string_view how) {
  std::vector<std::string> fields = parser_.StringFieldNames(begin, len, capacity);
  fields.erase(std::remove_if(fields.begin(), fields.end(),
                              [&](const std::string& f) {
                                return std::find(read.begin(), read.end(), f) !=
                                       read.end();
                              }),
               fields.end());
  if (fields.empty()) return "";
  constexpr size_t kShown = 6;
  std::string out = " (its string fields: \"";
  for (size_t i = 0; i < fields.size() && i < kShown; ++i) {
    absl::StrAppend(&out, i ? "\", \"" : "", fields[i]);
  }
  absl::StrAppend(&out, fields.size() > kShown ? "\", ..." : "\"", "; ", how, ")");
  return out;
}

bool DocumentReaderImpl::HandleLine(const char* begin, size_t len,
                                    uint64_t offset, Document* doc) {
  JsonlInput& in = jsonl_;
  if (len > 0 && begin[len - 1] == '\r') --len;
  if (offset == 0 && len >= 3 && std::memcmp(begin, "\xEF\xBB\xBF", 3) == 0) {
    begin += 3;  // a UTF-8 byte order mark
    len -= 3;
    offset += 3;
  }
  if (offset == 0 && WideEncoding(absl::string_view(begin, len)) != nullptr) {
    // UTF-16 or UTF-32 throughout: the whole input is skipped, once.
    Skip(IngestIssue::kWarning, Location(in.input, 0),
         NulSkipReason(absl::string_view(begin, len)));
    in.eof = true;
    in.pos = in.size;
    return false;
  }
  size_t first = 0;
  while (first < len && IsLineSpace(begin[first])) ++first;
  if (first == len) return false;  // blank lines are skipped silently

  if (len > options_.max_file_bytes) {
    Skip(IngestIssue::kWarning, Location(in.input, in.line),
         absl::StrCat("line longer than ", options_.max_file_bytes,
                      " bytes, skipped"));
    return false;
  }
  const size_t capacity = in.alloc - static_cast<size_t>(begin - in.data);
  absl::Status status = parser_.Parse(names_, begin, len, capacity, &record_);
  if (!status.ok()) {
    Skip(IngestIssue::kError, Location(in.input, in.line),
         std::string(status.message()));
    return false;
  }
  if (record_.text.kind != JsonlField::kString) {
    std::string message = absl::StrCat("missing string field \"", names_.text, "\"");
    switch (record_.text.kind) {
      case JsonlField::kAbsent:
        message += OtherFields(begin, len, capacity,
                               {names_.id, names_.source, names_.date, names_.url},
                               "the text field is set with --text-field");
        break;
      case JsonlField::kInteger:
      case JsonlField::kNumber:
        message += " (it holds a number)";
        break;
      case JsonlField::kOther:
        message += " (it holds a boolean, an object or an array)";
        break;
      default:
        break;
    }
    Skip(IngestIssue::kError, Location(in.input, in.line), message);
    return false;
  }
  switch (record_.id.kind) {
    case JsonlField::kString:
    case JsonlField::kInteger:
      break;
    case JsonlField::kAbsent:
    case JsonlField::kNull:
      Skip(IngestIssue::kError, Location(in.input, in.line),
           absl::StrCat("missing string or integer field \"", names_.id, "\"",
                        record_.id.kind == JsonlField::kAbsent
                            ? OtherFields(begin, len, capacity,
                                          {names_.text, names_.source, names_.date},
                                          "the id field is set with --id-field")
                            : ""));
      return false;
    case JsonlField::kNumber:
    case JsonlField::kOther:
      Skip(IngestIssue::kError, Location(in.input, in.line),
           absl::StrCat(FieldName(names_.id),
                        " must be a string or an integer"));
      return false;
  }
  // One lookup: the id is claimed here, as nothing below skips the record.
  const auto claim =
      seen_.try_emplace(record_.id.value, Place{in.input, in.line});
  if (!claim.second) {
    Skip(IngestIssue::kError, Location(in.input, in.line),
         DuplicateMessage(record_.id.value, claim.first->second));
    return false;
  }
  // Warnings never skip the record. The location is built on the first.
  std::string location;
  auto warn = [&](std::string message) {
    if (location.empty()) location = Location(in.input, in.line);
    Report(IngestIssue::kWarning, location, std::move(message));
  };
  if (record_.text.invalid_utf8) {
    warn(absl::StrCat("invalid UTF-8 in text (", kInvalidUtf8Kept, ")"));
  }
  if (record_.text.lone_surrogate) {
    warn("unpaired surrogate escape in text (replaced with U+FFFD)");
  }
  const std::pair<const JsonlField*, const std::string*> others[] = {
      {&record_.id, &names_.id},
      {&record_.source, &names_.source},
      {&record_.date, &names_.date}};
  for (const auto& [field, name] : others) {
    if (field->kind == JsonlField::kString) {
      if (field->invalid_utf8) {
        warn(absl::StrCat("invalid UTF-8 in ", FieldName(*name), " (kept)"));
      }
      if (field->lone_surrogate) {
        warn(absl::StrCat("unpaired surrogate escape in ", FieldName(*name),
                          " (replaced with U+FFFD)"));
      }
    } else if (field != &record_.id && field->kind != JsonlField::kAbsent &&
               field->kind != JsonlField::kNull &&
               (field != &record_.date || (field->kind != JsonlField::kInteger &&
                                           field->kind != JsonlField::kNumber))) {
      warn(absl::StrCat(FieldName(*name), " is not a string, ignored"));
    }
  }
  doc->info.id = std::move(record_.id.value);
  if (record_.source.kind == JsonlField::kString &&
      !record_.source.value.empty()) {
    doc->info.source = std::move(record_.source.value);
  } else {
    // The page's address; collections keyed by address often carry no
    // other.
    const std::string* address =
        record_.url.kind == JsonlField::kString ? &record_.url.value
        : !options_.url_field.empty() && IsWebAddress(doc->info.id)
            ? &doc->info.id
            : nullptr;
    doc->info.source = address ? OutletFromUrl(*address) : std::string();
    stats_.outlets_from_url += !doc->info.source.empty();
  }
  doc->info.date_ms = kNoDate;
  if (record_.date.kind == JsonlField::kString) {
    doc->info.date = std::move(record_.date.value);
    if (std::optional<int64_t> ms = ParseDate(doc->info.date)) {
      doc->info.date_ms = *ms;
    } else if (!doc->info.date.empty()) {
      warn(absl::StrCat(FieldName(names_.date), " ", QuoteId(doc->info.date),
                        " is not a date read (ISO 8601, RFC 2822, \"June 5, "
                        "2018\" or Unix time): the document counts as undated"));
    }
  } else if (record_.date.kind == JsonlField::kInteger ||
             record_.date.kind == JsonlField::kNumber) {
    // Unix time, shown as written.
    doc->info.date = std::move(record_.date.value);
    if (std::optional<int64_t> ms = UnixTimeMillis(doc->info.date)) {
      doc->info.date_ms = *ms;
    } else {
      warn(absl::StrCat(FieldName(names_.date), " ", doc->info.date,
                        " is out of range for Unix time: the document counts "
                        "as undated"));
    }
  } else {
    doc->info.date.clear();
  }
  doc->text = std::move(record_.text.value);
  Origin origin;
  origin.kind = in.kind;
  origin.input = in.input;
  origin.offset = offset;
  origin.length = len;
  origin.line = in.line;
  Emit(doc, origin, /*claimed=*/true);
  return true;
}

}  // namespace
}  // namespace internal

absl::StatusOr<std::unique_ptr<DocumentReader>> NewDocumentReader(
    std::vector<std::string> inputs, IngestOptions options,
    IngestErrorSink sink) {
  if (inputs.empty()) return absl::InvalidArgumentError("no inputs");
  if (options.text_field.empty()) {
    return absl::InvalidArgumentError("empty text field name");
  }
  if (options.id_field.empty()) {
    return absl::InvalidArgumentError("empty id field name");
  }
  std::vector<internal::Glob> includes;
  std::vector<internal::Glob> excludes;
  for (const std::string& pattern : options.include_globs) {
    absl::StatusOr<internal::Glob> glob = internal::Glob::Compile(pattern);
    if (!glob.ok()) return glob.status();
    includes.push_back(*std::move(glob));
  }
  for (const std::string& pattern : options.exclude_globs) {
    absl::StatusOr<internal::Glob> glob = internal::Glob::Compile(pattern);
    if (!glob.ok()) return glob.status();
    excludes.push_back(*std::move(glob));
  }
  return std::unique_ptr<DocumentReader>(new internal::DocumentReaderImpl(
      std::move(inputs), std::move(options), std::move(includes),
      std::move(excludes), std::move(sink)));
}

}  // namespace reprint
