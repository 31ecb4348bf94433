// Passage alignment: anchors -> exact runs -> chains -> diffed passages ->
// joined and grown through densely reworded stretches.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "reprint/align.h"
#include "reprint/shingle.h"
#include "src/align/anchors.h"
#include "src/align/lcs.h"
#include "src/util/radix_sort.h"
#include "src/util/stamped_table.h"

namespace reprint {
namespace {

// A maximal run of consecutive anchors on one diagonal: A tokens
// [i, i + len) equal B tokens [j, j + len).
struct Run {
  uint32_t i, j, len;
  uint32_t a_end() const { return i + len; }
  uint32_t b_end() const { return j + len; }
};

// More occurrences than this of one anchor shingle in B make it too
// repetitive to anchor on (lists, tables, refrains).
constexpr size_t kMaxAnchorRepeats = 8;

// Chaining looks back over at most this many runs (bounds the quadratic
// worst case on highly repetitive pairs).
constexpr size_t kMaxLookBack = 512;

// Text one document inserts (AlignOptions::max_insert) may replace at most
// this many words of the other: "Reuters. READ MORE: ..." where the other
// has "Reuters reported.".
constexpr uint32_t kSeamWords = 2;

// Whether a change of `wa` words of A for `wb` of B is text one document
// inserted: more than kSeamWords words added to one side, at most
// kSeamWords of the other replaced.
bool IsInsertion(uint32_t wa, uint32_t wb) {
  return std::min(wa, wb) <= kSeamWords &&
         std::max(wa, wb) - std::min(wa, wb) > kSeamWords;
}

// Whether `mask` marks any word in [x, y) as boilerplate (words past its
// end, or all of them when it is empty, are not): an anchor's few words,
// or a phrase gap of up to kMaxPhraseGap words, scanned 8 bytes at a time
// (cheaper than prefix counts over the span of all of a pair's runs, which
// can be most of two long documents).
bool AnyMasked(absl::Span<const uint8_t> mask, uint32_t x, uint32_t y) {
  y = static_cast<uint32_t>(std::min<size_t>(y, mask.size()));
  uint32_t t = x;
  for (; t + 8 <= y; t += 8) {
    uint64_t word;
    std::memcpy(&word, mask.data() + t, sizeof(word));
    if (word != 0) return true;
  }
  for (; t < y; ++t) {
    if (mask[t] != 0) return true;
  }
  return false;
}

// Run building along diagonals. state[d] remembers the last run started on
// diagonal d (its index + 1). It is never cleared: an entry is trusted only
// if it names an existing run on diagonal d whose last anchor is at A
// position i - 1, and at most one run can be that, so a stale entry is
// harmless. Anchors must come in ascending i, and within one i ascending j,
// for the runs to come out sorted by (i, j).
class DiagonalRuns {
 public:
  DiagonalRuns(uint32_t len_a, uint32_t len_b, uint32_t span,
               std::vector<Run>* runs)
      : len_a_(len_a), span_(span), runs_(runs) {
    thread_local std::vector<uint32_t> state;
    if (state.size() < size_t{len_a} + len_b + 1) {
      state.resize(size_t{len_a} + len_b + 1);
    }
    state_ = state.data();
  }
  void Add(uint32_t i, uint32_t j) {
    uint32_t& slot = state_[j + len_a_ - i];
    if (slot != 0 && slot <= runs_->size()) {
      Run& r = (*runs_)[slot - 1];
      if (r.j - r.i == j - i && r.i + (r.len - span_) + 1 == i && r.i < i) {
        ++r.len;
        return;
      }
    }
    runs_->push_back({i, j, span_});
    slot = static_cast<uint32_t>(runs_->size());
  }

 private:
  uint32_t len_a_, span_;
  std::vector<Run>* runs_;
  uint32_t* state_;
};

// Maximal runs of consecutive anchors on one diagonal, each anchor spanning
// `span` words, sorted by (i, j). `anchors` (packed) is reordered.
void RunsFromAnchors(std::vector<uint64_t>* anchors, uint32_t len_a,
                     uint32_t len_b, uint32_t span, std::vector<Run>* runs) {
  runs->clear();
  std::vector<uint64_t>& an = *anchors;
  if (an.empty()) return;
  if (an.size() * 16 < uint64_t{len_a} + len_b) {
    // Few anchors: sorting them by (diagonal, i) beats a pass over the
    // documents' lengths.
    internal::RadixSort64(&an);
    for (size_t s = 0; s < an.size();) {
      size_t e = s + 1;
      while (e < an.size() && (an[e] >> 32) == (an[s] >> 32) &&
             static_cast<uint32_t>(an[e]) == static_cast<uint32_t>(an[e - 1]) + 1) {
        ++e;
      }
      const uint32_t i = static_cast<uint32_t>(an[s]);
      const uint32_t j = static_cast<uint32_t>((an[s] >> 32) + i - len_a);
      runs->push_back({i, j, static_cast<uint32_t>(e - s) + span - 1});
      s = e;
    }
    std::sort(runs->begin(), runs->end(), [](const Run& u, const Run& v) {
      return (uint64_t{u.i} << 32 | u.j) < (uint64_t{v.i} << 32 | v.j);
    });
    return;
  }
  // Many anchors (long shared passages): a counting sort by i, the few
  // anchors of one i put in j order, then runs grown along diagonals.
  thread_local std::vector<uint64_t> by_i;
  thread_local std::vector<uint32_t> count;
  count.assign(size_t{len_a} + 1, 0);
  for (uint64_t v : an) ++count[static_cast<uint32_t>(v) + 1];
  for (size_t c = 1; c < count.size(); ++c) count[c] += count[c - 1];
  by_i.resize(an.size());
  for (uint64_t v : an) by_i[count[static_cast<uint32_t>(v)]++] = v;
  DiagonalRuns grow(len_a, len_b, span, runs);
  for (size_t s = 0; s < by_i.size();) {
    size_t e = s + 1;
    const uint32_t i = static_cast<uint32_t>(by_i[s]);
    while (e < by_i.size() && static_cast<uint32_t>(by_i[e]) == i) ++e;
    if (e - s > 1) std::sort(by_i.begin() + s, by_i.begin() + e);  // by j
    for (size_t t = s; t < e; ++t) {
      grow.Add(i, static_cast<uint32_t>((by_i[t] >> 32) + i - len_a));
    }
    s = e;
  }
}

struct Chain {
  uint32_t first = 0;           // index of its first run (smallest i)
  uint32_t a_end = 0, b_end = 0;  // furthest token ends of its runs
  uint32_t matched = 0;
};

// Per-thread buffers reused across pairs: alignment runs for hundreds of
// thousands of pairs, and allocating these afresh for each dominated a
// profile through malloc and page faults.
struct ChainScratch {
  std::vector<int64_t> best;  // twice the score: gap costs are halves
  std::vector<int64_t> prev;
  std::vector<uint32_t> reach;
  std::vector<uint64_t> order;
  std::vector<uint8_t> used;
  // Each run's A end, B end and length, side by side for NearShortRuns().
  std::vector<uint32_t> a_end, b_end, len;
};

// Calls fn(p) for each p in [lo, hi) with len[p] <= max_len whose ends
// a_end[p] and b_end[p] lie within [ri - below, ri + above] and
// [rj - below, rj + above]: the short runs that may precede a run starting
// at (ri, rj). Most runs looked at are not (chance repeats of a phrase,
// elsewhere in the other document): four are tested at once, without a
// branch each, where the test was most of the time of chaining.
template <typename Fn>
void NearShortRuns(const ChainScratch& s, size_t lo, size_t hi, uint32_t ri,
                   uint32_t rj, uint32_t below, uint32_t above,
                   uint32_t max_len, Fn&& fn) {
  // x in [r - below, r + above] as one unsigned comparison: the difference
  // x - (r - below), taken modulo 2^32, is at most below + above.
  const uint32_t a0 = ri - below, b0 = rj - below, width = below + above;
  size_t p = lo;
#if defined(__SSE2__)
  const __m128i flip = _mm_set1_epi32(INT32_MIN);  // unsigned as signed order
  const __m128i va0 = _mm_set1_epi32(static_cast<int32_t>(a0));
  const __m128i vb0 = _mm_set1_epi32(static_cast<int32_t>(b0));
  const __m128i vwidth =
      _mm_set1_epi32(static_cast<int32_t>(width ^ 0x80000000u));
  const __m128i vmax_len =
      _mm_set1_epi32(static_cast<int32_t>(max_len ^ 0x80000000u));
  auto load = [](const std::vector<uint32_t>& v, size_t at) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(v.data() + at));
  };
  for (; p + 4 <= hi; p += 4) {
    const __m128i da =
        _mm_xor_si128(_mm_sub_epi32(load(s.a_end, p), va0), flip);
    const __m128i db =
        _mm_xor_si128(_mm_sub_epi32(load(s.b_end, p), vb0), flip);
    const __m128i ln = _mm_xor_si128(load(s.len, p), flip);
    const __m128i out = _mm_or_si128(
        _mm_or_si128(_mm_cmpgt_epi32(da, vwidth), _mm_cmpgt_epi32(db, vwidth)),
        _mm_cmpgt_epi32(ln, vmax_len));
    int in = ~_mm_movemask_ps(_mm_castsi128_ps(out)) & 0xF;
    while (in != 0) {
      fn(p + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(in))));
      in &= in - 1;
    }
  }
#endif
  for (; p < hi; ++p) {
    if (s.a_end[p] - a0 <= width && s.b_end[p] - b0 <= width &&
        s.len[p] <= max_len) {
      fn(p);
    }
  }
}

// Chains runs that follow each other in both documents with gaps of at most
// max_gap words (a substituted, inserted or deleted stretch), scoring
// matched words minus a cost for gaps and for drifting off the diagonal,
// into *chains (best first).
void ChainRuns(const std::vector<Run>& runs, uint32_t k, uint32_t max_gap,
               std::vector<Chain>* chains) {
  thread_local ChainScratch scratch;
  const size_t n = runs.size();
  std::vector<int64_t>& best = scratch.best;
  std::vector<int64_t>& prev = scratch.prev;
  best.resize(n);  // best[r] and prev[r] are set as r is reached
  prev.resize(n);
  const int64_t overlap_tol = static_cast<int64_t>(k) - 1;
  // A run p can precede r only if it ends at most max_gap words before r
  // starts in A. Runs are sorted by i: short runs (len <= kShortRun) are
  // found by scanning back until their start is too far; the few long ones
  // (which would keep such a scan going) sit in a list pruned as r moves on.
  // Among equally good predecessors the latest wins, as a backward scan
  // taking only strict improvements would choose.
  constexpr uint32_t kShortRun = 8;
  std::vector<uint32_t>& long_runs = scratch.reach;
  long_runs.clear();
  auto consider = [&](size_t p, size_t r) {
    const Run& P = runs[p];
    const Run& R = runs[r];
    const int64_t gap_a = static_cast<int64_t>(R.i) - P.a_end();
    const int64_t gap_b = static_cast<int64_t>(R.j) - P.b_end();
    if (gap_a > static_cast<int64_t>(max_gap) || gap_b > static_cast<int64_t>(max_gap)) return;
    if (gap_a < -overlap_tol || gap_b < -overlap_tol) return;
    if (R.i <= P.i || R.j <= P.j) return;
    const int64_t overlap = std::max<int64_t>(0, std::max(-gap_a, -gap_b));
    // Twice the cost: half a word for each word of the longer gap and of
    // drift off the diagonal, a word for each word of overlap.
    const int64_t cost = std::max<int64_t>(0, std::max(gap_a, gap_b)) +
                         std::llabs(gap_a - gap_b) + 2 * overlap;
    const int64_t score = best[p] + 2 * int64_t{R.len} - cost;
    if (score > best[r] ||
        (score == best[r] && prev[r] >= 0 && static_cast<int64_t>(p) > prev[r])) {
      best[r] = score;
      prev[r] = static_cast<int64_t>(p);
    }
  };
  std::vector<uint32_t>& a_end = scratch.a_end;
  std::vector<uint32_t>& b_end = scratch.b_end;
  std::vector<uint32_t>& len = scratch.len;
  a_end.resize(n);
  b_end.resize(n);
  len.resize(n);
  for (size_t r = 0; r < n; ++r) {
    a_end[r] = runs[r].a_end();
    b_end[r] = runs[r].b_end();
    len[r] = runs[r].len;
  }
  size_t near = 0;  // the first run that can reach the current one
  for (size_t r = 0; r < n; ++r) {
    const Run& R = runs[r];
    best[r] = 2 * int64_t{R.len};
    prev[r] = -1;
    const size_t first = r > kMaxLookBack ? r - kMaxLookBack : 0;
    // Runs come sorted by i: those starting too far before R never reach
    // it, nor any later run.
    while (near < r && uint64_t{runs[near].i} + kShortRun + max_gap < R.i) {
      ++near;
    }
    // Only runs ending max_gap words before R starts to k - 1 words into it,
    // in both documents, pass consider()'s test.
    NearShortRuns(scratch, std::max(near, first), r, R.i, R.j, max_gap,
                  static_cast<uint32_t>(overlap_tol), kShortRun,
                  [&](size_t p) { consider(p, r); });
    size_t kept = 0;
    for (uint32_t p : long_runs) {
      if (uint64_t{runs[p].a_end()} + max_gap < R.i) continue;  // never again
      long_runs[kept++] = p;
      if (p >= first) consider(p, r);
    }
    long_runs.resize(kept);
    if (R.len > kShortRun) long_runs.push_back(static_cast<uint32_t>(r));
  }
  // Take chains greedily from the best end, never reusing a run.
  // Scores are positive: (~2 * score) << 32 | run sorts by score
  // descending, then by run.
  std::vector<uint64_t>& order = scratch.order;
  order.resize(n);
  for (uint32_t r = 0; r < n; ++r) {
    order[r] = (uint64_t{0xFFFFFFFFu - static_cast<uint32_t>(best[r])} << 32) | r;
  }
  internal::RadixSort64(&order);
  std::vector<uint8_t>& used = scratch.used;
  used.assign(n, 0);
  chains->clear();
  for (uint64_t key : order) {
    const uint32_t end = static_cast<uint32_t>(key);
    if (used[end]) continue;
    Chain c;
    for (int64_t r = end; r >= 0 && !used[r]; r = prev[r]) {
      used[r] = 1;
      c.first = static_cast<uint32_t>(r);
      c.matched += runs[r].len;
      c.a_end = std::max(c.a_end, runs[r].a_end());
      c.b_end = std::max(c.b_end, runs[r].b_end());
    }
    chains->push_back(c);
  }
}

bool Overlaps(uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2) {
  return b1 < e2 && b2 < e1;
}

// Whether `p` overlaps any of `accepted` in either document.
bool OverlapsAny(const Passage& p, const std::vector<Passage>& accepted) {
  for (const Passage& q : accepted) {
    if (Overlaps(p.ta.begin, p.ta.end, q.ta.begin, q.ta.end) ||
        Overlaps(p.tb.begin, p.tb.end, q.tb.begin, q.tb.end)) {
      return true;
    }
  }
  return false;
}

// Words between two disjoint token ranges (0 when they overlap or touch).
uint32_t Distance(TokenRange x, TokenRange y) {
  return x.end <= y.begin   ? y.begin - x.end
         : y.end <= x.begin ? x.begin - y.end
                            : 0;
}

// Heavy-rewrite evidence: chains exact runs of at least `min_len` words
// that follow each other in both documents, each word of the longer gap
// between two runs costing kPhraseGapCost of a matched word, and returns
// the best-scoring chain. A reworded copy keeps short phrases of its source
// in order, tens of words apart; chance phrases of two long texts on one
// topic lie hundreds of words apart, where a gap costs more than a phrase
// brings.
constexpr double kPhraseGapCost = 0.05;
// Gaps longer than this are never bridged (their cost, 10 words, is more
// than most phrases bring), which bounds the look-back.
constexpr uint32_t kMaxPhraseGap = 200;


PhraseChain ChainPhrases(absl::Span<const Run> all, uint32_t min_len,
                         absl::Span<const uint8_t> mask_a,
                         absl::Span<const uint8_t> mask_b) {
  thread_local std::vector<Run> rs;
  thread_local std::vector<double> best;
  thread_local std::vector<int64_t> prev;
  rs.clear();
  for (const Run& r : all) {
    if (r.len >= min_len) rs.push_back(r);
  }
  PhraseChain chain;
  if (rs.empty()) return chain;
  // Regions that overlap in one document find the same run twice: it
  // counts once.
  std::sort(rs.begin(), rs.end(), [](const Run& u, const Run& v) {
    return u.i != v.i ? u.i < v.i : u.j != v.j ? u.j < v.j : u.len > v.len;
  });
  rs.erase(std::unique(rs.begin(), rs.end(),
                       [](const Run& u, const Run& v) {
                         return u.i == v.i && u.j == v.j;
                       }),
           rs.end());
  const size_t n = rs.size();
  best.resize(n);  // best[r] and prev[r] are set as r is reached
  prev.resize(n);
  size_t top = 0;
  for (size_t r = 0; r < n; ++r) {
    const Run& R = rs[r];
    best[r] = R.len;
    prev[r] = -1;
    // Runs are sorted by start in A; one that starts more than the gap
    // limit plus a long phrase before R is not looked at.
    const size_t first = r > kMaxLookBack ? r - kMaxLookBack : 0;
    for (size_t q = r; q-- > first;) {
      const Run& P = rs[q];
      if (uint64_t{P.i} + kMaxPhraseGap + 64 < R.i) break;
      if (P.a_end() > R.i || P.b_end() > R.j) continue;
      const uint32_t gap = std::max(R.i - P.a_end(), R.j - P.b_end());
      if (gap > kMaxPhraseGap) continue;
      const double score = best[q] + R.len - kPhraseGapCost * gap;
      // Boilerplate between two phrases ends a chain, as a long gap ends
      // a passage: a template (mail headers, a page's furniture) repeats
      // its fixed phrases in order around the masked parts.
      if (score <= best[r] || AnyMasked(mask_a, P.a_end(), R.i) ||
          AnyMasked(mask_b, P.b_end(), R.j)) {
        continue;
      }
      best[r] = score;
      prev[r] = static_cast<int64_t>(q);
    }
    if (best[r] > best[top]) top = r;
  }
  chain.a.end = rs[top].a_end();
  chain.b.end = rs[top].b_end();
  for (int64_t r = static_cast<int64_t>(top); r >= 0; r = prev[r]) {
    chain.words += rs[r].len;
    chain.a.begin = rs[r].i;
    chain.b.begin = rs[r].j;
  }
  return chain;
}

}  // namespace

AlignDoc PrepareAlignDoc(absl::Span<const Token> tokens, uint32_t anchor_k,
                         absl::Span<const uint8_t> mask) {
  AlignDoc doc = UnpreparedAlignDoc(tokens, anchor_k, mask);
  if (tokens.size() < doc.anchor_k) return doc;
  std::vector<uint64_t> hashes;
  ShingleHashes(tokens, static_cast<int>(doc.anchor_k), &hashes);
  doc.anchors.reserve(hashes.size());
  for (uint32_t pos = 0; pos < hashes.size(); ++pos) {
    if (!AnyMasked(mask, pos, pos + doc.anchor_k)) {
      doc.anchors.push_back((hashes[pos] >> 32 << 32) | pos);
    }
  }
  internal::RadixSort64(&doc.anchors);
  // Drop anchors repeated too often to be informative.
  size_t out = 0;
  for (size_t s = 0; s < doc.anchors.size();) {
    size_t e = s + 1;
    while (e < doc.anchors.size() &&
           (doc.anchors[e] >> 32) == (doc.anchors[s] >> 32)) {
      ++e;
    }
    if (e - s <= kMaxAnchorRepeats) {
      for (size_t t = s; t < e; ++t) doc.anchors[out++] = doc.anchors[t];
    }
    s = e;
  }
  doc.anchors.resize(out);
  return doc;
}

std::vector<Passage> AlignPassages(absl::Span<const Token> a,
                                   absl::Span<const Token> b,
                                   const AlignOptions& options,
                                   absl::Span<const uint8_t> mask_a,
                                   absl::Span<const uint8_t> mask_b) {
  return AlignPrepared(PrepareAlignDoc(a, options.anchor_k, mask_a),
                       PrepareAlignDoc(b, options.anchor_k, mask_b), options);
}

namespace {

// Moves `op` from token indices relative to spans at a0 and b0 to
// whole-document ones.
void ShiftOp(uint32_t a0, uint32_t b0, DiffOp* op) {
  op->a_begin += a0;
  op->a_end += a0;
  op->b_begin += b0;
  op->b_end += b0;
}

// The words `ops` keep equal.
uint32_t EqualWords(const std::vector<DiffOp>& ops) {
  uint32_t n = 0;
  for (const DiffOp& op : ops) {
    if (op.kind == DiffOp::kEqual) n += op.a_end - op.a_begin;
  }
  return n;
}

void SetSimilarity(Passage* p) {
  p->similarity = 2.0 * p->equal_tokens / (p->ta.size() + p->tb.size());
}

// Fills p's edit script, equal words and similarity from the diff of its
// token ranges (p.ta, p.tb).
void DiffRanges(absl::Span<const Token> a, absl::Span<const Token> b,
                Passage* p) {
  std::vector<DiffOp> ops = DiffTokens(a.subspan(p->ta.begin, p->ta.size()),
                                       b.subspan(p->tb.begin, p->tb.size()));
  for (DiffOp& op : ops) ShiftOp(p->ta.begin, p->tb.begin, &op);
  p->equal_tokens = EqualWords(ops);
  p->ops = std::move(ops);
  SetSimilarity(p);
}

// Sets p's kind, byte ranges and byte-level edits from its edit script.
void FinishPassage(absl::Span<const Token> a, absl::Span<const Token> b,
                   Passage* p) {
  p->kind = Passage::kVerbatim;
  p->inserted_a = p->inserted_b = 0;
  // Byte-level edits: merge each run of non-equal ops into one edit. The
  // edits are counted first, so that they are stored at their exact size.
  size_t edits = 0;
  for (size_t o = 0; o < p->ops.size(); ++o) {
    edits += p->ops[o].kind != DiffOp::kEqual &&
             (o == 0 || p->ops[o - 1].kind == DiffOp::kEqual);
  }
  p->edits.clear();
  p->edits.reserve(edits);
  for (size_t o = 0; o < p->ops.size();) {
    if (p->ops[o].kind == DiffOp::kEqual) {
      ++o;
      continue;
    }
    p->kind = Passage::kRewritten;
    uint32_t ab = p->ops[o].a_begin, ae = p->ops[o].a_end;
    uint32_t bb = p->ops[o].b_begin, be = p->ops[o].b_end;
    for (++o; o < p->ops.size() && p->ops[o].kind != DiffOp::kEqual; ++o) {
      ae = p->ops[o].a_end;
      be = p->ops[o].b_end;
    }
    if (IsInsertion(ae - ab, be - bb)) {
      (ae - ab > be - bb ? p->inserted_a : p->inserted_b) +=
          std::max(ae - ab, be - bb) - std::min(ae - ab, be - bb);
    }
    // Empty sides sit at the start of the next token (or the end of the
    // previous one at the passage's end: never the case, passages end
    // on an equal run).
    Passage::Edit edit;
    edit.a = ab < ae ? ByteRange{a[ab].begin, a[ae - 1].end}
                     : ByteRange{a[ab].begin, a[ab].begin};
    edit.b = bb < be ? ByteRange{b[bb].begin, b[be - 1].end}
                     : ByteRange{b[bb].begin, b[bb].begin};
    p->edits.push_back(edit);
  }
  p->a = {a[p->ta.begin].begin, a[p->ta.end - 1].end};
  p->b = {b[p->tb.begin].begin, b[p->tb.end - 1].end};
}

// Drops the changes at either end of p's edit script, so that it starts
// and ends on shared words, and narrows p's token ranges and similarity
// to match. False when the script shares no word.
bool StartAndEndOnSharedWords(Passage* p) {
  std::vector<DiffOp>& ops = p->ops;
  size_t first = 0, last = ops.size();
  while (first < last && ops[first].kind != DiffOp::kEqual) ++first;
  while (last > first && ops[last - 1].kind != DiffOp::kEqual) --last;
  if (first == last) return false;
  ops.erase(ops.begin() + last, ops.end());
  ops.erase(ops.begin(), ops.begin() + first);
  p->ta = {ops.front().a_begin, ops.back().a_end};
  p->tb = {ops.front().b_begin, ops.back().b_end};
  SetSimilarity(p);
  return true;
}

PhraseChain WidenPhraseChain(const AlignDoc& da, const AlignDoc& db,
                             PhraseChain chain,
                             const std::function<void()>& prepare);

// Applies options.phrase_chain_words (see AlignOptions) to the passages
// found among `runs`: a chain of ordered phrases spanning a heavy rewrite
// becomes one rewritten passage, absorbing the passages it overlaps in
// either document (and what those reach), so that passages stay disjoint;
// unless one of them aligns the words it shares with the chain far from
// the chain in the other document: then there is no chain.
//
// `prepare`, when given, means `runs` cover only regions of the documents:
// a chain found there that reaches half the words needed is looked for
// around it (WidenPhraseChain(), which calls `prepare` before it reads the
// documents' anchors), as a rewrite's phrases may lie beyond the regions.
void AddPhrasePassage(const AlignDoc& da, const AlignDoc& db,
                      absl::Span<const Run> runs, const AlignOptions& options,
                      const std::function<void()>* prepare,
                      std::vector<Passage>* passages) {
  absl::Span<const Token> a = da.tokens, b = db.tokens;
  const uint32_t need = options.phrase_chain_words;
  if (need == 0) return;
  uint32_t equal = 0;
  for (const Passage& p : *passages) equal += p.equal_tokens;
  if (equal >= need) return;
  PhraseChain chain = ChainPhrases(
      runs, std::max<uint32_t>(1, options.anchor_k) + 1, da.mask, db.mask);
  if (prepare != nullptr && chain.words < need && 2 * chain.words >= need) {
    chain = WidenPhraseChain(da, db, chain, *prepare);
  }
  if (chain.words < need) return;
  Passage merged;
  merged.ta = chain.a;
  merged.tb = chain.b;
  std::vector<uint8_t> absorbed(passages->size(), 0);
  for (bool grew = true; grew;) {
    grew = false;
    for (size_t i = 0; i < passages->size(); ++i) {
      const Passage& p = (*passages)[i];
      const bool in_a =
          Overlaps(p.ta.begin, p.ta.end, merged.ta.begin, merged.ta.end);
      const bool in_b =
          Overlaps(p.tb.begin, p.tb.end, merged.tb.begin, merged.tb.end);
      if (absorbed[i] || (!in_a && !in_b)) continue;
      // A passage holding some of the chain's words in one document but
      // aligning them far from it in the other (further than a phrase
      // gap) is better evidence of where those words came from than the
      // chain's short phrases: a licence blurb that shares its opening
      // verbatim with one passage of a long file and its set phrases
      // ("published by the Free Software Foundation; either version ...")
      // with another licence at the file's end. The chain is then chance.
      if (!in_a && Distance(p.ta, merged.ta) > kMaxPhraseGap) return;
      if (!in_b && Distance(p.tb, merged.tb) > kMaxPhraseGap) return;
      merged.ta = {std::min(merged.ta.begin, p.ta.begin),
                   std::max(merged.ta.end, p.ta.end)};
      merged.tb = {std::min(merged.tb.begin, p.tb.begin),
                   std::max(merged.tb.end, p.tb.end)};
      absorbed[i] = 1;
      grew = true;
    }
  }
  DiffRanges(a, b, &merged);
  // Both ranges end on a phrase, but the diff may pair a last word with an
  // earlier equal one and leave an edit at either end. (The phrases are a
  // common subsequence, so some word is always shared.)
  if (!StartAndEndOnSharedWords(&merged)) return;
  FinishPassage(a, b, &merged);
  merged.from_phrases = true;
  size_t kept = 0;
  for (size_t i = 0; i < passages->size(); ++i) {
    if (!absorbed[i]) {
      if (kept != i) (*passages)[kept] = std::move((*passages)[i]);
      ++kept;
    }
  }
  passages->resize(kept);
  passages->push_back(std::move(merged));
}

// Chains `runs` (from RunsFromAnchors()) and turns the chains that pass
// the options' thresholds into diffed passages, appended to `*accepted`
// unless they overlap a passage already there.
void PassagesFromRuns(absl::Span<const Token> a, absl::Span<const Token> b,
                      const std::vector<Run>& runs, const AlignOptions& options,
                      std::vector<Passage>* out) {
  if (runs.empty()) return;
  const uint32_t k = std::max<uint32_t>(1, options.anchor_k);
  thread_local std::vector<Chain> chains;
  ChainRuns(runs, k, options.max_gap, &chains);
  std::vector<Passage>& accepted = *out;
  for (const Chain& c : chains) {
    if (c.matched < options.min_equal_tokens) continue;
    const Run& first = runs[c.first];
    const uint32_t a_end = c.a_end, b_end = c.b_end;
    Passage p;
    p.ta = {first.i, a_end};
    p.tb = {first.j, b_end};
    if (std::max(p.ta.size(), p.tb.size()) < options.min_passage_tokens) continue;
    if (OverlapsAny(p, accepted)) continue;
    double density = static_cast<double>(c.matched) /
                     std::max(p.ta.size(), p.tb.size());
    if (density < options.min_anchor_density) continue;
    DiffRanges(a, b, &p);
    if (p.equal_tokens < options.min_equal_tokens ||
        p.similarity < options.min_similarity) {
      continue;
    }
    FinishPassage(a, b, &p);
    accepted.push_back(std::move(p));
  }
}

void SortByA(std::vector<Passage>* passages) {
  std::sort(passages->begin(), passages->end(),
            [](const Passage& x, const Passage& y) {
              return x.ta.begin < y.ta.begin;
            });
}

// Appends `ops` (token indices relative to the spans at a0 and b0) to
// *out, joining an equal op to an equal op before it.
void AppendOps(const std::vector<DiffOp>& ops, uint32_t a0, uint32_t b0,
               std::vector<DiffOp>* out) {
  for (DiffOp op : ops) {
    ShiftOp(a0, b0, &op);
    if (!out->empty() && out->back().kind == DiffOp::kEqual &&
        op.kind == DiffOp::kEqual) {
      out->back().a_end = op.a_end;
      out->back().b_end = op.b_end;
    } else {
      out->push_back(op);
    }
  }
}

// Whether the changes in `ops` (a gap's edit script) are text one side or
// the other inserted (IsInsertion()), with at most kSeamWords words
// replaced or changed beside each, `limit` words in all.
bool InsertionsOnly(const std::vector<DiffOp>& ops, uint32_t limit) {
  uint32_t inserts = 0, replaced = 0, words = 0;
  for (size_t o = 0; o < ops.size();) {
    if (ops[o].kind == DiffOp::kEqual) {
      ++o;
      continue;
    }
    uint32_t wa = 0, wb = 0;  // words of the change on each side
    for (; o < ops.size() && ops[o].kind != DiffOp::kEqual; ++o) {
      wa += ops[o].a_end - ops[o].a_begin;
      wb += ops[o].b_end - ops[o].b_begin;
    }
    const uint32_t shorter = std::min(wa, wb), longer = std::max(wa, wb);
    if (IsInsertion(wa, wb)) {
      ++inserts;
      replaced += shorter;
    } else if (longer <= kSeamWords) {
      replaced += longer;  // a small change between insertions
    } else {
      return false;  // other text on both sides
    }
    words += longer;
  }
  return inserts > 0 && replaced <= kSeamWords * inserts && words <= limit;
}

// Joins *q, which follows *p in both documents, into *p's ranges, script
// and equal words when the words between them qualify
// (AlignOptions::max_bridge, AlignOptions::max_insert); returns whether it
// did. The caller sets the similarity, kind and edits of the joined
// passage (FinishJoined()).
bool Bridge(const AlignDoc& da, const AlignDoc& db, const AlignOptions& options,
            Passage* p, const Passage& q) {
  if (q.ta.begin < p->ta.end || q.tb.begin < p->tb.end) return false;
  const uint32_t ga = q.ta.begin - p->ta.end, gb = q.tb.begin - p->tb.end;
  // Text one document inserted into the text both share
  // (AlignOptions::max_insert) is at most this long in all, and no longer
  // than the passages around it.
  const uint32_t insert_limit =
      std::min({options.max_insert, p->ta.size(), p->tb.size(), q.ta.size(),
                q.tb.size()});
  const bool may_insert = std::max(ga, gb) <= 2 * insert_limit;
  const bool bridgeable = ga <= options.max_bridge && gb <= options.max_bridge;
  if (ga + gb == 0 || (!may_insert && !bridgeable)) return false;
  // Boilerplate is never matched, but one side may have inserted it (an
  // outlet's promotion inside a story it copied), where the other side
  // holds at most a seam's words: then only an insertion joins them.
  const bool masked_a = AnyMasked(da.mask, p->ta.end, q.ta.begin);
  const bool masked_b = AnyMasked(db.mask, p->tb.end, q.tb.begin);
  const bool only_insertion = masked_a || masked_b;
  if ((masked_a && masked_b) || (masked_a && gb > kSeamWords) ||
      (masked_b && ga > kSeamWords)) {
    return false;
  }
  const absl::Span<const Token> gap_a = da.tokens.subspan(p->ta.end, ga);
  const absl::Span<const Token> gap_b = db.tokens.subspan(p->tb.end, gb);
  // A gap chaining would have bridged (at most max_gap words on either
  // side: the two passages were found apart, in two seed regions or two
  // chains) needs nothing more. The diff keeps at most the longest common
  // subsequence equal, which costs a fraction of the diff to find: most
  // longer stretches between two passages are other text.
  const bool short_gap = !only_insertion && bridgeable &&
                         ga <= options.max_gap && gb <= options.max_gap;
  auto alike = [&](uint32_t equal) {
    return !only_insertion && bridgeable &&
           2.0 * equal >= options.min_bridge_similarity * (ga + gb);
  };
  if (!short_gap) {
    const uint32_t common = internal::LcsLength(gap_a, gap_b);
    // Inserted text leaves at most insert_limit words of the longer gap
    // out of the common subsequence.
    if (!alike(common) &&
        !(may_insert && std::max(ga, gb) - common <= insert_limit)) {
      return false;
    }
  }
  const std::vector<DiffOp> gap = DiffTokens(gap_a, gap_b);
  const uint32_t equal = EqualWords(gap);
  if (!short_gap && !alike(equal) && !InsertionsOnly(gap, insert_limit)) {
    return false;
  }
  AppendOps(gap, p->ta.end, p->tb.end, &p->ops);
  AppendOps(q.ops, 0, 0, &p->ops);
  p->ta.end = q.ta.end;
  p->tb.end = q.tb.end;
  p->equal_tokens += equal + q.equal_tokens;
  return true;
}

// Sets the similarity, kind, byte ranges and edits of a passage whose
// ranges and script were joined or grown.
void FinishJoined(const AlignDoc& da, const AlignDoc& db, Passage* p) {
  SetSimilarity(p);
  FinishPassage(da.tokens, db.tokens, p);
}

// Applies AlignOptions::max_bridge and max_insert to `passages` (from
// PassagesFromRuns(), disjoint), which are left ordered by position in A.
void BridgePassages(const AlignDoc& da, const AlignDoc& db,
                    const AlignOptions& options, std::vector<Passage>* passages) {
  SortByA(passages);
  if ((options.max_bridge == 0 && options.max_insert == 0) ||
      passages->size() < 2) {
    return;
  }
  std::vector<Passage>& ps = *passages;
  // Where the passages start in B: a passage whose B side lies between
  // two that follow each other in A (they cross) keeps them apart, as the
  // words there are its own.
  thread_local std::vector<uint32_t> starts_b;
  starts_b.clear();
  for (const Passage& p : ps) starts_b.push_back(p.tb.begin);
  std::sort(starts_b.begin(), starts_b.end());
  auto crossed = [&](const Passage& p, const Passage& q) {
    auto it = std::lower_bound(starts_b.begin(), starts_b.end(), p.tb.end);
    return it != starts_b.end() && *it < q.tb.begin;
  };
  size_t last = 0;
  bool joined = false;  // ps[last] has taken in others
  for (size_t i = 1; i < ps.size(); ++i) {
    if (!crossed(ps[last], ps[i]) && Bridge(da, db, options, &ps[last], ps[i])) {
      joined = true;
      continue;
    }
    if (joined) FinishJoined(da, db, &ps[last]);
    joined = false;
    ++last;
    if (last != i) ps[last] = std::move(ps[i]);
  }
  if (joined) FinishJoined(da, db, &ps[last]);
  ps.resize(last + 1);
}

// How many words next to `from` (after it when `forward`, before it
// otherwise), up to `limit` and at most `window`, hold no boilerplate.
uint32_t UnmaskedReach(absl::Span<const uint8_t> mask, uint32_t from,
                       uint32_t limit, uint32_t window, bool forward) {
  if (forward) {
    const uint32_t end = from + std::min(window, limit > from ? limit - from : 0);
    uint32_t t = from;
    while (t < end && (t >= mask.size() || mask[t] == 0)) ++t;
    return t - from;
  }
  const uint32_t begin = from - std::min(window, from > limit ? from - limit : 0);
  uint32_t t = from;
  while (t > begin && (t - 1 >= mask.size() || mask[t - 1] == 0)) --t;
  return from - t;
}

// Extends *p by at most `window` words past one of its ends (its end when
// `forward`), never past `limit_a`, `limit_b` (where a neighbouring
// passage or the document begins or ends) nor into boilerplate: through
// the longest stretch there that ends on an equal word and whose words
// are at least min_bridge_similarity alike. The ops of the stretch go to
// the end of p->ops when `forward`, else to the end of *front, nearest
// first (reversed, for one join at the end). Returns whether it grew.
bool ExtendOnce(const AlignDoc& da, const AlignDoc& db, const AlignOptions& options,
                uint32_t window, uint32_t limit_a, uint32_t limit_b, bool forward,
                Passage* p, std::vector<DiffOp>* front) {
  const double need = options.min_bridge_similarity;
  const uint32_t from_a = forward ? p->ta.end : p->ta.begin;
  const uint32_t from_b = forward ? p->tb.end : p->tb.begin;
  const uint32_t na = UnmaskedReach(da.mask, from_a, limit_a, window, forward);
  const uint32_t nb = UnmaskedReach(db.mask, from_b, limit_b, window, forward);
  if (na == 0 || nb == 0) return false;
  const uint32_t a0 = forward ? from_a : from_a - na;
  const uint32_t b0 = forward ? from_b : from_b - nb;
  const absl::Span<const Token> wa = da.tokens.subspan(a0, na);
  const absl::Span<const Token> wb = db.tokens.subspan(b0, nb);
  // A stretch alike enough needs a fair share of the window's words.
  const uint32_t lcs = internal::LcsLength(wa, wb);
  if (lcs == 0 || 2.0 * lcs < need * std::min(na, nb)) return false;
  std::vector<DiffOp> ops = DiffTokens(wa, wb);
  if (!forward) std::reverse(ops.begin(), ops.end());  // nearest first
  // The farthest equal op up to which the stretch is alike enough.
  size_t keep = 0;
  uint32_t words = 0, equal = 0, kept_equal = 0;
  for (size_t o = 0; o < ops.size(); ++o) {
    const uint32_t n = ops[o].a_end - ops[o].a_begin + ops[o].b_end - ops[o].b_begin;
    words += n;
    if (ops[o].kind != DiffOp::kEqual) continue;
    equal += n / 2;
    if (2.0 * equal >= need * words) {
      keep = o + 1;
      kept_equal = equal;
    }
  }
  if (keep == 0) return false;
  ops.resize(keep);
  if (forward) {
    AppendOps(ops, a0, b0, &p->ops);
    p->ta.end = a0 + ops.back().a_end;
    p->tb.end = b0 + ops.back().b_end;
  } else {
    for (DiffOp op : ops) {
      ShiftOp(a0, b0, &op);
      front->push_back(op);
    }
    p->ta.begin = front->back().a_begin;
    p->tb.begin = front->back().b_begin;
  }
  p->equal_tokens += kept_equal;
  return true;
}

// Extends each of `passages` (ordered by position in A, disjoint) at both
// ends, a window of 2 * max_gap words at a time, through words that are
// reworded too densely to anchor on (see ExtendOnce()): the start and end
// of a spun copy, which no seeded region may reach.
void ExtendPassages(const AlignDoc& da, const AlignDoc& db,
                    const AlignOptions& options, std::vector<Passage>* passages) {
  if (options.max_bridge == 0 || passages->empty()) return;
  const uint32_t window = std::max<uint32_t>(2 * options.max_gap, 8);
  const uint32_t na = static_cast<uint32_t>(da.tokens.size());
  const uint32_t nb = static_cast<uint32_t>(db.tokens.size());
  std::vector<Passage>& ps = *passages;
  // Disjoint passages ordered by start are ordered by end too: a passage's
  // neighbours in A are the ones before and after it, in B the ones before
  // and after it in B's order. Their ranges are read as they stand when it
  // grows, so that two passages never grow into the same words.
  constexpr uint32_t kNone = UINT32_MAX;
  thread_local std::vector<std::pair<uint32_t, uint32_t>> by_b;  // (begin, index)
  thread_local std::vector<std::pair<uint32_t, uint32_t>> around_b;  // (prev, next)
  thread_local std::vector<DiffOp> front, joined;
  const size_t n = ps.size();
  by_b.resize(n);
  around_b.resize(n);
  for (size_t i = 0; i < n; ++i) by_b[i] = {ps[i].tb.begin, static_cast<uint32_t>(i)};
  std::sort(by_b.begin(), by_b.end());
  for (size_t r = 0; r < n; ++r) {
    around_b[by_b[r].second] = {r > 0 ? by_b[r - 1].second : kNone,
                                r + 1 < n ? by_b[r + 1].second : kNone};
  }
  for (size_t i = 0; i < n; ++i) {
    Passage& p = ps[i];
    const uint32_t before_a = i > 0 ? ps[i - 1].ta.end : 0;
    const uint32_t after_a = i + 1 < n ? ps[i + 1].ta.begin : na;
    const auto [prev_b, next_b] = around_b[i];
    const uint32_t before_b = prev_b != kNone ? ps[prev_b].tb.end : 0;
    const uint32_t after_b = next_b != kNone ? ps[next_b].tb.begin : nb;
    bool grew = false;
    while (ExtendOnce(da, db, options, window, after_a, after_b, true, &p, nullptr)) {
      grew = true;
    }
    front.clear();
    while (ExtendOnce(da, db, options, window, before_a, before_b, false, &p, &front)) {
      grew = true;
    }
    if (!grew) continue;
    if (!front.empty()) {
      joined.clear();
      std::reverse(front.begin(), front.end());
      AppendOps(front, 0, 0, &joined);
      AppendOps(p.ops, 0, 0, &joined);
      p.ops.assign(joined.begin(), joined.end());
    }
    FinishJoined(da, db, &p);
  }
}

// Joins passages (from PassagesFromRuns()) across densely reworded
// stretches, grows their ends through such stretches, then joins those
// that growing brought together (AlignOptions::max_bridge). Leaves them
// ordered by position in A.
void JoinAndGrow(const AlignDoc& da, const AlignDoc& db,
                 const AlignOptions& options, std::vector<Passage>* passages) {
  BridgePassages(da, db, options, passages);
  ExtendPassages(da, db, options, passages);
  BridgePassages(da, db, options, passages);
}

// Two documents with the same words (a file copied under another name, a
// story carried unchanged) share what is not boilerplate, verbatim: found
// at the cost of a comparison, where anchoring and diffing would cost tens
// of nanoseconds a word. As in the general path, boilerplate (masked words)
// anchors nothing, a stretch of it up to max_gap words long is bridged and
// a longer one ends the passage. Returns false when the documents differ.
bool IdenticalDocuments(const AlignDoc& da, const AlignDoc& db,
                        const AlignOptions& options, std::vector<Passage>* out) {
  absl::Span<const Token> a = da.tokens, b = db.tokens;
  if (a.size() != b.size() || a.empty() || da.mask.size() != db.mask.size()) {
    return false;
  }
  for (size_t t = 0; t < a.size(); ++t) {
    if (a[t].hash != b[t].hash) return false;
  }
  if (!std::equal(da.mask.begin(), da.mask.end(), db.mask.begin())) return false;
  const uint32_t n = static_cast<uint32_t>(a.size());
  const uint32_t k = std::max<uint32_t>(1, options.anchor_k);
  auto masked = [&](uint32_t t) { return !da.mask.empty() && da.mask[t] != 0; };
  auto emit = [&](uint32_t begin, uint32_t end, uint32_t matched) {
    const uint32_t len = end - begin;
    if (len < options.min_passage_tokens || matched < options.min_equal_tokens ||
        static_cast<double>(matched) / len < options.min_anchor_density) {
      return;
    }
    Passage p;
    p.ta = {begin, end};
    p.tb = {begin, end};
    p.a = {a[begin].begin, a[end - 1].end};
    p.b = {b[begin].begin, b[end - 1].end};
    p.kind = Passage::kVerbatim;
    p.similarity = 1.0;
    p.equal_tokens = len;
    DiffOp op;
    op.kind = DiffOp::kEqual;
    op.a_begin = op.b_begin = begin;
    op.a_end = op.b_end = end;
    p.ops.push_back(op);
    out->push_back(std::move(p));
  };
  // Unmasked stretches of at least k words are the runs; chain those whose
  // masked gap is at most max_gap.
  uint32_t begin = 0, end = 0, matched = 0;
  bool open = false;
  for (uint32_t t = 0; t < n;) {
    if (masked(t)) {
      ++t;
      continue;
    }
    uint32_t e = t;
    while (e < n && !masked(e)) ++e;
    if (e - t >= k) {
      if (open && t - end <= options.max_gap) {
        end = e;
        matched += e - t;
      } else {
        if (open) emit(begin, end, matched);
        begin = t;
        end = e;
        matched = e - t;
        open = true;
      }
    }
    t = e;
  }
  if (open) emit(begin, end, matched);
  return true;
}

}  // namespace

std::vector<Passage> AlignPrepared(const AlignDoc& da, const AlignDoc& db,
                                   const AlignOptions& options) {
  std::vector<Passage> out;
  const uint32_t k = std::max<uint32_t>(1, options.anchor_k);
  if (da.tokens.size() < k || db.tokens.size() < k) return out;
  if (IdenticalDocuments(da, db, options, &out)) return out;
  thread_local std::vector<uint64_t> anchors;
  thread_local std::vector<Run> runs;
  internal::CollectAnchors(da, db, &anchors);
  const uint32_t len_a = static_cast<uint32_t>(da.tokens.size());
  const uint32_t len_b = static_cast<uint32_t>(db.tokens.size());
  RunsFromAnchors(&anchors, len_a, len_b, std::min(k, std::min(len_a, len_b)),
                  &runs);
  PassagesFromRuns(da.tokens, db.tokens, runs, options, &out);
  JoinAndGrow(da, db, options, &out);
  AddPhrasePassage(da, db, runs, options, nullptr, &out);
  SortByA(&out);
  return out;
}

PhraseChain OrderedPhrases(const AlignDoc& da, const AlignDoc& db) {
  const uint32_t k = std::max<uint32_t>(1, da.anchor_k);
  const uint32_t len_a = static_cast<uint32_t>(da.tokens.size());
  const uint32_t len_b = static_cast<uint32_t>(db.tokens.size());
  if (len_a <= k || len_b <= k) return PhraseChain();
  thread_local std::vector<uint64_t> anchors;
  thread_local std::vector<Run> runs;
  internal::CollectAnchors(da, db, &anchors);
  RunsFromAnchors(&anchors, len_a, len_b, k, &runs);
  return ChainPhrases(runs, k + 1, da.mask, db.mask);
}

namespace {

// Token ranges [a0, a1) of A and [b0, b1) of B.
struct Region {
  uint32_t a0, a1, b0, b1;
  uint32_t seeds;
  uint64_t size() const { return uint64_t{a1 - a0} + (b1 - b0); }
};

bool RegionsOverlap(const Region& x, const Region& y) {
  return Overlaps(x.a0, x.a1, y.a0, y.a1) && Overlaps(x.b0, x.b1, y.b0, y.b1);
}

// Groups seeds that lie within `gap` tokens of each other in both documents
// into regions, pads each by `pad` tokens (clamped to the documents) and
// merges regions that then overlap in both.
// The regions are left in *regions (per-thread buffers: a pair's regions
// are allocated afresh for hundreds of thousands of pairs otherwise).
void SeedRegions(absl::Span<const SeedHit> seeds, uint32_t seed_k, uint32_t gap,
                 uint32_t pad, uint32_t na, uint32_t nb,
                 std::vector<Region>* regions_out) {
  // Sorted by (a, b) as packed keys: thousands of seeds for documents
  // that share most of their text.
  thread_local std::vector<uint64_t> keys;
  keys.resize(seeds.size());
  for (size_t s = 0; s < seeds.size(); ++s) {
    keys[s] = uint64_t{seeds[s].a} << 32 | seeds[s].b;
  }
  internal::RadixSort64(&keys);
  // A seed joins one of the last few regions it continues (a repeated
  // phrase can keep several open at once), or starts a new one.
  constexpr size_t kOpen = 8;
  std::vector<Region>& regions = *regions_out;
  regions.clear();
  for (uint64_t key : keys) {
    const SeedHit h{static_cast<uint32_t>(key >> 32),
                    static_cast<uint32_t>(key)};
    bool placed = false;
    for (size_t r = regions.size(); r-- > 0 && regions.size() - r <= kOpen;) {
      Region& g = regions[r];
      if (h.a > g.a1 + gap) continue;
      if (h.b + seed_k + gap < g.b0 || h.b > g.b1 + gap) continue;
      g.a1 = std::max(g.a1, h.a + seed_k);
      g.b0 = std::min(g.b0, h.b);
      g.b1 = std::max(g.b1, h.b + seed_k);
      ++g.seeds;
      placed = true;
      break;
    }
    if (!placed) regions.push_back({h.a, h.a + seed_k, h.b, h.b + seed_k, 1});
  }
  for (Region& g : regions) {
    g.a0 = g.a0 > pad ? g.a0 - pad : 0;
    g.b0 = g.b0 > pad ? g.b0 - pad : 0;
    g.a1 = std::min(na, g.a1 + pad);
    g.b1 = std::min(nb, g.b1 + pad);
  }
  // Merge until no two overlap in both documents: sorted by A start, a
  // region can only overlap those before it that reach past its start.
  for (bool merged = true; merged;) {
    merged = false;
    std::sort(regions.begin(), regions.end(), [](const Region& x, const Region& y) {
      return x.a0 != y.a0 ? x.a0 < y.a0 : x.b0 < y.b0;
    });
    thread_local std::vector<Region> out;
    out.clear();
    size_t reach_from = 0;  // out[reach_from..] may still reach later regions
    uint32_t max_a1 = 0;
    for (const Region& r : regions) {
      if (max_a1 <= r.a0) reach_from = out.size();
      bool absorbed = false;
      for (size_t x = out.size(); x-- > reach_from;) {
        Region& g = out[x];
        if (!RegionsOverlap(g, r)) continue;
        g = {std::min(g.a0, r.a0), std::max(g.a1, r.a1), std::min(g.b0, r.b0),
             std::max(g.b1, r.b1), g.seeds + r.seeds};
        absorbed = merged = true;
        max_a1 = std::max(max_a1, g.a1);
        break;
      }
      if (!absorbed) {
        out.push_back(r);
        max_a1 = std::max(max_a1, r.a1);
      }
    }
    regions.swap(out);
  }
}

// A cheap hash of the k-word shingle starting at t (k <= 3 words mixed
// with distinct odd multipliers; longer shingles use their first three).
// Only compared within one pair, so it need not match ShingleHashes().
inline uint64_t QuickShingle(const Token* t, uint32_t k) {
  uint64_t h = t[0].hash * 0x9E3779B97F4A7C15ull;
  if (k > 1) h ^= (t[1].hash * 0xC2B2AE3D27D4EB4Full) >> 7 | t[1].hash << 57;
  if (k > 2) h ^= (t[2].hash * 0x165667B19E3779F9ull) >> 13 | t[2].hash << 51;
  return h | 1;  // 0 marks an empty slot
}

// The runs of region g (as from RunsFromAnchors(), in whole-document
// positions): where A's and B's parts of g start the same k-word shingle,
// found through a small hash table of B's shingles, extended along their
// diagonal as consecutive A positions match. Masked shingles are left out,
// and so are shingles B's part repeats more than kMaxAnchorRepeats times, as
// in PrepareAlignDoc(). With `scaled_repeats`, shingles are left out that
// either part repeats more often than kMaxAnchorRepeats per length of its
// whole document: a window searched for phrases then drops the same
// repetitive markup (table cells, list items) a whole-document search
// drops. Returns the number of A words the anchors cover: no chain can
// match more (up to the k - 1 words two chained runs share).
uint32_t RegionRuns(const AlignDoc& da, const AlignDoc& db, const Region& g,
                    uint32_t k, std::vector<Run>* runs,
                    bool scaled_repeats = false) {
  uint64_t limit_a = UINT32_MAX, limit_b = kMaxAnchorRepeats;
  if (scaled_repeats) {
    limit_a = std::max<uint64_t>(
        1, uint64_t{kMaxAnchorRepeats} * (g.a1 - g.a0) / da.tokens.size());
    limit_b = std::max<uint64_t>(
        1, uint64_t{kMaxAnchorRepeats} * (g.b1 - g.b0) / db.tokens.size());
  }
  runs->clear();
  if (g.a1 - g.a0 < k || g.b1 - g.b0 < k) return 0;
  struct Shingle {
    uint32_t head;     // first B position with this shingle (+1; 0 = none)
    uint32_t count;
    uint32_t count_a;  // A positions with this shingle (scaled_repeats)
  };
  thread_local internal::StampedTable<Shingle> table;
  thread_local std::vector<uint32_t> next;  // next B position (+1)
  const uint32_t positions = g.b1 - g.b0 - k + 1;
  table.Reset(positions);
  next.resize(positions);
  // Inserted from the end, so that each list runs in ascending position.
  for (uint32_t t = positions; t-- > 0;) {
    if (AnyMasked(db.mask, g.b0 + t, g.b0 + t + k)) continue;
    Shingle& e = table[QuickShingle(&db.tokens[g.b0 + t], k)];
    next[t] = e.head;
    e.head = t + 1;
    ++e.count;
  }
  DiagonalRuns grow(static_cast<uint32_t>(da.tokens.size()),
                    static_cast<uint32_t>(db.tokens.size()), k, runs);
  // With scaled_repeats, A's shingles are looked up once: counted, and
  // the entries found kept for the pass that grows runs.
  thread_local std::vector<const Shingle*> found_a;
  if (scaled_repeats) {
    found_a.resize(g.a1 - g.a0 - k + 1);
    for (uint32_t i = g.a0; i + k <= g.a1; ++i) {
      Shingle* e = table.Find(QuickShingle(&da.tokens[i], k));
      found_a[i - g.a0] = e;
      if (e != nullptr) ++e->count_a;
    }
  }
  uint32_t covered = 0, covered_end = g.a0;
  for (uint32_t i = g.a0; i + k <= g.a1; ++i) {
    const Shingle* e = scaled_repeats
                           ? found_a[i - g.a0]
                           : table.Find(QuickShingle(&da.tokens[i], k));
    if (e == nullptr || e->count > limit_b || e->count_a > limit_a ||
        AnyMasked(da.mask, i, i + k)) {
      continue;
    }
    for (uint32_t t = e->head; t != 0; t = next[t - 1]) grow.Add(i, g.b0 + t - 1);
    covered += i + k - std::max(i, covered_end);
    covered_end = i + k;
  }
  return covered;
}

// Regions larger than this share of the two documents are aligned whole:
// the prepared anchors of whole documents are then cheaper than hashing the
// regions afresh.
constexpr double kWholeShare = 0.5;
// More regions than this: align whole documents (bounds the merging).
constexpr size_t kMaxRegions = 256;

// The best chain of ordered phrases around `chain` (one found in the seed
// regions), at least as good as it. A phrase more than kMaxPhraseGap words
// beyond a chain's ends cannot join it, so the search hashes a window
// reaching that far (and a long phrase's length) past the chain in both
// documents, and widens it again while the chain it finds grows. The
// window reaches at least as far as the chain is long, so it grows
// geometrically and the total work stays proportional to the last one. A
// window larger than kWholeShare of the documents gives way to their
// prepared anchors (after `prepare`), as in AlignAroundSeeds(). Looking
// only around the seeded reuse costs a fraction of a whole-document search
// for long documents, where most such searches find nothing, and ignores
// chance phrases far away from it.
PhraseChain WidenPhraseChain(const AlignDoc& da, const AlignDoc& db,
                             PhraseChain chain,
                             const std::function<void()>& prepare) {
  static constexpr uint32_t kReach = kMaxPhraseGap + 64;
  const uint32_t k = da.anchor_k;
  const uint32_t na = static_cast<uint32_t>(da.tokens.size());
  const uint32_t nb = static_cast<uint32_t>(db.tokens.size());
  // The window around `c`, joined with `w`.
  auto around = [&](const PhraseChain& c, const Region& w) {
    auto side = [](TokenRange r, uint32_t n, uint32_t lo, uint32_t hi,
                   uint32_t* begin, uint32_t* end) {
      const uint32_t reach = std::max(kReach, r.size());
      *begin = std::min(lo, r.begin > reach ? r.begin - reach : 0);
      *end = std::max(hi, static_cast<uint32_t>(
                              std::min<uint64_t>(n, uint64_t{r.end} + reach)));
    };
    Region out{0, 0, 0, 0, 0};
    side(c.a, na, w.a0, w.a1, &out.a0, &out.a1);
    side(c.b, nb, w.b0, w.b1, &out.b0, &out.b1);
    return out;
  };
  thread_local std::vector<Run> runs;
  Region window = around(chain, Region{na, 0, nb, 0, 0});
  for (;;) {
    if (static_cast<double>(window.size()) > kWholeShare * (uint64_t{na} + nb)) {
      if (prepare) prepare();
      PhraseChain whole = OrderedPhrases(da, db);
      return whole.words > chain.words ? whole : chain;
    }
    RegionRuns(da, db, window, k, &runs, /*scaled_repeats=*/true);
    PhraseChain found = ChainPhrases(runs, k + 1, da.mask, db.mask);
    if (found.words <= chain.words) return chain;
    chain = found;
    const Region wider = around(chain, window);
    if (wider.size() == window.size()) return chain;  // its reach is searched
    window = wider;
  }
}

}  // namespace

bool NarrowPassage(absl::Span<const Token> a, absl::Span<const Token> b,
                   TokenRange ta, TokenRange tb, uint32_t min_equal_tokens,
                   Passage* p) {
  if (ta.size() == 0 || tb.size() == 0) return false;
  p->ta = ta;
  p->tb = tb;
  DiffRanges(a, b, p);
  if (!StartAndEndOnSharedWords(p) || p->equal_tokens < min_equal_tokens) {
    return false;
  }
  FinishPassage(a, b, p);
  return true;
}

AlignDoc UnpreparedAlignDoc(absl::Span<const Token> tokens, uint32_t anchor_k,
                            absl::Span<const uint8_t> mask) {
  AlignDoc doc;
  doc.tokens = tokens;
  doc.mask = mask;
  doc.anchor_k = std::max<uint32_t>(1, anchor_k);
  return doc;
}

std::vector<Passage> AlignAroundSeeds(const AlignDoc& da, const AlignDoc& db,
                                      absl::Span<const SeedHit> seeds,
                                      uint32_t seed_k,
                                      const AlignOptions& options,
                                      const std::function<void()>& prepare) {
  std::vector<Passage> found;
  const uint32_t k = std::max<uint32_t>(1, options.anchor_k);
  const uint32_t na = static_cast<uint32_t>(da.tokens.size());
  const uint32_t nb = static_cast<uint32_t>(db.tokens.size());
  if (seeds.empty() || na < k || nb < k) return found;
  if (IdenticalDocuments(da, db, options, &found)) return found;
  // A passage reaches past its outermost seed through at most a couple of
  // gaps and anchors.
  const uint32_t pad = 2 * options.max_gap + 2 * k;
  thread_local std::vector<Region> regions;
  SeedRegions(seeds, seed_k, pad, pad, na, nb, &regions);
  uint64_t covered = 0;
  for (const Region& g : regions) covered += g.size();
  if (regions.size() > kMaxRegions ||
      static_cast<double>(covered) > kWholeShare * (uint64_t{na} + nb)) {
    if (prepare) prepare();
    return AlignPrepared(da, db, options);
  }
  const uint32_t need =
      options.min_equal_tokens > k - 1 ? options.min_equal_tokens - (k - 1) : 0;
  thread_local std::vector<Run> runs, all_runs;
  all_runs.clear();
  thread_local std::vector<Passage> local;
  for (const Region& g : regions) {
    const uint32_t anchored = RegionRuns(da, db, g, k, &runs);
    if (options.phrase_chain_words != 0) {
      all_runs.insert(all_runs.end(), runs.begin(), runs.end());
    }
    if (anchored < need) continue;
    local.clear();
    PassagesFromRuns(da.tokens, db.tokens, runs, options, &local);
    for (Passage& p : local) found.push_back(std::move(p));
  }
  if (regions.size() > 1) {
    // Regions may overlap in one document: keep the better passage.
    std::sort(found.begin(), found.end(), [](const Passage& x, const Passage& y) {
      if (x.equal_tokens != y.equal_tokens) return x.equal_tokens > y.equal_tokens;
      return x.ta.begin != y.ta.begin ? x.ta.begin < y.ta.begin
                                      : x.tb.begin < y.tb.begin;
    });
    std::vector<Passage> accepted;
    for (Passage& p : found) {
      if (!OverlapsAny(p, accepted)) accepted.push_back(std::move(p));
    }
    found.swap(accepted);
  }
  JoinAndGrow(da, db, options, &found);
  AddPhrasePassage(da, db, all_runs, options, &prepare, &found);
  SortByA(&found);
  return found;
}

}  // namespace reprint
