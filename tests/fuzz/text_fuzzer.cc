// libFuzzer target: arbitrary bytes split into two texts, then tokenised,
// sketched, aligned and rendered; and the same bytes decoded as a
// serialised signature and passage sketch.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "reprint/align.h"
#include "reprint/minhash.h"
#include "reprint/passage_sketch.h"
#include "reprint/shingle.h"
#include "reprint/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  (void)reprint::Signature::Decode(bytes);
  (void)reprint::PassageSketch::Decode(bytes);
  size_t cut = size == 0 ? 0 : data[0] % (size + 1);
  std::string a = bytes.substr(0, cut), b = bytes.substr(cut);
  std::vector<reprint::Token> ta, tb;
  reprint::Tokenize(a, &ta);
  reprint::Tokenize(b, &tb);
  std::vector<uint64_t> set;
  reprint::ShingleSet(ta, 5, &set);
  static const reprint::MinHasher* hasher =
      new reprint::MinHasher(reprint::MinHashParams{});
  (void)hasher->Compute(set);
  (void)reprint::ComputePassageSketch(tb, reprint::PassageSketchParams{});
  reprint::AlignOptions options;
  options.min_passage_tokens = 2;
  options.min_equal_tokens = 2;
  // Heavy-rewrite chains on every other input (the first byte decides).
  options.phrase_chain_words = size > 0 && (data[0] & 1) ? 8 : 0;
  for (const reprint::Passage& p : reprint::AlignPassages(ta, tb, options)) {
    (void)reprint::RenderWordDiff(a, ta, b, tb, p, /*color=*/true);
  }
  return 0;
}
