#include "engine/ml/item_knn.h"

#include <algorithm>
#include <cmath>

namespace meridian {

namespace {

// Per user: the value every one of their interactions takes in the matrix (see the header;
// interactions are binary, so it depends on the user only).
std::vector<double> UserValues(const TrainTest& split, const ItemKnnOptions& options) {
  std::vector<double> value(split.users, 1.0);
  if (options.weighting != KnnWeighting::kBm25 || split.users == 0) return value;
  double total = 0;
  for (const auto& items : split.train) total += static_cast<double>(items.size());
  const double mean = total / static_cast<double>(split.users);
  const double k1 = options.bm25_k1, b = options.bm25_b;
  for (size_t u = 0; u < split.users; ++u) {
    double length = static_cast<double>(split.train[u].size());
    double norm = mean > 0 ? (1 - b) + b * length / mean : 1;
    value[u] = (k1 + 1) / (k1 * norm + 1);
  }
  return value;
}

}  // namespace

ItemKnn::ItemKnn(const TrainTest& split, const ItemKnnOptions& options)
    : split_(split), neighbours_(split.items) {
  const std::vector<double> value = UserValues(split, options);
  std::vector<std::vector<uint32_t>> users_of(split.items);
  std::vector<double> squared(split.items, 0);  // each item column's squared norm
  for (uint32_t u = 0; u < split.users; ++u) {
    for (uint32_t i : split.train[u]) {
      users_of[i].push_back(u);
      squared[i] += value[u] * value[u];
    }
  }
  // One row of weighted co-occurrences at a time: memory stays O(items x neighbours).
  std::vector<double> row(split.items, 0);
  std::vector<uint32_t> touched;
  for (uint32_t i = 0; i < split.items; ++i) {
    touched.clear();
    for (uint32_t u : users_of[i]) {
      for (uint32_t j : split.train[u]) {
        if (j == i) continue;
        if (row[j] == 0) touched.push_back(j);
        row[j] += value[u] * value[u];
      }
    }
    auto& out = neighbours_[i];
    for (uint32_t j : touched) {
      out.emplace_back(j, static_cast<float>(row[j] / std::sqrt(squared[i] * squared[j])));
      row[j] = 0;
    }
    size_t keep = std::min(options.neighbours, out.size());
    auto better = [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    std::partial_sort(out.begin(), out.begin() + static_cast<long>(keep), out.end(), better);
    out.resize(keep);
  }
}

std::vector<float> ItemKnn::ScoreAll(uint32_t user) const {
  std::vector<float> scores(split_.items, 0);
  for (uint32_t i : split_.train[user]) {
    for (const auto& [j, sim] : neighbours_[i]) scores[j] += sim;
  }
  return scores;
}

std::vector<uint32_t> ItemKnn::Recommend(uint32_t user, size_t k) const {
  const auto& seen = split_.train[user];
  std::vector<float> scores(split_.items, 0);
  std::vector<uint32_t> candidates;
  for (uint32_t i : seen) {
    for (const auto& [j, sim] : neighbours_[i]) {
      if (scores[j] == 0) candidates.push_back(j);
      scores[j] += sim;
    }
  }
  std::erase_if(candidates,
                [&](uint32_t j) { return std::binary_search(seen.begin(), seen.end(), j); });
  size_t take = std::min(k, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<long>(take),
                    candidates.end(), [&](uint32_t a, uint32_t b) {
                      return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
                    });
  candidates.resize(take);
  return candidates;
}

}  // namespace meridian
