// The scam score of a job post and its reasons (issue 7). With a trained model
// (`meridian train scam`) the score is the model's calibrated probability and the reasons
// are the signals and words that pushed it up most (XGBoost feature contributions). Until a
// model is trained the score comes from the signals alone, combined as independent pieces
// of evidence: score = 1 - prod(1 - w_s) over the signals present, with the weights below.
// With a model the rules stay a floor: the score is the larger of the two, so a post that
// asks for a fee over Telegram reaches a moderator even when the model has not learned it.
//
//   ScamScreener screener({.threshold = 0.5});
//   Screening s = screener.Screen(job, ComputeScamSignals(job, context));
//   if (s.flagged) job.status = "flagged";
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/statusor.h"
#include "engine/ml/text_classifier.h"
#include "platform/trust/scam_signals.h"

namespace meridian {

struct ScreenOptions {
  double threshold = 0.5;  // a score at or above it flags the post
  size_t max_reasons = 5;
};

struct Screening {
  double score = 0;
  std::vector<std::string> reasons;  // most important first
  bool flagged = false;
  std::string method;  // "rules", "model", or "model+rules" (the rules scored higher)
};

// The rule weights, in ScamSignal order (documented in docs/trust.md).
std::span<const double> ScamRuleWeights();
Screening ScreenByRules(const ScamSignals& signals, const ScreenOptions& options);

class ScamScreener {
 public:
  explicit ScamScreener(ScreenOptions options) : options_(options) {}

  Screening Screen(const Job& job, const ScamSignals& signals) const;

  // Installs a model (TextClassifier bytes) trained with the scam signals. Corrupted or
  // mismatched bytes are refused with an error and the current model (or the rules) keeps
  // serving.
  Status LoadModel(std::string_view bytes);
  void SetModel(std::shared_ptr<const TextClassifier> model);
  std::shared_ptr<const TextClassifier> model() const;
  const ScreenOptions& options() const { return options_; }

 private:
  ScreenOptions options_;
  mutable std::mutex mu_;
  std::shared_ptr<const TextClassifier> model_;
};

// The scam model's training examples: text and signals of a post, positive for scams.
LabeledText ScamExample(const Job& job, const ScamSignals& signals, bool scam);

}  // namespace meridian
