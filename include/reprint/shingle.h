// include/reprint/shingle.h
//
// Shingles are overlapping runs of k tokens, each hashed to 64 bits (XXH3 over
// the k token hashes). A document with fewer than k tokens (but at least one)
// has a single shingle covering all its tokens; an empty document has none,
// so it is never paired with anything.

#ifndef REPRINT_SHINGLE_H_
#define REPRINT_SHINGLE_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "reprint/text.h"

namespace reprint {

// The default shingle length in words; see README "Choosing k".
inline constexpr int kDefaultShingleK = 5;

// Writes the hash of the shingle starting at every token position
// (tokens.size() - k + 1 values, in order) into `*out`.
// REQUIRES: k >= 1.
void ShingleHashes(absl::Span<const Token> tokens, int k,
                   std::vector<uint64_t>* out);

// Writes the sorted, de-duplicated shingle hashes of `tokens` into `*out`.
void ShingleSet(absl::Span<const Token> tokens, int k,
                std::vector<uint64_t>* out);

}  // namespace reprint

#endif  // REPRINT_SHINGLE_H_
