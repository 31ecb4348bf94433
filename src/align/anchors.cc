// src/align/anchors.cc

#include "src/align/anchors.h"

#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace reprint {
namespace internal {
namespace {

#if defined(__SSE2__)
// The hashes (upper halves) of four packed anchors.
inline __m128i AnchorHashes4(const uint64_t* v) {
  const __m128 lo =
      _mm_castsi128_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(v)));
  const __m128 hi = _mm_castsi128_ps(
      _mm_loadu_si128(reinterpret_cast<const __m128i*>(v + 2)));
  return _mm_castps_si128(_mm_shuffle_ps(lo, hi, _MM_SHUFFLE(3, 1, 3, 1)));
}

// Whether any of four hashes equals any of four others.
inline bool AnyEqual4(__m128i x, __m128i y) {
  __m128i eq = _mm_cmpeq_epi32(x, y);
  eq = _mm_or_si128(
      eq, _mm_cmpeq_epi32(x, _mm_shuffle_epi32(y, _MM_SHUFFLE(0, 3, 2, 1))));
  eq = _mm_or_si128(
      eq, _mm_cmpeq_epi32(x, _mm_shuffle_epi32(y, _MM_SHUFFLE(1, 0, 3, 2))));
  eq = _mm_or_si128(
      eq, _mm_cmpeq_epi32(x, _mm_shuffle_epi32(y, _MM_SHUFFLE(2, 1, 0, 3))));
  return _mm_movemask_epi8(eq) != 0;
}
#endif

}  // namespace

void CollectAnchors(const AlignDoc& a, const AlignDoc& b,
                    std::vector<uint64_t>* anchors) {
  anchors->clear();
  const auto& x = a.anchors;
  const auto& y = b.anchors;
  const uint32_t len_a = static_cast<uint32_t>(a.tokens.size());
  auto hash = [](uint64_t v) { return static_cast<uint32_t>(v >> 32); };
  size_t i = 0, j = 0;
  const size_t nx = x.size(), ny = y.size();
  // Merges until i reaches i_end or j reaches j_end. Branch-free stepping
  // while the hashes differ (about half the comparisons would
  // mispredict), runs of equal hashes emitted.
  auto merge = [&](size_t i_end, size_t j_end) {
    while (i < i_end && j < j_end) {
      const uint32_t hx = hash(x[i]);
      const uint32_t hy = hash(y[j]);
      if (hx != hy) {
        i += hx < hy;
        j += hy < hx;
        continue;
      }
      size_t i2 = i + 1, j2 = j + 1;
      while (i2 < nx && hash(x[i2]) == hx) ++i2;
      while (j2 < ny && hash(y[j2]) == hx) ++j2;
      for (size_t p = i; p < i2; ++p) {
        for (size_t q = j; q < j2; ++q) {
          anchors->push_back(PackAnchor(static_cast<uint32_t>(x[p]),
                                        static_cast<uint32_t>(y[q]), len_a));
        }
      }
      i = i2;
      j = j2;
    }
  };
#if defined(__SSE2__)
  // Four hashes of each side compared with one another at once; a block
  // without an equal pair is passed over whole on the side whose last hash
  // is smaller (all its hashes are below the other side's next ones). Each
  // step of the scalar merge waits on the load its last comparison chose.
  while (i + 4 <= nx && j + 4 <= ny) {
    if (AnyEqual4(AnchorHashes4(&x[i]), AnchorHashes4(&y[j]))) {
      merge(i + 4, j + 4);  // until one of the blocks is used up
      continue;
    }
    const bool x_below = hash(x[i + 3]) < hash(y[j + 3]);
    i += x_below ? 4 : 0;
    j += x_below ? 0 : 4;
  }
#endif
  merge(nx, ny);
}

}  // namespace internal
}  // namespace reprint
