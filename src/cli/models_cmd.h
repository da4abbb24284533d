// `meridian models list|show|diff|promote|rollback|drift|online` (models_cmd.cpp): the model
// registry of issue 8 from the command line. A promote or rollback moves the champion alias in the
// store; every `meridian serve` on that database swaps the new champion in by itself.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/common.h"
#include "engine/mlops/registry.h"

namespace meridian::cli {

class ModelsCommands {
 public:
  explicit ModelsCommands(CLI::App& app);
  // Runs the chosen subcommand after parsing; nullopt when `models` was not chosen.
  std::optional<int> RunIfChosen();

 private:
  int Run();

  CommonFlags flags_;
  CLI::App* models_ = nullptr;
  CLI::App* list_ = nullptr;
  CLI::App* show_ = nullptr;
  CLI::App* diff_ = nullptr;
  CLI::App* promote_ = nullptr;
  CLI::App* rollback_ = nullptr;
  CLI::App* drift_ = nullptr;
  CLI::App* online_ = nullptr;
  std::string name_, a_, b_;
  int days_ = 7;
  mlops::GateOptions gate_;
};

}  // namespace meridian::cli
