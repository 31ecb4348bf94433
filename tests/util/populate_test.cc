#include "src/util/populate.h"

#include <cstdint>
#include <memory>
#include <vector>

#include "gtest/gtest.h"

namespace reprint {
namespace internal {
namespace {

TEST(PopulateForWrite, KeepsWhatTheMemoryHolds) {
  // Unaligned both ends, part written before (present pages must keep
  // their contents) and part fresh (must read as written afterwards).
  constexpr size_t kBytes = (size_t{6} << 20) + 123;
  std::unique_ptr<uint8_t[]> block(new uint8_t[kBytes + 64]);
  uint8_t* data = block.get() + 7;
  for (size_t i = 0; i < kBytes / 2; ++i) data[i] = static_cast<uint8_t>(i * 31);
  PopulateForWrite(data, kBytes);
  for (size_t i = 0; i < kBytes / 2; ++i) {
    ASSERT_EQ(data[i], static_cast<uint8_t>(i * 31)) << i;
  }
  for (size_t i = kBytes / 2; i < kBytes; ++i) data[i] = static_cast<uint8_t>(i);
  for (size_t i = kBytes / 2; i < kBytes; ++i) {
    ASSERT_EQ(data[i], static_cast<uint8_t>(i)) << i;
  }
}

TEST(PopulateForWrite, SmallAndEmptyRangesAreLeftAlone) {
  std::vector<uint8_t> v(100, 9);
  PopulateForWrite(v.data(), v.size());
  PopulateForWrite(v.data(), 0);
  PopulateForWrite(nullptr, 0);
  EXPECT_EQ(v, std::vector<uint8_t>(100, 9));
}

}  // namespace
}  // namespace internal
}  // namespace reprint
