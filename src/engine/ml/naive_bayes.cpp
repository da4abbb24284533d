#include "engine/ml/naive_bayes.h"

#include <algorithm>
#include <cmath>

#include "engine/ml/text_features.h"

namespace meridian {

NaiveBayes NaiveBayes::Train(std::span<const std::string_view> texts, std::span<const bool> labels,
                             const NaiveBayesOptions& options) {
  NaiveBayes nb;
  nb.options_ = options;
  std::vector<double> counts[2];
  double docs[2] = {0, 0};
  for (size_t d = 0; d < texts.size(); ++d) {
    const int k = labels[d] ? 1 : 0;
    docs[k] += 1;
    for (std::string& w : WordTokens(texts[d], options.max_bytes)) {
      auto [it, added] =
          nb.vocabulary_.emplace(std::move(w), static_cast<uint32_t>(nb.vocabulary_.size()));
      if (added) {
        counts[0].push_back(0);
        counts[1].push_back(0);
      }
      counts[k][it->second] += 1;
    }
  }
  const auto v = static_cast<double>(nb.vocabulary_.size());
  for (int k = 0; k < 2; ++k) {
    double total = 0;
    for (double c : counts[k]) total += c;
    nb.log_p_[k].resize(counts[k].size());
    for (size_t w = 0; w < counts[k].size(); ++w) {
      nb.log_p_[k][w] = std::log((counts[k][w] + options.alpha) / (total + options.alpha * v));
    }
    nb.log_prior_[k] = std::log((docs[k] + 1) / (docs[0] + docs[1] + 2));
  }
  return nb;
}

double NaiveBayes::Probability(std::string_view text) const {
  double score[2] = {log_prior_[0], log_prior_[1]};
  for (const std::string& w : WordTokens(text, options_.max_bytes)) {
    auto it = vocabulary_.find(w);
    if (it == vocabulary_.end()) continue;
    score[0] += log_p_[0][it->second];
    score[1] += log_p_[1][it->second];
  }
  // P(positive) = 1 / (1 + exp(s0 - s1)), written to avoid overflow either way.
  const double d = score[0] - score[1];
  return d > 0 ? std::exp(-d) / (1 + std::exp(-d)) : 1 / (1 + std::exp(d));
}

}  // namespace meridian
