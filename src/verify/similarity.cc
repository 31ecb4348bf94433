#include "reprint/verify.h"

namespace reprint {
namespace {

template <typename T>
Overlap CompareSorted(absl::Span<const T> a, absl::Span<const T> b) {
  Overlap o;
  o.size_a = a.size();
  o.size_b = b.size();
  size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    // Branch-light merge: advance whichever side is smaller (both on equal).
    T x = a[i], y = b[j];
    n += (x == y);
    i += (x <= y);
    j += (y <= x);
  }
  o.intersection = n;
  return o;
}

}  // namespace

double Overlap::jaccard() const {
  uint64_t uni = size_a + size_b - intersection;
  return uni == 0 ? 0.0 : static_cast<double>(intersection) / uni;
}

double Overlap::containment_a() const {
  return size_a == 0 ? 0.0 : static_cast<double>(intersection) / size_a;
}

double Overlap::containment_b() const {
  return size_b == 0 ? 0.0 : static_cast<double>(intersection) / size_b;
}

Overlap CompareSets(absl::Span<const uint64_t> a,
                    absl::Span<const uint64_t> b) {
  return CompareSorted(a, b);
}

Overlap CompareSets(absl::Span<const uint32_t> a,
                    absl::Span<const uint32_t> b) {
  return CompareSorted(a, b);
}

}  // namespace reprint
