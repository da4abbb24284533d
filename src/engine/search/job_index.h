// The in-memory job search index (docs/search.md): an immutable snapshot built from a set of
// documents, answering free-text queries (BM25F over title, tags and description; stemming,
// typo tolerance, prefix matching, exclusions) with exact filters, facet counts and sorts.
//
//   JobIndex index = JobIndex::Build(docs);
//   ASSIGN_OR_RETURN(SearchResult r, index.Search({.text = "pyhton devloper", .limit = 10}));
//
// An index is immutable and every const method may run concurrently; serving swaps whole
// snapshots (DESIGN §1). Search keeps its scratch space per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/statusor.h"
#include "engine/text/term_dictionary.h"

namespace meridian {

class JobIndex;

// What the index knows of one job.
struct SearchDoc {
  std::string slug;
  std::string title;
  std::vector<std::string> tags;  // normalized tags (also searched as text)
  std::string description;
  std::string company;  // slug
  std::string seniority;
  std::string employment_type;
  std::string status;
  std::optional<double> salary_min_usd;  // annual
  std::optional<double> salary_max_usd;
  int64_t posted_at = 0;
  std::optional<int64_t> valid_through;     // no longer open after this time
  std::vector<std::string> eligible_areas;  // "WW", country or region codes
  // When people are expected online, as an opaque key the caller can decode ("" = no
  // constraint); see SearchQuery::window_ok.
  std::string window_key;
};

enum class SearchSort { kRelevance, kNewest, kSalary };

// When words may match with typos. kAuto (Typesense's default): first without typos, and
// only if nothing matches, again with them; an exact word never pulls in near-misses.
enum class TypoMode { kAuto, kOff, kOn };

struct SearchQuery {
  // Free text: words (all must match, each with its typos and stems), "quoted phrases"
  // (their words must all match), -exclusions. The last word also matches as a prefix
  // (search-as-you-type) unless the text ends with a space.
  std::string text;
  std::vector<std::string> tags_any;  // at least one
  std::vector<std::string> tags_all;  // every one
  std::string company;
  std::string seniority;
  std::string employment_type;
  std::vector<std::string> statuses;     // empty = any
  std::optional<double> salary_min_usd;  // the job's range reaches at least this
  std::optional<double> salary_max_usd;  // the job's range starts at or below this
  std::optional<int64_t> posted_since;   // posted_at >= this
  std::optional<int64_t> valid_at;       // exclude jobs whose valid_through is before this
  // Eligibility: keeps jobs open to at least one area the predicate accepts (it is asked
  // once per distinct area in the index, e.g. "does PT lie in 150?"). Empty = no filter.
  std::function<bool(std::string_view area)> area_ok;
  // Working hours: keeps jobs whose window key the predicate accepts (asked once per
  // distinct window; "" is a job without a window). Empty = no filter.
  std::function<bool(std::string_view window_key)> window_ok;
  std::vector<std::string> facets;  // tags|company|seniority|employment_type|status
  SearchSort sort = SearchSort::kRelevance;
  TypoMode typos = TypoMode::kAuto;
  size_t offset = 0;
  size_t limit = 20;
};

struct SearchHit {
  std::string slug;
  double score = 0;  // 0 when the query has no text
  // Sort keys, so that hits from several indexes merge in the same order.
  int64_t posted_at = 0;
  float salary = -1;  // the top of the annual USD range; -1 when unknown
};

struct FacetCount {
  std::string value;
  size_t count = 0;
};

struct SearchResult {
  std::vector<SearchHit> hits;
  size_t total = 0;  // matches after filters, before paging
  // Facet name -> values with their exact counts among the matches, most frequent first.
  std::map<std::string, std::vector<FacetCount>> facets;
  // The index terms the text matched (stems, typo and prefix variants), for highlighting.
  std::vector<std::string> terms;
  bool used_typos = false;  // the words matched only with typos
};

// Where a search looks: documents to skip (replaced or deleted since the index was built).
struct SearchScope {
  const std::vector<uint8_t>* hidden = nullptr;  // by document id; non-zero = skip
};

struct JobIndexOptions {
  // Take the corpus statistics (document count, frequencies, average lengths) from this
  // index as well, so that a small index of recent changes scores like the big one.
  const JobIndex* stats_from = nullptr;
};

// Merges the results of one query over several indexes (each asked for offset 0 and
// offset + limit hits) into the page the query asks for: hits in the query's order,
// totals and facet counts summed.
SearchResult MergeSearchResults(std::vector<SearchResult> parts, const SearchQuery& query);

// Builds a JobIndex one document at a time, so a caller streaming documents from the
// store never holds them all (JobIndex::Build is the same over a vector).
class JobIndexBuilder {
 public:
  explicit JobIndexBuilder(JobIndexOptions options = {});
  ~JobIndexBuilder();
  JobIndexBuilder(const JobIndexBuilder&) = delete;
  JobIndexBuilder& operator=(const JobIndexBuilder&) = delete;

  void Add(const SearchDoc& doc);
  JobIndex Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Runs a query in `q.typos`'s mode; kAuto runs `search(kOff)` and, only when that matches
// nothing, `search(kOn)`, marking the result as having used typos. `search` gets kOff or
// kOn only. Shared by one index and by several searched as one (SearchSnapshot).
template <typename Search>
StatusOr<SearchResult> WithTypoFallback(const SearchQuery& q, Search search) {
  if (q.typos != TypoMode::kAuto) return search(q.typos);
  ASSIGN_OR_RETURN(SearchResult exact, search(TypoMode::kOff));
  if (exact.total > 0 || q.text.empty()) return exact;
  ASSIGN_OR_RETURN(SearchResult loose, search(TypoMode::kOn));
  loose.used_typos = loose.total > 0;
  return loose;
}

class JobIndex {
 public:
  static JobIndex Build(const std::vector<SearchDoc>& docs, JobIndexOptions options = {});
  JobIndex() = default;
  JobIndex(JobIndex&&) = default;
  JobIndex& operator=(JobIndex&&) = default;

  size_t size() const { return slugs_.size(); }
  // kInvalidArgument for an unknown facet name or an absurd page; never fails on text.
  StatusOr<SearchResult> Search(const SearchQuery& query, SearchScope scope = {}) const;
  // The document id of a slug.
  std::optional<uint32_t> FindDoc(std::string_view slug) const;
  // How many documents hold `term` (an analyzed term).
  uint32_t DocumentFrequency(std::string_view term) const;

  const TermDictionary& dictionary() const { return dict_; }
  size_t MemoryBytes() const;

 private:
  friend class JobIndexBuilder;
  friend class JobIndexFile;
  template <typename Archive>
  friend void VisitIndex(Archive& ar, JobIndex& x);
  friend Status ValidateIndex(const JobIndex& x);
  enum Field { kTitle = 0, kTags = 1, kDescription = 2, kFields = 3 };
  // Term frequencies per field packed in a byte: title (bits 0-1) and tags (2-3) capped
  // at 3, description (4-7) at 15; BM25 saturation makes larger counts matter little.
  static uint8_t PackTf(const uint8_t tf[kFields]);
  // A single-valued attribute: value ids per document, value names by id.
  struct Column {
    std::vector<std::string> values;
    std::vector<uint32_t> of_doc;
    std::optional<uint32_t> Find(const std::string& v) const;
    uint32_t Intern(const std::string& v, std::map<std::string, uint32_t>* ids);
  };

  StatusOr<SearchResult> SearchOnce(const SearchQuery& query, SearchScope scope, bool typos) const;
  double TermScore(uint32_t doc, uint8_t tf, double idf) const;

  TermDictionary dict_;
  // Postings: per term, the documents (ascending) and their packed frequencies.
  std::vector<uint64_t> postings_start_;  // per term, into post_docs_ (size terms + 1)
  std::vector<uint32_t> post_docs_;
  std::vector<uint8_t> post_tf_;
  std::vector<float> idf_;  // per term
  std::vector<uint16_t> field_len_[kFields];
  double avg_len_[kFields] = {1, 1, 1};
  // Derived from the lengths (not stored in the file): per document and field, the field
  // weight over BM25's length normalization, interleaved [d * kFields + f].
  std::vector<float> field_w_;
  void ComputeFieldWeights();

  std::vector<std::string> slugs_;
  std::vector<uint32_t> by_slug_;  // document ids in slug order
  std::vector<int64_t> posted_at_;
  std::vector<int64_t> valid_through_;          // INT64_MAX when open-ended
  std::vector<float> salary_min_, salary_max_;  // NaN when unknown
  Column company_, seniority_, employment_, status_;
  std::vector<std::string> area_values_;
  std::vector<uint32_t> areas_start_;  // per doc into area_ids_ (size docs + 1)
  std::vector<uint32_t> area_ids_;
  Column window_;
  std::vector<std::string> tag_values_;
  std::vector<uint32_t> tags_start_;  // per doc into tag_ids_ (size docs + 1)
  std::vector<uint32_t> tag_ids_;
  // Adjacent-pair filters for phrases (phrase_filter.h), per doc into pairs_.
  std::vector<uint64_t> pairs_start_;
  std::vector<uint8_t> pairs_;
};

}  // namespace meridian
