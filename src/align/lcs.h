// src/align/lcs.h
//
// The length of the longest common subsequence of two token sequences
// (compared by hash), bit-parallel (Allison and Dix 1986; Hyyro 2004): one
// pass over B, each step a few word operations per 64 tokens of A. It
// decides whether two short stretches are alike enough to be worth a diff,
// at a small fraction of the diff's cost when they are not.

#ifndef REPRINT_SRC_ALIGN_LCS_H_
#define REPRINT_SRC_ALIGN_LCS_H_

#include <cstdint>

#include "absl/types/span.h"
#include "reprint/text.h"

namespace reprint {
namespace internal {

// The number of equal tokens in a longest common subsequence of a and b:
// as many as DiffTokens(a, b) keeps equal when its search is exact (for
// inputs differing by up to about 2,000 words), never fewer.
uint32_t LcsLength(absl::Span<const Token> a, absl::Span<const Token> b);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_ALIGN_LCS_H_
