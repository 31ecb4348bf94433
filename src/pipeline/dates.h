// src/pipeline/dates.h
//
// The order of documents by `date` used wherever reprint picks a source or
// a survivor: dated documents before undated ones (or those whose date
// could not be read), then by the instant their dates name.

#ifndef REPRINT_SRC_PIPELINE_DATES_H_
#define REPRINT_SRC_PIPELINE_DATES_H_

#include "reprint/document.h"

namespace reprint {
namespace internal {

// Negative if `x` comes first, positive if `y` does, 0 for a tie.
inline int CompareDates(const DocumentInfo& x, const DocumentInfo& y) {
  const bool x_undated = x.date_ms == kNoDate, y_undated = y.date_ms == kNoDate;
  if (x_undated != y_undated) return x_undated ? 1 : -1;
  return x.date_ms < y.date_ms ? -1 : x.date_ms > y.date_ms ? 1 : 0;
}

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_PIPELINE_DATES_H_
