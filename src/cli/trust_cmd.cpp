#include "cli/trust_cmd.h"

#include <cstdio>

#include "platform/demo/demo.h"
#include "platform/lifecycle/drift_monitor.h"
#include "platform/lifecycle/model_watcher.h"
#include "platform/trust/salary_estimator.h"
#include "platform/trust/trust_training.h"

namespace meridian::cli {

void AddGateFlags(CLI::App* command, mlops::GateOptions* gate) {
  command->add_flag("--force", gate->force,
                    "make the new version champion even if it does not beat the champion");
  command
      ->add_option("--tolerance", gate->tolerance,
                   "how much the gate metric must improve on the champion's to replace it")
      ->check(CLI::NonNegativeNumber);
}

TrustCommands::TrustCommands(CLI::App* train) {
  train_scam_ = train->add_subcommand(
      "scam",
      "Train the scam model from the moderators' labels and register it; prints holdout "
      "figures and the gate's decision, then re-screens the posts nobody reviewed");
  AddCommonFlags(train_scam_, &flags_);
  train_scam_->add_option("--seed", seed_, "random seed of the holdout split and the model");
  train_scam_->add_flag("--no-rescreen", no_rescreen_,
                        "leave the stored posts' scores as they are");
  AddGateFlags(train_scam_, &gate_);
}

std::optional<int> TrustCommands::RunIfChosen() {
  if (!*train_scam_) return std::nullopt;
  return RunTrainScam();
}

StatusOr<mlops::RegisterOutcome> RegisterAndReport(Store& store,
                                                   const mlops::ModelCandidate& candidate,
                                                   const mlops::GateOptions& gate) {
  SystemClock clock;
  mlops::ModelRegistry registry(store, clock);
  ASSIGN_OR_RETURN(mlops::RegisterOutcome out, registry.Register(candidate, gate));
  if (!out.registered) {
    std::printf("%s: %s\n", candidate.name.c_str(), out.decision.reason.c_str());
    return out;
  }
  std::printf("%s v%lld registered (%lld bytes, sha256 %.12s): %s (%s)\n", candidate.name.c_str(),
              static_cast<long long>(out.version.version),
              static_cast<long long>(out.version.artifact_size), out.version.sha256.c_str(),
              out.decision.promote ? "champion" : "challenger", out.decision.reason.c_str());
  return out;
}

Status TrainScam(Store& store, TrustService& trust, const TrainScamOptions& options) {
  ASSIGN_OR_RETURN(int64_t data_seq, store.LastChangeSeq());
  ASSIGN_OR_RETURN(std::vector<LabeledText> examples, ScamExamplesFromStore(store, trust));
  ScamTrainingOptions o;
  o.seed = options.seed;
  o.model.seed = options.seed;
  ScamTrainingReport report;
  ASSIGN_OR_RETURN(TextClassifier model, TrainScamModel(examples, o, &report));
  if (!options.quiet) {
    std::printf("scam labels: %zu (%zu scam), holdout %.0f %% stratified, seed %llu\n",
                report.examples, report.scams, 100 * o.holdout_fraction,
                static_cast<unsigned long long>(options.seed));
    std::printf("scam-model precision: %.4f\nscam-model recall: %.4f\nscam-model f1: %.4f\n",
                report.holdout.precision, report.holdout.recall, report.holdout.f1);
    std::printf("scam-model roc_auc: %.4f\nscam-model pr_auc: %.4f\n", report.holdout.roc_auc,
                report.holdout.pr_auc);
    std::printf("scam-model train_seconds: %.2f\n", report.train_seconds);
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
                          .params = {{"seed", std::to_string(options.seed)},
                                     {"holdout_fraction", std::to_string(o.holdout_fraction)},
                                     {"rounds", std::to_string(o.model.boost.rounds)},
                                     {"max_depth", std::to_string(o.model.boost.max_depth)}},
                          .data_seq = data_seq,
                          .data_counts = {{"labels", static_cast<int64_t>(report.examples)},
                                          {"scam_labels", static_cast<int64_t>(report.scams)},
                                          {"jobs", counts.rows["jobs"]}},
                          .reference = std::move(reference)};
  ASSIGN_OR_RETURN(mlops::RegisterOutcome out, RegisterAndReport(store, c, options.gate));
  if (!out.decision.promote) return OkStatus();
  RETURN_IF_ERROR(trust.InstallScamModel(c.artifact, VersionLabel(out.version)));
  if (!options.rescreen) return OkStatus();
  ASSIGN_OR_RETURN(RescreenReport r, RescreenUnreviewed(store, trust));
  std::printf("scam: %zu unreviewed posts re-screened, %zu flagged for review\n", r.screened,
              r.flagged);
  return OkStatus();
}

Status TrainDemoModels(const Settings& settings, Store& store) {
  SystemClock clock;
  TrustService trust(store, clock, TrustOptionsFor(settings));
  RETURN_IF_ERROR(trust.Start());
  // The rules first, so that suspicious posts are flagged before their pay teaches the
  // salary model anything.
  ASSIGN_OR_RETURN(RescreenReport rules, RescreenUnreviewed(store, trust));
  (void)rules;
  Status salary = TrainSalary(store, trust, {.quiet = true});
  if (salary.code() == StatusCode::kFailedPrecondition) {
    std::printf("demo: no salary model (%s)\n", std::string(salary.message()).c_str());
  } else if (!salary.ok()) {
    return salary;
  }
  Status recs = TrainRecommenders(store, {.quiet = true});
  if (recs.code() == StatusCode::kFailedPrecondition) {
    std::printf("demo: no recommenders registered (%s)\n", std::string(recs.message()).c_str());
  } else if (!recs.ok()) {
    return recs;
  }
  Status scam = TrainScam(store, trust, {.rescreen = true, .quiet = true});
  if (scam.code() == StatusCode::kFailedPrecondition) {
    std::printf("demo: no scam model (%s)\n", std::string(scam.message()).c_str());
  } else if (!scam.ok()) {
    return scam;
  }
  // How the screen did on the demo's own posts: the generator knows which are suspicious.
  size_t suspicious = 0, caught = 0, others = 0, false_alarms = 0;
  RETURN_IF_ERROR(store.ScanJobs([&](const Job& j) {
    const bool flagged = j.status == "flagged";
    if (IsDemoScamCompany(j.company_slug)) {
      ++suspicious;
      caught += flagged;
    } else if (j.status == "live" || flagged) {
      ++others;
      false_alarms += flagged;
    }
    return OkStatus();
  }));
  std::printf(
      "demo: scam screen (%s) flagged %zu of %zu suspicious posts (recall %.3f) and %zu of "
      "%zu others (false positive rate %.4f)\n",
      trust.status().scam_method.c_str(), caught, suspicious,
      suspicious ? static_cast<double>(caught) / static_cast<double>(suspicious) : 0.0,
      false_alarms, others,
      others ? static_cast<double>(false_alarms) / static_cast<double>(others) : 0.0);
  return OkStatus();
}

int TrustCommands::RunTrainScam() {
  auto settings = LoadAndSetup(flags_);
  if (!settings.ok()) return Fail(settings.status());
  auto store = OpenStore(*settings);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  TrustService trust(**store, clock, TrustOptionsFor(*settings));
  if (Status s = trust.Start(); !s.ok()) return Fail(s);
  Status s = TrainScam(**store, trust, {.seed = seed_, .rescreen = !no_rescreen_, .gate = gate_});
  return s.ok() ? 0 : Fail(s);
}

}  // namespace meridian::cli
