// include/reprint/verify.h
//
// Exact set similarity on sorted shingle sets.

#ifndef REPRINT_VERIFY_H_
#define REPRINT_VERIFY_H_

#include <cstdint>

#include "absl/types/span.h"

namespace reprint {

struct Overlap {
  uint64_t intersection = 0;
  uint64_t size_a = 0;
  uint64_t size_b = 0;
  // |A∩B| / |A∪B|; 0 when both are empty.
  double jaccard() const;
  // |A∩B| / |A|: how much of A lies inside B. 0 when A is empty.
  double containment_a() const;
  // |A∩B| / |B|.
  double containment_b() const;
};

// Compares two sorted, de-duplicated sets. Linear in their sizes.
Overlap CompareSets(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b);
Overlap CompareSets(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b);

}  // namespace reprint

#endif  // REPRINT_VERIFY_H_
