// The search query fuzz target (issue 4, "bad input"): any bytes as query text, with the
// first bytes choosing the typo mode, sort, prefix and paging, against a small fixed index;
// the matched terms then highlight the input as a snippet. It must never crash, hang or
// trip a sanitizer. Run by libFuzzer (`make fuzz-search`, clang) and by a unit test that
// feeds it generated hostile inputs on every build.
#pragma once

#include <string_view>

namespace meridian::fuzz {

void SearchQueryTarget(std::string_view input);

}  // namespace meridian::fuzz
