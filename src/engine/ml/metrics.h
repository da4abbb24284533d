// Ranking metrics for recommenders (issue 6), binary relevance, as Microsoft Recommenders
// defines them:
//   precision@k = hits in the top k / k
//   recall@k    = hits in the top k / relevant
//   NDCG@k      = sum over hits at rank i (1-based) of 1/log2(i+1), divided by the same sum
//                 for an ideal list of min(k, relevant) hits
//   MAP@k       = sum over hits at rank i of precision@i, divided by min(k, relevant)
// Users without held-out items are not counted. Coverage: distinct items recommended /
// items in the catalogue.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "engine/ml/interactions.h"

namespace meridian {

struct RankingScores {
  double precision = 0, recall = 0, ndcg = 0, map = 0;
};

// `ranked`: the recommended items, best first (only the first k count); `relevant`: the
// held-out items, sorted.
RankingScores ScoreRanking(std::span<const uint32_t> ranked, std::span<const uint32_t> relevant,
                           size_t k);

struct EvaluationReport {
  size_t users = 0;  // users with held-out items
  RankingScores mean;
  double coverage = 0;
};

// Asks `recommend(user, k)` for every user with held-out items and averages the scores.
// The recommender must leave out the user's training items (all-item ranking of unseen
// items).
EvaluationReport EvaluateRanking(
    const TrainTest& split, size_t k,
    const std::function<std::vector<uint32_t>(uint32_t user, size_t k)>& recommend);

}  // namespace meridian
