#include "engine/search/job_index.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "engine/search/phrase_filter.h"
#include "engine/text/analyzer.h"

namespace meridian {
namespace {

constexpr double kFieldWeight[] = {3.0, 2.0, 1.0};  // title, tags, description
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kPrefixWeight = 0.7;
constexpr double kTypoWeight[] = {1.0, 0.5, 0.3};  // by edit distance
constexpr size_t kMaxPrefixTerms = 24;
constexpr size_t kMaxFuzzyTerms = 32;
constexpr size_t kMaxGroups = 32;
constexpr size_t kMaxPhraseVariants = 8;  // per word, for checking a phrase's pairs
constexpr size_t kMaxWindow = 100000;     // offset, and offset + limit

// Per-thread scratch for accumulating scores over documents without clearing arrays
// between queries: an entry is valid only when its epoch is the current one.
struct Scratch {
  uint32_t epoch = 0;
  std::vector<uint32_t> seen;     // epoch of the entry
  std::vector<uint16_t> matched;  // query groups matched so far; kExcluded = excluded
  std::vector<float> total;
  std::vector<float> group_best;
  Analyzer analyzer;
  // The same tokens unstemmed (stop words dropped alike, so the two line up): prefixes and
  // typo budgets go by what was typed.
  Analyzer plain{AnalyzerOptions{.stem = false, .drop_stop_words = true}};

  void Prepare(size_t docs) {
    if (seen.size() < docs) {
      seen.resize(docs, 0);
      matched.resize(docs);
      total.resize(docs);
      group_best.resize(docs);
    }
    if (++epoch == 0) {  // wrapped: start clean
      std::fill(seen.begin(), seen.end(), 0);
      epoch = 1;
    }
  }
};
constexpr uint16_t kExcluded = 0xFFFF;

Scratch& ThreadScratch() {
  // Scratch space, not shared state: each thread has its own.
  thread_local Scratch scratch;
  return scratch;
}

// Splits the query into required words (a "quoted phrase" is one entry, marked), and
// excluded words.
void ParseText(std::string_view text, std::vector<std::string>* required,
               std::vector<bool>* is_phrase, std::vector<std::string>* excluded,
               bool* last_is_prefix) {
  *last_is_prefix = !text.empty() && text.back() != ' ' && text.back() != '"';
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '"') {
      size_t end = text.find('"', i + 1);
      if (end == std::string_view::npos) end = text.size();  // unbalanced: to the end
      required->emplace_back(text.substr(i + 1, end - i - 1));
      is_phrase->push_back(true);
      i = end + 1;
      continue;
    }
    size_t end = text.find_first_of(" \t\r\n\"", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    if (word.size() > 1 && word[0] == '-') {
      excluded->emplace_back(word.substr(1));
    } else {
      required->emplace_back(word);
      is_phrase->push_back(false);
    }
    i = end;
  }
}

}  // namespace

std::optional<uint32_t> JobIndex::Column::Find(const std::string& v) const {
  auto it = std::find(values.begin(), values.end(), v);
  if (it == values.end()) return std::nullopt;
  return static_cast<uint32_t>(it - values.begin());
}

uint32_t JobIndex::Column::Intern(const std::string& v, std::map<std::string, uint32_t>* ids) {
  auto [it, inserted] = ids->try_emplace(v, static_cast<uint32_t>(values.size()));
  if (inserted) values.push_back(v);
  return it->second;
}

std::optional<uint32_t> JobIndex::FindDoc(std::string_view slug) const {
  auto it = std::lower_bound(by_slug_.begin(), by_slug_.end(), slug,
                             [&](uint32_t d, std::string_view s) { return slugs_[d] < s; });
  if (it == by_slug_.end() || slugs_[*it] != slug) return std::nullopt;
  return *it;
}

uint32_t JobIndex::DocumentFrequency(std::string_view term) const {
  auto id = dict_.Find(term);
  if (!id) return 0;
  return static_cast<uint32_t>(postings_start_[*id + 1] - postings_start_[*id]);
}

void JobIndex::ComputeFieldWeights() {
  const size_t n = slugs_.size();
  field_w_.resize(n * kFields);
  for (size_t d = 0; d < n; ++d) {
    for (int f = 0; f < kFields; ++f) {
      double norm = (1 - kB) + kB * field_len_[f][d] / avg_len_[f];
      field_w_[d * kFields + static_cast<size_t>(f)] = static_cast<float>(kFieldWeight[f] / norm);
    }
  }
}

// BM25F: field frequencies are weighted and length-normalized, then saturated once.
double JobIndex::TermScore(uint32_t doc, uint8_t packed, double idf) const {
  const float* w = &field_w_[static_cast<size_t>(doc) * kFields];
  double tf = (packed >> 4) * w[kDescription];
  if (packed & 0x0F) tf += (packed & 3) * w[kTitle] + ((packed >> 2) & 3) * w[kTags];
  return idf * tf * (kK1 + 1) / (tf + kK1);
}

StatusOr<SearchResult> JobIndex::Search(const SearchQuery& q, SearchScope scope) const {
  if (q.limit > kMaxWindow) {
    return InvalidArgumentError("limit: at most " + std::to_string(kMaxWindow), "limit");
  }
  if (q.offset > kMaxWindow) return InvalidArgumentError("offset: too large", "offset");
  static const char* kFacetNames[] = {"tags", "company", "seniority", "employment_type", "status"};
  for (const std::string& f : q.facets) {
    if (std::find(std::begin(kFacetNames), std::end(kFacetNames), f) == std::end(kFacetNames)) {
      return InvalidArgumentError(
          "facets: unknown facet '" + f + "' (tags, company, seniority, employment_type, status)",
          "facets");
    }
  }
  return WithTypoFallback(
      q, [&](TypoMode mode) { return SearchOnce(q, scope, mode == TypoMode::kOn); });
}

StatusOr<SearchResult> JobIndex::SearchOnce(const SearchQuery& q, SearchScope scope,
                                            bool typos) const {
  Scratch& s = ThreadScratch();
  s.Prepare(size());
  const std::vector<uint8_t>* hidden = scope.hidden;
  const uint32_t epoch = s.epoch;

  // Query words -> groups of weighted term variants.
  std::vector<std::string> required_raw, excluded_raw;
  std::vector<bool> is_phrase;
  bool last_prefix = false;
  ParseText(q.text, &required_raw, &is_phrase, &excluded_raw, &last_prefix);
  struct Variant {
    uint32_t term;
    double weight;
  };
  std::vector<std::vector<Variant>> groups;
  // Per adjacent pair of words inside a phrase: the hashes one of which the document's
  // pair filter must hold.
  std::vector<std::vector<uint64_t>> phrase_pairs;
  bool text_query = false;
  for (size_t w = 0; w < required_raw.size() && groups.size() < kMaxGroups; ++w) {
    std::vector<Token> tokens = s.analyzer.Analyze(required_raw[w]);
    std::vector<Token> typed_tokens = s.plain.Analyze(required_raw[w]);
    for (size_t k = 0; k < tokens.size(); ++k) {
      text_query = true;
      const std::string& stem = tokens[k].term;
      bool is_prefix = last_prefix && w + 1 == required_raw.size() && k + 1 == tokens.size();
      std::vector<Variant> variants;
      const std::string& normalized =
          k < typed_tokens.size() ? typed_tokens[k].term : tokens[k].term;
      // The typo budget goes by the shorter of the typed word and its stem, so that a
      // stem ("engin") does not get the budget of its longer word ("engineer").
      size_t typed = std::min(normalized.size(), stem.size());
      if (typos) {
        for (const TermDictionary::Match& m :
             dict_.Fuzzy(stem, TermDictionary::MaxEditsFor(typed), kMaxFuzzyTerms)) {
          variants.push_back({m.id, kTypoWeight[std::min(m.distance, 2)]});
        }
      } else if (auto id = dict_.Find(stem)) {
        variants.push_back({*id, kTypoWeight[0]});
      }
      if (is_prefix && typed >= 2) {
        auto [first, last] = dict_.PrefixRange(normalized);
        std::vector<uint32_t> range;
        for (uint32_t id = first; id < last; ++id) range.push_back(id);
        // The most frequent completions first.
        std::sort(range.begin(), range.end(), [&](uint32_t a, uint32_t b) {
          return postings_start_[a + 1] - postings_start_[a] >
                 postings_start_[b + 1] - postings_start_[b];
        });
        if (range.size() > kMaxPrefixTerms) range.resize(kMaxPrefixTerms);
        for (uint32_t id : range) variants.push_back({id, kPrefixWeight});
      }
      if (is_phrase[w] && k > 0) {
        // Each adjacent pair of a phrase: the pair hashes of its words' best variants.
        auto best = [&](const std::vector<Variant>& vs) {
          std::vector<Variant> sorted = vs;
          std::stable_sort(sorted.begin(), sorted.end(),
                           [](const Variant& a, const Variant& b) { return a.weight > b.weight; });
          if (sorted.size() > kMaxPhraseVariants) sorted.resize(kMaxPhraseVariants);
          return sorted;
        };
        std::vector<uint64_t> hashes;
        for (const Variant& a : best(groups.back())) {
          for (const Variant& b : best(variants)) {
            hashes.push_back(PairHash(dict_.term(a.term), dict_.term(b.term),
                                      tokens[k].position - tokens[k - 1].position));
          }
        }
        phrase_pairs.push_back(std::move(hashes));
      }
      groups.push_back(std::move(variants));
    }
  }
  // Rarest group first: fewer candidates to carry through the rest.
  auto group_size = [&](const std::vector<Variant>& g) {
    uint64_t n = 0;
    for (const Variant& v : g) n += postings_start_[v.term + 1] - postings_start_[v.term];
    return n;
  };
  std::sort(groups.begin(), groups.end(),
            [&](const auto& a, const auto& b) { return group_size(a) < group_size(b); });
  SearchResult result;
  for (const auto& g : groups) {
    for (const Variant& v : g) result.terms.emplace_back(dict_.term(v.term));
  }
  std::sort(result.terms.begin(), result.terms.end());
  result.terms.erase(std::unique(result.terms.begin(), result.terms.end()), result.terms.end());

  // Exclusions: every document holding an excluded word (as analyzed) is passed to `fn`.
  auto for_each_excluded = [&](auto&& fn) {
    for (const std::string& raw : excluded_raw) {
      for (const Token& t : s.analyzer.Analyze(raw)) {
        auto id = dict_.Find(t.term);
        if (!id) continue;
        for (uint64_t i = postings_start_[*id]; i < postings_start_[*id + 1]; ++i) {
          fn(post_docs_[i]);
        }
      }
    }
  };
  std::vector<uint32_t> candidates;
  bool blank = q.text.find_first_not_of(" \t\r\n") == std::string::npos;
  if (!blank && !text_query && excluded_raw.empty()) {
    // Text without a searchable word ("%", "the", "\"\""): nothing matches it.
    return SearchResult{};
  }
  if (text_query) {
    for (size_t g = 0; g < groups.size(); ++g) {
      const uint16_t gi = static_cast<uint16_t>(g);
      for (const Variant& v : groups[g]) {
        double idf = idf_[v.term];
        for (uint64_t i = postings_start_[v.term]; i < postings_start_[v.term + 1]; ++i) {
          uint32_t d = post_docs_[i];
          if (s.seen[d] != epoch) {
            if (g != 0 || (hidden && (*hidden)[d])) continue;
            s.seen[d] = epoch;
            s.matched[d] = 0;
            s.total[d] = 0;
            candidates.push_back(d);
          }
          float score = static_cast<float>(v.weight * TermScore(d, post_tf_[i], idf));
          if (s.matched[d] == gi) {
            s.matched[d] = static_cast<uint16_t>(gi + 1);
            s.group_best[d] = score;
            s.total[d] += score;
          } else if (s.matched[d] == gi + 1 && score > s.group_best[d]) {
            s.total[d] += score - s.group_best[d];
            s.group_best[d] = score;
          }
        }
      }
    }
    for_each_excluded([&](uint32_t d) {
      if (s.seen[d] == epoch) s.matched[d] = kExcluded;
    });
    const uint16_t all = static_cast<uint16_t>(groups.size());
    candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                    [&](uint32_t d) { return s.matched[d] != all; }),
                     candidates.end());
    // Phrases: every adjacent pair of each phrase must be in the document's pair filter.
    if (!phrase_pairs.empty()) {
      candidates.erase(
          std::remove_if(candidates.begin(), candidates.end(),
                         [&](uint32_t d) {
                           const uint8_t* bits = pairs_.data() + pairs_start_[d];
                           size_t size = pairs_start_[d + 1] - pairs_start_[d];
                           for (const std::vector<uint64_t>& pair : phrase_pairs) {
                             if (std::none_of(pair.begin(), pair.end(), [&](uint64_t h) {
                                   return PairFilterMayContain(bits, size, h);
                                 })) {
                               return true;
                             }
                           }
                           return false;
                         }),
          candidates.end());
    }
  } else {
    candidates.reserve(size());
    for (uint32_t d = 0; d < size(); ++d) {
      if (hidden && (*hidden)[d]) continue;
      candidates.push_back(d);
      s.seen[d] = epoch;
      s.total[d] = 0;
    }
    if (!excluded_raw.empty()) {
      for_each_excluded([&](uint32_t d) { s.seen[d] = 0; });
      candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                      [&](uint32_t d) { return s.seen[d] != epoch; }),
                       candidates.end());
    }
  }

  // Filters that are not facets narrow the candidates first.
  auto keep = [&](auto&& pred) {
    candidates.erase(
        std::remove_if(candidates.begin(), candidates.end(), [&](uint32_t d) { return !pred(d); }),
        candidates.end());
  };
  auto tag_id = [&](const std::string& t) -> std::optional<uint32_t> {
    auto it = std::find(tag_values_.begin(), tag_values_.end(), t);
    if (it == tag_values_.end()) return std::nullopt;
    return static_cast<uint32_t>(it - tag_values_.begin());
  };
  auto has_tag = [&](uint32_t d, uint32_t tag) {
    for (uint32_t i = tags_start_[d]; i < tags_start_[d + 1]; ++i) {
      if (tag_ids_[i] == tag) return true;
    }
    return false;
  };
  for (const std::string& t : q.tags_all) {
    auto id = tag_id(t);
    if (!id) {
      candidates.clear();
      break;
    }
    keep([&](uint32_t d) { return has_tag(d, *id); });
  }
  if (q.salary_min_usd) {
    float floor = static_cast<float>(*q.salary_min_usd);
    keep([&](uint32_t d) {
      float top = std::isnan(salary_max_[d]) ? salary_min_[d] : salary_max_[d];
      return top >= floor;  // unknown salaries drop out
    });
  }
  if (q.salary_max_usd) {
    float ceiling = static_cast<float>(*q.salary_max_usd);
    keep([&](uint32_t d) {
      float bottom = std::isnan(salary_min_[d]) ? salary_max_[d] : salary_min_[d];
      return bottom <= ceiling;  // unknown salaries drop out
    });
  }
  if (q.posted_since) keep([&](uint32_t d) { return posted_at_[d] >= *q.posted_since; });
  if (q.area_ok) {
    // Ask once per distinct area, then test documents against the table.
    std::vector<char> ok(area_values_.size());
    for (size_t a = 0; a < area_values_.size(); ++a) ok[a] = q.area_ok(area_values_[a]) ? 1 : 0;
    keep([&](uint32_t d) {
      for (uint32_t i = areas_start_[d]; i < areas_start_[d + 1]; ++i) {
        if (ok[area_ids_[i]]) return true;
      }
      return false;
    });
  }
  if (q.window_ok) {
    std::vector<char> ok(window_.values.size());
    for (size_t w = 0; w < window_.values.size(); ++w) {
      ok[w] = q.window_ok(window_.values[w]) ? 1 : 0;
    }
    keep([&](uint32_t d) { return ok[window_.of_doc[d]] != 0; });
  }
  if (q.valid_at) keep([&](uint32_t d) { return valid_through_[d] >= *q.valid_at; });

  // Facet filters (company, seniority, employment type, status, tags). A facet whose own
  // filter is set is counted without it ("disjunctive"), so its counts say what choosing
  // another value would give; every other facet counts the final matches.
  enum FacetFilter { kCompany, kSeniority, kEmployment, kStatus, kTagsAny, kFacetFilters };
  const Column* columns[] = {&company_, &seniority_, &employment_, &status_};
  const std::string* wanted[] = {&q.company, &q.seniority, &q.employment_type};
  bool active[kFacetFilters] = {};
  std::vector<uint32_t> allowed[kFacetFilters];  // accepted value ids per filter
  for (int f = kCompany; f <= kEmployment; ++f) {
    if (wanted[f]->empty()) continue;
    active[f] = true;
    if (auto id = columns[f]->Find(*wanted[f])) allowed[f].push_back(*id);
  }
  if (!q.statuses.empty()) {
    active[kStatus] = true;
    for (const std::string& st : q.statuses) {
      if (auto id = status_.Find(st)) allowed[kStatus].push_back(*id);
    }
  }
  if (!q.tags_any.empty()) {
    active[kTagsAny] = true;
    for (const std::string& t : q.tags_any) {
      if (auto id = tag_id(t)) allowed[kTagsAny].push_back(*id);
    }
  }
  auto passes = [&](uint32_t d, int f) {
    const std::vector<uint32_t>& ok = allowed[f];
    if (f == kTagsAny) {
      return std::any_of(ok.begin(), ok.end(), [&](uint32_t t) { return has_tag(d, t); });
    }
    return std::find(ok.begin(), ok.end(), columns[f]->of_doc[d]) != ok.end();
  };
  auto passes_all_but = [&](uint32_t d, int skip) {
    for (int f = 0; f < kFacetFilters; ++f) {
      if (f != skip && active[f] && !passes(d, f)) return false;
    }
    return true;
  };
  auto filter_of_facet = [](const std::string& name) -> int {
    if (name == "company") return kCompany;
    if (name == "seniority") return kSeniority;
    if (name == "employment_type") return kEmployment;
    if (name == "status") return kStatus;
    return kTagsAny;  // "tags"
  };
  auto count_facet = [&](const std::string& name, auto&& counted) {
    std::vector<size_t> counts;
    const std::vector<std::string>* values = nullptr;
    if (name == "tags") {
      values = &tag_values_;
      counts.assign(tag_values_.size(), 0);
      for (uint32_t d : candidates) {
        if (!counted(d)) continue;
        for (uint32_t i = tags_start_[d]; i < tags_start_[d + 1]; ++i) ++counts[tag_ids_[i]];
      }
    } else {
      const Column& c = *columns[filter_of_facet(name)];
      values = &c.values;
      counts.assign(c.values.size(), 0);
      for (uint32_t d : candidates) {
        if (counted(d)) ++counts[c.of_doc[d]];
      }
    }
    std::vector<FacetCount>& out = result.facets[name];
    for (size_t v = 0; v < counts.size(); ++v) {
      if (counts[v] > 0 && !(*values)[v].empty()) out.push_back({(*values)[v], counts[v]});
    }
    std::sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
  };
  for (const std::string& name : q.facets) {
    int own = filter_of_facet(name);
    if (active[own]) count_facet(name, [&](uint32_t d) { return passes_all_but(d, own); });
  }
  keep([&](uint32_t d) { return passes_all_but(d, kFacetFilters); });
  result.total = candidates.size();
  for (const std::string& name : q.facets) {
    if (!active[filter_of_facet(name)]) count_facet(name, [](uint32_t) { return true; });
  }

  // Order and page: only the requested page is sorted fully.
  auto better = [&](uint32_t a, uint32_t b) {
    switch (q.sort) {
      case SearchSort::kNewest:
        if (posted_at_[a] != posted_at_[b]) return posted_at_[a] > posted_at_[b];
        break;
      case SearchSort::kSalary: {
        float sa = std::isnan(salary_max_[a]) ? salary_min_[a] : salary_max_[a];
        float sb = std::isnan(salary_max_[b]) ? salary_min_[b] : salary_max_[b];
        sa = std::isnan(sa) ? -1 : sa;
        sb = std::isnan(sb) ? -1 : sb;
        if (sa != sb) return sa > sb;
        break;
      }
      case SearchSort::kRelevance:
        if (text_query && s.total[a] != s.total[b]) return s.total[a] > s.total[b];
        if (posted_at_[a] != posted_at_[b]) return posted_at_[a] > posted_at_[b];
        break;
    }
    return a < b;
  };
  size_t end = std::min(candidates.size(), q.offset + q.limit);
  if (q.offset < end) {
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<long>(end),
                      candidates.end(), better);
    for (size_t i = q.offset; i < end; ++i) {
      uint32_t d = candidates[i];
      float top = std::isnan(salary_max_[d]) ? salary_min_[d] : salary_max_[d];
      result.hits.push_back({.slug = slugs_[d],
                             .score = text_query ? s.total[d] : 0.0,
                             .posted_at = posted_at_[d],
                             .salary = std::isnan(top) ? -1.0f : top});
    }
  }
  return result;
}

SearchResult MergeSearchResults(std::vector<SearchResult> parts, const SearchQuery& q) {
  SearchResult out;
  std::map<std::string, std::map<std::string, size_t>> facets;
  for (SearchResult& part : parts) {
    out.total += part.total;
    out.used_typos = out.used_typos || part.used_typos;
    for (SearchHit& h : part.hits) out.hits.push_back(std::move(h));
    for (std::string& t : part.terms) out.terms.push_back(std::move(t));
    for (const auto& [name, values] : part.facets) {
      std::map<std::string, size_t>& sum = facets[name];
      for (const FacetCount& v : values) sum[v.value] += v.count;
    }
  }
  for (const std::string& name : q.facets) {
    std::vector<FacetCount>& list = out.facets[name];
    for (const auto& [value, count] : facets[name]) list.push_back({value, count});
    std::sort(list.begin(), list.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
  }
  std::sort(out.terms.begin(), out.terms.end());
  out.terms.erase(std::unique(out.terms.begin(), out.terms.end()), out.terms.end());
  std::stable_sort(out.hits.begin(), out.hits.end(), [&](const SearchHit& a, const SearchHit& b) {
    switch (q.sort) {
      case SearchSort::kNewest:
        if (a.posted_at != b.posted_at) return a.posted_at > b.posted_at;
        break;
      case SearchSort::kSalary:
        if (a.salary != b.salary) return a.salary > b.salary;
        break;
      case SearchSort::kRelevance:
        if (a.score != b.score) return a.score > b.score;
        if (a.posted_at != b.posted_at) return a.posted_at > b.posted_at;
        break;
    }
    return a.slug < b.slug;
  });
  size_t begin = std::min(q.offset, out.hits.size());
  size_t end = std::min(out.hits.size(), q.offset + q.limit);
  out.hits =
      std::vector<SearchHit>(std::make_move_iterator(out.hits.begin() + static_cast<long>(begin)),
                             std::make_move_iterator(out.hits.begin() + static_cast<long>(end)));
  return out;
}

size_t JobIndex::MemoryBytes() const {
  size_t n = dict_.MemoryBytes() + post_docs_.capacity() * 4 + post_tf_.capacity() +
             postings_start_.capacity() * sizeof(uint64_t);
  for (const auto& l : field_len_) n += l.capacity() * sizeof(uint16_t);
  n += field_w_.capacity() * sizeof(float);
  for (const std::string& s : slugs_) n += s.capacity() + sizeof(std::string);
  n += by_slug_.capacity() * 4 + idf_.capacity() * 4;
  n += posted_at_.capacity() * 8 + valid_through_.capacity() * 8 + salary_min_.capacity() * 4 +
       salary_max_.capacity() * 4;
  for (const Column* c : {&company_, &seniority_, &employment_, &status_}) {
    n += c->of_doc.capacity() * 4;
  }
  n += tags_start_.capacity() * 4 + tag_ids_.capacity() * 4;
  n += pairs_start_.capacity() * 8 + pairs_.capacity();
  n += areas_start_.capacity() * 4 + area_ids_.capacity() * 4 + window_.of_doc.capacity() * 4;
  return n;
}

}  // namespace meridian
