// `meridian train salary` and `meridian eval salary` (salary_cmd.cpp): the salary
// estimator of issue 7, trained from the store or evaluated on a CSV of real salaries.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cli/common.h"
#include "engine/mlops/registry.h"

namespace meridian::cli {

class SalaryCommands {
 public:
  // Adds `salary` under the `train` and `eval` commands.
  SalaryCommands(CLI::App* train, CLI::App* eval);
  // Runs the chosen subcommand after parsing; nullopt when neither was chosen.
  std::optional<int> RunIfChosen();
  // The --db, --config, ... given to the subcommand (`train salary scam --db X`).
  const CommonFlags& flags() const { return flags_; }

 private:
  int RunTrain();
  int RunEval();

  CommonFlags flags_;
  CLI::App* train_ = nullptr;
  CLI::App* eval_ = nullptr;
  uint64_t seed_ = 42;
  std::string csv_;
  double test_fraction_ = 0.2;
  int seeds_ = 0;
  bool tune_ = false;
  int bins_ = 0;           // 0: the default
  double shrinkage_ = -1;  // < 0: the default
  std::string band_;       // empty: the default
  mlops::GateOptions gate_;
};

}  // namespace meridian::cli
