#include <algorithm>
#include <vector>

#include "reprint/shingle.h"
#include "src/util/hash.h"
#include "src/util/scratch.h"

namespace reprint {

void ShingleHashes(absl::Span<const Token> tokens, int k,
                   std::vector<uint64_t>* out) {
  out->clear();
  if (tokens.empty() || k < 1) return;
  // Gather the token hashes contiguously so that each shingle is one XXH3
  // call over k * 8 bytes.
  thread_local std::vector<uint64_t> hashes;
  hashes.resize(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) hashes[i] = tokens[i].hash;
  size_t kk = std::min<size_t>(k, tokens.size());
  size_t count = tokens.size() - kk + 1;
  out->resize(count);
  const uint64_t* h = hashes.data();
  uint64_t* o = out->data();
  for (size_t i = 0; i < count; ++i) {
    o[i] = internal::Hash64(h + i, kk * sizeof(uint64_t));
  }
  internal::ReleaseIfLarge(&hashes);
}

void ShingleSet(absl::Span<const Token> tokens, int k,
                std::vector<uint64_t>* out) {
  ShingleHashes(tokens, k, out);
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

}  // namespace reprint
