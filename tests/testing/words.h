// tests/testing/words.h
//
// The words the tokeniser reads in a text, as they stand there: what the
// text tests compare.

#ifndef REPRINT_TESTS_TESTING_WORDS_H_
#define REPRINT_TESTS_TESTING_WORDS_H_

#include <string>
#include <vector>

#include "reprint/text.h"

namespace reprint {
namespace testing {

inline std::vector<std::string> Words(const std::string& text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    out.push_back(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

}  // namespace testing
}  // namespace reprint

#endif  // REPRINT_TESTS_TESTING_WORDS_H_
