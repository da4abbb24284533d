// The hybrid recommender (issue 6): per user, each component's scores over all items are
// normalized over the items the user has not seen and blended with weights:
//
//   score_i = sum_c weight_c * normalize_u(scores_c)_i
//
// The components are ALS (ScoreAll of the user's vector), item-KNN (summed similarities)
// and popularity; BlendScores takes any per-item score vectors, so serving can add a
// content component (issue 5's embeddings) for users with little history. Normalizing per
// user puts components on one scale whatever their units (ALS dot products, sums of
// cosines, counts) and however active the user is.
//
//   Hybrid hybrid(split, {.als = &als, .knn = &knn, .pop = &pop}, {});
//   std::vector<uint32_t> top = hybrid.Recommend(user, 10);
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/ml/als.h"
#include "engine/ml/interactions.h"
#include "engine/ml/item_knn.h"
#include "engine/ml/popularity.h"
#include "engine/ml/top_items.h"

namespace meridian {

// Validation on MovieLens cannot tell the two apart; min-max is the default because it
// also takes scores that are all negative (ALS can give those), which kMax has to drop.
enum class ScoreNormalization {
  kMinMax,  // (s - min) / (max - min) over the unseen items (0 when they are all equal)
  kMax,     // divided by the largest score over the unseen items (0 when that is <= 0)
};

struct ScoreComponent {
  std::span<const float> scores;  // per item, higher is better
  double weight = 1;              // 0 leaves the component out
};

struct BlendOptions {
  ScoreNormalization normalization = ScoreNormalization::kMinMax;
  // Sorted items left out of the normalization and scored -infinity: the user's own.
  std::span<const uint32_t> exclude;
};

// The weighted sum of the normalized components, per item (as long as the longest
// component; a shorter one gives nothing past its end). Pure: one user's vectors in, one
// user's blend out, so it serves a single request as well as an offline evaluation.
std::vector<float> BlendScores(std::span<const ScoreComponent> components,
                               const BlendOptions& options);

// The defaults are what the validation splits of MovieLens-100K mostly chose
// (docs/recsys.md): a little item-KNN, no popularity.
struct HybridWeights {
  double als = 1, knn = 0.1, pop = 0;
};

struct HybridOptions {
  HybridWeights weights;
  ScoreNormalization normalization = ScoreNormalization::kMinMax;
};

// Borrowed components, trained on the same split; one may be null when its weight is 0.
struct HybridComponents {
  const ImplicitAls* als = nullptr;
  const ItemKnn* knn = nullptr;
  const Popularity* pop = nullptr;
};

class Hybrid {
 public:
  Hybrid(const TrainTest& split, const HybridComponents& components, const HybridOptions& options);
  // Blended scores of every item for `user`; the user's training items are -infinity.
  std::vector<float> Scores(uint32_t user) const;
  // The k best items `user` has not seen in training (ties: lower id first).
  std::vector<uint32_t> Recommend(uint32_t user, size_t k) const;

 private:
  const TrainTest& split_;
  HybridComponents components_;
  HybridOptions options_;
  std::vector<float> pop_;  // popularity as floats, shared by every user
};

// The blends `ChooseBlend` tries, ALS weighing 1 in each.
struct BlendGrid {
  std::vector<double> knn = {0, 0.1, 0.25, 0.5, 1};
  std::vector<double> pop = {0, 0.05, 0.1};
  std::vector<ScoreNormalization> normalizations = {ScoreNormalization::kMinMax,
                                                    ScoreNormalization::kMax};
};

struct ChosenBlend {
  HybridOptions options;
  double ndcg = 0;  // on `validation`, at k
};

// The blend of `grid` with the best NDCG@k on `validation`, with components trained on
// its training side. The components' scores are computed once per user, so the grid costs
// little more than one evaluation.
ChosenBlend ChooseBlend(const TrainTest& validation, const HybridComponents& components,
                        const BlendGrid& grid, size_t k);

}  // namespace meridian
