#include "src/pipeline/report_frames.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"

namespace reprint {
namespace internal {
namespace {

// Number of tokens inside the (non-overlapping) passages on one side, but
// for the text that side inserted into them.
uint64_t CoveredTokens(const std::vector<Passage>& passages, bool side_a) {
  uint64_t n = 0;
  for (const Passage& p : passages) {
    n += side_a ? p.ta.size() - p.inserted_a : p.tb.size() - p.inserted_b;
  }
  return n;
}

// Sorts `ranges` and merges those that overlap or touch.
void MergeRanges(std::vector<TokenRange>* ranges) {
  std::sort(ranges->begin(), ranges->end(),
            [](const TokenRange& x, const TokenRange& y) {
              return x.begin < y.begin;
            });
  size_t out = 0;
  for (const TokenRange& r : *ranges) {
    if (out > 0 && r.begin <= (*ranges)[out - 1].end) {
      (*ranges)[out - 1].end = std::max((*ranges)[out - 1].end, r.end);
    } else {
      (*ranges)[out++] = r;
    }
  }
  ranges->resize(out);
}

// Whether nine tenths of `r` lie inside the merged, sorted `ranges`: a
// frame's passage aligned with another page may reach a word further.
bool MostlyWithin(TokenRange r, const std::vector<TokenRange>& ranges) {
  uint64_t inside = 0;
  for (const TokenRange& f : ranges) {
    if (f.begin >= r.end) break;
    const uint32_t b = std::max(f.begin, r.begin), e = std::min(f.end, r.end);
    if (b < e) inside += e - b;
  }
  return inside * 10 >= uint64_t{r.size()} * 9;
}

// The part of `r` left when the frame (merged, sorted `ranges`) is cut
// from its ends: from the end of a frame range holding its first word,
// to the start of one holding its last (an empty range at r's end when
// that is all frame).
TokenRange OutsideFrame(TokenRange r, const std::vector<TokenRange>& ranges) {
  auto holding = [&](uint32_t t) -> const TokenRange* {
    auto it = std::upper_bound(
        ranges.begin(), ranges.end(), t,
        [](uint32_t x, const TokenRange& f) { return x < f.begin; });
    if (it == ranges.begin()) return nullptr;
    --it;
    return t < it->end ? &*it : nullptr;
  };
  if (r.size() == 0) return r;
  if (const TokenRange* f = holding(r.begin)) r.begin = std::min(f->end, r.end);
  if (r.size() == 0) return r;
  if (const TokenRange* f = holding(r.end - 1)) {
    r.end = std::max(f->begin, r.begin);
  }
  return r;
}

}  // namespace

bool CoverPair(ReportPair* rp, size_t words_a, size_t words_b,
               uint64_t min_tokens) {
  uint64_t equal = 0;
  for (const Passage& p : rp->passages) equal += p.equal_tokens;
  if (equal < min_tokens) return false;
  rp->coverage_a =
      words_a == 0
          ? 0
          : static_cast<double>(CoveredTokens(rp->passages, true)) / words_a;
  rp->coverage_b =
      words_b == 0
          ? 0
          : static_cast<double>(CoveredTokens(rp->passages, false)) / words_b;
  return true;
}

bool SharesOnlyFrame(const std::vector<Passage>& passages, size_t words_a,
                     size_t words_b, double coverage_a, double coverage_b) {
  if (coverage_a >= 0.5 || coverage_b >= 0.5) return false;
  const size_t near_a = std::max<size_t>(12, words_a / 10);
  const size_t near_b = std::max<size_t>(12, words_b / 10);
  bool head = false, foot = false;
  for (const Passage& p : passages) {
    const bool starts = p.ta.begin <= near_a && p.tb.begin <= near_b;
    const bool ends =
        p.ta.end + near_a >= words_a && p.tb.end + near_b >= words_b;
    if (!starts && !ends) return false;
    head = head || starts;
    foot = foot || ends;
  }
  return head && foot;
}

FrameExample LeaveOutFrames(
    absl::Span<ReportPair> pairs, absl::Span<uint8_t> verdict,
    const std::vector<std::pair<uint32_t, uint32_t>>& slots,
    const std::vector<std::vector<Token>>& tokens, const ReportOptions& options,
    ReportStats* stats) {
  // Frames each document shares; a pair of frames is furniture when
  // either document shares a frame with two or more.
  absl::flat_hash_map<DocIndex, uint32_t> frames;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (verdict[i] != kPairFrame) continue;
    ++frames[pairs[i].a];
    ++frames[pairs[i].b];
  }
  size_t example = pairs.size();
  // Where the frame lies in each document left out with one.
  absl::flat_hash_map<DocIndex, std::vector<TokenRange>> frame_of;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (verdict[i] != kPairFrame) continue;
    const ReportPair& rp = pairs[i];
    if (frames[rp.a] >= 2 || frames[rp.b] >= 2) {
      verdict[i] = kPairDropped;
      ++stats->frame_pairs;
      if (example == pairs.size()) example = i;
      for (const Passage& p : rp.passages) {
        frame_of[rp.a].push_back(p.ta);
        frame_of[rp.b].push_back(p.tb);
      }
    } else {
      verdict[i] = kPairReported;
    }
  }
  for (auto& [doc, ranges] : frame_of) MergeRanges(&ranges);
  // Two such documents that share a story too (two pages of the site
  // carrying it) share their frame beside it: those passages go, and a
  // passage that runs on from the frame into the story (nothing between
  // them differs) is cut back to the story.
  for (size_t i = 0; i < pairs.size() && !frame_of.empty(); ++i) {
    if (verdict[i] != kPairReported) continue;
    ReportPair& rp = pairs[i];
    const auto fa = frame_of.find(rp.a);
    const auto fb = frame_of.find(rp.b);
    if (fa == frame_of.end() || fb == frame_of.end()) continue;
    const size_t sa = slots[i].first, sb = slots[i].second;
    bool changed = false;
    size_t kept_passages = 0;
    for (size_t q = 0; q < rp.passages.size(); ++q) {
      Passage& p = rp.passages[q];
      if (MostlyWithin(p.ta, fa->second) && MostlyWithin(p.tb, fb->second)) {
        ++stats->frame_passages;
        changed = true;
        continue;
      }
      const TokenRange story_a = OutsideFrame(p.ta, fa->second);
      const TokenRange story_b = OutsideFrame(p.tb, fb->second);
      // Cut only where the passage runs into the frame in both.
      TokenRange ta = p.ta, tb = p.tb;
      if (story_a.begin > ta.begin && story_b.begin > tb.begin) {
        ta.begin = story_a.begin;
        tb.begin = story_b.begin;
      }
      if (story_a.end < ta.end && story_b.end < tb.end) {
        ta.end = story_a.end;
        tb.end = story_b.end;
      }
      if (ta.begin != p.ta.begin || ta.end != p.ta.end) {
        changed = true;
        if (!NarrowPassage(tokens[sa], tokens[sb], ta, tb,
                           options.align.min_equal_tokens, &p)) {
          ++stats->frame_passages;
          continue;
        }
        ++stats->frame_cuts;
        if (!options.keep_ops) std::vector<DiffOp>().swap(p.ops);
      }
      if (kept_passages != q) rp.passages[kept_passages] = std::move(p);
      ++kept_passages;
    }
    if (!changed) continue;
    rp.passages.resize(kept_passages);
    if (!CoverPair(&rp, tokens[sa].size(), tokens[sb].size(),
                   options.min_pair_tokens)) {
      verdict[i] = kPairDropped;
      ++stats->frame_pairs;
    }
  }
  return {example, example < pairs.size() ? frames[pairs[example].a] + 1 : 0};
}

}  // namespace internal
}  // namespace reprint
