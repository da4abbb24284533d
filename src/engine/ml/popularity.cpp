#include "engine/ml/popularity.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace meridian {

namespace {

constexpr double kSecondsPerDay = 86400;

// The time of user u's j-th training row; a split filled by hand may leave times out.
int64_t TimeOf(const TrainTest& split, size_t u, size_t j) {
  if (u >= split.train_times.size() || j >= split.train_times[u].size()) return 0;
  return split.train_times[u][j];
}

}  // namespace

Popularity::Popularity(const TrainTest& split, const PopularityOptions& options)
    : split_(split), scores_(split.items, 0) {
  const bool decay = options.half_life_days > 0;
  int64_t now = options.now;
  if (decay && now == 0) {
    for (size_t u = 0; u < split.users; ++u) {
      for (size_t j = 0; j < split.train[u].size(); ++j) now = std::max(now, TimeOf(split, u, j));
    }
  }
  const double per_second = std::numbers::ln2 / (options.half_life_days * kSecondsPerDay);
  for (size_t u = 0; u < split.users; ++u) {
    for (size_t j = 0; j < split.train[u].size(); ++j) {
      double w = 1;
      if (decay) {
        // A row dated after `now` counts as new rather than more than new.
        double age = std::max<double>(0, static_cast<double>(now - TimeOf(split, u, j)));
        w = std::exp(-per_second * age);
      }
      scores_[split.train[u][j]] += w;
    }
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
