// The outlet of a page address (OutletFromUrl in reprint/ingest.h).

#include <algorithm>
#include <string>

#include <libpsl.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "reprint/ingest.h"
#include "src/ingest/jsonl.h"

namespace reprint {
namespace {

// Whether `s` is a URL scheme: a letter, then letters, digits, '+', '-', '.'.
bool IsScheme(absl::string_view s) {
  if (s.empty() || !absl::ascii_isalpha(static_cast<unsigned char>(s[0]))) {
    return false;
  }
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '+' &&
        c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

// Whether `host` holds only what a host name can: ASCII letters, digits,
// '-', '_', '.', and the bytes of non-ASCII (internationalised) names
// (checked as UTF-8 apart).
bool IsHostName(absl::string_view host) {
  for (char c : host) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (!absl::ascii_isalnum(u) && c != '-' && c != '_' && c != '.' && u < 0x80) {
      return false;
    }
  }
  return true;
}

// Whether `host` is an IPv4 address: four dot-separated decimal numbers.
// (libpsl would take its last two numbers for a domain.)
bool IsIpv4(absl::string_view host) {
  int labels = 0;
  for (absl::string_view label : absl::StrSplit(host, '.')) {
    if (label.empty() || label.size() > 3 ||
        !std::all_of(label.begin(), label.end(),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); })) {
      return false;
    }
    ++labels;
  }
  return labels == 4;
}

// The registrable domain of a lower-cased host name: its public suffix
// ("com", "co.uk", "blogspot.com") and the one label before it, from the
// Public Suffix List built into libpsl (fixed for a given build, so
// outlets never change with the machine's copy of the list). The host
// itself when it has no such domain: a suffix alone, a single label, an
// address.
std::string RegistrableDomain(std::string host) {
  if (host.empty() || host[0] == '[' || IsIpv4(host)) return host;
  const char* domain = psl_registrable_domain(psl_builtin(), host.c_str());
  if (domain == nullptr) return host;
  return std::string(domain);
}

}  // namespace

std::string OutletFromUrl(absl::string_view url) {
  url = absl::StripAsciiWhitespace(url);
  absl::string_view rest;
  bool bare = false;  // no "//": "example.com/page"
  const size_t scheme_end = url.find("://");
  if (scheme_end != absl::string_view::npos && IsScheme(url.substr(0, scheme_end))) {
    rest = url.substr(scheme_end + 3);
  } else if (absl::StartsWith(url, "//")) {
    rest = url.substr(2);
  } else {
    rest = url;
    bare = true;
  }
  absl::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  const size_t at = authority.rfind('@');
  if (at != absl::string_view::npos) {
    if (bare) return "";  // "mailto:name@example.com" names no page
    authority.remove_prefix(at + 1);
  }
  absl::string_view host;
  if (absl::StartsWith(authority, "[")) {
    const size_t close = authority.find(']');
    if (close == absl::string_view::npos || bare) return "";
    host = authority.substr(0, close + 1);  // an IPv6 literal, kept whole
    for (char c : host.substr(1, close - 1)) {
      if (!absl::ascii_isxdigit(static_cast<unsigned char>(c)) && c != ':' &&
          c != '.') {
        return "";
      }
    }
  } else {
    host = authority.substr(0, authority.find(':'));
    while (absl::EndsWith(host, ".")) host.remove_suffix(1);
    if (!IsHostName(host) || !internal::IsValidUtf8(host) ||
        (bare && !absl::StrContains(host, '.'))) {
      return "";
    }
  }
  return RegistrableDomain(absl::AsciiStrToLower(host));
}

}  // namespace reprint
