#include "engine/ml/popularity.h"

#include <algorithm>
#include <numeric>

namespace meridian {

Popularity::Popularity(const TrainTest& split) : split_(split), scores_(split.items, 0) {
  for (const auto& items : split.train) {
    for (uint32_t i : items) scores_[i] += 1;
  }
  by_score_.resize(split.items);
  std::iota(by_score_.begin(), by_score_.end(), 0u);
  std::stable_sort(by_score_.begin(), by_score_.end(),
                   [&](uint32_t a, uint32_t b) { return scores_[a] > scores_[b]; });
}

std::vector<uint32_t> Popularity::Recommend(uint32_t user, size_t k) const {
  std::vector<uint32_t> out;
  const auto& seen = split_.train[user];
  for (uint32_t item : by_score_) {
    if (out.size() >= k) break;
    if (std::binary_search(seen.begin(), seen.end(), item)) continue;
    out.push_back(item);
  }
  return out;
}

}  // namespace meridian
