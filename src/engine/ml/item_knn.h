// Item-based k-nearest neighbours (issue 6): two items are alike by the cosine of their
// user sets in training (co-occurrence / sqrt(users of a × users of b)); each item keeps
// its `neighbours` most similar items, and a user's score for an item is the sum of its
// similarities to the items the user has seen.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/ml/interactions.h"

namespace meridian {

struct ItemKnnOptions {
  size_t neighbours = 100;
};

class ItemKnn {
 public:
  ItemKnn(const TrainTest& split, const ItemKnnOptions& options);
  // The k best-scored items `user` has not seen (ties: lower id first); unseen users get
  // nothing.
  std::vector<uint32_t> Recommend(uint32_t user, size_t k) const;
  // The neighbours of `item`, most similar first.
  const std::vector<std::pair<uint32_t, float>>& Neighbours(uint32_t item) const {
    return neighbours_[item];
  }

 private:
  const TrainTest& split_;
  std::vector<std::vector<std::pair<uint32_t, float>>> neighbours_;
};

}  // namespace meridian
