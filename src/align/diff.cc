// src/align/diff.cc
//
// DiffTokens(): the shortest word-level edit script between two token
// sequences (Myers, "An O(ND) Difference Algorithm and Its Variations", 1986),
// in its linear-space divide-and-conquer form.
//
// Outline:
//   1. Strip the common prefix and suffix (the usual case for passages that
//      differ in a few words costs O(N) and nothing else).
//   2. Tokens of one side whose hash does not occur on the other side can
//      never be matched: they are marked deleted (inserted) up front and left
//      out of the search. This keeps the minimum (such tokens are in no common
//      subsequence) and makes very different inputs cheap.
//   3. The remaining sequences are split recursively (an explicit stack, no
//      recursion) at the middle snake of an optimal path, found by running the
//      greedy search forward from the top-left and backward from the
//      bottom-right corner of each box until the two meet. Memory is
//      O(N + M): two arrays of furthest-reaching points, one per diagonal.
//   4. Cost bound: each split explores at most `max_cost` edit steps in each
//      direction (max(kMinMaxCost, sqrt(N + M))). Beyond that, as in xdiff
//      (git's diff engine), the box is split at the furthest-reaching point
//      found so far, and the half that point was reached optimally in is
//      solved exactly. The script is then still valid but may be slightly
//      longer than the minimum; this only happens when the two inputs differ
//      by more than about 2 * max_cost words within one box. Worst-case time
//      is then O((N + M) * max_cost) instead of O((N + M) * D).
//   5. The marks (deleted in A, inserted in B) are turned into ops by walking
//      both sequences: unmarked tokens pair up in order (they are the common
//      subsequence), and each changed region is emitted as its deletes, then
//      its inserts.
//
// The result depends only on the token hashes, so it is deterministic.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "absl/types/span.h"
#include "reprint/align.h"
#include "reprint/text.h"
#include "src/util/check.h"
#include "src/util/scratch.h"
#include "src/util/stamped_table.h"

namespace reprint {
namespace {

// The least number of edit steps a split explores in each direction before
// it may settle for a heuristic split point. Inputs that differ by fewer than
// about twice this many words are always diffed exactly.
constexpr int64_t kMinMaxCost = 1024;

// A split point of a box, and whether each half must be solved exactly.
struct Split {
  int64_t i = 0;  // index into A
  int64_t j = 0;  // index into B
  bool exact_lo = true;
  bool exact_hi = true;
};

// Marks the tokens of `a` deleted and of `b` inserted in a shortest (or,
// past the cost bound, short) edit script between them.
class Bisector {
 public:
  Bisector(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b)
      : a_(a), b_(b), fwd_(Scratch().fwd), bwd_(Scratch().bwd) {
    const int64_t n = static_cast<int64_t>(a.size());
    const int64_t m = static_cast<int64_t>(b.size());
    // Diagonals k = i - j run from -m to n; one sentinel on either side.
    fwd_.assign(static_cast<size_t>(n + m + 3), 0);
    bwd_.assign(static_cast<size_t>(n + m + 3), 0);
    diag_offset_ = m + 1;
    const auto root =
        static_cast<int64_t>(std::sqrt(static_cast<double>(n + m)));
    max_cost_ = std::max(kMinMaxCost, root);
  }

  // Sets (*del)[i] for the deleted tokens of A and (*ins)[j] for the
  // inserted tokens of B. Both must be sized and zeroed by the caller.
  void Run(std::vector<uint8_t>* del, std::vector<uint8_t>* ins) {
    std::vector<Box>& stack = Scratch().stack;
    stack.clear();
    stack.push_back({0, static_cast<int64_t>(a_.size()), 0,
                     static_cast<int64_t>(b_.size()), false});
    while (!stack.empty()) {
      Box box = stack.back();
      stack.pop_back();
      // Shrink the box by its common prefix and suffix.
      while (box.off1 < box.lim1 && box.off2 < box.lim2 &&
             a_[box.off1] == b_[box.off2]) {
        ++box.off1;
        ++box.off2;
      }
      while (box.off1 < box.lim1 && box.off2 < box.lim2 &&
             a_[box.lim1 - 1] == b_[box.lim2 - 1]) {
        --box.lim1;
        --box.lim2;
      }
      if (box.off1 == box.lim1) {
        for (int64_t j = box.off2; j < box.lim2; ++j) (*ins)[j] = 1;
        continue;
      }
      if (box.off2 == box.lim2) {
        for (int64_t i = box.off1; i < box.lim1; ++i) (*del)[i] = 1;
        continue;
      }
      const Split s =
          FindSplit(box.off1, box.lim1, box.off2, box.lim2, box.exact);
      REPRINT_DCHECK(box.off1 <= s.i && s.i <= box.lim1);
      REPRINT_DCHECK(box.off2 <= s.j && s.j <= box.lim2);
      // Low half is popped (and so solved) first; the order does not
      // affect the result, which is a set of marks.
      stack.push_back({s.i, box.lim1, s.j, box.lim2, s.exact_hi});
      stack.push_back({box.off1, s.i, box.off2, s.j, s.exact_lo});
    }
  }

 private:
  struct Box {
    int64_t off1, lim1, off2, lim2;
    bool exact;
  };
  // Buffers reused across the thread's diffs: alignment diffs hundreds of
  // thousands of passages, most of them short.
  struct Buffers {
    std::vector<int64_t> fwd, bwd;
    std::vector<Box> stack;
  };
  static Buffers& Scratch() {
    thread_local Buffers buffers;
    return buffers;
  }

  int64_t& Fwd(int64_t k) {
    return fwd_[static_cast<size_t>(k + diag_offset_)];
  }
  int64_t& Bwd(int64_t k) {
    return bwd_[static_cast<size_t>(k + diag_offset_)];
  }

  // Finds where an optimal path through the box [off1, lim1) x [off2, lim2)
  // crosses the middle: the end of the forward snake (or the start of the
  // backward snake) where the forward and backward searches first overlap.
  // The box is non-empty in both directions and its first and last tokens
  // differ. Unless `exact`, gives up after max_cost_ steps and returns the
  // furthest-reaching point found.
  Split FindSplit(int64_t off1, int64_t lim1, int64_t off2, int64_t lim2,
                  bool exact) {
    const int64_t dmin = off1 - lim2;
    const int64_t dmax = lim1 - off2;
    const int64_t fmid = off1 - off2;
    const int64_t bmid = lim1 - lim2;
    const bool odd = ((fmid - bmid) & 1) != 0;
    int64_t fmin = fmid, fmax = fmid;
    int64_t bmin = bmid, bmax = bmid;
    Fwd(fmid) = off1;
    Bwd(bmid) = lim1;

    for (int64_t cost = 1;; ++cost) {
      // Forward: widen the band of diagonals by one on each side while it
      // stays within the box (otherwise narrow it, keeping the parity), and
      // put a sentinel just outside so the "came from" test needs no bounds.
      if (fmin > dmin) {
        Fwd(--fmin - 1) = -1;
      } else {
        ++fmin;
      }
      if (fmax < dmax) {
        Fwd(++fmax + 1) = -1;
      } else {
        --fmax;
      }
      for (int64_t k = fmax; k >= fmin; k -= 2) {
        int64_t i = Fwd(k - 1) >= Fwd(k + 1) ? Fwd(k - 1) + 1 : Fwd(k + 1);
        int64_t j = i - k;
        while (i < lim1 && j < lim2 && a_[i] == b_[j]) {
          ++i;
          ++j;
        }
        Fwd(k) = i;
        if (odd && bmin <= k && k <= bmax && Bwd(k) <= i) {
          return {i, j, true, true};
        }
      }

      // Backward, symmetrically.
      if (bmin > dmin) {
        Bwd(--bmin - 1) = std::numeric_limits<int64_t>::max();
      } else {
        ++bmin;
      }
      if (bmax < dmax) {
        Bwd(++bmax + 1) = std::numeric_limits<int64_t>::max();
      } else {
        --bmax;
      }
      for (int64_t k = bmax; k >= bmin; k -= 2) {
        int64_t i = Bwd(k - 1) < Bwd(k + 1) ? Bwd(k - 1) : Bwd(k + 1) - 1;
        int64_t j = i - k;
        while (i > off1 && j > off2 && a_[i - 1] == b_[j - 1]) {
          --i;
          --j;
        }
        Bwd(k) = i;
        if (!odd && fmin <= k && k <= fmax && i <= Fwd(k)) {
          return {i, j, true, true};
        }
      }

      if (exact || cost < max_cost_) continue;

      // Too expensive: split at whichever search got further (measured by
      // i + j), clamped to the box. The half on that search's side was
      // reached with `cost` edits and is solved exactly; the other half is
      // searched again, with its own budget.
      int64_t fbest = -1, fbest_i = off1;
      for (int64_t k = fmax; k >= fmin; k -= 2) {
        int64_t i = std::min(Fwd(k), lim1);
        int64_t j = i - k;
        if (j > lim2) {
          i = lim2 + k;
          j = lim2;
        }
        if (i + j > fbest) {
          fbest = i + j;
          fbest_i = i;
        }
      }
      int64_t bbest = std::numeric_limits<int64_t>::max(), bbest_i = lim1;
      for (int64_t k = bmax; k >= bmin; k -= 2) {
        int64_t i = std::max(off1, Bwd(k));
        int64_t j = i - k;
        if (j < off2) {
          i = off2 + k;
          j = off2;
        }
        if (i + j < bbest) {
          bbest = i + j;
          bbest_i = i;
        }
      }
      if ((lim1 + lim2) - bbest < fbest - (off1 + off2)) {
        return {fbest_i, fbest - fbest_i, true, false};
      }
      return {bbest_i, bbest - bbest_i, false, true};
    }
  }

  absl::Span<const uint64_t> a_, b_;
  std::vector<int64_t>& fwd_;  // furthest i per diagonal
  std::vector<int64_t>& bwd_;
  int64_t diag_offset_ = 0;
  int64_t max_cost_ = kMinMaxCost;
};

// Appends an op of `kind` covering the next `a_len` tokens of A and `b_len`
// of B (from *ai and *bi, which it advances) to `*ops`, merging it into the
// last op when that is of the same kind. Empty ops are dropped.
void AppendOp(DiffOp::Kind kind, uint32_t a_len, uint32_t b_len,
              std::vector<DiffOp>* ops, uint32_t* ai, uint32_t* bi) {
  if (a_len == 0 && b_len == 0) return;
  if (!ops->empty() && ops->back().kind == kind) {
    ops->back().a_end += a_len;
    ops->back().b_end += b_len;
  } else {
    DiffOp op;
    op.kind = kind;
    op.a_begin = *ai;
    op.a_end = *ai + a_len;
    op.b_begin = *bi;
    op.b_end = *bi + b_len;
    ops->push_back(op);
  }
  *ai += a_len;
  *bi += b_len;
}

// Diffs a[lo_a, hi_a) against b[lo_b, hi_b), whose first and last tokens
// differ, and appends the ops (absolute indices) to `*ops`.
constexpr uint8_t kInA = 1, kInB = 2;

void DiffMiddle(absl::Span<const Token> a, absl::Span<const Token> b,
                std::vector<DiffOp>* ops, uint32_t* ai, uint32_t* bi) {
  const size_t n = a.size();
  const size_t m = b.size();
  // Buffers reused across the thread's diffs.
  struct Buffers {
    std::vector<uint8_t> del, ins, kdel, kins;
    std::vector<uint64_t> ha, hb;
    std::vector<uint32_t> ia, ib;  // positions of the kept tokens
    // Which sides (kInA | kInB) each token hash occurs on.
    internal::StampedTable<uint8_t> sides;
  };
  thread_local Buffers buf;
  std::vector<uint8_t>& del = buf.del;
  std::vector<uint8_t>& ins = buf.ins;
  del.assign(n, 0);
  ins.assign(m, 0);

  if (n > 0 && m > 0) {
    // Leave out tokens that have no equal on the other side.
    internal::StampedTable<uint8_t>& sides = buf.sides;
    sides.Reset(n + m);
    for (const Token& t : a) sides[t.hash] |= kInA;
    for (const Token& t : b) sides[t.hash] |= kInB;
    std::vector<uint64_t>& ha = buf.ha;
    std::vector<uint64_t>& hb = buf.hb;
    std::vector<uint32_t>& ia = buf.ia;
    std::vector<uint32_t>& ib = buf.ib;
    ha.clear();
    hb.clear();
    ia.clear();
    ib.clear();
    for (size_t i = 0; i < n; ++i) {
      if (*sides.Find(a[i].hash) & kInB) {
        ha.push_back(a[i].hash);
        ia.push_back(static_cast<uint32_t>(i));
      } else {
        del[i] = 1;
      }
    }
    for (size_t j = 0; j < m; ++j) {
      if (*sides.Find(b[j].hash) & kInA) {
        hb.push_back(b[j].hash);
        ib.push_back(static_cast<uint32_t>(j));
      } else {
        ins[j] = 1;
      }
    }
    std::vector<uint8_t>& kdel = buf.kdel;
    std::vector<uint8_t>& kins = buf.kins;
    kdel.assign(ha.size(), 0);
    kins.assign(hb.size(), 0);
    Bisector(ha, hb).Run(&kdel, &kins);
    for (size_t i = 0; i < ia.size(); ++i) {
      if (kdel[i]) del[ia[i]] = 1;
    }
    for (size_t j = 0; j < ib.size(); ++j) {
      if (kins[j]) ins[ib[j]] = 1;
    }
  } else {
    std::fill(del.begin(), del.end(), 1);
    std::fill(ins.begin(), ins.end(), 1);
  }

  // Unmarked tokens pair up in order. Each region: deletes, inserts, equals.
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    size_t i0 = i;
    while (i < n && del[i]) ++i;
    AppendOp(DiffOp::kDelete, static_cast<uint32_t>(i - i0), 0, ops, ai, bi);
    size_t j0 = j;
    while (j < m && ins[j]) ++j;
    AppendOp(DiffOp::kInsert, 0, static_cast<uint32_t>(j - j0), ops, ai, bi);
    size_t run = 0;
    while (i < n && j < m && !del[i] && !ins[j]) {
      REPRINT_DCHECK(a[i].hash == b[j].hash);
      ++i;
      ++j;
      ++run;
    }
    AppendOp(DiffOp::kEqual, static_cast<uint32_t>(run),
             static_cast<uint32_t>(run), ops, ai, bi);
    if (run == 0 && i == i0 && j == j0) {
      // Cannot happen (the common subsequence has as many tokens on both
      // sides); guard against looping forever all the same.
      REPRINT_DCHECK(false);
      AppendOp(DiffOp::kDelete, static_cast<uint32_t>(n - i), 0, ops, ai, bi);
      AppendOp(DiffOp::kInsert, 0, static_cast<uint32_t>(m - j), ops, ai, bi);
      break;
    }
  }
}

}  // namespace

std::vector<DiffOp> DiffTokens(absl::Span<const Token> a,
                               absl::Span<const Token> b) {
  // Built in a per-thread buffer and returned at its exact size: one
  // allocation per diff, where growing the result op by op took several
  // (most of the allocations of aligning a report).
  thread_local std::vector<DiffOp> ops;
  ops.clear();
  size_t n = a.size(), m = b.size();
  size_t prefix = 0;
  while (prefix < n && prefix < m && a[prefix].hash == b[prefix].hash) {
    ++prefix;
  }
  size_t suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix &&
         a[n - 1 - suffix].hash == b[m - 1 - suffix].hash) {
    ++suffix;
  }
  uint32_t ai = 0, bi = 0;
  AppendOp(DiffOp::kEqual, static_cast<uint32_t>(prefix),
           static_cast<uint32_t>(prefix), &ops, &ai, &bi);
  DiffMiddle(a.subspan(prefix, n - prefix - suffix),
             b.subspan(prefix, m - prefix - suffix), &ops, &ai, &bi);
  AppendOp(DiffOp::kEqual, static_cast<uint32_t>(suffix),
           static_cast<uint32_t>(suffix), &ops, &ai, &bi);
  std::vector<DiffOp> out(ops.begin(), ops.end());
  internal::ReleaseIfLarge(&ops);
  return out;
}

}  // namespace reprint
