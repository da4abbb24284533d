#include "engine/ml/metrics.h"

#include <algorithm>
#include <cmath>

namespace meridian {

RankingScores ScoreRanking(std::span<const uint32_t> ranked, std::span<const uint32_t> relevant,
                           size_t k) {
  RankingScores s;
  if (relevant.empty() || k == 0) return s;
  size_t hits = 0;
  double dcg = 0, ap = 0;
  for (size_t i = 0; i < ranked.size() && i < k; ++i) {
    if (!std::binary_search(relevant.begin(), relevant.end(), ranked[i])) continue;
    ++hits;
    dcg += 1.0 / std::log2(static_cast<double>(i) + 2);
    ap += static_cast<double>(hits) / static_cast<double>(i + 1);
  }
  size_t ideal_hits = std::min(k, relevant.size());
  double idcg = 0;
  for (size_t i = 0; i < ideal_hits; ++i) idcg += 1.0 / std::log2(static_cast<double>(i) + 2);
  s.precision = static_cast<double>(hits) / static_cast<double>(k);
  s.recall = static_cast<double>(hits) / static_cast<double>(relevant.size());
  s.ndcg = dcg / idcg;
  s.map = ap / static_cast<double>(ideal_hits);
  return s;
}

EvaluationReport EvaluateRanking(
    const TrainTest& split, size_t k,
    const std::function<std::vector<uint32_t>(uint32_t user, size_t k)>& recommend) {
  EvaluationReport r;
  std::vector<uint8_t> shown(split.items, 0);
  for (uint32_t u = 0; u < split.users; ++u) {
    if (split.test[u].empty()) continue;
    std::vector<uint32_t> ranked = recommend(u, k);
    RankingScores s = ScoreRanking(ranked, split.test[u], k);
    r.mean.precision += s.precision;
    r.mean.recall += s.recall;
    r.mean.ndcg += s.ndcg;
    r.mean.map += s.map;
    for (size_t i = 0; i < ranked.size() && i < k; ++i) {
      if (ranked[i] < shown.size()) shown[ranked[i]] = 1;
    }
    ++r.users;
  }
  if (r.users > 0) {
    double n = static_cast<double>(r.users);
    r.mean.precision /= n;
    r.mean.recall /= n;
    r.mean.ndcg /= n;
    r.mean.map /= n;
  }
  if (split.items > 0) {
    r.coverage = static_cast<double>(std::count(shown.begin(), shown.end(), 1)) /
                 static_cast<double>(split.items);
  }
  return r;
}

}  // namespace meridian
