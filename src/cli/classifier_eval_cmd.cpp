// `meridian eval classifier`: meridian-xgb (TextClassifier), naive-bayes and
// sklearn-logreg (scripts/eval/sklearn_baseline.py) trained and scored on one stratified
// split of a corpus, one line per model and metric (`meridian-xgb f1: 0.9812`).
#include "cli/classifier_eval_cmd.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "cli/common.h"
#include "engine/ml/classifier_metrics.h"
#include "engine/ml/naive_bayes.h"

namespace meridian::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Split {
  std::vector<LabeledText> train, test;
};

// A `fraction` of each class goes to the test side, chosen by a Fisher-Yates shuffle with
// mt19937_64(seed) (the same split on every platform for a given corpus and seed).
Split StratifiedSplit(std::vector<LabeledText> all, double fraction, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Split s;
  for (bool cls : {false, true}) {
    std::vector<size_t> rows;
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].positive == cls) rows.push_back(i);
    }
    for (size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng() % i]);
    const auto n = static_cast<size_t>(std::llround(fraction * static_cast<double>(rows.size())));
    for (size_t k = 0; k < rows.size(); ++k) {
      (k < n ? s.test : s.train).push_back(std::move(all[rows[k]]));
    }
  }
  return s;
}

void PrintScores(const std::string& model, const BinaryScores& s) {
  std::printf("%s precision: %.4f\n", model.c_str(), s.precision);
  std::printf("%s recall: %.4f\n", model.c_str(), s.recall);
  std::printf("%s f1: %.4f\n", model.c_str(), s.f1);
  std::printf("%s roc_auc: %.4f\n", model.c_str(), s.roc_auc);
  std::printf("%s pr_auc: %.4f\n", model.c_str(), s.pr_auc);
  std::fflush(stdout);
}

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

std::string Oneline(const std::string& text) {
  std::string s = text;
  std::replace_if(
      s.begin(), s.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return s;
}

Status WriteTsv(const fs::path& path, const std::vector<LabeledText>& rows) {
  std::ofstream out(path, std::ios::binary);
  for (const LabeledText& e : rows)
    out << (e.positive ? "1" : "0") << '\t' << Oneline(e.text) << '\n';
  out.close();
  if (!out) return InternalError("cannot write " + path.string());
  return OkStatus();
}

std::string DefaultScript() {
#ifdef MERIDIAN_SOURCE_DIR
  const fs::path built = fs::path(MERIDIAN_SOURCE_DIR) / "scripts/eval/sklearn_baseline.py";
  std::error_code ec;
  if (fs::exists(built, ec)) return built.string();
#endif
  return "scripts/eval/sklearn_baseline.py";
}

// Runs the scikit-learn baseline on the same split; prints its lines or why it was skipped.
void RunSklearn(const ClassifierEvalOptions& o, const Split& split) {
  const std::string script = o.sklearn_script.empty() ? DefaultScript() : o.sklearn_script;
  std::error_code ec;
  if (access(o.python.c_str(), X_OK) != 0) {
    std::printf("sklearn-logreg skipped: %s is not there\n", o.python.c_str());
    return;
  }
  if (!fs::exists(script, ec)) {
    std::printf("sklearn-logreg skipped: %s is not there (--sklearn-script)\n", script.c_str());
    return;
  }
  std::string dir_template = (fs::temp_directory_path(ec) / "meridian-clf-XXXXXX").string();
  if (mkdtemp(dir_template.data()) == nullptr) {
    std::printf("sklearn-logreg skipped: cannot create a temporary directory\n");
    return;
  }
  const fs::path dir(dir_template);
  if (!WriteTsv(dir / "train.tsv", split.train).ok() ||
      !WriteTsv(dir / "test.tsv", split.test).ok()) {
    std::printf("sklearn-logreg skipped: cannot write the split to %s\n", dir.c_str());
    fs::remove_all(dir, ec);
    return;
  }
  // Paths are ours (mkdtemp) or the operator's; quoted for the shell all the same.
  auto quote = [](const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  const std::string command = quote(o.python) + " " + quote(script) + " --train " +
                              quote((dir / "train.tsv").string()) + " --test " +
                              quote((dir / "test.tsv").string()) + " --seed " +
                              std::to_string(o.seed) + " 2>&1";
  std::fflush(stdout);
  std::FILE* p = popen(command.c_str(), "r");
  std::string output;
  if (p != nullptr) {
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, p)) > 0) output.append(buffer, n);
  }
  const int rc = p != nullptr ? pclose(p) : -1;
  fs::remove_all(dir, ec);
  if (rc != 0) {
    // The script's last line says why (e.g. "scikit-learn is not installed (...)").
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
    const size_t nl = output.find_last_of('\n');
    std::string reason = nl == std::string::npos ? output : output.substr(nl + 1);
    if (reason.empty()) reason = "the script failed (exit status " + std::to_string(rc) + ")";
    std::printf("sklearn-logreg skipped: %s\n", Oneline(reason).c_str());
    return;
  }
  std::printf("%s", output.c_str());
}

}  // namespace

int RunClassifierEval(const ClassifierEvalOptions& o) {
  CorpusOptions corpus_options{.data_dir = ResolveDataDir(o.data_dir), .email_text = o.email_text};
  StatusOr<std::vector<LabeledText>> corpus = ReadCorpus(o.corpus, corpus_options);
  if (!corpus.ok()) return Fail(corpus.status());
  const size_t positives = std::count_if(corpus->begin(), corpus->end(),
                                         [](const LabeledText& e) { return e.positive; });
  Split split = StratifiedSplit(std::move(*corpus), o.test_fraction, o.seed);
  if (o.validate) split = StratifiedSplit(std::move(split.train), o.test_fraction, o.seed + 1);
  std::printf("corpus %s: %zu examples (%zu positive); train %zu, %s %zu (seed %llu)\n",
              o.corpus.c_str(), split.train.size() + split.test.size(), positives,
              split.train.size(), o.validate ? "validation" : "test", split.test.size(),
              static_cast<unsigned long long>(o.seed));
  std::vector<bool> labels_vec;
  for (const LabeledText& e : split.test) labels_vec.push_back(e.positive);
  std::unique_ptr<bool[]> labels(new bool[split.test.size()]);
  std::copy(labels_vec.begin(), labels_vec.end(), labels.get());
  const std::span<const bool> test_labels(labels.get(), split.test.size());

  // meridian-xgb
  const auto start = Clock::now();
  StatusOr<TextClassifier> model = TextClassifier::Train(split.train, {}, o.model);
  const double train_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!model.ok()) return Fail(model.status());
  StatusOr<std::vector<double>> p = model->PredictProbabilities(split.test);
  if (!p.ok()) return Fail(p.status());
  PrintScores("meridian-xgb", ScoreBinary(*p, test_labels));
  std::printf("meridian-xgb train_seconds: %.2f\n", train_seconds);
  std::vector<double> ms;
  size_t best = 0;
  for (size_t i = 0; i < split.test.size(); ++i) {
    const auto t0 = Clock::now();
    StatusOr<Prediction> one = model->Predict(split.test[i].text, {}, {});
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!one.ok()) return Fail(one.status());
    if ((*p)[i] > (*p)[best]) best = i;
  }
  std::printf("meridian-xgb predict_ms_p50: %.3f\n", Percentile(ms, 0.5));
  std::printf("meridian-xgb predict_ms_p99: %.3f\n", Percentile(ms, 0.99));
  std::printf("meridian-xgb columns: %zu\n", model->features().columns());
  if (!split.test.empty()) {
    StatusOr<Prediction> top = model->Predict(split.test[best].text, {}, {});
    if (top.ok()) {
      std::printf("meridian-xgb reasons (highest-scoring test example, p=%.4f):", top->probability);
      for (const Reason& r : top->reasons)
        std::printf(" %s (%+.3f)", r.feature.c_str(), r.contribution);
      std::printf("\n");
    }
  }
  if (!o.save.empty()) {
    if (Status s = model->Save(o.save); !s.ok()) return Fail(s);
  }
  std::fflush(stdout);

  // naive-bayes
  std::vector<std::string_view> texts;
  std::unique_ptr<bool[]> train_labels(new bool[split.train.size()]);
  for (size_t i = 0; i < split.train.size(); ++i) {
    texts.push_back(split.train[i].text);
    train_labels[i] = split.train[i].positive;
  }
  NaiveBayes nb = NaiveBayes::Train(texts, {train_labels.get(), split.train.size()}, {});
  std::vector<double> nb_p;
  for (const LabeledText& e : split.test) nb_p.push_back(nb.Probability(e.text));
  PrintScores("naive-bayes", ScoreBinary(nb_p, test_labels));

  if (o.sklearn) RunSklearn(o, split);
  return 0;
}

ClassifierEvalCommand::ClassifierEvalCommand(CLI::App* eval) {
  command_ = eval->add_subcommand(
      "classifier",
      "Train the scam/spam classifier and two baselines on a stratified split of a corpus and "
      "score them on the held-out part");
  ClassifierEvalOptions& o = options_;
  command_->add_option("--corpus", o.corpus, "spamassassin|sms|FILE (TSV label<TAB>text)")
      ->required();
  command_->add_option("--data-dir", o.data_dir,
                       "corpora directory (default ../shared/data, else $MERIDIAN_DATA_DIR)");
  command_->add_option("--seed", o.seed, "split seed");
  command_->add_option("--test-fraction", o.test_fraction, "held-out share of each class")
      ->check(CLI::Range(0.01, 0.9));
  command_->add_flag("--no-sklearn", no_sklearn_, "skip the scikit-learn baseline");
  command_->add_option("--sklearn-script", o.sklearn_script, "scripts/eval/sklearn_baseline.py");
  command_->add_option("--python", o.python, "the Python interpreter for the baseline");
  command_->add_flag("--validate", o.validate,
                     "score on a validation split of the training side (for tuning)");
  command_->add_option("--email-text", email_text_, "body|subject-from-to|all-headers");
  command_->add_option("--rounds", o.model.boost.rounds, "boosting rounds")
      ->check(CLI::Range(1, 5000));
  command_->add_option("--depth", o.model.boost.max_depth, "tree depth")->check(CLI::Range(1, 16));
  command_->add_option("--eta", o.model.boost.eta, "learning rate");
  command_->add_option("--colsample", o.model.boost.colsample_bytree, "columns per tree");
  command_->add_option("--min-df", o.model.features.min_df, "minimum document frequency");
  command_->add_option("--max-features", o.model.features.max_features, "text columns kept");
  command_->add_option("--char-max", o.model.features.char_max, "longest char n-gram (0: none)");
  command_->add_option("--selection", selection_, "chi2|df");
  command_->add_option("--max-bin", o.model.boost.max_bin, "XGBoost histogram bins");
  command_->add_option("--refit", o.model.refit_on_all,
                       "true: the final trees are fitted on all training rows after calibration");
  command_->add_option("--threads", o.model.boost.threads, "XGBoost training threads");
  command_->add_option("--save", o.save, "write meridian-xgb's model artifact here");
}

std::optional<int> ClassifierEvalCommand::RunIfChosen() {
  if (!*command_) return std::nullopt;
  options_.sklearn = !no_sklearn_;
  if (email_text_ == "body") {
    options_.email_text = EmailText::kBody;
  } else if (email_text_ == "all-headers") {
    options_.email_text = EmailText::kAllHeaders;
  } else if (email_text_ != "subject-from-to") {
    return Fail(InvalidArgumentError("--email-text: expected body|subject-from-to|all-headers"));
  }
  if (selection_ == "df") {
    options_.model.features.selection = FeatureSelection::kDocumentFrequency;
  } else if (selection_ != "chi2") {
    return Fail(InvalidArgumentError("--selection: expected chi2|df"));
  }
  if (options_.model.features.char_max == 0) options_.model.features.char_min = 0;
  return RunClassifierEval(options_);
}

}  // namespace meridian::cli
