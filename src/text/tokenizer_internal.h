// src/text/tokenizer_internal.h
//
// The tokeniser with its 64-byte bit-mask fast path switched on or off, so
// that tests can check that both paths agree.

#ifndef REPRINT_SRC_TEXT_TOKENIZER_INTERNAL_H_
#define REPRINT_SRC_TEXT_TOKENIZER_INTERNAL_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "reprint/document.h"
#include "reprint/text.h"

namespace reprint {
namespace internal {

void TokenizeImpl(absl::string_view text, std::vector<Token>* out,
                  bool fast_path);

// The byte ranges (hash 0) of the tokens of text[range] outside `markup`
// (MarkupSpans() of the whole text), in whole-text positions: a passage's
// tokens, which its bytes alone, read on their own as HTML or not, might
// not give. `range` must begin and end between tokens.
void TokenBoundsOutside(absl::string_view text, ByteRange range,
                        const std::vector<ByteRange>& markup,
                        std::vector<Token>* out);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_TEXT_TOKENIZER_INTERNAL_H_
