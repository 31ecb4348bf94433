// src/util/check.h
//
// REPRINT_CHECK aborts on programmer errors (broken invariants), never on bad
// input: bad input is an absl::Status.

#ifndef REPRINT_SRC_UTIL_CHECK_H_
#define REPRINT_SRC_UTIL_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define REPRINT_CHECK(cond)                                              \
  do {                                                                   \
    if (!(cond)) {                                                       \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                   #cond);                                               \
      std::abort();                                                      \
    }                                                                    \
  } while (0)

#ifdef NDEBUG
#define REPRINT_DCHECK(cond) \
  do {                       \
  } while (0)
#else
#define REPRINT_DCHECK(cond) REPRINT_CHECK(cond)
#endif

#endif  // REPRINT_SRC_UTIL_CHECK_H_
