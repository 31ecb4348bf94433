// src/pipeline/report_candidates.h
//
// The candidate stage of RunReport(): every document's winnowed
// fingerprints are turned into postings grouped by fingerprint; groups
// too common (over the document-frequency cap) or found only within one
// outlet are boilerplate; the others pair their documents, and the pairs
// sharing enough fingerprints are the candidates that alignment examines.

#ifndef REPRINT_SRC_PIPELINE_REPORT_CANDIDATES_H_
#define REPRINT_SRC_PIPELINE_REPORT_CANDIDATES_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/types/span.h"
#include "reprint/document.h"
#include "reprint/report.h"

namespace reprint {
namespace internal {

// Each document's fingerprints from star groups, ascending: document d's
// are hashes[begin[d] .. begin[d + 1]).
struct StarSeeds {
  std::vector<size_t> begin;
  std::vector<uint32_t> hashes;
  absl::Span<const uint32_t> Of(DocIndex d) const {
    return absl::MakeConstSpan(hashes).subspan(begin[d], begin[d + 1] - begin[d]);
  }
};

// A fingerprint group suppressed as boilerplate, kept for examples.
struct SuppressedGroup {
  uint32_t hash;
  uint32_t documents;
  DocIndex first;  // its first document where it is suppressed
  uint32_t carried = 0;  // its widely carried documents, paired all the same
  // Outlet furniture: the outlets sharing it (1: one outlet's own); 0: it
  // is over the cap instead.
  uint32_t outlets = 0;
};

struct ReportCandidates {
  // Candidate pairs (a < b), sorted.
  std::vector<std::pair<DocIndex, DocIndex>> pairs;
  // The fingerprints pair i was found through: hashes[begin[i] ..
  // begin[i + 1]), ascending. With star.Of() of both documents, all that
  // the two share (SharedFingerprints() in report.cc).
  std::vector<uint32_t> hashes;
  std::vector<size_t> begin;
  StarSeeds star;
  // Fingerprints suppressed as boilerplate: they seed no pair, and their
  // words are masked in alignment, except in the widely carried documents
  // (`widely_carried`) of groups in `carried`.
  absl::flat_hash_set<uint64_t> boilerplate;
  // Over the cap but kept among the documents made mostly of such text
  // (kCarriedMin in report_candidates.cc): one flag per document, and
  // the fingerprints that pair them.
  std::vector<uint8_t> widely_carried;
  absl::flat_hash_set<uint64_t> carried;
  // The suppressed groups, kept when options.suppressed_examples > 0.
  std::vector<SuppressedGroup> suppressed;
};

// Finds the candidate pairs of `docs` from their fingerprints
// (`*fingerprints`, one list per document, each fingerprint once in any
// order, released as they are read). `is_source` (one flag per document; null
// for all pairs): wire-copy mode, pairs of a flagged document with an unflagged
// one only; over the cap, a group is suppressed only if more than 8 of its
// documents are flagged (so a story carried everywhere still pairs with its
// source). Over the cap (in all-pairs mode), a group still pairs those of its
// documents that are mostly made of text over the cap: copies of one story
// carried more widely than the cap, rather than documents that share a
// phrase.
// Sets stats->seeds, max_df, suppressed_df, suppressed_outlet, carried and
// carried_docs.
ReportCandidates FindReportCandidates(
    std::vector<std::vector<uint32_t>>* fingerprints,
    const std::vector<DocumentInfo>& docs, const ReportOptions& options,
    const std::vector<uint8_t>* is_source, int threads, ReportStats* stats);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_PIPELINE_REPORT_CANDIDATES_H_
