// Item-based k-nearest neighbours (issue 6): two items are alike by the cosine of their
// user columns in training; each item keeps its `neighbours` most similar items, and a
// user's score for an item is the sum of its similarities to the items the user has seen.
//
// Weighting of the user-item matrix before the cosine:
//   kCosine: every interaction is 1, so the cosine is co-occurrence / sqrt(users of a ×
//            users of b).
//   kBm25:   the `implicit` library's bm25_weight(user_items, K1, B): a user's entry is
//            (K1 + 1) / (K1 * L_u + 1) * idf_i with L_u = (1 - B) + B * |u| / mean |u|
//            and idf_i = log(users) - log1p(users of i). Heavy users, whose co-occurrences
//            say least about two items, count less. idf_i scales a whole item column, which
//            the cosine divides out, so it is left out (an item seen by nearly every user
//            would otherwise have idf <= 0 and flip or zero its column).
// Interactions count as 1 in both (ratings as implicit feedback, as ALS's `binary`).
//
// A served model is rebuilt from its saved neighbour lists (a model registry's artifact)
// with FromNeighbours.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "base/statusor.h"
#include "engine/ml/interactions.h"

namespace meridian {

enum class KnnWeighting { kCosine, kBm25 };

struct ItemKnnOptions {
  size_t neighbours = 100;
  KnnWeighting weighting = KnnWeighting::kCosine;
  double bm25_k1 = 100;  // implicit's defaults for bm25_weight
  double bm25_b = 0.8;
};

// Per item: (neighbour, similarity), most similar first (ties: lower id first).
using NeighbourLists = std::vector<std::vector<std::pair<uint32_t, float>>>;

class ItemKnn {
 public:
  // Trains on `split` (kept by reference: it must outlive the model).
  ItemKnn(const TrainTest& split, const ItemKnnOptions& options);
  // Rebuilds a trained model from its lists (one per item of `split`, as Neighbours
  // returns them). kInvalidArgument when they cannot be a trained model's: a count other
  // than split.items, a neighbour out of range, the item itself or repeated, a similarity
  // that is not finite, or a list out of order.
  static StatusOr<ItemKnn> FromNeighbours(const TrainTest& split, NeighbourLists neighbours);
  // The k best-scored items `user` has not seen (ties: lower id first); unseen users get
  // nothing.
  std::vector<uint32_t> Recommend(uint32_t user, size_t k) const;
  // Per item: the summed similarity to the user's training items (0 where no neighbour of
  // them), the user's own items included; for blending with other recommenders.
  std::vector<float> ScoreAll(uint32_t user) const;
  // The neighbours of `item`, most similar first.
  const std::vector<std::pair<uint32_t, float>>& Neighbours(uint32_t item) const {
    return neighbours_[item];
  }

 private:
  explicit ItemKnn(const TrainTest& split) : split_(split) {}  // FromNeighbours fills it

  const TrainTest& split_;
  NeighbourLists neighbours_;
};

}  // namespace meridian
