#include "cli/trust_cmd.h"

#include <cstdio>

#include "platform/demo/demo.h"
#include "platform/trust/salary_estimator.h"
#include "platform/trust/trust_training.h"

namespace meridian::cli {

TrustCommands::TrustCommands(CLI::App* train) {
  train_scam_ = train->add_subcommand(
      "scam",
      "Train the scam model from the moderators' labels; prints holdout figures first, then "
      "re-screens the posts nobody reviewed");
  AddCommonFlags(train_scam_, &flags_);
  train_scam_->add_option("--seed", seed_, "random seed of the holdout split and the model");
  train_scam_->add_flag("--no-rescreen", no_rescreen_,
                        "only write the model; leave the stored posts' scores as they are");
}

std::optional<int> TrustCommands::RunIfChosen() {
  if (!*train_scam_) return std::nullopt;
  return RunTrainScam();
}

Status TrainScam(const Settings& settings, Store& store, TrustService& trust,
                 const TrainScamOptions& options) {
  const std::string path = ScamModelPath(settings);
  if (path.empty()) {
    return FailedPreconditionError("the database is in memory: the model would have no file");
  }
  ASSIGN_OR_RETURN(std::vector<LabeledText> examples, ScamExamplesFromStore(store, trust));
  ScamTrainingOptions o;
  o.seed = options.seed;
  o.model.seed = options.seed;
  ScamTrainingReport report;
  ASSIGN_OR_RETURN(TextClassifier model, TrainScamModel(examples, o, &report));
  RETURN_IF_ERROR(model.Save(path));
  if (!options.quiet) {
    std::printf("scam labels: %zu (%zu scam), holdout %.0f %% stratified, seed %llu\n",
                report.examples, report.scams, 100 * o.holdout_fraction,
                static_cast<unsigned long long>(options.seed));
    std::printf("scam-model precision: %.4f\nscam-model recall: %.4f\nscam-model f1: %.4f\n",
                report.holdout.precision, report.holdout.recall, report.holdout.f1);
    std::printf("scam-model roc_auc: %.4f\nscam-model pr_auc: %.4f\n", report.holdout.roc_auc,
                report.holdout.pr_auc);
    std::printf("scam-model train_seconds: %.2f\n", report.train_seconds);
    std::printf("scam: model written to %s\n", path.c_str());
  }
  RETURN_IF_ERROR(trust.ReloadModels());
  if (!options.rescreen) return OkStatus();
  ASSIGN_OR_RETURN(RescreenReport r, RescreenUnreviewed(store, trust));
  std::printf("scam: %zu unreviewed posts re-screened, %zu flagged for review\n", r.screened,
              r.flagged);
  return OkStatus();
}

StatusOr<size_t> InstallSalaryModel(const Settings& settings, Store& store, TrustService& trust,
                                    const SalaryEstimator& estimator) {
  RETURN_IF_ERROR(estimator.Save(SalaryModelPath(settings)));
  RETURN_IF_ERROR(trust.ReloadModels());
  return ReestimateSalaries(store, trust);
}

Status TrainDemoModels(const Settings& settings, Store& store) {
  if (ScamModelPath(settings).empty()) {
    std::printf("demo: in-memory database, no trust models trained\n");
    return OkStatus();
  }
  SystemClock clock;
  TrustService trust(store, clock, TrustOptionsFor(settings));
  RETURN_IF_ERROR(trust.Start());
  // The rules first, so that suspicious posts are flagged before their pay teaches the
  // salary model anything.
  ASSIGN_OR_RETURN(RescreenReport rules, RescreenUnreviewed(store, trust));
  (void)rules;
  ASSIGN_OR_RETURN(std::vector<SalaryExample> pay, SalaryExamplesFromStore(store));
  if (pay.size() >= kMinSalaryExamples) {
    ASSIGN_OR_RETURN(SalaryEstimator estimator, SalaryEstimator::Train(pay, {}));
    ASSIGN_OR_RETURN(size_t estimated, InstallSalaryModel(settings, store, trust, estimator));
    std::printf("demo: salary model trained on %zu employer salaries, %zu jobs estimated\n",
                pay.size(), estimated);
  } else {
    std::printf("demo: %zu employer salaries, too few for a salary model\n", pay.size());
  }
  Status scam = TrainScam(settings, store, trust, {.rescreen = true, .quiet = true});
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
  Status s = TrainScam(*settings, **store, trust, {.seed = seed_, .rescreen = !no_rescreen_});
  return s.ok() ? 0 : Fail(s);
}

}  // namespace meridian::cli
