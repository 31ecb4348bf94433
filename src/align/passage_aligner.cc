// Passage alignment: anchors -> exact runs -> chains -> diffed passages.

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "reprint/align.h"
#include "reprint/shingle.h"
#include "src/util/radix_sort.h"

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

bool Masked(absl::Span<const uint8_t> mask, size_t pos, size_t k) {
  if (mask.empty()) return false;
  for (size_t t = pos; t < pos + k && t < mask.size(); ++t) {
    if (mask[t]) return true;
  }
  return false;
}

std::vector<Run> FindRuns(const AlignDoc& a, const AlignDoc& b) {
  // Anchors are the equal hashes of the two sorted lists: a merge join.
  struct Anchor {
    int64_t diag;
    uint32_t i, j;
  };
  thread_local std::vector<Anchor> anchors;
  thread_local std::vector<Anchor> tmp;
  thread_local std::vector<uint32_t> count;
  anchors.clear();
  const auto& x = a.anchors;
  const auto& y = b.anchors;
  auto emit = [&](size_t i0, size_t i1, size_t j0, size_t j1) {
    for (size_t p = i0; p < i1; ++p) {
      for (size_t q = j0; q < j1; ++q) {
        const uint32_t pi = static_cast<uint32_t>(x[p]);
        const uint32_t qj = static_cast<uint32_t>(y[q]);
        anchors.push_back({static_cast<int64_t>(qj) - pi, pi, qj});
      }
    }
  };
  // Branch-free stepping while the hashes differ (the common case: about
  // half the comparisons would mispredict), runs of equal hashes emitted.
  size_t i = 0, j = 0;
  const size_t nx = x.size(), ny = y.size();
  while (i < nx && j < ny) {
    const uint32_t hx = static_cast<uint32_t>(x[i] >> 32);
    const uint32_t hy = static_cast<uint32_t>(y[j] >> 32);
    if (hx != hy) {
      i += hx < hy;
      j += hy < hx;
      continue;
    }
    size_t i2 = i + 1, j2 = j + 1;
    while (i2 < nx && static_cast<uint32_t>(x[i2] >> 32) == hx) ++i2;
    while (j2 < ny && static_cast<uint32_t>(y[j2] >> 32) == hx) ++j2;
    emit(i, i2, j, j2);
    i = i2;
    j = j2;
  }
  // Order by (diagonal, i). Many anchors (long near-identical pairs): two
  // stable counting sorts, first by i then by diagonal, linear in the
  // anchors and the documents' lengths. Few anchors: a comparison sort.
  if (anchors.size() * 4 < a.tokens.size() + b.tokens.size()) {
    std::sort(anchors.begin(), anchors.end(),
              [](const Anchor& u, const Anchor& v) {
                return u.diag != v.diag ? u.diag < v.diag : u.i < v.i;
              });
  } else {
    const size_t len_a = a.tokens.size(), len_b = b.tokens.size();
    tmp.resize(anchors.size());
    count.assign(len_a + len_b + 2, 0);
    for (const Anchor& an : anchors) ++count[an.i + 1];
    for (size_t c = 1; c < count.size(); ++c) count[c] += count[c - 1];
    for (const Anchor& an : anchors) tmp[count[an.i]++] = an;
    std::fill(count.begin(), count.end(), 0);
    // diag = j - i lies in (-len_a, len_b): shift by len_a.
    for (const Anchor& an : tmp) {
      ++count[static_cast<size_t>(an.diag + static_cast<int64_t>(len_a)) + 1];
    }
    for (size_t c = 1; c < count.size(); ++c) count[c] += count[c - 1];
    for (const Anchor& an : tmp) {
      anchors[count[static_cast<size_t>(an.diag + static_cast<int64_t>(len_a))]++] = an;
    }
  }
  std::vector<Run> runs;
  const uint32_t span = std::min<uint32_t>(
      a.anchor_k, std::min(a.tokens.size(), b.tokens.size()));
  for (size_t s = 0; s < anchors.size();) {
    size_t e = s + 1;
    while (e < anchors.size() && anchors[e].diag == anchors[s].diag &&
           anchors[e].i == anchors[e - 1].i + 1) {
      ++e;
    }
    runs.push_back({anchors[s].i, anchors[s].j,
                    static_cast<uint32_t>(e - s) + span - 1});
    s = e;
  }
  std::sort(runs.begin(), runs.end(), [](const Run& u, const Run& v) {
    return u.i != v.i ? u.i < v.i : u.j < v.j;
  });
  return runs;
}

struct Chain {
  uint32_t first = 0;           // index of its first run (smallest i)
  uint32_t a_end = 0, b_end = 0;  // furthest token ends of its runs
  uint32_t matched = 0;
  double score = 0;
};

// Per-thread buffers reused across pairs: alignment runs for hundreds of
// thousands of pairs, and allocating these afresh for each dominated a
// profile through malloc and page faults.
struct ChainScratch {
  std::vector<double> best;
  std::vector<int64_t> prev;
  std::vector<uint32_t> reach, order;
  std::vector<uint8_t> used;
};

// Chains runs that follow each other in both documents with gaps of at most
// max_gap words (a substituted, inserted or deleted stretch), scoring
// matched words minus a cost for gaps and for drifting off the diagonal.
std::vector<Chain> ChainRuns(const std::vector<Run>& runs, uint32_t k,
                             uint32_t max_gap) {
  thread_local ChainScratch scratch;
  const size_t n = runs.size();
  std::vector<double>& best = scratch.best;
  std::vector<int64_t>& prev = scratch.prev;
  best.assign(n, 0);
  prev.assign(n, -1);
  const int64_t overlap_tol = static_cast<int64_t>(k) - 1;
  // reach[p]: the furthest A end among runs 0..p. Runs are sorted by i, so
  // once reach[p] falls short of r's start by more than max_gap, no earlier
  // run can precede r.
  std::vector<uint32_t>& reach = scratch.reach;
  reach.resize(n);
  for (size_t r = 0; r < n; ++r) {
    reach[r] = std::max(runs[r].a_end(), r > 0 ? reach[r - 1] : 0u);
  }
  for (size_t r = 0; r < n; ++r) {
    best[r] = runs[r].len;
    // Look back over runs that can precede r.
    for (size_t p = r; p-- > 0;) {
      const Run& P = runs[p];
      const Run& R = runs[r];
      if (static_cast<int64_t>(reach[p]) + static_cast<int64_t>(max_gap) <
          static_cast<int64_t>(R.i)) {
        break;
      }
      int64_t gap_a = static_cast<int64_t>(R.i) - P.a_end();
      if (r - p > kMaxLookBack) break;
      int64_t gap_b = static_cast<int64_t>(R.j) - P.b_end();
      if (gap_a > static_cast<int64_t>(max_gap) || gap_b > static_cast<int64_t>(max_gap)) continue;
      if (gap_a < -overlap_tol || gap_b < -overlap_tol) continue;
      if (R.i <= P.i || R.j <= P.j) continue;
      int64_t overlap = std::max<int64_t>(0, std::max(-gap_a, -gap_b));
      double cost = 0.5 * std::max<int64_t>(0, std::max(gap_a, gap_b)) +
                    0.5 * std::llabs(gap_a - gap_b) + overlap;
      double s = best[p] + R.len - cost;
      if (s > best[r]) {
        best[r] = s;
        prev[r] = static_cast<int64_t>(p);
      }
    }
  }
  // Take chains greedily from the best end, never reusing a run.
  std::vector<uint32_t>& order = scratch.order;
  order.resize(n);
  for (uint32_t r = 0; r < n; ++r) order[r] = r;
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    return best[x] != best[y] ? best[x] > best[y] : x < y;
  });
  std::vector<uint8_t>& used = scratch.used;
  used.assign(n, 0);
  std::vector<Chain> chains;
  for (uint32_t end : order) {
    if (used[end]) continue;
    Chain c;
    for (int64_t r = end; r >= 0 && !used[r]; r = prev[r]) {
      used[r] = 1;
      c.first = static_cast<uint32_t>(r);
      c.matched += runs[r].len;
      c.a_end = std::max(c.a_end, runs[r].a_end());
      c.b_end = std::max(c.b_end, runs[r].b_end());
    }
    c.score = best[end];
    chains.push_back(c);
  }
  return chains;
}

bool Overlaps(uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2) {
  return b1 < e2 && b2 < e1;
}

}  // namespace

AlignDoc PrepareAlignDoc(absl::Span<const Token> tokens, uint32_t anchor_k,
                         absl::Span<const uint8_t> mask) {
  AlignDoc doc;
  doc.tokens = tokens;
  doc.anchor_k = std::max<uint32_t>(1, anchor_k);
  if (tokens.size() < doc.anchor_k) return doc;
  std::vector<uint64_t> hashes;
  ShingleHashes(tokens, static_cast<int>(doc.anchor_k), &hashes);
  doc.anchors.reserve(hashes.size());
  for (uint32_t pos = 0; pos < hashes.size(); ++pos) {
    if (!Masked(mask, pos, doc.anchor_k)) {
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

std::vector<Passage> AlignPrepared(const AlignDoc& da, const AlignDoc& db,
                                   const AlignOptions& options) {
  std::vector<Passage> out;
  absl::Span<const Token> a = da.tokens, b = db.tokens;
  const uint32_t k = std::max<uint32_t>(1, options.anchor_k);
  if (a.size() < k || b.size() < k) return out;
  std::vector<Run> runs = FindRuns(da, db);
  if (runs.empty()) return out;
  std::vector<Chain> chains = ChainRuns(runs, k, options.max_gap);

  std::vector<Passage> accepted;
  for (const Chain& c : chains) {
    if (c.matched < options.min_equal_tokens) continue;
    const Run& first = runs[c.first];
    const uint32_t a_end = c.a_end, b_end = c.b_end;
    Passage p;
    p.ta = {first.i, a_end};
    p.tb = {first.j, b_end};
    if (std::max(p.ta.size(), p.tb.size()) < options.min_passage_tokens) continue;
    bool clash = false;
    for (const Passage& q : accepted) {
      if (Overlaps(p.ta.begin, p.ta.end, q.ta.begin, q.ta.end) ||
          Overlaps(p.tb.begin, p.tb.end, q.tb.begin, q.tb.end)) {
        clash = true;
        break;
      }
    }
    if (clash) continue;
    double density = static_cast<double>(c.matched) /
                     std::max(p.ta.size(), p.tb.size());
    if (density < options.min_anchor_density) continue;
    std::vector<DiffOp> ops = DiffTokens(a.subspan(p.ta.begin, p.ta.size()),
                                         b.subspan(p.tb.begin, p.tb.size()));
    p.equal_tokens = 0;
    bool edited = false;
    for (DiffOp& op : ops) {
      op.a_begin += p.ta.begin;
      op.a_end += p.ta.begin;
      op.b_begin += p.tb.begin;
      op.b_end += p.tb.begin;
      if (op.kind == DiffOp::kEqual) {
        p.equal_tokens += op.a_end - op.a_begin;
      } else {
        edited = true;
      }
    }
    p.ops = std::move(ops);
    p.similarity = 2.0 * p.equal_tokens / (p.ta.size() + p.tb.size());
    if (p.equal_tokens < options.min_equal_tokens ||
        p.similarity < options.min_similarity) {
      continue;
    }
    p.kind = edited ? Passage::kRewritten : Passage::kVerbatim;
    // Byte-level edits: merge each run of non-equal ops into one edit.
    for (size_t o = 0; o < p.ops.size();) {
      if (p.ops[o].kind == DiffOp::kEqual) {
        ++o;
        continue;
      }
      uint32_t ab = p.ops[o].a_begin, ae = p.ops[o].a_end;
      uint32_t bb = p.ops[o].b_begin, be = p.ops[o].b_end;
      for (++o; o < p.ops.size() && p.ops[o].kind != DiffOp::kEqual; ++o) {
        ae = p.ops[o].a_end;
        be = p.ops[o].b_end;
      }
      // Empty sides sit at the start of the next token (or the end of the
      // previous one at the passage's end: never the case, passages end
      // on an equal run).
      Passage::Edit edit;
      edit.a = ab < ae ? ByteRange{a[ab].begin, a[ae - 1].end}
                       : ByteRange{a[ab].begin, a[ab].begin};
      edit.b = bb < be ? ByteRange{b[bb].begin, b[be - 1].end}
                       : ByteRange{b[bb].begin, b[bb].begin};
      p.edits.push_back(edit);
    }
    p.a = {a[p.ta.begin].begin, a[p.ta.end - 1].end};
    p.b = {b[p.tb.begin].begin, b[p.tb.end - 1].end};
    accepted.push_back(std::move(p));
  }
  std::sort(accepted.begin(), accepted.end(),
            [](const Passage& x, const Passage& y) {
              return x.ta.begin < y.ta.begin;
            });
  return accepted;
}

}  // namespace reprint
