// include/reprint/dedupe.h
//
// Document-level near-duplicate detection: the whole chain from documents to
// clusters. Streaming in two passes:
//   1. every document is tokenised, shingled and MinHashed on worker threads;
//      only its LSH band keys and DocumentInfo are kept, the text is released;
//   2. the LSH index yields candidate pairs; the texts of the documents in
//      candidate pairs are fetched again (TextStore), their exact shingle sets
//      computed, and every candidate verified by exact Jaccard and
//      containment. Verified pairs are clustered by union-find.
// Memory therefore grows with the number of documents and of candidate
// documents, not with the text. The result is identical for any thread count.

#ifndef REPRINT_DEDUPE_H_
#define REPRINT_DEDUPE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "reprint/document.h"
#include "reprint/ingest.h"
#include "reprint/lsh.h"
#include "reprint/minhash.h"
#include "reprint/verify.h"

namespace reprint {

enum class KeepPolicy { kFirst, kLongest, kEarliest };

struct DedupeOptions {
  MinHashParams minhash;     // slots, shingle k, seed
  double threshold = 0.7;    // Jaccard at or above: duplicates
  // "A inside B" at or above: duplicates (0 disables). A trimmed re-crawl or
  // a shorter copy of a longer document is caught here.
  double containment = 0.9;
  // The Jaccard the LSH banding is tuned for; 0 chooses
  // min(threshold, 0.5) when containment is on, else threshold.
  double lsh_threshold = 0;
  KeepPolicy keep = KeepPolicy::kFirst;
  int threads = 0;           // 0: all hardware threads
  size_t batch_bytes = 4u << 20;  // text per batch in pass 1 (3 in flight)
};

struct DedupePair {
  DocIndex a = 0, b = 0;  // a < b (input order)
  Overlap overlap;
};

struct DedupeCluster {
  std::vector<DocIndex> members;  // ascending
  DocIndex keep = 0;
};

struct DedupeStats {
  uint64_t documents = 0;
  uint64_t skipped = 0;
  uint64_t errors = 0;
  uint64_t bytes = 0;
  // Documents whose text repeats an earlier one's exactly, and documents
  // read again for verification (such copies are not).
  uint64_t exact_copies = 0;
  uint64_t reread = 0;
  uint64_t candidates = 0;
  uint64_t pairs = 0;
  uint64_t clusters = 0;
  uint64_t duplicates = 0;  // documents that are dropped
  double seconds = 0;
  // Wall time of each stage: reading and sketching, candidate pairs,
  // re-reading and shingling candidates, exact comparison and clustering.
  double sketch_seconds = 0, candidate_seconds = 0, fetch_seconds = 0,
         verify_seconds = 0;
  Banding banding;
};

struct DedupeResult {
  std::vector<DocumentInfo> docs;  // indexed by DocIndex
  std::vector<DedupePair> pairs;   // sorted by (a, b)
  std::vector<DedupeCluster> clusters;  // sorted by first member
  DedupeStats stats;
  // Texts that could not be read again for verification ("path: reason").
  std::vector<std::string> errors;
};

// Progress reports: what is being counted ("documents read", "pairs
// aligned"), how many so far, and out of how many (0 when not known).
// Called from one thread at a time.
using ProgressFn =
    std::function<void(const char* what, uint64_t done, uint64_t total)>;

// Runs the dedupe chain over everything `reader` yields.
// Returns InvalidArgument for bad options, or the reader's error in strict
// mode. Per-document problems are reported by the reader and counted.
absl::StatusOr<DedupeResult> RunDedupe(DocumentReader* reader,
                                       const DedupeOptions& options,
                                       const ProgressFn& progress = nullptr);

// Chooses the survivor of `members` under `policy`: kFirst the earliest in
// input order, kLongest the most text bytes, kEarliest the earliest `date`
// (documents without one come last). Ties go to input order.
DocIndex ChooseKeep(const std::vector<DocIndex>& members,
                    const std::vector<DocumentInfo>& docs, KeepPolicy policy);

}  // namespace reprint

#endif  // REPRINT_DEDUPE_H_
