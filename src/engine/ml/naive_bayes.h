// Multinomial naive Bayes on word counts: the baseline the scam and spam classifier is
// measured against (issue 7). Words are text_features.h's WordTokens; the vocabulary is
// every word of the training texts; class-conditional word probabilities use Lidstone
// smoothing (count + alpha) / (total + alpha * |V|), alpha = 1 being Laplace. Words unseen
// in training are ignored. Probability() is the posterior of the positive class, computed
// in log space (log-sum-exp), so it stays in [0, 1] for texts of any length.
//
//   NaiveBayes nb = NaiveBayes::Train(texts, labels, {});
//   double p = nb.Probability("WINNER! claim your prize");
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace meridian {

struct NaiveBayesOptions {
  double alpha = 1.0;               // Lidstone smoothing
  uint64_t max_bytes = 100 * 1024;  // of each text
};

class NaiveBayes {
 public:
  // `labels` has one entry per text. With no texts of a class, its prior is smoothed too.
  static NaiveBayes Train(std::span<const std::string_view> texts, std::span<const bool> labels,
                          const NaiveBayesOptions& options);
  double Probability(std::string_view text) const;

 private:
  NaiveBayesOptions options_;
  std::unordered_map<std::string, uint32_t> vocabulary_;
  std::vector<double> log_p_[2];  // per class, per word
  double log_prior_[2] = {0, 0};
};

}  // namespace meridian
