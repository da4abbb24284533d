#include "cli/trust_cmd.h"

#include <cstdio>

#include "platform/demo/demo.h"
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

TrainRun CliTrainRun(const CliTrainOptions& options) {
  auto print = [](std::string_view line) {
    std::printf("%.*s\n", static_cast<int>(line.size()), line.data());
    std::fflush(stdout);
  };
  return {.seed = options.seed,
          .gate = options.gate,
          .log = print,
          .detail = options.detail ? TrainLog(print) : TrainLog(),
          .apply_to_store = options.apply_to_store};
}

Status TrainDemoModels(const Settings& settings, Store& store) {
  SystemClock clock;
  TrustService trust(store, clock, TrustOptionsFor(settings));
  RETURN_IF_ERROR(trust.Start());
  // The rules first, so that suspicious posts are flagged before their pay teaches the
  // salary model anything.
  ASSIGN_OR_RETURN(RescreenReport rules, RescreenUnreviewed(store, trust));
  (void)rules;
  // Every model, registered as its first version (the recommenders learn from the demo's
  // generated events, the scam model from its generated labels).
  for (const std::string& name : TrainableModels()) {
    auto out = TrainModel(name, {.store = store, .trust = &trust}, CliTrainRun({.detail = false}));
    if (out.status().code() == StatusCode::kFailedPrecondition) {
      std::printf("demo: no %s model (%s)\n", name.c_str(),
                  std::string(out.status().message()).c_str());
    } else if (!out.ok()) {
      return out.status();
    }
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
  auto out =
      TrainModel(kScamModelName, {.store = **store, .trust = &trust},
                 CliTrainRun({.seed = seed_, .gate = gate_, .apply_to_store = !no_rescreen_}));
  return out.ok() ? 0 : Fail(out.status());
}

}  // namespace meridian::cli
