#include "engine/text/term_dictionary.h"

#include <algorithm>

namespace meridian {

TermDictionary::TermDictionary(std::vector<std::string> terms) {
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  size_t bytes = 0;
  for (const std::string& t : terms) bytes += t.size();
  blob_.reserve(bytes);
  offsets_.reserve(terms.size() + 1);
  offsets_.push_back(0);
  for (const std::string& t : terms) {
    blob_ += t;
    offsets_.push_back(static_cast<uint32_t>(blob_.size()));
  }
}

std::string_view TermDictionary::term(uint32_t id) const {
  return std::string_view(blob_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
}

std::optional<uint32_t> TermDictionary::Find(std::string_view t) const {
  uint32_t lo = 0, hi = static_cast<uint32_t>(size());
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (term(mid) < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo < size() && term(lo) == t) return lo;
  return std::nullopt;
}

std::pair<uint32_t, uint32_t> TermDictionary::PrefixRange(std::string_view prefix) const {
  uint32_t n = static_cast<uint32_t>(size());
  uint32_t lo = 0, hi = n;
  while (lo < hi) {  // first term >= prefix
    uint32_t mid = lo + (hi - lo) / 2;
    if (term(mid) < prefix) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  uint32_t first = lo;
  hi = n;
  while (lo < hi) {  // first term that does not start with prefix
    uint32_t mid = lo + (hi - lo) / 2;
    if (term(mid).substr(0, prefix.size()) == prefix) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return {first, lo};
}

int TermDictionary::MaxEditsFor(size_t length) {
  if (length >= 7) return 2;
  if (length >= 4) return 1;
  return 0;
}

std::vector<TermDictionary::Match> TermDictionary::Fuzzy(std::string_view word, int max_edits,
                                                         size_t limit) const {
  std::vector<Match> out;
  if (size() == 0 || limit == 0) return out;
  max_edits = std::max(0, max_edits);
  // Row of the edit-distance table for the empty prefix.
  std::vector<int> row(word.size() + 1);
  for (size_t j = 0; j <= word.size(); ++j) row[j] = static_cast<int>(j);
  Walk(0, static_cast<uint32_t>(size()), 0, word, max_edits, row, nullptr, limit, &out);
  return out;
}

// Every term in [lo, hi) shares its first `depth` bytes; `row` is the distance row of that
// shared prefix against `word`, `parent_row` the row of the prefix one byte shorter (for
// transpositions; nullptr at the root).
void TermDictionary::Walk(uint32_t lo, uint32_t hi, size_t depth, std::string_view word,
                          int max_edits, const std::vector<int>& row,
                          const std::vector<int>* parent_row, size_t limit,
                          std::vector<Match>* out) const {
  // The prefix itself may be a term: sorted first in its range.
  if (lo < hi && term(lo).size() == depth) {
    if (row.back() <= max_edits && out->size() < limit) out->push_back({lo, row.back()});
    ++lo;
  }
  std::vector<int> next(row.size());
  while (lo < hi && out->size() < limit) {
    char c = term(lo)[depth];
    // The children with byte c are contiguous: find where they end.
    uint32_t a = lo, b = hi;
    while (a < b) {
      uint32_t mid = a + (b - a) / 2;
      if (term(mid)[depth] == c) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    uint32_t end = a;
    char before = depth > 0 ? term(lo)[depth - 1] : '\0';
    next[0] = row[0] + 1;
    int best = next[0];
    for (size_t j = 1; j < row.size(); ++j) {
      int cost = word[j - 1] == c ? 0 : 1;
      next[j] = std::min({row[j] + 1, next[j - 1] + 1, row[j - 1] + cost});
      // Adjacent transposition: the prefix ends "...xy" where the word has "...yx".
      if (parent_row && j > 1 && word[j - 1] == before && word[j - 2] == c) {
        next[j] = std::min(next[j], (*parent_row)[j - 2] + 1);
      }
      best = std::min(best, next[j]);
    }
    if (best <= max_edits) Walk(lo, end, depth + 1, word, max_edits, next, &row, limit, out);
    lo = end;
  }
}

}  // namespace meridian
