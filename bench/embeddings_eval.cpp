// Embedding quality on real job titles (issue 5, `make eval-embeddings`): leave-one-out
// kNN (k = 10, majority vote) category accuracy of the learned embeddings (TF-IDF + SVD,
// engine/vector/embedding_model.h) against a plain TF-IDF cosine baseline, in one run.
//
//   build/bench/meridian_embeddings_eval ../shared/data/jobs-djinni-2026/djinni.csv [DIMS]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/csv.h"
#include "engine/text/analyzer.h"
#include "engine/vector/embedding_model.h"
#include "engine/vector/exact_index.h"

namespace {

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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: meridian_embeddings_eval djinni.csv [DIMS]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
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
  std::vector<std::vector<std::string>> docs;
  std::vector<std::string> category;
  while (csv.Next(&row)) {
    if (row.size() <= std::max(title_col, category_col) || row[category_col].empty()) continue;
    std::vector<std::string> terms;
    for (meridian::Token& t : analyzer.Analyze(row[title_col])) terms.push_back(std::move(t.term));
    if (terms.empty()) continue;
    docs.push_back(std::move(terms));
    category.push_back(row[category_col]);
  }
  size_t n = docs.size();
  std::vector<std::string> kinds = category;
  std::sort(kinds.begin(), kinds.end());
  kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
  std::printf("documents: %zu job titles, %zu categories\n", n, kinds.size());

  // Learned embeddings.
  size_t dims = argc > 2 ? static_cast<size_t>(std::stoul(argv[2])) : 128;
  auto t0 = std::chrono::steady_clock::now();
  auto model = meridian::EmbeddingModel::Train(docs, {.dims = dims});
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
    std::vector<std::string> u = d;
    std::sort(u.begin(), u.end());
    u.erase(std::unique(u.begin(), u.end()), u.end());
    for (const auto& t : u) ++df[t];
  }
  std::unordered_map<std::string, uint32_t> term_id;
  std::vector<std::vector<std::pair<uint32_t, float>>> vec(n), postings;
  for (uint32_t d = 0; d < n; ++d) {
    std::map<std::string, float> tf;
    for (const auto& t : docs[d]) tf[t] += 1;
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

  std::printf("embeddings: %zu dims, %zu terms, trained in %.2f s\n", model->dims(), model->terms(),
              train_s);
  std::printf("knn_category_accuracy_embeddings: %.4f\n", learned);
  std::printf("knn_category_accuracy_tfidf_baseline: %.4f\n", baseline);
  std::printf("ratio_vs_baseline: %.3f\n", learned / baseline);
  return 0;
}
