// src/align/lcs.cc

#include "src/align/lcs.h"

#include <vector>

#include "src/util/stamped_table.h"

namespace reprint {
namespace internal {

uint32_t LcsLength(absl::Span<const Token> a, absl::Span<const Token> b) {
  if (a.empty() || b.empty()) return 0;
  const size_t words = (a.size() + 63) / 64;
  // match[m * words ..]: the positions of A holding the m-th distinct token.
  thread_local StampedTable<uint32_t> index;  // token hash -> m + 1
  thread_local std::vector<uint64_t> match;
  thread_local std::vector<uint64_t> v;
  index.Reset(a.size());
  match.clear();
  for (size_t i = 0; i < a.size(); ++i) {
    uint32_t& m = index[a[i].hash];
    if (m == 0) {
      match.resize(match.size() + words, 0);
      m = static_cast<uint32_t>(match.size() / words);
    }
    match[(m - 1) * words + i / 64] |= uint64_t{1} << (i % 64);
  }
  // V has a zero bit for each A token matched so far in the best
  // subsequence: V' = (V + (V & M)) | (V & ~M), the addition carrying
  // across words.
  v.assign(words, ~uint64_t{0});
  for (const Token& t : b) {
    const uint32_t* m = index.Find(t.hash);
    if (m == nullptr) continue;  // M = 0 leaves V as it is
    const uint64_t* mask = &match[(*m - 1) * words];
    uint64_t carry = 0;
    for (size_t w = 0; w < words; ++w) {
      const uint64_t x = v[w], u = x & mask[w];
      const uint64_t sum = x + u;
      const uint64_t total = sum + carry;
      carry = (sum < x) | (total < sum);
      v[w] = total | (x & ~mask[w]);
    }
  }
  uint32_t zeros = 0;
  for (size_t w = 0; w < words; ++w) {
    uint64_t x = v[w];
    if (w + 1 == words && a.size() % 64 != 0) {
      x |= ~uint64_t{0} << (a.size() % 64);  // bits past A's end
    }
    zeros += static_cast<uint32_t>(__builtin_popcountll(~x));
  }
  return zeros;
}

}  // namespace internal
}  // namespace reprint
