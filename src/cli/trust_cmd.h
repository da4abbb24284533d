// `meridian train scam` (trust_cmd.cpp): the scam model of issue 7, trained from the
// moderators' labels in the store.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>

#include "cli/common.h"
#include "engine/mlops/registry.h"
#include "platform/lifecycle/trainers.h"
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

// A training run as the CLI runs it (platform/lifecycle/trainers.h): every line printed
// to stdout, the evaluation's figures too unless `detail` is off.
struct CliTrainOptions {
  uint64_t seed = 42;
  mlops::GateOptions gate;
  bool detail = true;
  bool apply_to_store = true;  // re-screen / re-estimate after a new trust champion
};
TrainRun CliTrainRun(const CliTrainOptions& options);

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
