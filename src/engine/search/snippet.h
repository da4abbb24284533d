// Highlighted snippets: the part of a text where a search's terms occur, with the matches
// marked. Matching goes through the same analyzer as the index, so "developers" is marked
// for a search of "developer", and typo or prefix variants the query used are marked too.
//
//   Snippet s = MakeSnippet(analyzer, description, result.terms, {.max_bytes = 160});
//   std::string html = SnippetHtml(s);   // "… a <mark>Python</mark> developer …", escaped
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/text/analyzer.h"

namespace meridian {

struct SnippetOptions {
  size_t max_bytes = 160;  // of text (cut at spaces, never inside a character)
  size_t lead_bytes = 40;  // kept before the first match when the window is moved
};

struct Snippet {
  std::string text;
  std::vector<std::pair<size_t, size_t>> marks;  // [begin, end) byte ranges in `text`
  bool cut_before = false;                       // text was dropped before / after
  bool cut_after = false;
};

// `terms` are analyzed index terms, sorted (SearchResult::terms). The window is the one
// holding the most distinct terms, earliest first; with no match it is the text's start.
Snippet MakeSnippet(Analyzer& analyzer, std::string_view text,
                    const std::vector<std::string>& terms, SnippetOptions options = {});

// HTML: the text escaped, matches in <mark>, an ellipsis where text was cut.
std::string SnippetHtml(const Snippet& snippet);

}  // namespace meridian
