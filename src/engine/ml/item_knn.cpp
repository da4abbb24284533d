#include "engine/ml/item_knn.h"

#include <algorithm>
#include <cmath>

namespace meridian {

ItemKnn::ItemKnn(const TrainTest& split, const ItemKnnOptions& options)
    : split_(split), neighbours_(split.items) {
  std::vector<std::vector<uint32_t>> users_of(split.items);
  for (uint32_t u = 0; u < split.users; ++u) {
    for (uint32_t i : split.train[u]) users_of[i].push_back(u);
  }
  // One row of co-occurrence counts at a time: memory stays O(items x neighbours).
  std::vector<float> row(split.items, 0);
  std::vector<uint32_t> touched;
  for (uint32_t i = 0; i < split.items; ++i) {
    touched.clear();
    for (uint32_t u : users_of[i]) {
      for (uint32_t j : split.train[u]) {
        if (j == i) continue;
        if (row[j] == 0) touched.push_back(j);
        row[j] += 1;
      }
    }
    auto& out = neighbours_[i];
    for (uint32_t j : touched) {
      double norm = std::sqrt(static_cast<double>(users_of[i].size()) *
                              static_cast<double>(users_of[j].size()));
      out.emplace_back(j, static_cast<float>(row[j] / norm));
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
