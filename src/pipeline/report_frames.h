// src/pipeline/report_frames.h
//
// A site's frame where nothing names the documents' outlet (no source,
// url, folder or mailing list): pages of one site share its header and
// footer around different stories. RunReport() marks the pairs whose
// passages are only such a frame; once a document shares a frame with two
// or more others, those pairs are left out, and the frames they show are
// taken out of the other pairs of such documents (README "How it works").

#ifndef REPRINT_SRC_PIPELINE_REPORT_FRAMES_H_
#define REPRINT_SRC_PIPELINE_REPORT_FRAMES_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "reprint/align.h"
#include "reprint/report.h"
#include "reprint/text.h"

namespace reprint {
namespace internal {

// What becomes of an aligned pair.
enum PairVerdict : uint8_t { kPairDropped, kPairReported, kPairFrame };

// Sets the pair's coverage of documents of `words_a` and `words_b` words;
// false when its passages have fewer than `min_tokens` equal words (no
// pair to report).
bool CoverPair(ReportPair* rp, size_t words_a, size_t words_b,
               uint64_t min_tokens);

// Whether a pair shares only a frame of both documents: a passage that
// starts near the start of both (a site's header) and one that ends near
// the end of both (its footer), every passage one of those, and less than
// half of either document; near: within a tenth of its words, or 12 (a
// page's own title before the header, its date after the footer). That is
// the shape of furniture two pages of one site share around different
// stories. A reused lede or ending alone is not a frame, and a story
// copied between such pages adds a passage in the middle.
bool SharesOnlyFrame(const std::vector<Passage>& passages, size_t words_a,
                     size_t words_b, double coverage_a, double coverage_b);

// The first pair left out as a frame (pairs.size() when none), and how
// many documents its document A shares a frame with, itself included.
struct FrameExample {
  size_t pair;
  uint32_t documents;
};

// Settles the pairs whose verdict is kPairFrame: left out (kPairDropped,
// counted in stats->frame_pairs) when either document shares a frame with
// two or more others, else reported. The left-out pairs' passages mark
// each document's frame; in every reported pair of two such documents a
// passage lying in both frames (nine tenths of its words) is left out
// (stats->frame_passages), one running into both from either end is cut
// back to what lies outside them (NarrowPassage(), stats->frame_cuts;
// left out when too little is left), and the pair's coverage is set
// again, or it is left out too when fewer than options.min_pair_tokens
// equal words remain. `tokens[slots[i].first]` and
// `tokens[slots[i].second]` are the tokens of pair i's documents.
FrameExample LeaveOutFrames(
    absl::Span<ReportPair> pairs, absl::Span<uint8_t> verdict,
    const std::vector<std::pair<uint32_t, uint32_t>>& slots,
    const std::vector<std::vector<Token>>& tokens, const ReportOptions& options,
    ReportStats* stats);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_PIPELINE_REPORT_FRAMES_H_
