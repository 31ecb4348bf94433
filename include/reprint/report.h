// include/reprint/report.h
//
// Passage-level reuse: which documents share passages, which passages, how
// much of each document they cover, and in which direction.
//
// Pipeline:
//   1. Sketch: every document is tokenised; its k-word shingles (k =
//      ReportOptions::seed_k) are winnowed (window w) into position-tagged
//      fingerprints. Text is released. A text seen before (an exact copy)
//      takes its first copy's fingerprints and is not read again in 4.
//   2. Boilerplate: fingerprints found in more than max_df documents, or
//      shared only among documents of one outlet (`source`), or repeated
//      by each of several outlets on its own pages (see README), never
//      seed a match; except that the documents made mostly of text over
//      max_df (copies of a story carried more widely) still pair with each
//      other.
//   3. Candidates: document pairs sharing at least min_shared seeds; the
//      seeds each pair shares are kept.
//   4. Alignment: both texts are fetched again; the shared seeds are
//      located in both, grouped into regions, and each region is anchored
//      on shared short shingles, chained and extended through reworded
//      words (align.h, AlignAroundSeeds). Work grows with the shared text,
//      not with the documents' lengths.
//      Where the passages match too few words, short exact phrases shared
//      in the same order may still reveal a heavy rewrite.
//   5. Pairs with enough aligned text are kept, except pairs of documents
//      of no known outlet that share only a header and a footer which one
//      of them shares with two or more others (a site's furniture, told by
//      its place where no outlet names it); that frame is also taken out
//      of the other pairs of such documents. Clusters are formed over them
//      (see README: a pair joins clusters only if it covers enough of the
//      shorter document, so one shared quote does not chain stories).

#ifndef REPRINT_REPORT_H_
#define REPRINT_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "reprint/align.h"
#include "reprint/dedupe.h"
#include "reprint/document.h"
#include "reprint/ingest.h"

namespace reprint {

struct ReportOptions {
  uint32_t seed_k = 5;         // words per seed shingle
  uint32_t window = 3;         // winnowing window (in shingles)
  uint32_t min_shared = 2;     // seeds a candidate pair must share
  uint32_t max_df = 0;         // 0: adaptive (see README)
  bool outlet_furniture = true;  // suppress text shared only within an outlet
  AlignOptions align;
  uint32_t min_pair_tokens = 20;    // aligned words a reported pair needs
  // A pair whose passages match fewer than min_pair_tokens words, but whose
  // documents share at least that many words in short phrases kept in the
  // same order, is reported with the stretch those span as one rewritten
  // passage: a heavy rewrite (align.h, AlignOptions::phrase_chain_words).
  bool phrase_chains = true;
  double min_cluster_coverage = 0.1;  // of the shorter document, to cluster
  // Wire-copy mode: only pairs involving the document with this id ("which
  // of these documents reuse this one"); empty for all pairs.
  std::string source_id;
  // Wire-copy mode for a whole feed: only pairs of a document of this
  // outlet (DocumentInfo::source) with a document of another ("which of
  // these documents reuse any of the agency's stories"); empty for all
  // pairs. When no document has this outlet, a page address or host name
  // stands for its site (OutletFromUrl(): "www.apnews.com" selects the
  // outlet "apnews.com"). Not with source_id.
  std::string source_outlet;
  int threads = 0;
  // Keep each passage's token-level edit script (Passage::ops), which word
  // diffs are rendered from, and the tokens alignment read
  // (ReportResult::token_sets). Without it passages keep their byte-level
  // edits only, for about a sixth less memory on large runs.
  bool keep_ops = true;
  // Align each pair of distinct contents once: a pair whose documents are
  // exact copies of an earlier pair's copies its passages. The output is
  // the same either way; false only to check that.
  bool share_copies = true;
  // Show boilerplate by example (--verbose): up to this many outlets'
  // furniture and as many phrases over the document-frequency cap
  // (ReportResult::suppressed). 0: none, and no texts read for it.
  uint32_t suppressed_examples = 0;
};

struct ReportPair {
  DocIndex a = 0, b = 0;      // a < b
  double coverage_a = 0;      // share of A's bytes inside reused passages
  double coverage_b = 0;
  std::optional<DocIndex> source;  // the earlier-dated side, if known
  std::vector<Passage> passages;
};

struct ReportCluster {
  std::vector<DocIndex> members;
  std::optional<DocIndex> source;
};

// Text suppressed as boilerplate, by example: the longest stretch of one
// document covered by suppressed fingerprints of one kind, or (kFrame) the
// longest passage of the first pair left out as a site's frame.
struct SuppressedExample {
  enum Kind : uint8_t { kOutlet, kOverMaxDf, kFrame };
  Kind kind = kOutlet;
  std::string source;         // the outlet (kOutlet)
  uint64_t fingerprints = 0;  // suppressed of this kind (and outlet) in all
  uint32_t documents = 0;     // the most documents one of them is in
  // kOverMaxDf: of those documents, the widely carried ones (made mostly
  // of text over the cap), among which it is reuse all the same.
  uint32_t carried = 0;
  // kOutlet: the most outlets one of its fingerprints is shared by (1: the
  // outlet's own; more: furniture several outlets repeat on their pages).
  uint32_t outlets = 0;
  // kFrame: the documents sharing a frame with the example's document,
  // itself included, are in `documents`; `fingerprints` is 0.
  DocIndex doc = 0;           // the document the example is from
  ByteRange bytes;            // the stretch, in doc's text
  uint32_t words = 0;         // its length in words
  std::string text;           // its bytes as read
};

struct ReportStats {
  uint64_t documents = 0;
  uint64_t skipped = 0;
  uint64_t errors = 0;
  uint64_t bytes = 0;
  uint64_t seeds = 0;              // fingerprints indexed
  uint64_t suppressed_df = 0;      // fingerprints over max_df
  uint64_t suppressed_outlet = 0;  // fingerprints of outlet furniture
  // Of those, furniture several outlets share, each repeating it on its
  // own pages (a network's footer, an agency's copyright line).
  uint64_t suppressed_shared = 0;
  // Fingerprints over max_df kept among widely carried documents (copies
  // of one story carried by more documents than max_df), and how many
  // documents those are.
  uint64_t carried = 0;
  uint64_t carried_docs = 0;
  uint32_t max_df = 0;             // the cap used
  // Documents whose text repeats an earlier one's exactly (sketched once,
  // with ReportOptions::share_copies), and documents read again for
  // alignment (such copies are not).
  uint64_t exact_copies = 0;
  uint64_t reread = 0;
  uint64_t candidates = 0;
  uint64_t aligned = 0;  // candidates aligned; the rest repeat a copy's
  uint64_t pairs = 0;
  uint64_t heavy_rewrites = 0;  // reported pairs with a phrase-chain passage
  // Pairs of documents with no known outlet that share only a header and
  // a footer, which one of them also shares with a third document: a
  // site's furniture, not reported (see README).
  uint64_t frame_pairs = 0;
  // Passages of such a frame left out of pairs that share more (two pages
  // of the site carrying one story); a pair left with too little to report
  // counts in frame_pairs.
  uint64_t frame_passages = 0;
  // Passages cut back to what lies outside both documents' frames.
  uint64_t frame_cuts = 0;
  uint64_t clusters = 0;
  double seconds = 0;
  // Wall time of each stage: read+sketch, candidates, re-read+prepare,
  // alignment, pairs and clusters.
  double sketch_seconds = 0, candidate_seconds = 0, fetch_seconds = 0,
         align_seconds = 0, finish_seconds = 0;
};

struct ReportResult {
  // Texts that could not be read again for alignment ("path: reason").
  std::vector<std::string> errors;
  std::vector<DocumentInfo> docs;
  std::vector<ReportPair> pairs;        // sorted by (a, b)
  std::vector<ReportCluster> clusters;  // sorted by first member
  std::vector<SuppressedExample> suppressed;  // outlets first, by size
  // Wire-copy mode (ReportOptions::source_id): the source document.
  std::optional<DocIndex> source;
  // Wire-copy mode for an outlet (ReportOptions::source_outlet): its name.
  std::string source_outlet;
  ReportStats stats;
  // With ReportOptions::keep_ops: the tokens alignment read of document d
  // are token_sets[token_set[d]] (byte ranges into its text as read), so
  // that rendering a passage finds its words without tokenising it again.
  // Exact copies share one set; token_set[d] is kNoTokens for a document
  // in no candidate pair. Empty without keep_ops.
  static constexpr uint32_t kNoTokens = UINT32_MAX;
  std::vector<std::vector<Token>> token_sets;
  std::vector<uint32_t> token_set;
};

// Runs the passage-reuse chain over everything `reader` yields.
absl::StatusOr<ReportResult> RunReport(DocumentReader* reader,
                                       const ReportOptions& options,
                                       const ProgressFn& progress = nullptr);

}  // namespace reprint

#endif  // REPRINT_REPORT_H_
