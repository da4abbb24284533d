// Building a JobIndex (job_index.h): one pass analyzes each document as it arrives, the
// second lays out the dictionary and postings.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "engine/search/job_index.h"
#include "engine/search/phrase_filter.h"
#include "engine/text/analyzer.h"

namespace meridian {

uint8_t JobIndex::PackTf(const uint8_t tf[kFields]) {
  return static_cast<uint8_t>(std::min<int>(tf[kTitle], 3) | std::min<int>(tf[kTags], 3) << 2 |
                              std::min<int>(tf[kDescription], 15) << 4);
}

// Pass 1 (Add): analyze each document once. Terms get provisional ids in order of first
// appearance; each document's (term, packed frequencies) entries go into flat arrays.
// Pass 2 (Finish): the sorted dictionary, then each term's postings in document order.
struct JobIndexBuilder::State {
  JobIndexOptions options;
  JobIndex index;
  Analyzer analyzer;
  std::unordered_map<std::string, uint32_t> provisional;
  std::vector<std::string> terms;
  std::vector<uint32_t> df;
  std::vector<uint32_t> entry_term;
  std::vector<uint8_t> entry_tf;
  std::vector<uint64_t> entries_start = {0};
  std::unordered_map<uint32_t, uint32_t> local;  // term -> index into doc_tf
  std::vector<std::array<uint8_t, JobIndex::kFields>> doc_tf;
  std::vector<uint32_t> doc_terms;
  std::vector<uint64_t> pairs;  // this document's adjacent pairs
  double len_sum[JobIndex::kFields] = {0, 0, 0};
  std::map<std::string, uint32_t> company_ids, seniority_ids, employment_ids, status_ids, tag_ids,
      area_ids, window_ids;
};

JobIndexBuilder::JobIndexBuilder(JobIndexOptions options) : state_(std::make_unique<State>()) {
  state_->options = options;
  state_->index.tags_start_.push_back(0);
  state_->index.areas_start_.push_back(0);
  state_->index.pairs_start_.push_back(0);
}

JobIndexBuilder::~JobIndexBuilder() = default;

void JobIndexBuilder::Add(const SearchDoc& doc) {
  using F = JobIndex::Field;
  State& st = *state_;
  JobIndex& index = st.index;
  std::string tags_text;
  for (const std::string& t : doc.tags) tags_text += t + " ";
  const std::string* texts[JobIndex::kFields] = {&doc.title, &tags_text, &doc.description};
  st.local.clear();
  st.doc_tf.clear();
  st.doc_terms.clear();
  st.pairs.clear();
  for (F f : {JobIndex::kTitle, JobIndex::kTags, JobIndex::kDescription}) {
    std::vector<Token> tokens = st.analyzer.Analyze(*texts[f]);
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      st.pairs.push_back(PairHash(tokens[i].term, tokens[i + 1].term,
                                  tokens[i + 1].position - tokens[i].position));
    }
    index.field_len_[f].push_back(static_cast<uint16_t>(std::min<size_t>(tokens.size(), 0xFFFF)));
    st.len_sum[f] += static_cast<double>(tokens.size());
    for (Token& t : tokens) {
      auto [it, fresh] = st.provisional.try_emplace(t.term, static_cast<uint32_t>(st.terms.size()));
      if (fresh) {
        st.terms.push_back(std::move(t.term));
        st.df.push_back(0);
      }
      uint32_t tid = it->second;
      auto [slot, added] = st.local.try_emplace(tid, static_cast<uint32_t>(st.doc_tf.size()));
      if (added) {
        st.doc_tf.push_back({0, 0, 0});
        st.doc_terms.push_back(tid);
        ++st.df[tid];
      }
      uint8_t& count = st.doc_tf[slot->second][f];
      if (count < 255) ++count;
    }
  }
  for (size_t i = 0; i < st.doc_terms.size(); ++i) {
    st.entry_term.push_back(st.doc_terms[i]);
    st.entry_tf.push_back(JobIndex::PackTf(st.doc_tf[i].data()));
  }
  st.entries_start.push_back(st.entry_term.size());
  AppendPairFilter(st.pairs, &index.pairs_);
  index.pairs_start_.push_back(index.pairs_.size());
  index.slugs_.push_back(doc.slug);
  index.posted_at_.push_back(doc.posted_at);
  index.valid_through_.push_back(doc.valid_through.value_or(std::numeric_limits<int64_t>::max()));
  index.salary_min_.push_back(doc.salary_min_usd ? static_cast<float>(*doc.salary_min_usd)
                                                 : std::numeric_limits<float>::quiet_NaN());
  index.salary_max_.push_back(doc.salary_max_usd ? static_cast<float>(*doc.salary_max_usd)
                                                 : std::numeric_limits<float>::quiet_NaN());
  index.company_.of_doc.push_back(index.company_.Intern(doc.company, &st.company_ids));
  index.seniority_.of_doc.push_back(index.seniority_.Intern(doc.seniority, &st.seniority_ids));
  index.employment_.of_doc.push_back(
      index.employment_.Intern(doc.employment_type, &st.employment_ids));
  index.status_.of_doc.push_back(index.status_.Intern(doc.status, &st.status_ids));
  for (const std::string& t : doc.tags) {
    auto [it, inserted] =
        st.tag_ids.try_emplace(t, static_cast<uint32_t>(index.tag_values_.size()));
    if (inserted) index.tag_values_.push_back(t);
    index.tag_ids_.push_back(it->second);
  }
  index.tags_start_.push_back(static_cast<uint32_t>(index.tag_ids_.size()));
  for (const std::string& a : doc.eligible_areas) {
    auto [it, inserted] =
        st.area_ids.try_emplace(a, static_cast<uint32_t>(index.area_values_.size()));
    if (inserted) index.area_values_.push_back(a);
    index.area_ids_.push_back(it->second);
  }
  index.areas_start_.push_back(static_cast<uint32_t>(index.area_ids_.size()));
  index.window_.of_doc.push_back(index.window_.Intern(doc.window_key, &st.window_ids));
}

JobIndex JobIndexBuilder::Finish() {
  State& st = *state_;
  JobIndex index = std::move(st.index);
  const size_t n = index.slugs_.size();
  st.provisional.clear();
  const JobIndex* other = st.options.stats_from;
  const double n_docs = static_cast<double>(n + (other ? other->size() : 0));
  for (int f = 0; f < JobIndex::kFields; ++f) {
    double sum =
        st.len_sum[f] + (other ? other->avg_len_[f] * static_cast<double>(other->size()) : 0);
    index.avg_len_[f] = n_docs == 0 ? 1 : std::max(1.0, sum / n_docs);
  }
  index.ComputeFieldWeights();
  index.by_slug_.resize(n);
  for (uint32_t d = 0; d < n; ++d) index.by_slug_[d] = d;
  std::sort(index.by_slug_.begin(), index.by_slug_.end(),
            [&](uint32_t a, uint32_t b) { return index.slugs_[a] < index.slugs_[b]; });
  index.dict_ = TermDictionary(st.terms);
  size_t n_terms = index.dict_.size();
  std::vector<uint32_t> final_id(st.terms.size());
  for (uint32_t tid = 0; tid < st.terms.size(); ++tid) {
    final_id[tid] = *index.dict_.Find(st.terms[tid]);
  }
  index.idf_.resize(n_terms);
  for (uint32_t tid = 0; tid < st.df.size(); ++tid) {
    double f = st.df[tid] + (other ? other->DocumentFrequency(st.terms[tid]) : 0);
    index.idf_[final_id[tid]] = static_cast<float>(std::log(1.0 + (n_docs - f + 0.5) / (f + 0.5)));
  }
  st.terms = {};
  index.postings_start_.assign(n_terms + 1, 0);
  for (uint32_t tid = 0; tid < st.df.size(); ++tid) {
    index.postings_start_[final_id[tid] + 1] = st.df[tid];
  }
  for (size_t t = 0; t < n_terms; ++t) index.postings_start_[t + 1] += index.postings_start_[t];
  index.post_docs_.resize(index.postings_start_[n_terms]);
  index.post_tf_.resize(index.postings_start_[n_terms]);
  std::vector<uint64_t> fill(index.postings_start_.begin(), index.postings_start_.end() - 1);
  for (size_t d = 0; d < n; ++d) {
    for (uint64_t e = st.entries_start[d]; e < st.entries_start[d + 1]; ++e) {
      uint64_t at = fill[final_id[st.entry_term[e]]]++;
      index.post_docs_[at] = static_cast<uint32_t>(d);
      index.post_tf_[at] = st.entry_tf[e];
    }
  }
  state_ = std::make_unique<State>();  // the builder's scratch goes now, not at destruction
  state_->index.tags_start_.push_back(0);
  state_->index.areas_start_.push_back(0);
  state_->index.pairs_start_.push_back(0);
  return index;
}

JobIndex JobIndex::Build(const std::vector<SearchDoc>& docs, JobIndexOptions options) {
  JobIndexBuilder builder(options);
  for (const SearchDoc& d : docs) builder.Add(d);
  return builder.Finish();
}

}  // namespace meridian
