// src/text/tokenizer_internal.h
//
// The tokeniser with its 64-byte bit-mask fast path switched on or off, so
// that tests can check that both paths agree.

#ifndef REPRINT_SRC_TEXT_TOKENIZER_INTERNAL_H_
#define REPRINT_SRC_TEXT_TOKENIZER_INTERNAL_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "reprint/text.h"

namespace reprint {
namespace internal {

void TokenizeImpl(absl::string_view text, std::vector<Token>* out,
                  bool fast_path);

}  // namespace internal
}  // namespace reprint

#endif  // REPRINT_SRC_TEXT_TOKENIZER_INTERNAL_H_
