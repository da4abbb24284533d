// The popularity baseline (issue 6): items ranked by how many users interacted with them
// in training, each user's own items left out. With a half-life, each interaction counts
// exp(-ln 2 * age / half_life) instead of 1, so what is popular now outranks what was
// popular once (a catalogue of job posts turns over in weeks).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/ml/interactions.h"

namespace meridian {

struct PopularityOptions {
  double half_life_days = 0;  // 0: no decay, every interaction counts 1
  // The time ages are measured from (seconds, as Interaction::ts); 0: the latest time in
  // training, so an offline split is aged from its own end rather than from today.
  int64_t now = 0;
};

class Popularity {
 public:
  // Counts over the training side of `split` (its train_times when decaying).
  Popularity(const TrainTest& split, const PopularityOptions& options);
  // The k most popular items `user` has not seen in training (ties: lower id first).
  std::vector<uint32_t> Recommend(uint32_t user, size_t k) const;
  // Per item: the (decayed) count.
  const std::vector<double>& scores() const { return scores_; }

 private:
  const TrainTest& split_;
  std::vector<double> scores_;      // per item
  std::vector<uint32_t> by_score_;  // items, most popular first
};

}  // namespace meridian
