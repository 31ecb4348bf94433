// include/reprint/minhash.h
//
// MinHash signatures by one-permutation hashing (OPH) with optimal
// densification (Shrivastava, ICML 2017). Each shingle hash is mixed once;
// its top bits pick one of `num_perm` bins and the next 32 bits compete for
// that bin's minimum. Empty bins borrow the value of a non-empty bin chosen
// by a fixed pseudo-random probe sequence that depends only on the bin, so
// two signatures stay position-aligned for LSH banding. The fraction of equal
// slots estimates the Jaccard similarity of the two shingle sets with the
// variance of classic k-permutation MinHash, at the cost of one hash per
// shingle instead of k.
//
// A Signature carries the parameters it was made with; comparing or indexing
// signatures made with different parameters is a FailedPrecondition error
// that names the differing parameter.

#ifndef REPRINT_MINHASH_H_
#define REPRINT_MINHASH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace reprint {

// Version of the tokeniser/normaliser; part of every parameter fingerprint,
// bumped whenever token hashes (or which words are read) change.
inline constexpr uint32_t kNormalizerVersion = 6;

struct MinHashParams {
  uint32_t num_perm = 128;   // slots; a power of two from 8 to 4096
  uint32_t shingle_k = 5;    // words per shingle
  uint64_t seed = 0x5EED5EED;
  uint32_t normalizer_version = kNormalizerVersion;

  // OK, or InvalidArgument naming the bad field.
  absl::Status Validate() const;
  // A 64-bit digest of every field.
  uint64_t Fingerprint() const;
  bool operator==(const MinHashParams& o) const;
  bool operator!=(const MinHashParams& o) const { return !(*this == o); }
};

// Returns OK when `a` and `b` match, else FailedPrecondition naming the first
// differing parameter ("num_perm 128 != 256").
absl::Status CheckCompatible(const MinHashParams& a, const MinHashParams& b);

struct Signature {
  MinHashParams params;
  bool empty = true;             // made from an empty shingle set
  std::vector<uint32_t> values;  // num_perm slots

  // Serialised form (little-endian), see src/minhash/FORMAT.md:
  //   "RPSG" | u16 format version | u16 reserved | u32 num_perm |
  //   u32 shingle_k | u64 seed | u32 normalizer_version | u8 empty |
  //   num_perm * u32 values | u32 crc-like XXH32 of all previous bytes.
  std::string Encode() const;
  // Returns DataLoss for a truncated or corrupt buffer, FailedPrecondition for
  // a newer format version, InvalidArgument for bad parameters.
  static absl::StatusOr<Signature> Decode(absl::string_view bytes);
};

// Computes signatures. Immutable after construction; thread-safe.
class MinHasher {
 public:
  // REQUIRES: params.Validate().ok().
  explicit MinHasher(const MinHashParams& params);

  const MinHashParams& params() const { return params_; }

  // Signature of a set (or multiset: duplicates do not change it) of
  // shingle hashes.
  Signature Compute(absl::Span<const uint64_t> shingles) const;
  // Same, writing into `*sig` to reuse its storage.
  void Compute(absl::Span<const uint64_t> shingles, Signature* sig) const;

 private:
  uint32_t Probe(uint32_t bin, uint64_t attempt) const;

  MinHashParams params_;
  int shift_;  // 64 - log2(num_perm)
  // The first kProbes bins of each bin's densification probe sequence
  // (bins < 4096 fit 16 bits). Short documents leave most bins empty, and an
  // empty bin probes num_perm / filled bins on average: computing each probe
  // was most of the signature time on short documents. Later probes are
  // computed.
  static constexpr uint32_t kProbes = 128;
  std::vector<uint16_t> probes_;
  // For num_perm <= 256: first_[i * num_perm + j] is the first attempt
  // (0-based, below kProbes) at which bin i's probe sequence reaches bin j,
  // or 255. An empty bin's donor is then the filled bin with the smallest
  // entry in its row: a branch-free minimum instead of a probe loop whose
  // exit mispredicts once per empty bin.
  std::vector<uint8_t> first_;
};

// Estimated Jaccard similarity: the fraction of equal slots. Returns
// FailedPrecondition when the parameters differ; 0 when either is empty.
absl::StatusOr<double> EstimateJaccard(const Signature& a, const Signature& b);

}  // namespace reprint

#endif  // REPRINT_MINHASH_H_
