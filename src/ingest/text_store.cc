// src/ingest/text_store.cc

#include "src/ingest/text_store.h"

#include <errno.h>
#include <sys/stat.h>

#include <atomic>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "src/ingest/file_util.h"

namespace reprint {
namespace internal {
namespace {

// Per-thread state for Fetch(): a parser and a padded read buffer.
// Records longer than this are fetched with LaxParseJsonlLine().
constexpr size_t kLongRecordBytes = 256 << 10;

struct FetchScratch {
  JsonlLineParser parser;
  JsonlRecord record;
  std::unique_ptr<char[]> buffer;
  size_t capacity = 0;

  char* Reserve(size_t n) {
    if (n > capacity) {
      buffer.reset(new char[n]);
      capacity = n;
    }
    return buffer.get();
  }
};

FetchScratch& Scratch() {
  thread_local FetchScratch scratch;
  return scratch;
}

absl::Status OpenError(const std::string& path, int err) {
  return absl::Status(ErrnoCode(err, absl::StatusCode::kDataLoss),
                      absl::StrCat(path, ": ", ErrnoText(err)));
}

absl::Status Changed(const std::string& path, absl::string_view detail) {
  return absl::DataLossError(
      absl::StrCat(path, ": file changed since it was read (", detail, ")"));
}

// The file a thread read from last, kept open: fetching thousands of
// records from one JSONL file then costs one pread each instead of
// open + fstat + pread + close.
struct OpenFileCache {
  uint64_t store_id = 0;
  uint32_t input = 0;
  ScopedFd fd;
};

OpenFileCache& FileCache() {
  thread_local OpenFileCache cache;
  return cache;
}

}  // namespace

uint64_t TextStoreImpl::NextId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1);
}

absl::Status TextStoreImpl::OpenInput(uint32_t input, int* fd) const {
  OpenFileCache& cache = FileCache();
  const std::string& path = paths_[input];
  if (!(cache.fd.valid() && cache.store_id == id_ && cache.input == input)) {
    ScopedFd opened = OpenForReading(path);
    if (!opened.valid()) return OpenError(path, errno);
    cache.fd = std::move(opened);
    cache.store_id = id_;
    cache.input = input;
  }
  // The size is checked on every fetch: a file rewritten in place keeps the
  // open descriptor valid but must still be reported as changed.
  struct stat st;
  if (::fstat(cache.fd.get(), &st) != 0) return OpenError(path, errno);
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size != sizes_[input]) {
    return Changed(path, absl::StrCat(size, " bytes, was ", sizes_[input]));
  }
  *fd = cache.fd.get();
  return absl::OkStatus();
}

uint32_t TextStoreImpl::AddFile(std::string path, uint64_t size) {
  paths_.push_back(std::move(path));
  sizes_.push_back(size);
  memory_.emplace_back();
  return static_cast<uint32_t>(paths_.size() - 1);
}

uint32_t TextStoreImpl::AddMemory(std::string path, std::string bytes,
                                  uint64_t size) {
  auto input = std::make_unique<MemoryInput>();
  input->bytes = std::move(bytes);
  input->size = size;
  paths_.push_back(std::move(path));
  sizes_.push_back(size);
  memory_.push_back(std::move(input));
  return static_cast<uint32_t>(paths_.size() - 1);
}

absl::string_view TextStoreImpl::memory(uint32_t input) const {
  const MemoryInput* m = memory_[input].get();
  if (m == nullptr) return absl::string_view();
  return absl::string_view(m->bytes.data(), m->size);
}

absl::Status TextStoreImpl::Fetch(const Origin& origin,
                                  std::string* text) const {
  if (origin.input >= paths_.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no input ", origin.input, " in the text store"));
  }
  if (const MemoryInput* m = memory_[origin.input].get()) {
    return FetchMemory(origin, *m, text);
  }
  switch (origin.kind) {
    case Origin::kFile:
      return FetchFile(origin, text);
    case Origin::kJsonl:
      return FetchJsonl(origin, text);
    case Origin::kMemory:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(paths_[origin.input], ": not an input kept in memory"));
}

absl::Status TextStoreImpl::OpenRecord(const Origin& origin, int* fd) const {
  absl::Status open = OpenInput(origin.input, fd);
  if (!open.ok()) return open;
  if (origin.offset + origin.length > sizes_[origin.input]) {
    return Changed(paths_[origin.input], "record past the end");
  }
  return absl::OkStatus();
}

absl::Status TextStoreImpl::FetchFile(const Origin& origin,
                                      std::string* text) const {
  const std::string& path = paths_[origin.input];
  int fd = -1;
  absl::Status open = OpenRecord(origin, &fd);
  if (!open.ok()) return open;
  text->resize(origin.length);
  const ssize_t got = PreadFully(fd, &(*text)[0], origin.length, origin.offset);
  if (got < 0) return OpenError(path, errno);
  if (static_cast<uint64_t>(got) != origin.length) {
    text->clear();
    return Changed(path, "short read");
  }
  return absl::OkStatus();
}

absl::Status TextStoreImpl::FetchJsonl(const Origin& origin,
                                       std::string* text) const {
  const std::string& path = paths_[origin.input];
  int fd = -1;
  absl::Status open = OpenRecord(origin, &fd);
  if (!open.ok()) return open;
  const uint64_t size = sizes_[origin.input];
  const uint64_t end = origin.offset + origin.length;
  // Read one byte more to check that the record still ends the line.
  const size_t want = origin.length + (end < size ? 1 : 0);
  FetchScratch& scratch = Scratch();
  char* buf = scratch.Reserve(want + kJsonlPadding);
  const ssize_t got = PreadFully(fd, buf, want, origin.offset);
  if (got < 0) return OpenError(path, errno);
  if (static_cast<size_t>(got) != want) return Changed(path, "short read");
  if (want > origin.length && buf[origin.length] != '\n' &&
      buf[origin.length] != '\r') {
    return Changed(path, absl::StrCat("line ", origin.line, " moved"));
  }
  return ExtractText(origin, buf, origin.length, want + kJsonlPadding, text);
}

absl::Status TextStoreImpl::FetchMemory(const Origin& origin,
                                        const MemoryInput& input,
                                        std::string* text) const {
  const std::string& path = paths_[origin.input];
  if (origin.offset > input.size ||
      origin.length > input.size - origin.offset) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": record past the end of the input"));
  }
  const char* data = input.bytes.data() + origin.offset;
  if (origin.line == 0) {
    text->assign(data, origin.length);
    return absl::OkStatus();
  }
  const size_t capacity = input.bytes.size() - origin.offset;
  return ExtractText(origin, data, origin.length, capacity, text);
}

absl::Status TextStoreImpl::ExtractText(const Origin& origin, const char* data,
                                        size_t size, size_t capacity,
                                        std::string* text) const {
  FetchScratch& scratch = Scratch();
  const std::string& path = paths_[origin.input];
  // The record was validated when it was first read. A long one is parsed
  // by the small permissive parser, which needs no buffers beyond the
  // decoded text, rather than by simdjson, whose parser would grow to
  // several times the record on every thread that fetched one.
  absl::Status status =
      size > kLongRecordBytes
          ? LaxParseJsonlLine(names_, absl::string_view(data, size),
                              &scratch.record)
          : scratch.parser.Parse(names_, data, size, capacity, &scratch.record);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ":", origin.line, ": ", status.message()));
  }
  if (scratch.record.text.kind != JsonlField::kString) {
    return absl::InvalidArgumentError(absl::StrCat(path, ":", origin.line,
                                                   ": missing string field \"",
                                                   names_.text, "\""));
  }
  *text = std::move(scratch.record.text.value);
  if (scratch.capacity > kLongRecordBytes + kJsonlPadding + 1) {
    scratch.buffer.reset();
    scratch.capacity = 0;
  }
  return absl::OkStatus();
}

}  // namespace internal
}  // namespace reprint
