#include "engine/vector/embedding_model.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string_view>

#include "base/checksum.h"
#include "engine/vector/embedding_features.h"
#include "engine/vector/exact_index.h"
#include "engine/vector/randomized_svd.h"

namespace meridian {
namespace {

constexpr char kSkillPrefix = '\x03';       // skill items in the skill part's vocabulary
constexpr double kContextSmoothing = 0.75;  // PPMI's context distribution exponent
constexpr uint32_t kNone = ~uint32_t{0};    // an empty term; a feature not kept

float Idf(size_t docs, size_t df) {
  return static_cast<float>(
      std::log((1.0 + static_cast<double>(docs)) / (1.0 + static_cast<double>(df))) + 1.0);
}

void SortDistinct(std::vector<uint32_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

uint64_t BigramKey(uint32_t a, uint32_t b) {
  return uint64_t{a} << 32 | b;
}

// Of (name, df, source) candidates, the `limit` most frequent (ties by name).
struct Candidate {
  std::string name;
  uint32_t df = 0;
  uint64_t source = 0;  // what it was made of: a term id, a bigram key, a subword id
};
void KeepMostFrequent(std::vector<Candidate>* candidates, size_t limit) {
  auto order = [](const Candidate& a, const Candidate& b) {
    return a.df != b.df ? a.df > b.df : a.name < b.name;
  };
  if (candidates->size() > limit) {
    std::nth_element(candidates->begin(), candidates->begin() + static_cast<long>(limit),
                     candidates->end(), order);
    candidates->resize(limit);
  }
}

// Co-occurrence counts of n items: the lower triangle of a dense symmetric matrix. The
// skill part keeps at most max_items (8,192 by default: 134 MB), and a dense matrix
// counts 200k documents' hundreds of millions of pairs faster than any hash table.
class PairCounts {
 public:
  explicit PairCounts(size_t n) : counts_(n * (n - 1) / 2, 0.0f) {}
  void Add(uint32_t a, uint32_t b) {
    if (a == b) return;
    if (a < b) std::swap(a, b);
    counts_[static_cast<size_t>(a) * (a - 1) / 2 + b] += 1;
  }
  float Get(uint32_t a, uint32_t b) const {
    if (a == b) return 0;
    if (a < b) std::swap(a, b);
    return counts_[static_cast<size_t>(a) * (a - 1) / 2 + b];
  }

 private:
  std::vector<float> counts_;
};

}  // namespace

// The training documents with terms and skills as dense ids: strings are hashed once, and
// every later pass reads ids. Views point into the documents, which outlive training.
struct EmbeddingModel::Corpus {
  size_t docs = 0;
  std::vector<std::string_view> terms, skills;  // by id
  std::vector<uint32_t> term_df, skill_df;
  // Document d's terms, in order (kNone for an empty one), are
  // term_seq[term_begin[d] .. term_begin[d + 1]); its distinct skills likewise.
  std::vector<size_t> term_begin, skill_begin;
  std::vector<uint32_t> term_seq, skill_seq;

  std::span<const uint32_t> Terms(size_t d) const {
    return {term_seq.data() + term_begin[d], term_begin[d + 1] - term_begin[d]};
  }
  std::span<const uint32_t> Skills(size_t d) const {
    return {skill_seq.data() + skill_begin[d], skill_begin[d + 1] - skill_begin[d]};
  }
};

StatusOr<EmbeddingModel> EmbeddingModel::Train(const std::vector<EmbeddingDoc>& docs,
                                               const EmbeddingOptions& options) {
  auto share = [](float s) { return s >= 0 && s <= 1; };
  if (!share(options.bigram_share) || !share(options.subword_share) ||
      !share(options.skill_share) || options.bigram_share + options.subword_share >= 1) {
    return InvalidArgumentError("embeddings: shares are 0..1, and terms keep a share");
  }
  if (options.svd_docs == 0 || options.dims + options.sketch_dims == 0) {
    return InvalidArgumentError("embeddings: the text part needs dimensions and documents");
  }
  Corpus c;
  c.docs = docs.size();
  std::unordered_map<std::string_view, uint32_t> term_id, skill_id;
  std::vector<uint32_t> distinct;
  c.term_begin.push_back(0);
  c.skill_begin.push_back(0);
  for (const EmbeddingDoc& doc : docs) {
    distinct.clear();
    for (const std::string& t : doc.terms) {
      if (t.empty()) {
        c.term_seq.push_back(kNone);
        continue;
      }
      auto [it, fresh] = term_id.try_emplace(t, static_cast<uint32_t>(c.terms.size()));
      if (fresh) {
        c.terms.push_back(t);
        c.term_df.push_back(0);
      }
      c.term_seq.push_back(it->second);
      distinct.push_back(it->second);
    }
    SortDistinct(&distinct);
    for (uint32_t t : distinct) ++c.term_df[t];
    distinct.clear();
    for (const std::string& s : doc.skills) {
      auto [it, fresh] = skill_id.try_emplace(s, static_cast<uint32_t>(c.skills.size()));
      if (fresh) {
        c.skills.push_back(s);
        c.skill_df.push_back(0);
      }
      distinct.push_back(it->second);
    }
    SortDistinct(&distinct);
    for (uint32_t s : distinct) ++c.skill_df[s];
    c.skill_seq.insert(c.skill_seq.end(), distinct.begin(), distinct.end());
    c.term_begin.push_back(c.term_seq.size());
    c.skill_begin.push_back(c.skill_seq.size());
  }
  term_id = {};
  skill_id = {};

  EmbeddingModel m;
  m.skill_share_ = options.skill_share;
  m.text_.bigrams = options.bigram_share > 0;
  m.text_.subwords = options.subword_share > 0;
  m.text_.shares[0] = 1 - options.bigram_share - options.subword_share;
  m.text_.shares[1] = options.bigram_share;
  m.text_.shares[2] = options.subword_share;
  RETURN_IF_ERROR(TrainText(c, options, &m.text_));
  if (options.skill_dims > 0) TrainSkills(c, options, &m.skill_);
  std::string contents = m.Contents();
  m.Index(Checksum64(0, contents.data(), contents.size()));
  return m;
}

Status EmbeddingModel::TrainText(const Corpus& c, const EmbeddingOptions& options, TextPart* part) {
  const FeatureOptions features{.bigrams = part->bigrams, .subwords = part->subwords};
  // Document frequencies of bigrams (by their terms' ids): every document's distinct
  // bigrams in one array, sorted and counted. 8 bytes a term at most, where a hash table
  // of the (tens of millions of) distinct bigrams would take several times that.
  std::vector<std::pair<uint64_t, uint32_t>> bigram_df;  // by key
  if (features.bigrams) {
    std::vector<uint64_t> keys;
    keys.reserve(c.term_seq.size());
    for (size_t d = 0; d < c.docs; ++d) {
      auto terms = c.Terms(d);
      const size_t first = keys.size();
      for (size_t i = 0; i + 1 < terms.size(); ++i) {
        if (terms[i] != kNone && terms[i + 1] != kNone) {
          keys.push_back(BigramKey(terms[i], terms[i + 1]));
        }
      }
      std::sort(keys.begin() + static_cast<long>(first), keys.end());
      keys.erase(std::unique(keys.begin() + static_cast<long>(first), keys.end()), keys.end());
    }
    std::sort(keys.begin(), keys.end());
    for (size_t i = 0; i < keys.size();) {
      size_t j = i;
      while (j < keys.size() && keys[j] == keys[i]) ++j;
      if (j - i >= options.min_df) bigram_df.emplace_back(keys[i], static_cast<uint32_t>(j - i));
      i = j;
    }
  }
  std::vector<uint32_t> sub_df, sub_begin, sub_seq;  // term t's subwords: sub_seq[sub_begin..]
  std::vector<std::string> sub_names;
  std::vector<uint32_t> distinct;
  if (features.subwords) {
    std::unordered_map<std::string, uint32_t> sub_id;
    std::vector<std::string> subs;
    for (std::string_view t : c.terms) {
      sub_begin.push_back(static_cast<uint32_t>(sub_seq.size()));
      subs.clear();
      AppendSubwords(t, features, &subs);
      for (std::string& s : subs) {
        auto [it, fresh] = sub_id.try_emplace(s, static_cast<uint32_t>(sub_names.size()));
        if (fresh) sub_names.push_back(std::move(s));
        sub_seq.push_back(it->second);
      }
    }
    sub_begin.push_back(static_cast<uint32_t>(sub_seq.size()));
    sub_df.assign(sub_names.size(), 0);
    for (size_t d = 0; d < c.docs; ++d) {
      distinct.clear();
      for (uint32_t t : c.Terms(d)) {
        if (t == kNone) continue;
        distinct.insert(distinct.end(), sub_seq.begin() + sub_begin[t],
                        sub_seq.begin() + sub_begin[t + 1]);
      }
      SortDistinct(&distinct);
      for (uint32_t s : distinct) ++sub_df[s];
    }
  }

  // Vocabulary: of each kind, the features in at least min_df documents, the most
  // frequent max_terms of them. Bigrams are many: they are chosen before they get names.
  std::vector<Candidate> kinds[kFeatureGroups];
  for (uint32_t t = 0; t < c.terms.size(); ++t) {
    if (c.term_df[t] >= options.min_df) {
      kinds[0].push_back({std::string(c.terms[t]), c.term_df[t], t});
    }
  }
  if (kinds[0].empty()) {
    return InvalidArgumentError("embeddings: no term occurs in " + std::to_string(options.min_df) +
                                " documents");
  }
  if (bigram_df.size() > options.max_terms) {
    auto order = [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    std::nth_element(bigram_df.begin(), bigram_df.begin() + static_cast<long>(options.max_terms),
                     bigram_df.end(), order);
    bigram_df.resize(options.max_terms);
  }
  for (const auto& [key, n] : bigram_df) {
    kinds[1].push_back({BigramFeature(c.terms[key >> 32], c.terms[key & 0xFFFFFFFF]), n, key});
  }
  bigram_df = {};
  for (uint32_t s = 0; s < sub_names.size(); ++s) {
    if (sub_df[s] >= options.min_df) kinds[2].push_back({sub_names[s], sub_df[s], s});
  }
  std::vector<std::pair<Candidate, size_t>> kept;  // with its kind
  for (size_t k = 0; k < kFeatureGroups; ++k) {
    KeepMostFrequent(&kinds[k], options.max_terms);
    for (Candidate& f : kinds[k]) kept.emplace_back(std::move(f), k);
    kinds[k] = {};
  }
  std::sort(kept.begin(), kept.end(),
            [](const auto& a, const auto& b) { return a.first.name < b.first.name; });
  // Where each term, bigram and subword went in the vocabulary (kNone: left out).
  std::vector<uint32_t> term_feature(c.terms.size(), kNone), sub_feature(sub_names.size(), kNone);
  std::unordered_map<uint64_t, uint32_t> bigram_feature;
  for (auto& [f, kind] : kept) {
    // Two bigrams make one name only when a term holds a space: they share a feature.
    bool again = !part->vocab.empty() && part->vocab.back() == f.name;
    auto id = static_cast<uint32_t>(part->vocab.size() - (again ? 1 : 0));
    if (kind == 0) term_feature[f.source] = id;
    if (kind == 1) bigram_feature[f.source] = id;
    if (kind == 2) sub_feature[f.source] = id;
    if (again) continue;
    part->vocab.push_back(std::move(f.name));
    part->idf.push_back(Idf(c.docs, f.df));
  }
  kept = {};

  // The TF-IDF matrix, one unit-length row per document of a uniform sample of svd_docs
  // (Knuth's selection sampling): 50k documents pin down the top singular directions about
  // as well as 200k, for a quarter of the time and memory, and what a sample misses (a
  // feature in none of its documents) the sketch still carries. The feature occurrences
  // are those AppendFeatures makes of the document's terms, as Embed sees them.
  SparseRowsBuilder x(static_cast<Eigen::Index>(part->vocab.size()));
  std::vector<uint32_t> ids;
  std::mt19937_64 sampler(options.seed);
  size_t wanted = std::min(options.svd_docs, c.docs);
  for (size_t d = 0; d < c.docs && wanted > 0; ++d) {
    if (sampler() % (c.docs - d) >= wanted) continue;
    --wanted;
    auto terms = c.Terms(d);
    ids.clear();
    for (size_t i = 0; i < terms.size(); ++i) {
      const uint32_t t = terms[i];
      if (t == kNone) continue;
      if (term_feature[t] != kNone) ids.push_back(term_feature[t]);
      if (features.bigrams && i + 1 < terms.size() && terms[i + 1] != kNone) {
        auto f = bigram_feature.find(BigramKey(t, terms[i + 1]));
        if (f != bigram_feature.end()) ids.push_back(f->second);
      }
      if (features.subwords) {
        for (uint32_t j = sub_begin[t]; j < sub_begin[t + 1]; ++j) {
          if (sub_feature[sub_seq[j]] != kNone) ids.push_back(sub_feature[sub_seq[j]]);
        }
      }
    }
    auto row = WeightedRow(*part, &ids);
    double norm = 0;
    for (const auto& [f, w] : row) norm += static_cast<double>(w) * w;
    for (const auto& [f, w] : row) {
      x.Add(static_cast<int>(f), static_cast<float>(w / std::sqrt(norm)));
    }
    x.EndRow();
  }
  TruncatedSvd svd = RandomizedSvd(x.View(), {.rank = options.dims,
                                              .oversampling = options.oversampling,
                                              .power_iterations = options.power_iterations,
                                              .seed = options.seed});
  x = SparseRowsBuilder(0);

  // The sketch: Gaussian directions (variance 1/m) minus their part in the singular
  // subspace. A row x then maps to [x V, x (I - V V')R], whose dot products estimate the
  // full TF-IDF cosine without bias: exactly on the subspace, and within about
  // |residual x| |residual y| / sqrt(m) off it. Short titles keep most of what sets them
  // apart (a rare skill word) off the top singular directions.
  const auto n = static_cast<Eigen::Index>(part->vocab.size());
  const auto m = static_cast<Eigen::Index>(options.sketch_dims);
  Eigen::MatrixXf sketch(n, m);
  std::mt19937_64 rng(options.seed ^ 0x5EED5EED5EED5EEDull);
  std::normal_distribution<float> gauss(0.0f,
                                        1.0f / std::sqrt(std::max(1.0f, static_cast<float>(m))));
  for (Eigen::Index j = 0; j < m; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) sketch(i, j) = gauss(rng);
  }
  sketch -= svd.v * (svd.v.transpose() * sketch);

  const Eigen::Index rank = svd.v.cols();
  part->dims = static_cast<size_t>(rank + m);
  part->projection.resize(static_cast<size_t>(n) * part->dims);
  for (Eigen::Index t = 0; t < n; ++t) {
    float* row = &part->projection[static_cast<size_t>(t) * part->dims];
    for (Eigen::Index k = 0; k < rank; ++k) row[k] = svd.v(t, k);
    for (Eigen::Index k = 0; k < m; ++k) row[rank + k] = sketch(t, k);
  }
  return OkStatus();
}

void EmbeddingModel::TrainSkills(const Corpus& c, const EmbeddingOptions& options,
                                 SkillPart* part) {
  // Items: the most frequent terms and skills (in at least min_df documents).
  std::vector<Candidate> candidates;
  for (uint32_t t = 0; t < c.terms.size(); ++t) {
    if (c.term_df[t] >= options.min_df) {
      candidates.push_back({std::string(c.terms[t]), c.term_df[t], t});
    }
  }
  const uint64_t kSkill = uint64_t{1} << 32;  // marks a skill's source
  for (uint32_t s = 0; s < c.skills.size(); ++s) {
    if (c.skill_df[s] >= options.min_df) {
      candidates.push_back({kSkillPrefix + std::string(c.skills[s]), c.skill_df[s], kSkill | s});
    }
  }
  KeepMostFrequent(&candidates, options.max_items);
  if (candidates.size() < 2) return;
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.name < b.name; });
  std::vector<uint32_t> term_item(c.terms.size(), kNone), skill_item(c.skills.size(), kNone);
  for (Candidate& item : candidates) {
    auto id = static_cast<uint32_t>(part->items.size());
    (item.source & kSkill ? skill_item[item.source & 0xFFFFFFFF] : term_item[item.source]) = id;
    part->items.push_back(std::move(item.name));
    part->idf.push_back(Idf(c.docs, item.df));
  }
  candidates = {};

  // Co-occurrence within a document: skill with skill, skill with term, and term with
  // each of the next `window` terms (descriptions are long; titles fit in a window).
  const size_t n = part->items.size();
  PairCounts counts(n);
  std::vector<uint32_t> skills, terms, distinct_terms;
  for (size_t d = 0; d < c.docs; ++d) {
    skills.clear();
    terms.clear();
    for (uint32_t s : c.Skills(d)) {
      if (skill_item[s] != kNone) skills.push_back(skill_item[s]);
    }
    for (uint32_t t : c.Terms(d)) {
      if (t != kNone && term_item[t] != kNone) terms.push_back(term_item[t]);
    }
    for (size_t a = 0; a < skills.size(); ++a) {
      for (size_t b = a + 1; b < skills.size(); ++b) counts.Add(skills[a], skills[b]);
    }
    if (!skills.empty()) {
      distinct_terms = terms;
      SortDistinct(&distinct_terms);
      for (uint32_t s : skills) {
        for (uint32_t t : distinct_terms) counts.Add(s, t);
      }
    }
    for (size_t a = 0; a < terms.size(); ++a) {
      for (size_t b = a + 1; b < terms.size() && b <= a + options.window; ++b) {
        counts.Add(terms[a], terms[b]);
      }
    }
  }

  // Positive pointwise mutual information with context distribution smoothing (Levy,
  // Goldberg and Dagan 2015): log(P(i,j) / (P(i) P_a(j))), P_a(j) ~ count(j)^a, which keeps
  // rare contexts from getting huge PMI.
  std::vector<double> total(n, 0.0), smoothed(n);
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t j = 0; j < i; ++j) {
      double count = counts.Get(i, j);
      total[i] += count;
      total[j] += count;
    }
  }
  double z = 0;
  for (size_t i = 0; i < n; ++i) {
    smoothed[i] = std::pow(total[i], kContextSmoothing);
    z += smoothed[i];
  }
  SparseRowsBuilder ppmi(static_cast<Eigen::Index>(n));
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t j = 0; j < n; ++j) {
      double count = counts.Get(i, j);
      if (count == 0) continue;
      double pmi = std::log(count * z / (total[i] * smoothed[j]));
      if (pmi > 0) ppmi.Add(static_cast<int>(j), static_cast<float>(pmi));
    }
    ppmi.EndRow();
  }
  counts = PairCounts(1);
  if (ppmi.inner.empty()) {
    *part = SkillPart();
    return;
  }
  // Item vectors: rows of U sqrt(S) (the symmetric split of the singular values that Levy
  // et al. found best for similarity), normalized.
  TruncatedSvd svd = RandomizedSvd(ppmi.View(), {.rank = options.skill_dims,
                                                 .oversampling = options.oversampling,
                                                 .power_iterations = options.power_iterations,
                                                 .seed = options.seed + 1,
                                                 .left = true});
  part->dims = static_cast<size_t>(svd.u.cols());
  part->vectors.resize(n * part->dims);
  for (size_t i = 0; i < n; ++i) {
    std::span<float> v(&part->vectors[i * part->dims], part->dims);
    for (size_t k = 0; k < part->dims; ++k) {
      v[k] = svd.u(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) *
             std::sqrt(svd.s(static_cast<Eigen::Index>(k)));
    }
    Normalize(v);
  }
}

std::vector<std::pair<uint32_t, float>> EmbeddingModel::WeightedRow(const TextPart& part,
                                                                    std::vector<uint32_t>* ids) {
  std::sort(ids->begin(), ids->end());
  // Sublinear term frequency times IDF; each kind normalized apart, then weighted by the
  // square root of its share, so the cosine of two rows is the shares' mix of the kinds'.
  std::vector<std::pair<uint32_t, float>> row;
  double norm[kFeatureGroups] = {0, 0, 0};
  for (size_t i = 0; i < ids->size();) {
    size_t j = i;
    while (j < ids->size() && (*ids)[j] == (*ids)[i]) ++j;
    const uint32_t f = (*ids)[i];
    float w = (1 + std::log(static_cast<float>(j - i))) * part.idf[f];
    row.emplace_back(f, w);
    norm[static_cast<size_t>(GroupOf(part.vocab[f]))] += static_cast<double>(w) * w;
    i = j;
  }
  for (auto& [f, w] : row) {
    auto g = static_cast<size_t>(GroupOf(part.vocab[f]));
    w = static_cast<float>(w * std::sqrt(part.shares[g] / norm[g]));
  }
  return row;
}

std::vector<float> EmbeddingModel::TextVector(const TextPart& part,
                                              const std::vector<std::string>& terms) {
  std::vector<std::string> features;
  AppendFeatures(terms, {.bigrams = part.bigrams, .subwords = part.subwords}, &features);
  std::vector<uint32_t> ids;
  for (const std::string& f : features) {
    auto it = part.index.find(f);
    if (it != part.index.end()) ids.push_back(it->second);
  }
  std::vector<float> out(part.dims, 0.0f);
  for (const auto& [f, w] : WeightedRow(part, &ids)) {
    const float* p = &part.projection[static_cast<size_t>(f) * part.dims];
    for (size_t k = 0; k < part.dims; ++k) out[k] += w * p[k];
  }
  Normalize(out);
  return out;
}

std::vector<float> EmbeddingModel::SkillVector(const SkillPart& part, const EmbeddingDoc& doc) {
  std::vector<float> out(part.dims, 0.0f);
  if (part.dims == 0) return out;
  auto add = [&](uint32_t item, float w) {
    const float* v = &part.vectors[static_cast<size_t>(item) * part.dims];
    for (size_t k = 0; k < part.dims; ++k) out[k] += w * v[k];
  };
  // The document's skills (each once); without one, its terms stand in for them (they
  // share the space: skills and terms were counted together).
  std::vector<uint32_t> ids;
  for (const std::string& s : doc.skills) {
    auto it = part.index.find(kSkillPrefix + s);
    if (it != part.index.end()) ids.push_back(it->second);
  }
  SortDistinct(&ids);
  for (uint32_t s : ids) add(s, part.idf[s]);
  if (ids.empty()) {
    for (const std::string& t : doc.terms) {
      auto it = part.index.find(t);
      if (it != part.index.end()) ids.push_back(it->second);
    }
    std::sort(ids.begin(), ids.end());
    for (size_t i = 0; i < ids.size();) {
      size_t j = i;
      while (j < ids.size() && ids[j] == ids[i]) ++j;
      add(ids[i], (1 + std::log(static_cast<float>(j - i))) * part.idf[ids[i]]);
      i = j;
    }
  }
  Normalize(out);
  return out;
}

std::vector<float> EmbeddingModel::Embed(const EmbeddingDoc& doc) const {
  // Weighted concatenation of the unit-length parts: the cosine of two documents is
  // (1 - share) * text cosine + share * skill cosine when both have both parts.
  std::vector<float> out = TextVector(text_, doc.terms);
  std::vector<float> skill = SkillVector(skill_, doc);
  const float wt = std::sqrt(1 - skill_share_), ws = std::sqrt(skill_share_);
  for (float& x : out) x *= wt;
  for (float x : skill) out.push_back(ws * x);
  Normalize(out);
  return out;
}

}  // namespace meridian
