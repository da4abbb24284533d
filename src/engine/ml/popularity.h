// The popularity baseline (issue 6): items ranked by how many users interacted with them
// in training, each user's own items left out. (Time decay comes with the store's events.)
#pragma once

#include <cstdint>
#include <vector>

#include "engine/ml/interactions.h"

namespace meridian {

class Popularity {
 public:
  // Counts over the training side of `split`.
  explicit Popularity(const TrainTest& split);
  // The k most popular items `user` has not seen in training (ties: lower id first).
  std::vector<uint32_t> Recommend(uint32_t user, size_t k) const;
  const std::vector<double>& scores() const { return scores_; }

 private:
  const TrainTest& split_;
  std::vector<double> scores_;      // per item
  std::vector<uint32_t> by_score_;  // items, most popular first
};

}  // namespace meridian
