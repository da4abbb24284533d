#include "engine/ml/classifier_metrics.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace meridian {
namespace {

// Indices ordered by score, highest first.
std::vector<size_t> ByScore(std::span<const double> scores) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  return order;
}

}  // namespace

double RocAuc(std::span<const double> scores, std::span<const bool> labels) {
  std::vector<size_t> order = ByScore(scores);
  std::reverse(order.begin(), order.end());  // ascending
  double positives = 0, rank_sum = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (size_t k = i; k < j; ++k) {
      if (labels[order[k]]) {
        rank_sum += rank;
        ++positives;
      }
    }
    i = j;
  }
  const double negatives = static_cast<double>(order.size()) - positives;
  if (positives == 0 || negatives == 0) return 0.5;
  return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

double AveragePrecision(std::span<const double> scores, std::span<const bool> labels) {
  const std::vector<size_t> order = ByScore(scores);
  const auto total = static_cast<double>(std::count(labels.begin(), labels.end(), true));
  if (total == 0) return 0;
  double tp = 0, seen = 0, ap = 0, last_recall = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) {
      tp += labels[order[j]] ? 1 : 0;
      ++seen;
      ++j;
    }
    const double recall = tp / total;
    ap += (recall - last_recall) * (tp / seen);
    last_recall = recall;
    i = j;
  }
  return ap;
}

BinaryScores ScoreBinary(std::span<const double> scores, std::span<const bool> labels,
                         double threshold) {
  double tp = 0, fp = 0, fn = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    const bool predicted = scores[i] >= threshold;
    if (predicted && labels[i]) ++tp;
    if (predicted && !labels[i]) ++fp;
    if (!predicted && labels[i]) ++fn;
  }
  BinaryScores s;
  s.precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  s.recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  s.roc_auc = RocAuc(scores, labels);
  s.pr_auc = AveragePrecision(scores, labels);
  return s;
}

}  // namespace meridian
