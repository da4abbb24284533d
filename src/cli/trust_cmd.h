// `meridian train scam` (trust_cmd.cpp): the scam model of issue 7, trained from the
// moderators' labels in the store.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>

#include "cli/common.h"
#include "platform/trust/salary_estimator.h"

namespace meridian::cli {

class TrustCommands {
 public:
  // Adds `scam` under the `train` command.
  explicit TrustCommands(CLI::App* train);
  // Runs the chosen subcommand after parsing; nullopt when it was not chosen.
  std::optional<int> RunIfChosen();

 private:
  int RunTrainScam();

  CommonFlags flags_;
  CLI::App* train_scam_ = nullptr;
  uint64_t seed_ = 42;
  bool no_rescreen_ = false;
};

// Trains the scam model from the store's labels, writes it beside the database, loads it
// into `trust` and re-screens the posts nobody reviewed; prints the holdout figures.
// `quiet` prints one summary line instead.
struct TrainScamOptions {
  uint64_t seed = 42;
  bool rescreen = true;
  bool quiet = false;
};
Status TrainScam(const Settings& settings, Store& store, TrustService& trust,
                 const TrainScamOptions& options);

// The fewest employer-given salaries the salary model is trained on (fewer make a model
// whose range means little).
inline constexpr size_t kMinSalaryExamples = 50;

// Writes `estimator` beside the database, loads it into `trust` and re-estimates every
// stored job (a running server reloads the file itself); returns how many got an estimate.
StatusOr<size_t> InstallSalaryModel(const Settings& settings, Store& store, TrustService& trust,
                                    const SalaryEstimator& estimator);

// After `meridian demo` seeds a store: screens the posts by the rules, trains the salary
// model on the employer-given salaries and the scam model on the generated labels,
// re-screens with it, and prints how many of the demo's suspicious posts were caught.
Status TrainDemoModels(const Settings& settings, Store& store);

}  // namespace meridian::cli
