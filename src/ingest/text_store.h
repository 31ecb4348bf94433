// src/ingest/text_store.h
//
// The TextStore a DocumentReader fills while it reads. Inputs are files
// (read again with pread() on a descriptor opened per call) or memory inputs
// (standard input and other streams, kept whole with kJsonlPadding bytes of
// padding so that JSON Lines records can be parsed in place).
//
// Thread-safety: Add*() and SetSize() are for the reading thread only. Once
// reading has finished, Fetch() may be called from any number of threads:
// it reads only immutable state and keeps its scratch buffers and JSON parser
// thread-local.

#ifndef REPRINT_SRC_INGEST_TEXT_STORE_H_
#define REPRINT_SRC_INGEST_TEXT_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "reprint/document.h"
#include "reprint/ingest.h"
#include "src/ingest/jsonl.h"

namespace reprint {
namespace internal {

class TextStoreImpl : public TextStore {
 public:
  explicit TextStoreImpl(JsonlFieldNames names) : names_(std::move(names)) {}

  // Registers a file input of `size` bytes (as read); returns its index.
  uint32_t AddFile(std::string path, uint64_t size);
  // Records the final size of a file input once it was read to its end.
  void SetSize(uint32_t input, uint64_t size) { sizes_[input] = size; }

  // Registers a memory input. `bytes` holds `size` bytes of data followed by
  // at least kJsonlPadding bytes of padding. Returns its index.
  uint32_t AddMemory(std::string path, std::string bytes, uint64_t size);
  // The data of memory input `input` (padding after its end), or an empty
  // view for a file input. Stable while the store lives.
  absl::string_view memory(uint32_t input) const;

  // TextStore:
  absl::Status Fetch(const Origin& origin, std::string* text) const override;
  const std::vector<std::string>& paths() const override { return paths_; }

 private:
  struct MemoryInput {
    std::string bytes;  // data then padding
    uint64_t size = 0;
  };

  absl::Status FetchFile(const Origin& origin, std::string* text) const;
  absl::Status FetchJsonl(const Origin& origin, std::string* text) const;
  absl::Status FetchMemory(const Origin& origin, const MemoryInput& input,
                           std::string* text) const;
  // Parses the record data[0, size) (padded) and moves its text to *text.
  absl::Status ExtractText(const Origin& origin, const char* data, size_t size,
                           size_t capacity, std::string* text) const;

  JsonlFieldNames names_;
  // Opens (or reuses this thread's open) descriptor for `input` and checks
  // that the file still has the size it had when read.
  absl::Status OpenInput(uint32_t input, int* fd) const;
  // OpenInput() plus a check that the record lies inside the file.
  absl::Status OpenRecord(const Origin& origin, int* fd) const;

  const uint64_t id_ = NextId();  // tells stores apart in per-thread caches
  static uint64_t NextId();
  std::vector<std::string> paths_;
  std::vector<uint64_t> sizes_;
  std::vector<std::unique_ptr<MemoryInput>> memory_;  // null for files
};

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_INGEST_TEXT_STORE_H_
