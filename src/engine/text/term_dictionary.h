// The sorted term dictionary of a search index: term <-> id, prefix ranges for
// search-as-you-type, and typo-tolerant lookup by walking the implicit trie of the sorted
// terms, pruning every branch that cannot come within reach. The distance is the optimal
// string alignment distance (Levenshtein plus adjacent transpositions as one edit), so
// "pyhton" is one typo away from "python", as people count typos.
//
//   TermDictionary dict({"develop", "developer", "devops", "python"});
//   dict.Find("python");                 // id 3
//   dict.PrefixRange("dev");             // ids [0, 3)
//   dict.Fuzzy("pyhton", 1);             // {id 3, distance 1}
//
// Terms are compared byte by byte: an edit of a non-ASCII letter counts once per byte.
// Immutable after construction; every method may run concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meridian {

class JobIndex;
class Status;

class TermDictionary {
 public:
  struct Match {
    uint32_t id = 0;
    int distance = 0;  // edits between the query word and the term
  };

  TermDictionary() = default;
  // Sorts and deduplicates `terms`; ids follow the sorted order.
  explicit TermDictionary(std::vector<std::string> terms);

  size_t size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  std::string_view term(uint32_t id) const;
  std::optional<uint32_t> Find(std::string_view term) const;
  // Ids [first, second) of the terms that start with `prefix`.
  std::pair<uint32_t, uint32_t> PrefixRange(std::string_view prefix) const;
  // Terms within `max_edits` (insertions, deletions, substitutions, adjacent
  // transpositions) of `word`, in id order,
  // the exact term included (distance 0). At most `limit` matches.
  std::vector<Match> Fuzzy(std::string_view word, int max_edits, size_t limit = 256) const;

  // Typo budget for a query word of `length` bytes, as Typesense defaults it: none below 4,
  // one from 4, two from 7.
  static int MaxEditsFor(size_t length);

  // Bytes used by the dictionary (terms and offsets).
  size_t MemoryBytes() const { return blob_.capacity() + offsets_.capacity() * sizeof(uint32_t); }

 private:
  // The index file reads, writes and checks the two arrays (engine/search/index_file.cpp).
  template <typename Archive>
  friend void VisitIndex(Archive& ar, JobIndex& x);
  friend Status ValidateIndex(const JobIndex& x);
  void Walk(uint32_t lo, uint32_t hi, size_t depth, std::string_view word, int max_edits,
            const std::vector<int>& row, const std::vector<int>* parent_row, size_t limit,
            std::vector<Match>* out) const;

  std::string blob_;               // every term, back to back
  std::vector<uint32_t> offsets_;  // term i is blob_[offsets_[i], offsets_[i + 1])
};

}  // namespace meridian
