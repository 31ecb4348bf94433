// src/align/anchors.h
//
// The anchors two prepared documents share (AlignDoc::anchors): the
// positions where both start the same anchor shingle, found by a merge
// join of their sorted anchor lists.

#ifndef REPRINT_SRC_ALIGN_ANCHORS_H_
#define REPRINT_SRC_ALIGN_ANCHORS_H_

#include <cstdint>
#include <vector>

#include "reprint/align.h"

namespace reprint {
namespace internal {

// Anchors are packed as ((j - i + len_a) << 32 | i): sorting them orders
// by diagonal, then by position in A.
inline uint64_t PackAnchor(uint32_t i, uint32_t j, uint32_t len_a) {
  return (uint64_t{j + len_a - i} << 32) | i;
}

// Replaces *anchors with the packed anchor (i, j) of every A position i and
// B position j whose anchor hashes are equal (len_a: a's length in tokens),
// in ascending hash order, each hash's pairs ordered by A's then B's place
// in their lists.
void CollectAnchors(const AlignDoc& a, const AlignDoc& b,
                    std::vector<uint64_t>* anchors);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_ALIGN_ANCHORS_H_
