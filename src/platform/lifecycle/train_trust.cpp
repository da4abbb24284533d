// The trust models' training runs (issues 7 and 8): the scam classifier from the
// moderators' labels, the salary estimator from the employer-given salaries.
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "platform/lifecycle/drift_monitor.h"
#include "platform/lifecycle/model_watcher.h"
#include "platform/lifecycle/trainers.h"
#include "platform/trust/salary_estimator.h"
#include "platform/trust/trust_training.h"

namespace meridian {

namespace {

void Say(const TrainLog& log, std::string_view line) {
  if (log) log(line);
}

Status NeedTrust(const TrainTarget& target, std::string_view name) {
  if (target.trust) return OkStatus();
  return InvalidArgumentError(std::string(name) + ": training needs the trust service");
}

}  // namespace

const std::vector<std::string>& TrainableModels() {
  static const std::vector<std::string> kNames = {kSalaryModelName, kScamModelName,
                                                  kEmbeddingsModelName, kRecommendersModelName};
  return kNames;
}

Status CheckTrainableModel(std::string_view name) {
  std::string known;
  for (const std::string& n : TrainableModels()) {
    if (n == name) return OkStatus();
    known += (known.empty() ? "" : ", ") + n;
  }
  return InvalidArgumentError("unknown model '" + std::string(name) + "' (known: " + known + ")");
}

StatusOr<TrainOutcome> TrainModel(std::string_view name, const TrainTarget& target,
                                  const TrainRun& run) {
  RETURN_IF_ERROR(CheckTrainableModel(name));
  // One trainer at a time across every process on the database (replicas' schedulers, the
  // CLI): the lock is the database's (an advisory lock on PostgreSQL, a lock file beside a
  // SQLite file), released when this run ends or its process dies.
  ASSIGN_OR_RETURN(std::unique_ptr<StoreLock> lock, target.store.TryLock(kTrainerLock));
  if (!lock) {
    return FailedPreconditionError(
        "another process is training (the database's trainer lock is held); try again when "
        "it finishes");
  }
  if (name == kScamModelName) return TrainScamModelRun(target, run);
  if (name == kSalaryModelName) return TrainSalaryModelRun(target, run);
  if (name == kRecommendersModelName) return TrainRecommendersRun(target, run);
  if (name == kEmbeddingsModelName) return TrainEmbeddingsRun(target, run);
  return CheckTrainableModel(name);
}

StatusOr<mlops::RegisterOutcome> RegisterCandidate(Store& store, const mlops::ModelCandidate& c,
                                                   const mlops::GateOptions& gate,
                                                   const TrainLog& log) {
  SystemClock clock;
  mlops::ModelRegistry registry(store, clock);
  ASSIGN_OR_RETURN(mlops::RegisterOutcome out, registry.Register(c, gate));
  if (!out.registered) {
    Say(log, c.name + ": " + out.decision.reason);
    return out;
  }
  Say(log, fmt::format("{} v{} registered ({} bytes, sha256 {:.12}): {} ({})", c.name,
                       out.version.version, out.version.artifact_size, out.version.sha256,
                       out.decision.promote ? "champion" : "challenger", out.decision.reason));
  return out;
}

StatusOr<TrainOutcome> TrainScamModelRun(const TrainTarget& target, const TrainRun& run) {
  RETURN_IF_ERROR(NeedTrust(target, kScamModelName));
  Store& store = target.store;
  TrustService& trust = *target.trust;
  ASSIGN_OR_RETURN(int64_t data_seq, store.LastChangeSeq());
  ASSIGN_OR_RETURN(std::vector<LabeledText> examples, ScamExamplesFromStore(store, trust));
  ScamTrainingOptions o;
  o.seed = run.seed;
  o.model.seed = run.seed;
  ScamTrainingReport report;
  ASSIGN_OR_RETURN(TextClassifier model, TrainScamModel(examples, o, &report));
  if (run.detail) {
    run.detail(fmt::format("scam labels: {} ({} scam), holdout {:.0f} % stratified, seed {}",
                           report.examples, report.scams, 100 * o.holdout_fraction, run.seed));
    run.detail(fmt::format("scam-model precision: {:.4f}", report.holdout.precision));
    run.detail(fmt::format("scam-model recall: {:.4f}", report.holdout.recall));
    run.detail(fmt::format("scam-model f1: {:.4f}", report.holdout.f1));
    run.detail(fmt::format("scam-model roc_auc: {:.4f}", report.holdout.roc_auc));
    run.detail(fmt::format("scam-model pr_auc: {:.4f}", report.holdout.pr_auc));
    run.detail(fmt::format("scam-model train_seconds: {:.2f}", report.train_seconds));
  }
  // The drift reference: the stored posts as this model sees them.
  ASSIGN_OR_RETURN(TableCounts counts, store.Counts());
  ScamScreener candidate(trust.screener().options());
  ASSIGN_OR_RETURN(TextClassifier copy, TextClassifier::Deserialize(model.Serialize()));
  candidate.SetModel(std::make_shared<const TextClassifier>(std::move(copy)));
  ASSIGN_OR_RETURN(std::string reference,
                   BuildDriftReference(store, ScamDriftFeatures(trust, &candidate)));
  mlops::ModelCandidate c{.name = kScamModelName,
                          .artifact = model.Serialize(),
                          .metrics = {{"precision", report.holdout.precision},
                                      {"recall", report.holdout.recall},
                                      {"f1", report.holdout.f1},
                                      {"roc_auc", report.holdout.roc_auc},
                                      {"pr_auc", report.holdout.pr_auc},
                                      {"train_seconds", report.train_seconds}},
                          .primary_metric = "f1",
                          .params = {{"seed", std::to_string(run.seed)},
                                     {"holdout_fraction", std::to_string(o.holdout_fraction)},
                                     {"rounds", std::to_string(o.model.boost.rounds)},
                                     {"max_depth", std::to_string(o.model.boost.max_depth)}},
                          .data_seq = data_seq,
                          .data_counts = {{"labels", static_cast<int64_t>(report.examples)},
                                          {"scam_labels", static_cast<int64_t>(report.scams)},
                                          {"moderation_labels", counts.rows["moderation_labels"]},
                                          {"jobs", counts.rows["jobs"]}},
                          .reference = std::move(reference)};
  ASSIGN_OR_RETURN(mlops::RegisterOutcome out, RegisterCandidate(store, c, run.gate, run.log));
  TrainOutcome outcome{.registered = out, .name = kScamModelName};
  if (!out.decision.promote || !out.registered) return outcome;
  RETURN_IF_ERROR(trust.InstallScamModel(c.artifact, VersionLabel(out.version)));
  if (!run.apply_to_store) return outcome;
  ASSIGN_OR_RETURN(RescreenReport r, RescreenUnreviewed(store, trust));
  Say(run.log, fmt::format("scam: {} unreviewed posts re-screened, {} flagged for review",
                           r.screened, r.flagged));
  return outcome;
}

StatusOr<TrainOutcome> TrainSalaryModelRun(const TrainTarget& target, const TrainRun& run) {
  RETURN_IF_ERROR(NeedTrust(target, kSalaryModelName));
  Store& store = target.store;
  TrustService& trust = *target.trust;
  ASSIGN_OR_RETURN(int64_t data_seq, store.LastChangeSeq());
  ASSIGN_OR_RETURN(std::vector<SalaryExample> examples, SalaryExamplesFromStore(store));
  if (examples.size() < kMinSalaryExamples) {
    return FailedPreconditionError("salary: only " + std::to_string(examples.size()) +
                                   " jobs have an employer-given salary; " +
                                   std::to_string(kMinSalaryExamples) +
                                   " at least are needed to train the estimator");
  }
  SalaryEstimatorOptions o;
  o.model.seed = run.seed;
  // One training run: the gate's figures are cross-validated (out-of-fold estimates of
  // the 5 folds the band is calibrated on), so no separate holdout model is trained.
  SalaryTrainReport report;
  ASSIGN_OR_RETURN(SalaryEstimator est, SalaryEstimator::Train(examples, o, &report));
  if (run.detail) {
    run.detail(fmt::format("salary: {} employer salaries, 5-fold cross-validated (seed {})",
                           examples.size(), run.seed));
    run.detail(fmt::format("meridian-xgb cv_mae: {:.0f}", report.cv_mae));
    run.detail(fmt::format("meridian-xgb cv_mdape: {:.2f}", report.cv_mdape));
  }
  ASSIGN_OR_RETURN(std::string reference, BuildDriftReference(store, SalaryDriftFeatures(&est)));
  ASSIGN_OR_RETURN(TableCounts counts, store.Counts());
  mlops::ModelCandidate c{
      .name = kSalaryModelName,
      .artifact = est.Serialize(),
      .metrics = {{"cv_mae", report.cv_mae}, {"cv_mdape", report.cv_mdape}},
      .primary_metric = "cv_mae",
      .higher_is_better = false,
      .params = {{"seed", std::to_string(run.seed)},
                 {"rounds", std::to_string(o.model.trees.rounds)},
                 {"max_depth", std::to_string(o.model.trees.max_depth)},
                 {"band", o.model.shape == BandShape::kNormalized ? "normalized" : "binned"}},
      .data_seq = data_seq,
      .data_counts = {{"salaries", static_cast<int64_t>(examples.size())},
                      {"jobs", counts.rows["jobs"]}},
      .reference = std::move(reference)};
  // MAE is in USD a year: the default tolerance (0.001) would let noise through.
  mlops::GateOptions gate = run.gate;
  gate.tolerance = std::max(gate.tolerance, 1.0);
  ASSIGN_OR_RETURN(mlops::RegisterOutcome out, RegisterCandidate(store, c, gate, run.log));
  TrainOutcome outcome{.registered = out, .name = kSalaryModelName};
  if (!out.decision.promote || !out.registered) return outcome;
  RETURN_IF_ERROR(trust.InstallSalaryModel(c.artifact, VersionLabel(out.version)));
  if (!run.apply_to_store) return outcome;
  ASSIGN_OR_RETURN(size_t estimated, ReestimateSalaries(store, trust));
  Say(run.log,
      fmt::format("salary: trained on {} jobs; {} jobs re-estimated", examples.size(), estimated));
  return outcome;
}

}  // namespace meridian
