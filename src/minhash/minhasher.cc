#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"
#include "reprint/minhash.h"
#include "src/util/check.h"
#include "src/util/hash.h"

namespace reprint {
namespace {

constexpr uint64_t kEmptyBin = std::numeric_limits<uint64_t>::max();
constexpr uint64_t kProbeSalt = 0xD1B54A32D192ED03ULL;
constexpr uint32_t kMaxFirstTable = 256;  // num_perm^2 bytes
constexpr uint8_t kNoHit = 255;

// The smallest of row[j] | mask[j] for j < n (n a multiple of 16 on the
// vector path).
inline uint8_t MaskedRowMin(const uint8_t* row, const uint8_t* mask,
                            uint32_t n) {
#if defined(__SSE2__)
  if (n % 16 == 0) {
    __m128i m = _mm_set1_epi8(static_cast<char>(-1));
    for (uint32_t j = 0; j < n; j += 16) {
      __m128i r = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + j));
      __m128i e = _mm_loadu_si128(reinterpret_cast<const __m128i*>(mask + j));
      m = _mm_min_epu8(m, _mm_or_si128(r, e));
    }
    m = _mm_min_epu8(m, _mm_srli_si128(m, 8));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 4));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 2));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 1));
    return static_cast<uint8_t>(_mm_cvtsi128_si32(m));
  }
#endif
  uint8_t best = kNoHit;
  for (uint32_t j = 0; j < n; ++j) {
    uint8_t x = row[j] | mask[j];
    best = x < best ? x : best;
  }
  return best;
}

int Log2(uint32_t x) {
  int r = 0;
  while ((uint32_t{1} << r) < x) ++r;
  return r;
}

}  // namespace

absl::Status MinHashParams::Validate() const {
  if (num_perm < 8 || num_perm > 4096 || (num_perm & (num_perm - 1)) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "num_perm must be a power of two from 8 to 4096, not ", num_perm));
  }
  if (shingle_k < 1 || shingle_k > 32) {
    return absl::InvalidArgumentError(
        absl::StrCat("shingle_k must be from 1 to 32, not ", shingle_k));
  }
  return absl::OkStatus();
}

uint64_t MinHashParams::Fingerprint() const {
  uint64_t fields[4] = {num_perm, shingle_k, seed, normalizer_version};
  return internal::Hash64(fields, sizeof(fields), 0x51C0);
}

bool MinHashParams::operator==(const MinHashParams& o) const {
  return num_perm == o.num_perm && shingle_k == o.shingle_k &&
         seed == o.seed && normalizer_version == o.normalizer_version;
}

absl::Status CheckCompatible(const MinHashParams& a, const MinHashParams& b) {
  auto differ = [](const char* name, uint64_t x, uint64_t y) {
    return absl::FailedPreconditionError(
        absl::StrCat("parameter mismatch: ", name, " ", x, " != ", y));
  };
  if (a.num_perm != b.num_perm) return differ("num_perm", a.num_perm, b.num_perm);
  if (a.shingle_k != b.shingle_k) {
    return differ("shingle_k", a.shingle_k, b.shingle_k);
  }
  if (a.seed != b.seed) return differ("seed", a.seed, b.seed);
  if (a.normalizer_version != b.normalizer_version) {
    return differ("normalizer_version", a.normalizer_version,
                  b.normalizer_version);
  }
  return absl::OkStatus();
}

MinHasher::MinHasher(const MinHashParams& params)
    : params_(params), shift_(64 - Log2(params.num_perm)) {
  static_assert(kProbes < kNoHit, "attempts must fit below kNoHit");
  REPRINT_CHECK(params.Validate().ok());
  probes_.resize(size_t{params.num_perm} * kProbes);
  for (uint32_t i = 0; i < params.num_perm; ++i) {
    for (uint32_t t = 0; t < kProbes; ++t) {
      probes_[size_t{i} * kProbes + t] = static_cast<uint16_t>(Probe(i, t + 1));
    }
  }
  const uint32_t k = params.num_perm;
  if (k <= kMaxFirstTable) {
    first_.assign(size_t{k} * k, kNoHit);
    for (uint32_t i = 0; i < k; ++i) {
      for (uint32_t t = kProbes; t-- > 0;) {
        first_[size_t{i} * k + probes_[size_t{i} * kProbes + t]] =
            static_cast<uint8_t>(t);
      }
    }
  }
}

uint32_t MinHasher::Probe(uint32_t bin, uint64_t attempt) const {
  uint64_t probe = internal::Mix64(kProbeSalt ^ params_.seed ^
                                   (uint64_t{bin} << 32) ^ attempt);
  return static_cast<uint32_t>(probe >> shift_);
}

Signature MinHasher::Compute(absl::Span<const uint64_t> shingles) const {
  Signature sig;
  Compute(shingles, &sig);
  return sig;
}

void MinHasher::Compute(absl::Span<const uint64_t> shingles,
                        Signature* sig) const {
  const uint32_t k = params_.num_perm;
  const int bits = 64 - shift_;
  sig->params = params_;
  sig->values.assign(k, 0);
  sig->empty = shingles.empty();
  if (shingles.empty()) return;

  // One pass: the top `bits` bits of the mixed hash pick the bin, the rest
  // compete for the bin's minimum.
  thread_local std::vector<uint64_t> bins;
  bins.assign(k, kEmptyBin);
  const uint64_t seed = params_.seed;
  uint64_t* b = bins.data();
  for (uint64_t s : shingles) {
    uint64_t h = internal::Mix64(s ^ seed);
    uint32_t bin = static_cast<uint32_t>(h >> shift_);
    uint64_t rest = h << bits;
    // Branch-free: in short documents most bins see one or two shingles, so
    // whether a shingle lowers its bin's minimum is a coin toss.
    uint64_t cur = b[bin];
    b[bin] = rest < cur ? rest : cur;
  }
  // Optimal densification: an empty bin i copies the value of the first
  // non-empty bin on its own probe sequence h(i, 1), h(i, 2), ...
  uint32_t* v = sig->values.data();
  thread_local std::vector<uint32_t> empty_bins;
  thread_local std::vector<uint8_t> empty_mask;
  empty_bins.resize(k);
  empty_mask.resize(k);
  uint32_t empties = 0;
  for (uint32_t i = 0; i < k; ++i) {
    const bool empty = b[i] == kEmptyBin;
    v[i] = static_cast<uint32_t>(b[i] >> 32);
    empty_bins[empties] = i;
    empties += empty;
    empty_mask[i] = empty ? 0xFF : 0;
  }
  for (uint32_t e = 0; e < empties; ++e) {
    const uint32_t i = empty_bins[e];
    const uint16_t* cached = probes_.data() + size_t{i} * kProbes;
    uint64_t found = kEmptyBin;
    if (!first_.empty()) {
      uint8_t t = MaskedRowMin(first_.data() + size_t{i} * k,
                               empty_mask.data(), k);
      if (t != kNoHit) found = b[cached[t]];
    } else {
      for (uint32_t t = 0; t < kProbes; ++t) {
        found = b[cached[t]];
        if (found != kEmptyBin) break;
      }
    }
    for (uint64_t attempt = kProbes + 1; found == kEmptyBin; ++attempt) {
      found = b[Probe(i, attempt)];
    }
    v[i] = static_cast<uint32_t>(found >> 32);
  }
}

absl::StatusOr<double> EstimateJaccard(const Signature& a,
                                       const Signature& b) {
  absl::Status st = CheckCompatible(a.params, b.params);
  if (!st.ok()) return st;
  if (a.empty || b.empty || a.values.size() != b.values.size()) return 0.0;
  size_t same = 0;
  for (size_t i = 0; i < a.values.size(); ++i) same += a.values[i] == b.values[i];
  return static_cast<double>(same) / a.values.size();
}

}  // namespace reprint
