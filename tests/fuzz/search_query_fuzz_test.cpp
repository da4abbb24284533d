// The fuzz target on every build: generated hostile inputs (operator soup, unbalanced
// quotes, control bytes, invalid UTF-8, long words, many words), deterministic.
#include <gtest/gtest.h>

#include <random>

#include "fuzz_targets.h"

namespace meridian::fuzz {
namespace {

TEST(SearchQueryFuzzTest, HostileInputsNeverCrash) {
  const std::vector<std::string> pieces = {"\"",       "-",
                                           "--",       " ",
                                           "python",   "pyhton",
                                           "c++",      ".net",
                                           "node.js",  "k8s",
                                           "\xff",     "\xc3",
                                           "\xc3\xbc", "\x00",
                                           "\x01",     "\t",
                                           "\n",       "*",
                                           "(",        ")",
                                           "AND",      "OR",
                                           "NOT",      "zürich",
                                           "ZÜRICH",   std::string(300, 'a'),
                                           "%",        "'",
                                           "\\",       "é́́",
                                           "😀",        "-\"",
                                           "\"-"};
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string input(1, static_cast<char>(rng() & 0xFF));
    int parts = static_cast<int>(rng() % 12);
    for (int p = 0; p < parts; ++p) {
      if (rng() % 4 == 0) {
        input += static_cast<char>(rng() & 0xFF);  // any byte
      } else {
        input += pieces[rng() % pieces.size()];
      }
    }
    SearchQueryTarget(input);
  }
  SearchQueryTarget("");
  SearchQueryTarget(std::string(100000, '"'));
  SearchQueryTarget(std::string(5000, '-') + "python");
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "python ";
  SearchQueryTarget(many);
}

}  // namespace
}  // namespace meridian::fuzz
