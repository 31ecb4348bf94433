// src/pipeline/batches.h
//
// Reads documents in batches of about `batch_bytes` of text on a producer
// thread while the caller processes the previous batch, so that parsing
// overlaps sketching. Batches arrive in input order.

#ifndef REPRINT_SRC_PIPELINE_BATCHES_H_
#define REPRINT_SRC_PIPELINE_BATCHES_H_

#include <functional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "reprint/document.h"
#include "reprint/ingest.h"

namespace reprint {
namespace internal {

// Calls fn(batch, index_of_first_document) for every batch, in order, on the
// calling thread. With `threads` > 1 a producer thread reads the next batches
// while fn runs (the reader is then used only from that thread); with one
// thread, batches are read in turn on the calling thread, so that a run
// asked to use one thread uses one core. The batches are the same either
// way.
void ForEachBatch(DocumentReader* reader, size_t batch_bytes, int threads,
                  const std::function<void(std::vector<Document>&, DocIndex)>& fn);

// Keeps the DocumentInfo of every batch without growing one vector by
// doubling (whose copies and fresh pages cost a serial 50 ms per 70,000
// documents), then hands them over as one vector.
class InfoChunks {
 public:
  // Moves the infos out of `batch`; returns the text bytes it held.
  uint64_t Add(std::vector<Document>& batch);
  size_t size() const { return size_; }
  // All infos so far, in order; leaves this empty.
  std::vector<DocumentInfo> Take();

 private:
  std::vector<std::vector<DocumentInfo>> chunks_;
  size_t size_ = 0;
};

// Exact copies among documents read in batches: each document's first
// document with the same text, told by a 128-bit hash of the text (two
// different texts share one with a chance of about 2^-128). Crawls hold
// many exact copies (a fifth of the benchmark corpus's bytes); a copy
// needs neither sketching nor reading again.
class TextCopies {
 public:
  using Hash = std::pair<uint64_t, uint64_t>;
  // Hash a text, best where the text is already in the cache (while it
  // is sketched): hashing a batch afresh read it from memory at about
  // 1 GB/s per thread.
  static Hash HashOf(const std::string& text);
  // The first batch's first document is 0.
  TextCopies() : shards_(kShards) {}
  // Assigns the documents base, base + 1, ... whose texts have `hashes`.
  void Add(const std::vector<Hash>& hashes, DocIndex base, int threads);
  // Document d's first document with its text (d itself if none).
  DocIndex first(DocIndex d) const { return first_[d]; }
  // Documents whose text an earlier document has.
  uint64_t copies() const { return copies_; }
  // Frees the hashes: no more batches will come.
  void Done();

 private:
  friend struct CopySlots;
  // Hashes are kept in shards by their top bits, filled in parallel, each
  // small enough to stay in the cache while a batch's hashes go in: one
  // table of a million texts' hashes (24 MB) cost a cache miss a document,
  // 0.4 s a million on one thread.
  static constexpr int kShardBits = 6;
  static constexpr size_t kShards = size_t{1} << kShardBits;
  std::vector<DocIndex> first_;
  std::vector<absl::flat_hash_map<Hash, DocIndex>> shards_;
  uint64_t copies_ = 0;
};

// Which slots of `docs` (ascending, as from DocsOf()) to read again.
struct CopySlots {
  // With `copies`: for each slot, the first slot whose document has the
  // same text (and the same `group`, when given, per document), itself
  // for the first of each text; only those are read, and the others use
  // their data. Without: every slot, each its own.
  CopySlots(const std::vector<DocIndex>& docs, const TextCopies* copies,
            const std::vector<uint8_t>* group = nullptr);

  std::vector<uint32_t> holder;
  std::vector<DocIndex> read;       // the documents of the slots read
  std::vector<uint32_t> read_slot;  // and their slots
};

// The documents that appear in `pairs`, ascending, each once.
std::vector<DocIndex> DocsOf(
    const std::vector<std::pair<DocIndex, DocIndex>>& pairs);

// Position of `doc` in `docs` (ascending, as from DocsOf()).
// REQUIRES: doc is in docs.
size_t SlotOf(const std::vector<DocIndex>& docs, DocIndex doc);

// Fetches the texts of `docs` (ascending DocIndex) on up to `threads`
// threads and calls fn(position, text) for each; fetch failures are
// appended to `errors` (in document order) and skipped.
void FetchAll(const TextStore& store, const std::vector<DocumentInfo>& infos,
              const std::vector<DocIndex>& docs, int threads,
              const std::function<void(size_t, const std::string&)>& fn,
              std::vector<std::string>* errors);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_PIPELINE_BATCHES_H_
