#include "engine/search/snippet.h"

#include <algorithm>
#include <set>

namespace meridian {
namespace {

bool IsContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Moves `at` back to the nearest space at or before it (or to `floor`), on a character start.
size_t BackToSpace(std::string_view text, size_t at, size_t floor) {
  size_t i = at;
  while (i > floor && text[i - 1] != ' ') --i;
  if (i == floor) {
    i = at;
    while (i > floor && i < text.size() && IsContinuation(text[i])) --i;
  }
  return i;
}

void AppendEscaped(std::string* out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&':
        *out += "&amp;";
        break;
      case '<':
        *out += "&lt;";
        break;
      case '>':
        *out += "&gt;";
        break;
      case '"':
        *out += "&quot;";
        break;
      case '\'':
        *out += "&#39;";
        break;
      default:
        *out += c;
    }
  }
}

}  // namespace

Snippet MakeSnippet(Analyzer& analyzer, std::string_view text,
                    const std::vector<std::string>& terms, SnippetOptions options) {
  struct Match {
    size_t begin, end;
    size_t term;  // index into terms
  };
  std::vector<Match> matches;
  if (!terms.empty()) {
    for (const Token& t : analyzer.Analyze(text)) {
      auto it = std::lower_bound(terms.begin(), terms.end(), t.term);
      if (it != terms.end() && *it == t.term) {
        matches.push_back({t.begin, t.end, static_cast<size_t>(it - terms.begin())});
      }
    }
  }
  // The window with the most distinct terms.
  size_t start = 0;
  if (!matches.empty() && text.size() > options.max_bytes) {
    size_t best = 0, best_count = 0;
    for (size_t i = 0; i < matches.size(); ++i) {
      std::set<size_t> distinct;
      for (size_t j = i;
           j < matches.size() && matches[j].end <= matches[i].begin + options.max_bytes; ++j) {
        distinct.insert(matches[j].term);
      }
      if (distinct.size() > best_count) {
        best_count = distinct.size();
        best = i;
      }
    }
    size_t first = matches[best].begin;
    if (first + options.max_bytes > text.size()) {
      first = text.size() > options.max_bytes ? text.size() - options.max_bytes : 0;
    }
    if (first > options.lead_bytes) start = BackToSpace(text, first - options.lead_bytes, 0);
    if (start > matches[best].begin) start = matches[best].begin;
  }
  size_t end = std::min(text.size(), start + options.max_bytes);
  if (end < text.size()) {
    size_t cut = BackToSpace(text, end, start);
    // Never cut through a match.
    for (const Match& m : matches) {
      if (m.begin < cut && m.end > cut) cut = m.begin;
    }
    end = cut > start ? cut : end;
    while (end > start && end < text.size() && IsContinuation(text[end])) --end;
  }
  Snippet s;
  std::string_view window = text.substr(start, end - start);
  // Trim the spaces at the cut edges; marks shift with the leading trim.
  size_t lead = 0;
  while (lead < window.size() && window[lead] == ' ') ++lead;
  while (!window.empty() && window.back() == ' ') window.remove_suffix(1);
  window.remove_prefix(std::min(lead, window.size()));
  s.text = std::string(window);
  s.cut_before = start > 0;
  s.cut_after = end < text.size();
  size_t base = start + lead;
  for (const Match& m : matches) {
    if (m.begin >= base && m.end <= base + s.text.size()) {
      s.marks.emplace_back(m.begin - base, m.end - base);
    }
  }
  return s;
}

std::string SnippetHtml(const Snippet& snippet) {
  std::string out;
  if (snippet.cut_before) out += "\u2026";
  size_t at = 0;
  for (const auto& [b, e] : snippet.marks) {
    AppendEscaped(&out, std::string_view(snippet.text).substr(at, b - at));
    out += "<mark>";
    AppendEscaped(&out, std::string_view(snippet.text).substr(b, e - b));
    out += "</mark>";
    at = e;
  }
  AppendEscaped(&out, std::string_view(snippet.text).substr(at));
  if (snippet.cut_after) out += "\u2026";
  return out;
}

}  // namespace meridian
