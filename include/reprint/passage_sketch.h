// include/reprint/passage_sketch.h
//
// A PassageSketch is the local fingerprint of a document used to find shared
// passages: the winnowed (Schleimer, Wilkerson and Aiken, SIGMOD 2003)
// hashes of its k-word shingles, each with the token position where its
// shingle starts. Winnowing keeps the minimum hash of every window of
// `window` consecutive shingles, so any run of at least window + k - 1 words
// that two documents share yields at least one common fingerprint, whatever
// surrounds it. A sketch keeps about 2 / (window + 1) of the shingles.

#ifndef REPRINT_PASSAGE_SKETCH_H_
#define REPRINT_PASSAGE_SKETCH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "reprint/minhash.h"
#include "reprint/text.h"

namespace reprint {

struct PassageSketchParams {
  uint32_t shingle_k = 5;  // words per shingle
  uint32_t window = 4;     // shingles per winnowing window
  uint32_t normalizer_version = kNormalizerVersion;
  absl::Status Validate() const;  // InvalidArgument naming the field
  bool operator==(const PassageSketchParams& o) const {
    return shingle_k == o.shingle_k && window == o.window &&
           normalizer_version == o.normalizer_version;
  }
};

struct Fingerprint {
  uint64_t hash = 0;
  uint32_t position = 0;  // token index where the shingle starts
  bool operator==(const Fingerprint& o) const {
    return hash == o.hash && position == o.position;
  }
};

struct PassageSketch {
  PassageSketchParams params;
  std::vector<Fingerprint> fingerprints;  // ascending position

  // Little-endian: "RPPS" | u16 version | u16 reserved | u32 shingle_k |
  // u32 window | u32 normalizer_version | u32 count | count * (u64 hash,
  // u32 position) | u32 XXH32 of all previous bytes.
  std::string Encode() const;
  // DataLoss for truncation or a bad checksum, FailedPrecondition for a newer
  // version, InvalidArgument for bad parameters.
  static absl::StatusOr<PassageSketch> Decode(absl::string_view bytes);
};

// Winnows `shingles` (one hash per position, as from ShingleHashes) into
// `*out`, ascending by position, each selected position once.
// REQUIRES: window >= 1.
void Winnow(absl::Span<const uint64_t> shingles, uint32_t window,
            std::vector<Fingerprint>* out);

// The sketch of a tokenised document.
PassageSketch ComputePassageSketch(absl::Span<const Token> tokens,
                                   const PassageSketchParams& params);

}  // namespace reprint

#endif  // REPRINT_PASSAGE_SKETCH_H_
