// Embedding quality on real job titles (issue 5, `make eval-embeddings`): leave-one-out
// kNN (k = 10, majority vote) category accuracy of the learned embeddings
// (engine/vector/embedding_model.h) against a plain TF-IDF cosine baseline, in one run.
//
//   meridian_embeddings_eval djinni.csv [split=all|even|odd] [OPTION=VALUE...]
//   meridian_embeddings_eval synthetic=200000 [OPTION=VALUE...]
//
// split=even keeps the even-numbered titles only (training, baseline and neighbours
// alike), split=odd the others: options are chosen on the even half and reported on all
// three. OPTION is an EmbeddingOptions field (dims, sketch_dims, skill_dims, skill_share,
// bigram_share, subword_share, window, max_items, min_df, seed, power_iterations).
// synthetic=N trains on N generated job-like documents (200 Zipf-distributed terms and 8
// skills each) and reports the training time and memory: a scale check, not quality.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/csv.h"
#include "engine/text/analyzer.h"
#include "engine/vector/embedding_model.h"
#include "engine/vector/exact_index.h"

namespace {

using meridian::EmbeddingDoc;

constexpr size_t kK = 10;

// The majority category among the neighbours (ties: the nearest such category).
const std::string& Vote(const std::vector<uint32_t>& neighbours,
                        const std::vector<std::string>& category) {
  std::map<std::string, int> votes;
  for (uint32_t n : neighbours) ++votes[category[n]];
  const std::string* best = &category[neighbours.front()];
  for (uint32_t n : neighbours) {
    if (votes[category[n]] > votes[*best]) best = &category[n];
  }
  return *best;
}

// Sets an EmbeddingOptions field from "name=value"; false for an unknown name.
bool SetOption(const std::string& arg, meridian::EmbeddingOptions* o) {
  size_t eq = arg.find('=');
  if (eq == std::string::npos) return false;
  std::string name = arg.substr(0, eq);
  double v = std::stod(arg.substr(eq + 1));
  std::map<std::string, std::function<void()>> set = {
      {"dims", [&] { o->dims = static_cast<size_t>(v); }},
      {"sketch_dims", [&] { o->sketch_dims = static_cast<size_t>(v); }},
      {"skill_dims", [&] { o->skill_dims = static_cast<size_t>(v); }},
      {"skill_share", [&] { o->skill_share = static_cast<float>(v); }},
      {"bigram_share", [&] { o->bigram_share = static_cast<float>(v); }},
      {"subword_share", [&] { o->subword_share = static_cast<float>(v); }},
      {"window", [&] { o->window = static_cast<size_t>(v); }},
      {"max_items", [&] { o->max_items = static_cast<size_t>(v); }},
      {"min_df", [&] { o->min_df = static_cast<size_t>(v); }},
      {"svd_docs", [&] { o->svd_docs = static_cast<size_t>(v); }},
      {"seed", [&] { o->seed = static_cast<uint64_t>(v); }},
      {"power_iterations", [&] { o->power_iterations = static_cast<int>(v); }},
  };
  auto it = set.find(name);
  if (it == set.end()) return false;
  it->second();
  return true;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// N job-like documents: a topic each (of 100); terms and skills drawn half from a global
// Zipf distribution, half from the topic's own ordering of the same vocabulary.
std::vector<EmbeddingDoc> Synthetic(size_t n) {
  constexpr size_t kTerms = 50'000, kSkills = 2'000, kTopics = 100;
  auto zipf = [](size_t size) {
    std::vector<double> cdf(size);
    double sum = 0;
    for (size_t r = 0; r < size; ++r) cdf[r] = sum += 1.0 / static_cast<double>(r + 1);
    for (double& c : cdf) c /= sum;
    return cdf;
  };
  std::vector<double> term_cdf = zipf(kTerms), skill_cdf = zipf(kSkills);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  auto draw = [&](const std::vector<double>& cdf, size_t topic) {
    auto r = static_cast<size_t>(std::lower_bound(cdf.begin(), cdf.end(), u(rng)) - cdf.begin());
    if (u(rng) < 0.5) r = (r * 7919 + topic * 131) % cdf.size();
    return r;
  };
  std::vector<EmbeddingDoc> docs(n);
  for (size_t d = 0; d < n; ++d) {
    size_t topic = d % kTopics;
    for (int i = 0; i < 200; ++i)
      docs[d].terms.push_back("w" + std::to_string(draw(term_cdf, topic)));
    for (int i = 0; i < 8; ++i)
      docs[d].skills.push_back("s" + std::to_string(draw(skill_cdf, topic)));
  }
  return docs;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: meridian_embeddings_eval djinni.csv|synthetic=N [split=all|even|odd] "
                 "[OPTION=VALUE...]\n");
    return 2;
  }
  meridian::EmbeddingOptions options;
  std::string split = "all";
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("split=", 0) == 0) {
      split = arg.substr(6);
    } else if (!SetOption(arg, &options)) {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  std::string source = argv[1];
  if (source.rfind("synthetic=", 0) == 0) {
    std::vector<EmbeddingDoc> docs = Synthetic(std::stoul(source.substr(10)));
    double before = PeakRssMb();
    auto t0 = std::chrono::steady_clock::now();
    auto model = meridian::EmbeddingModel::Train(docs, options);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!model.ok()) {
      std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
      return 1;
    }
    std::printf("synthetic: %zu documents, %zu features, %zu items, %zu dims\n", docs.size(),
                model->features(), model->items(), model->dims());
    std::printf("train_seconds: %.1f\npeak_rss_mb: %.0f (documents alone: %.0f)\n", s, PeakRssMb(),
                before);
    return 0;
  }

  std::ifstream in(source, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", source.c_str());
    return 1;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  meridian::CsvReader csv(text);
  std::vector<std::string> row, header;
  csv.Next(&header);
  auto col = [&](const char* name) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  size_t title_col = col("title"), category_col = col("category");
  meridian::Analyzer analyzer;
  std::vector<EmbeddingDoc> docs;
  std::vector<std::string> category;
  size_t number = 0;
  while (csv.Next(&row)) {
    if (row.size() <= std::max(title_col, category_col) || row[category_col].empty()) continue;
    std::vector<std::string> terms;
    for (meridian::Token& t : analyzer.Analyze(row[title_col])) terms.push_back(std::move(t.term));
    if (terms.empty()) continue;
    size_t parity = number++ % 2;
    if ((split == "even" && parity != 0) || (split == "odd" && parity != 1)) continue;
    docs.push_back({.terms = std::move(terms)});  // Djinni has no skills column filled
    category.push_back(row[category_col]);
  }
  size_t n = docs.size();
  std::vector<std::string> kinds = category;
  std::sort(kinds.begin(), kinds.end());
  kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
  std::printf("documents: %zu job titles (%s), %zu categories\n", n, split.c_str(), kinds.size());

  // Learned embeddings.
  auto t0 = std::chrono::steady_clock::now();
  auto model = meridian::EmbeddingModel::Train(docs, options);
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  double train_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  meridian::ExactIndex index(model->dims());
  for (const auto& d : docs) index.Add(model->Embed(d));
  size_t right = 0;
  for (uint32_t d = 0; d < n; ++d) {
    auto hits = index.Search(index.Get(d), {.k = kK + 1});
    std::vector<uint32_t> nn;
    for (const auto& h : hits) {
      if (h.id != d && nn.size() < kK) nn.push_back(h.id);
    }
    if (!nn.empty() && Vote(nn, category) == category[d]) ++right;
  }
  double learned = static_cast<double>(right) / static_cast<double>(n);

  // Baseline: TF-IDF cosine over the same terms (sublinear tf, smooth idf), exact.
  std::unordered_map<std::string, uint32_t> df;
  for (const auto& d : docs) {
    std::vector<std::string> u = d.terms;
    std::sort(u.begin(), u.end());
    u.erase(std::unique(u.begin(), u.end()), u.end());
    for (const auto& t : u) ++df[t];
  }
  std::unordered_map<std::string, uint32_t> term_id;
  std::vector<std::vector<std::pair<uint32_t, float>>> vec(n), postings;
  for (uint32_t d = 0; d < n; ++d) {
    std::map<std::string, float> tf;
    for (const auto& t : docs[d].terms) tf[t] += 1;
    double norm = 0;
    for (auto& [t, f] : tf) {
      f = static_cast<float>((1 + std::log(f)) *
                             (std::log((1.0 + static_cast<double>(n)) / (1.0 + df[t])) + 1.0));
      norm += static_cast<double>(f) * f;
    }
    for (const auto& [t, f] : tf) {
      auto [it, fresh] = term_id.try_emplace(t, static_cast<uint32_t>(postings.size()));
      if (fresh) postings.emplace_back();
      float w = static_cast<float>(f / std::sqrt(norm));
      vec[d].emplace_back(it->second, w);
      postings[it->second].emplace_back(d, w);
    }
  }
  std::vector<float> score(n, 0);
  std::vector<uint32_t> touched;
  right = 0;
  for (uint32_t d = 0; d < n; ++d) {
    touched.clear();
    for (const auto& [t, w] : vec[d]) {
      for (const auto& [o, w2] : postings[t]) {
        if (o == d) continue;
        if (score[o] == 0) touched.push_back(o);
        score[o] += w * w2;
      }
    }
    size_t take = std::min(kK, touched.size());
    std::partial_sort(
        touched.begin(), touched.begin() + static_cast<long>(take), touched.end(),
        [&](uint32_t a, uint32_t b) { return score[a] != score[b] ? score[a] > score[b] : a < b; });
    std::vector<uint32_t> nn(touched.begin(), touched.begin() + static_cast<long>(take));
    if (!nn.empty() && Vote(nn, category) == category[d]) ++right;
    for (uint32_t o : touched) score[o] = 0;
  }
  double baseline = static_cast<double>(right) / static_cast<double>(n);

  std::printf("embeddings: %s, %zu dims, %zu features, %zu skill-part items, trained in %.2f s\n",
              model->id().c_str(), model->dims(), model->features(), model->items(), train_s);
  std::printf("knn_category_accuracy_embeddings: %.4f\n", learned);
  std::printf("knn_category_accuracy_tfidf_baseline: %.4f\n", baseline);
  std::printf("ratio_vs_baseline: %.3f\n", learned / baseline);
  return 0;
}
