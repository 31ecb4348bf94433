// libFuzzer target: one JSON Lines record through the strict (simdjson)
// parser and the permissive fallback. Neither may crash, hang or read past
// the padded buffer, whatever the bytes.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "src/ingest/jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using reprint::internal::JsonlFieldNames;
  using reprint::internal::JsonlLineParser;
  using reprint::internal::JsonlRecord;
  static JsonlLineParser* parser = new JsonlLineParser();
  std::vector<char> padded(size + reprint::internal::kJsonlPadding, '\0');
  if (size > 0) std::memcpy(padded.data(), data, size);
  JsonlFieldNames names;
  JsonlRecord record;
  (void)parser->Parse(names, padded.data(), size, padded.size(), &record);
  (void)reprint::internal::LaxParseJsonlLine(
      names, absl::string_view(reinterpret_cast<const char*>(data), size),
      &record);
  return 0;
}
