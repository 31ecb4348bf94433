// libFuzzer target: one JSON Lines record through the strict (simdjson)
// parser and the permissive fallback. Neither may crash, hang or read past
// the padded buffer, whatever the bytes. The bytes are also read as a
// `date`, and a date read must print back as the same instant; and as a
// page address, whose outlet must be a host found in it.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "reprint/ingest.h"
#include "src/ingest/jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using reprint::internal::JsonlFieldNames;
  using reprint::internal::JsonlLineParser;
  using reprint::internal::JsonlRecord;
  static JsonlLineParser* parser = new JsonlLineParser();
  std::vector<char> padded(size + reprint::internal::kJsonlPadding, '\0');
  if (size > 0) std::memcpy(padded.data(), data, size);
  JsonlFieldNames names;
  names.url = "url";
  JsonlRecord record;
  (void)parser->Parse(names, padded.data(), size, padded.size(), &record);
  (void)parser->StringFieldNames(padded.data(), size, padded.size());
  (void)reprint::internal::LaxParseJsonlLine(
      names, absl::string_view(reinterpret_cast<const char*>(data), size),
      &record);
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string outlet = reprint::OutletFromUrl(text);
  if (!outlet.empty() &&
      (outlet.find_first_of("/?#@ \t\n\r") != std::string::npos ||
       outlet != absl::AsciiStrToLower(outlet) ||
       !absl::StrContains(absl::AsciiStrToLower(text), outlet))) {
    __builtin_trap();
  }
  if (const std::optional<int64_t> ms = reprint::ParseDate(text)) {
    // Within years 0000-9999 (with offsets), and round-trips through ISO.
    constexpr int64_t kDay = 86400000;
    if (*ms < -719528 * kDay - kDay || *ms > 2932897 * kDay + kDay) __builtin_trap();
    const int64_t days = (*ms >= 0 ? *ms : *ms - kDay + 1) / kDay;
    const int64_t in_day = *ms - days * kDay;
    // Civil date from days since 1970 (the inverse of the parser's).
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = yoe + era * 400 + (m <= 2);
    if (y >= 0 && y <= 9999) {
      const std::string iso = absl::StrFormat(
          "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, m, d, in_day / 3600000,
          in_day / 60000 % 60, in_day / 1000 % 60, in_day % 1000);
      if (reprint::ParseDate(iso) != ms) __builtin_trap();
    }
  }
  return 0;
}
