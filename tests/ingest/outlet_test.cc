// tests/ingest/outlet_test.cc

#include <string>

#include "gtest/gtest.h"
#include "reprint/ingest.h"

namespace reprint {
namespace {

TEST(OutletFromUrlTest, HostOfAnAddress) {
  EXPECT_EQ(OutletFromUrl("https://www.example.com/news/1?x=2#top"), "example.com");
  EXPECT_EQ(OutletFromUrl("http://Example.COM"), "example.com");
  EXPECT_EQ(OutletFromUrl("https://news.example.co.uk/a"), "news.example.co.uk");
  EXPECT_EQ(OutletFromUrl("HTTPS://user:pw@www.example.com:8443/a"), "example.com");
  EXPECT_EQ(OutletFromUrl("https://example.com./a"), "example.com");
  EXPECT_EQ(OutletFromUrl("//cdn.example.org/x"), "cdn.example.org");
  EXPECT_EQ(OutletFromUrl("  https://example.com/a\n"), "example.com");
  EXPECT_EQ(OutletFromUrl("https://example.com?q=1"), "example.com");
  EXPECT_EQ(OutletFromUrl("http://localhost:8080/a"), "localhost");
  EXPECT_EQ(OutletFromUrl("http://[2001:db8::1]:80/a"), "[2001:db8::1]");
  // Non-ASCII (internationalised) names are kept as written.
  EXPECT_EQ(OutletFromUrl("https://www.zeitung.d\xC3\xA9/a"), "zeitung.d\xC3\xA9");
}

TEST(OutletFromUrlTest, MobileAndWwwPagesAreOneOutlet) {
  EXPECT_EQ(OutletFromUrl("https://m.example.com/a"), "example.com");
  EXPECT_EQ(OutletFromUrl("https://www.example.com/a"), "example.com");
  // Only one such label goes, and never the last one before the suffix.
  EXPECT_EQ(OutletFromUrl("https://www.m.example.com/a"), "m.example.com");
  EXPECT_EQ(OutletFromUrl("https://www.com/a"), "www.com");
  EXPECT_EQ(OutletFromUrl("https://m.com/a"), "m.com");
  EXPECT_EQ(OutletFromUrl("https://wwwexample.com/a"), "wwwexample.com");
}

TEST(OutletFromUrlTest, AddressWithoutAScheme) {
  EXPECT_EQ(OutletFromUrl("www.example.com/news/1"), "example.com");
  EXPECT_EQ(OutletFromUrl("example.com"), "example.com");
  EXPECT_EQ(OutletFromUrl("example.com:80/a"), "example.com");
  // No dot: a path, not a host.
  EXPECT_EQ(OutletFromUrl("news/2024/story"), "");
  EXPECT_EQ(OutletFromUrl("mailto:desk@example.com"), "");
}

TEST(OutletFromUrlTest, NoHost) {
  EXPECT_EQ(OutletFromUrl(""), "");
  EXPECT_EQ(OutletFromUrl("https://"), "");
  EXPECT_EQ(OutletFromUrl("https:///path"), "");
  EXPECT_EQ(OutletFromUrl("not an address"), "");
  EXPECT_EQ(OutletFromUrl("https://exa mple.com/"), "");
  EXPECT_EQ(OutletFromUrl("https://[::1/a"), "");
  EXPECT_EQ(OutletFromUrl("http://[2001:db8::1 x y]/"), "");
  EXPECT_EQ(OutletFromUrl("https://\xFF\xFE.com/"), "");
  EXPECT_EQ(OutletFromUrl("https://caf\xC3.com/"), "");
  EXPECT_EQ(OutletFromUrl("1 2://example.com"), "");
}

}  // namespace
}  // namespace reprint
