// Training the trust models from the store (issue 7): the scam model learns from the
// moderators' labels (approve = legit, reject = scam, plus the demo's generated labels),
// each post's text and signals as TrustService computes them on a write; a new salary model
// re-estimates every stored job; a new scam model re-screens the posts nobody reviewed.
//
//   ASSIGN_OR_RETURN(std::vector<LabeledText> examples, ScamExamplesFromStore(store, trust));
//   ASSIGN_OR_RETURN(TextClassifier model, TextClassifier::Train(examples, ScamSignalNamesList(),
//   {}));
#pragma once

#include <string>
#include <vector>

#include "base/statusor.h"
#include "engine/ml/classifier_metrics.h"
#include "engine/ml/text_classifier.h"
#include "engine/store/store.h"
#include "platform/trust/trust_service.h"

namespace meridian {

// The signal names as a vector (TextClassifier::Train takes ownership of one).
std::vector<std::string> ScamSignalNamesList();

// One example per label (the newest label of a post wins), positive for scams.
StatusOr<std::vector<LabeledText>> ScamExamplesFromStore(Store& store, const TrustService& trust);

struct ScamTrainingOptions {
  TextClassifierOptions model;
  double holdout_fraction = 0.2;  // stratified; the holdout scores are printed, then all rows train
  uint64_t seed = 42;
  size_t min_per_class = 10;
};

struct ScamTrainingReport {
  size_t examples = 0, scams = 0;
  BinaryScores holdout;  // on holdout_fraction of the labels, model trained on the rest
  double train_seconds = 0;
};

// Trains on the labels: a holdout score first, then the model on every label.
// kFailedPrecondition when either class has fewer than min_per_class labels.
StatusOr<TextClassifier> TrainScamModel(std::span<const LabeledText> examples,
                                        const ScamTrainingOptions& options,
                                        ScamTrainingReport* report);

struct RescreenReport {
  size_t screened = 0, flagged = 0;
};
// Scores every live and pending post that no moderator approved with `trust`'s current
// model; those at or above the threshold become flagged.
StatusOr<RescreenReport> RescreenUnreviewed(Store& store, const TrustService& trust);

// Writes every job's salary estimate from `trust`'s current salary model; returns how
// many jobs got one.
StatusOr<size_t> ReestimateSalaries(Store& store, const TrustService& trust);

}  // namespace meridian
