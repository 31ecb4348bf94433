// include/reprint/document.h
//
// A Document is one text that reprint compares: a file, one line of a JSON
// Lines file, or standard input. Documents are numbered densely (DocIndex) in
// the order they were read; that order is the tie-breaker everywhere, so the
// output never depends on the thread count.
//
// Streaming: the pipeline keeps only DocumentInfo (id, outlet, date, where the
// text lives) for every document and releases the text once it is sketched.
// Later stages fetch the text again through a TextStore when a pair needs
// verification or alignment.

#ifndef REPRINT_DOCUMENT_H_
#define REPRINT_DOCUMENT_H_

#include <cstdint>
#include <string>

namespace reprint {

using DocIndex = uint32_t;

// Half-open byte range [begin, end) into a document's original text.
struct ByteRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool operator==(const ByteRange& o) const {
    return begin == o.begin && end == o.end;
  }
};

// Where a document's text can be read again.
//   kind == kFile:  the whole file `input` (bytes [offset, offset+length)).
//   kind == kJsonl: the JSON Lines record at byte `offset`, `length` bytes
//                   long (without the newline), line number `line` (1-based).
//   kind == kMemory: text kept in memory by the TextStore (standard input).
struct Origin {
  enum Kind : uint8_t { kFile, kJsonl, kMemory };
  Kind kind = kFile;
  uint32_t input = 0;   // index into TextStore::paths()
  uint64_t offset = 0;  // byte offset in that input
  uint64_t length = 0;  // bytes of the record or file
  uint64_t line = 0;    // JSONL line number, 1-based; 0 for whole files
};

// DocumentInfo::date_ms of a document without a (readable) date.
inline constexpr int64_t kNoDate = INT64_MIN;

// What the pipeline keeps of every document after its text is released.
struct DocumentInfo {
  std::string id;      // JSONL id (numbers as decimal text) or path as given
  std::string source;  // outlet; empty when unknown
  std::string date;    // as given; empty when unknown
  // `date` read by ParseDate(); kNoDate when empty or unreadable.
  int64_t date_ms = kNoDate;
  uint64_t text_bytes = 0;
  Origin origin;
};

// A document with its text, as yielded by ingestion.
struct Document {
  DocumentInfo info;
  std::string text;  // original bytes (UTF-8, possibly invalid)
};

}  // namespace reprint

#endif  // REPRINT_DOCUMENT_H_
