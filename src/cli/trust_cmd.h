// `meridian train scam` (trust_cmd.cpp): the scam model of issue 7, trained from the
// moderators' labels in the store.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>

#include "cli/common.h"
#include "engine/mlops/registry.h"
#include "platform/trust/salary_estimator.h"

namespace meridian::cli {

class TrustCommands {
 public:
  // Adds `scam` under the `train` command.
  explicit TrustCommands(CLI::App* train);
  // Runs the chosen subcommand after parsing; nullopt when it was not chosen.
  std::optional<int> RunIfChosen();
  // The --db, --config, ... given to the subcommand (`train salary scam --db X`).
  const CommonFlags& flags() const { return flags_; }

 private:
  int RunTrainScam();

  CommonFlags flags_;
  CLI::App* train_scam_ = nullptr;
  uint64_t seed_ = 42;
  bool no_rescreen_ = false;
  mlops::GateOptions gate_;
};

// --force and --tolerance of every `train` command that registers a model.
void AddGateFlags(CLI::App* command, mlops::GateOptions* gate);

// Trains the scam model from the store's labels, registers it as the next version of
// "scam" (issue 8) through the gate, and when it became champion installs it into `trust`
// and re-screens the posts nobody reviewed; prints the holdout figures and the gate's
// decision. `quiet` prints one summary line instead.
struct TrainScamOptions {
  uint64_t seed = 42;
  bool rescreen = true;
  bool quiet = false;
  mlops::GateOptions gate;
};
Status TrainScam(Store& store, TrustService& trust, const TrainScamOptions& options);

// The fewest employer-given salaries the salary model is trained on (fewer make a model
// whose range means little).
inline constexpr size_t kMinSalaryExamples = 50;

// Trains the salary estimator from the employer-given salaries (a seeded 80/20 holdout
// first: its MAE is the gate's metric), registers it as the next version of "salary", and
// when it became champion installs it into `trust` and re-estimates every stored job.
// kFailedPrecondition with fewer than kMinSalaryExamples salaries.
struct TrainSalaryOptions {
  uint64_t seed = 42;
  bool quiet = false;
  mlops::GateOptions gate;
};
Status TrainSalary(Store& store, TrustService& trust, const TrainSalaryOptions& options);

// Registers a candidate and prints one line: "scam v3: champion (f1 0.98 > ...)" or
// "... challenger (...)".
StatusOr<mlops::RegisterOutcome> RegisterAndReport(Store& store,
                                                   const mlops::ModelCandidate& candidate,
                                                   const mlops::GateOptions& gate);

// `meridian train recommenders` (train_recs_cmd.cpp): the holdout figures, then the full
// model registered as the next version of "recommenders". kFailedPrecondition without
// events. The demo registers one too.
struct TrainRecommendersOptions {
  uint64_t seed = 42;
  bool quiet = false;  // only the registration line
  mlops::GateOptions gate;
};
Status TrainRecommenders(Store& store, const TrainRecommendersOptions& options);

// `meridian train --all` / `meridian train NAME…` (train_all_cmd.cpp): each model trained,
// evaluated and registered through the gate; a model without enough data is skipped with
// its reason. names empty = every model.
struct TrainManyOptions {
  std::vector<std::string> names;
  uint64_t seed = 42;
  mlops::GateOptions gate;
};
int RunTrainMany(const Settings& settings, const TrainManyOptions& options);

// After `meridian demo` seeds a store: screens the posts by the rules, trains the salary
// model on the employer-given salaries and the scam model on the generated labels
// (registering both), re-screens with it, and prints how many of the demo's suspicious
// posts were caught.
Status TrainDemoModels(const Settings& settings, Store& store);

}  // namespace meridian::cli
