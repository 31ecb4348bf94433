// tests/ingest/outlet_test.cc

#include <initializer_list>
#include <string>

#include "gtest/gtest.h"
#include "reprint/ingest.h"

namespace reprint {
namespace {

struct Case {
  const char* url;
  const char* outlet;
};

void ExpectOutlets(std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(OutletFromUrl(c.url), c.outlet) << "url: " << c.url;
  }
}

TEST(OutletFromUrlTest, HostOfAnAddress) {
  ExpectOutlets({
      {"https://www.example.com/news/1?x=2#top", "example.com"},
      {"http://Example.COM", "example.com"},
      {"https://news.example.co.uk/a", "example.co.uk"},
      {"HTTPS://user:pw@www.example.com:8443/a", "example.com"},
      {"https://example.com./a", "example.com"},
      {"//cdn.example.org/x", "example.org"},
      {"  https://example.com/a\n", "example.com"},
      {"https://example.com?q=1", "example.com"},
      {"http://localhost:8080/a", "localhost"},
      {"http://[2001:db8::1]:80/a", "[2001:db8::1]"},
      {"http://192.168.0.10/a", "192.168.0.10"},
      // Non-ASCII (internationalised) names are kept as written.
      {"https://www.zeitung.d\xC3\xA9/a", "zeitung.d\xC3\xA9"},
  });
}

TEST(OutletFromUrlTest, MobileAndWwwPagesAreOneOutlet) {
  ExpectOutlets({
      {"https://m.example.com/a", "example.com"},
      {"https://www.example.com/a", "example.com"},
      {"https://www.m.example.com/a", "example.com"},
      {"https://www.com/a", "www.com"},
      {"https://m.com/a", "m.com"},
      {"https://wwwexample.com/a", "wwwexample.com"},
  });
}

// An outlet is the registrable domain (Public Suffix List): one site's
// editions, sections and AMP pages share their furniture, and two sites
// on a suffix that hosts many (blogspot.com, github.io) stay apart.
TEST(OutletFromUrlTest, SubdomainsOfOneSiteAreOneOutlet) {
  ExpectOutlets({
      {"https://edition.example.com/2018/a", "example.com"},
      {"https://amp.example.com/2018/a", "example.com"},
      {"https://news.example.co.uk/a", "example.co.uk"},
      {"https://www.example.co.uk/a", "example.co.uk"},
      {"https://one.blogspot.com/a", "one.blogspot.com"},
      {"https://two.blogspot.com/a", "two.blogspot.com"},
      {"https://www.two.blogspot.com/a", "two.blogspot.com"},
      {"https://site.github.io/a", "site.github.io"},
      // A public suffix alone, or a name with no known suffix, stays whole.
      {"https://co.uk/a", "co.uk"},
      {"https://blogspot.com/a", "blogspot.com"},
      {"http://intranet.local/a", "intranet.local"},
  });
}

TEST(OutletFromUrlTest, AddressWithoutAScheme) {
  ExpectOutlets({
      {"www.example.com/news/1", "example.com"},
      {"example.com", "example.com"},
      {"example.com:80/a", "example.com"},
      // No dot: a path, not a host.
      {"news/2024/story", ""},
      {"mailto:desk@example.com", ""},
  });
}

TEST(OutletFromUrlTest, NoHost) {
  ExpectOutlets({
      {"", ""},
      {"https://", ""},
      {"https:///path", ""},
      {"not an address", ""},
      {"https://exa mple.com/", ""},
      {"https://[::1/a", ""},
      {"http://[2001:db8::1 x y]/", ""},
      {"https://\xFF\xFE.com/", ""},
      {"https://caf\xC3.com/", ""},
      {"1 2://example.com", ""},
  });
}

}  // namespace
}  // namespace reprint
