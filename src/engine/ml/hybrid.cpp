#include "engine/ml/hybrid.h"

#include <algorithm>
#include <limits>

#include "engine/ml/metrics.h"

namespace meridian {

namespace {}  // namespace

std::vector<float> BlendScores(std::span<const ScoreComponent> components,
                               const BlendOptions& options) {
  size_t n = 0;
  for (const ScoreComponent& c : components) n = std::max(n, c.scores.size());
  std::vector<uint8_t> excluded(n, 0);
  for (uint32_t i : options.exclude) {
    if (i < n) excluded[i] = 1;
  }
  std::vector<float> out(n, 0);
  for (const ScoreComponent& c : components) {
    if (c.weight == 0) continue;
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    for (size_t i = 0; i < c.scores.size(); ++i) {
      if (excluded[i]) continue;
      lo = std::min(lo, c.scores[i]);
      hi = std::max(hi, c.scores[i]);
    }
    // A component that cannot rank the user's items (all equal, or nothing positive to
    // divide by) adds nothing rather than a constant or a sign flip.
    float offset = 0, scale = 0;
    if (options.normalization == ScoreNormalization::kMax) {
      if (hi > 0) scale = 1 / hi;
    } else if (hi > lo) {
      offset = lo;
      scale = 1 / (hi - lo);
    }
    if (scale == 0) continue;
    const auto w = static_cast<float>(c.weight) * scale;
    for (size_t i = 0; i < c.scores.size(); ++i) out[i] += w * (c.scores[i] - offset);
  }
  for (size_t i = 0; i < n; ++i) {
    if (excluded[i]) out[i] = kLeftOut;
  }
  return out;
}

Hybrid::Hybrid(const TrainTest& split, const HybridComponents& components,
               const HybridOptions& options)
    : split_(split), components_(components), options_(options) {
  if (components.pop != nullptr) {
    pop_.assign(components.pop->scores().begin(), components.pop->scores().end());
  }
}

std::vector<float> Hybrid::Scores(uint32_t user) const {
  const HybridWeights& w = options_.weights;
  std::vector<float> als, knn;
  std::vector<ScoreComponent> parts;
  if (components_.als != nullptr && w.als != 0) {
    als = components_.als->ScoreAll(components_.als->UserVector(user));
    parts.push_back({als, w.als});
  }
  if (components_.knn != nullptr && w.knn != 0) {
    knn = components_.knn->ScoreAll(user);
    parts.push_back({knn, w.knn});
  }
  if (components_.pop != nullptr && w.pop != 0) parts.push_back({pop_, w.pop});
  // With no component every unseen item ties at 0 (and TopItems takes the lowest ids).
  std::vector<float> zeros(split_.items, 0);
  parts.push_back({zeros, 0});
  return BlendScores(parts,
                     {.normalization = options_.normalization, .exclude = split_.train[user]});
}

std::vector<uint32_t> Hybrid::Recommend(uint32_t user, size_t k) const {
  return TopItems(Scores(user), k);
}

ChosenBlend ChooseBlend(const TrainTest& validation, const HybridComponents& components,
                        const BlendGrid& grid, size_t k) {
  // Raw component scores of the users that are scored, computed once for the whole grid.
  std::vector<uint32_t> users;
  std::vector<std::vector<float>> als, knn;
  for (uint32_t u = 0; u < validation.users; ++u) {
    if (validation.test[u].empty()) continue;
    users.push_back(u);
    if (components.als != nullptr) {
      als.push_back(components.als->ScoreAll(components.als->UserVector(u)));
    }
    if (components.knn != nullptr) knn.push_back(components.knn->ScoreAll(u));
  }
  std::vector<float> pop;
  if (components.pop != nullptr) {
    pop.assign(components.pop->scores().begin(), components.pop->scores().end());
  }
  ChosenBlend best;
  best.ndcg = -1;
  for (ScoreNormalization normalization : grid.normalizations) {
    for (double knn_weight : grid.knn) {
      for (double pop_weight : grid.pop) {
        double total = 0;
        for (size_t n = 0; n < users.size(); ++n) {
          std::vector<ScoreComponent> parts;
          if (!als.empty()) parts.push_back({als[n], 1});
          if (!knn.empty()) parts.push_back({knn[n], knn_weight});
          if (!pop.empty()) parts.push_back({pop, pop_weight});
          std::vector<float> blended = BlendScores(
              parts, {.normalization = normalization, .exclude = validation.train[users[n]]});
          total += ScoreRanking(TopItems(blended, k), validation.test[users[n]], k).ndcg;
        }
        double ndcg = users.empty() ? 0 : total / static_cast<double>(users.size());
        // Strictly better only: on a tie the earlier, simpler blend stays.
        if (ndcg > best.ndcg) {
          best.ndcg = ndcg;
          best.options = {.weights = {.als = 1, .knn = knn_weight, .pop = pop_weight},
                          .normalization = normalization};
        }
      }
    }
  }
  return best;
}

}  // namespace meridian
