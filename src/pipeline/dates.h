// src/pipeline/dates.h
//
// The order of documents by `date` used wherever reprint picks a source or
// a survivor: dated documents before undated ones, then ISO 8601 dates
// ascending (string order is date order for ISO 8601).

#ifndef REPRINT_SRC_PIPELINE_DATES_H_
#define REPRINT_SRC_PIPELINE_DATES_H_

#include "reprint/document.h"

namespace reprint {
namespace internal {

// Negative if `x` comes first, positive if `y` does, 0 for a tie.
inline int CompareDates(const DocumentInfo& x, const DocumentInfo& y) {
  if (x.date.empty() != y.date.empty()) return x.date.empty() ? 1 : -1;
  return x.date.compare(y.date);
}

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_PIPELINE_DATES_H_
