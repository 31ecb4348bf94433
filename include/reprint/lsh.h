// include/reprint/lsh.h
//
// Locality-sensitive hashing over MinHash signatures: a signature of
// `bands * rows` slots is cut into bands; two documents whose signatures agree
// on every row of at least one band become a candidate pair. Candidates are
// only candidates: verify them (verify.h).

#ifndef REPRINT_LSH_H_
#define REPRINT_LSH_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "reprint/document.h"
#include "reprint/minhash.h"

namespace reprint {

struct Banding {
  uint32_t bands = 0;
  uint32_t rows = 0;
  double false_positive = 0;  // weighted mass below the threshold
  double false_negative = 0;  // weighted mass above the threshold
};

// Probability that two documents of Jaccard `s` share at least one band:
// 1 - (1 - s^rows)^bands.
double CandidateProbability(double s, uint32_t bands, uint32_t rows);

// Chooses bands * rows <= num_perm minimising
//   fp_weight * FP(t) + fn_weight * FN(t),
// where FP is the integral of CandidateProbability over [0, t] and FN that of
// its complement over [t, 1]. Deterministic.
// REQUIRES: 0 < threshold < 1 (values outside are clamped), num_perm >= 1.
Banding ChooseBanding(double threshold, uint32_t num_perm,
                      double fp_weight = 0.5, double fn_weight = 0.5);

// An in-memory LSH index that produces all candidate pairs at once.
//
// Lifecycle: Add() signatures (any DocIndex order, from one thread or under
// external synchronisation, or use BandKeys() + AddKeys() from worker threads
// and add in any order: the result is sorted), then CandidatePairs().
class LshIndex {
 public:
  LshIndex(const MinHashParams& params, const Banding& banding);

  const Banding& banding() const { return banding_; }

  // Computes the band keys of `sig` into `keys` (banding.bands values).
  // Empty signatures yield no keys. Thread-safe.
  void BandKeys(const Signature& sig, std::vector<uint64_t>* keys) const;

  // Adds `doc` with precomputed keys (from BandKeys()).
  void AddKeys(DocIndex doc, const std::vector<uint64_t>& keys);

  // Adds documents first, first + 1, ... with keys[i] (from BandKeys()),
  // one band per thread.
  void AddKeysBatch(DocIndex first, const std::vector<std::vector<uint64_t>>& keys,
                    int threads);

  // Gives back the spare capacity the bands grew (up to half of them) once
  // all documents are in: the index is then at its smallest for the
  // candidate stage, where memory peaks.
  void ShrinkToFit();

  // Adds `doc`. Returns FailedPrecondition if `sig` was made with other
  // parameters than the index's.
  absl::Status Add(DocIndex doc, const Signature& sig);

  // Returns the distinct candidate pairs, each as (a < b), sorted.
  // Buckets larger than `max_bucket` pair every member with the bucket's
  // first `max_bucket` members only (a star), so that thousands of exact
  // copies cost linear, not quadratic, work; clusters are unaffected.
  // Bands are processed on up to `threads` threads; the result does not
  // depend on the thread count.
  std::vector<std::pair<DocIndex, DocIndex>> CandidatePairs(
      uint32_t max_bucket = 64, int threads = 1) const;

  size_t size() const { return docs_; }

 private:
  // 32 bits of each band key: chance collisions only add a few candidates
  // (about n^2 / 2^33 per band), which verification removes.
  struct Entry {
    uint32_t key;
    DocIndex doc;
  };
  MinHashParams params_;
  Banding banding_;
  std::vector<std::vector<Entry>> bands_;
  size_t docs_ = 0;
};

}  // namespace reprint

#endif  // REPRINT_LSH_H_
