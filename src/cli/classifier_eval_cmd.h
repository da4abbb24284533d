// `meridian eval classifier`: the scam and spam classifier (issue 7) against two baselines
// on a labelled corpus (corpora.h), one line per model and metric.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/corpora.h"
#include "engine/ml/text_classifier.h"

namespace meridian::cli {

struct ClassifierEvalOptions {
  std::string corpus;    // spamassassin | sms | FILE
  std::string data_dir;  // "" = ResolveDataDir's default
  uint64_t seed = 42;
  double test_fraction = 0.2;
  bool sklearn = true;
  std::string sklearn_script;  // "" = scripts/eval/sklearn_baseline.py in the source tree
  std::string python = "/usr/bin/python3";
  // Scores on a validation split carved from the training side instead of the test split:
  // the only split the settings below are tuned on.
  bool validate = false;
  EmailText email_text = EmailText::kSubjectFromTo;
  TextClassifierOptions model;
  std::string save;  // also write meridian-xgb's artifact here
};

// Adds `classifier` to the `eval` subcommand.
class ClassifierEvalCommand {
 public:
  explicit ClassifierEvalCommand(CLI::App* eval);
  // Runs the command when it was chosen; nullopt otherwise.
  std::optional<int> RunIfChosen();

 private:
  CLI::App* command_ = nullptr;
  ClassifierEvalOptions options_;
  std::string email_text_ = "subject-from-to", selection_ = "chi2";
  bool no_sklearn_ = false;
};

int RunClassifierEval(const ClassifierEvalOptions& options);

}  // namespace meridian::cli
