// Binary classification metrics for the scam and spam classifier (issue 7), as
// scikit-learn defines them:
//   precision, recall, F1 of the positive class at a threshold (score >= threshold is
//     positive); 0 where the denominator is 0
//   ROC-AUC: the probability that a random positive scores above a random negative, ties
//     counting one half (Mann-Whitney U with average ranks); 0.5 when one class is absent
//   PR-AUC: average precision, sum over thresholds of (R_n - R_{n-1}) P_n, every distinct
//     score a threshold (sklearn.metrics.average_precision_score); 0 without positives
#pragma once

#include <span>

namespace meridian {

struct BinaryScores {
  double precision = 0, recall = 0, f1 = 0, roc_auc = 0, pr_auc = 0;
};

// `scores` and `labels` have the same length.
BinaryScores ScoreBinary(std::span<const double> scores, std::span<const bool> labels,
                         double threshold = 0.5);
double RocAuc(std::span<const double> scores, std::span<const bool> labels);
double AveragePrecision(std::span<const double> scores, std::span<const bool> labels);

}  // namespace meridian
