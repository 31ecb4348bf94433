// tests/testing/status_matchers.h
//
// Debian's Abseil 20220623 has no status matchers; these keep its names.

#ifndef REPRINT_TESTS_TESTING_STATUS_MATCHERS_H_
#define REPRINT_TESTS_TESTING_STATUS_MATCHERS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reprint {
namespace testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER_P2(StatusIs, code, substr,
           std::string("has code ") + absl::StatusCodeToString(code)) {
  const absl::Status& s = GetStatus(arg);
  if (s.code() != code) {
    *result_listener << "status is " << s.ToString();
    return false;
  }
  if (std::string(s.message()).find(substr) == std::string::npos) {
    *result_listener << "message \"" << s.message() << "\" lacks \"" << substr
                     << "\"";
    return false;
  }
  return true;
}

}  // namespace testing
}  // namespace reprint

#define EXPECT_OK(expr) EXPECT_TRUE(::reprint::testing::GetStatus(expr).ok()) \
    << ::reprint::testing::GetStatus(expr).ToString()
#define ASSERT_OK(expr) ASSERT_TRUE(::reprint::testing::GetStatus(expr).ok()) \
    << ::reprint::testing::GetStatus(expr).ToString()

#endif  // REPRINT_TESTS_TESTING_STATUS_MATCHERS_H_
