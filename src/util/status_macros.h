// src/util/status_macros.h
//
// Debian's Abseil 20220623 lacks absl/status/status_macros.h; these follow
// its names so that a later migration is mechanical.

#ifndef REPRINT_SRC_UTIL_STATUS_MACROS_H_
#define REPRINT_SRC_UTIL_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define REPRINT_RETURN_IF_ERROR(expr)       \
  do {                                      \
    ::absl::Status reprint_status_ = (expr); \
    if (!reprint_status_.ok()) return reprint_status_; \
  } while (0)

#define REPRINT_STATUS_CONCAT_INNER_(a, b) a##b
#define REPRINT_STATUS_CONCAT_(a, b) REPRINT_STATUS_CONCAT_INNER_(a, b)

#define REPRINT_ASSIGN_OR_RETURN(lhs, expr)                              \
  REPRINT_ASSIGN_OR_RETURN_IMPL_(                                        \
      REPRINT_STATUS_CONCAT_(reprint_statusor_, __LINE__), lhs, expr)

#define REPRINT_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                   \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = std::move(statusor).value()

#endif  // REPRINT_SRC_UTIL_STATUS_MACROS_H_
