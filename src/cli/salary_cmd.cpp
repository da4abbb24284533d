// `meridian train salary`: the estimator from the store's employer-given salaries, scored on
// a fixed holdout first, then trained on all of them and saved beside the database.
// `meridian eval salary`: the estimator against a median-by-category baseline on a CSV of
// real salaries (the Djinni snapshot), one line per model and metric
// (`meridian-xgb mae: 9123.4`).
#include "cli/salary_cmd.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <span>
#include <vector>

#include "base/csv.h"
#include "base/strings.h"
#include "cli/trust_cmd.h"
#include "platform/lifecycle/drift_monitor.h"
#include "platform/lifecycle/model_watcher.h"
#include "platform/trust/salary_estimator.h"
#include "platform/trust/trust_training.h"

namespace meridian::cli {
namespace {

struct Split {
  std::vector<SalaryExample> train, test;
};

// A seeded random split, the same on every standard library.
Split RandomSplit(const std::vector<SalaryExample>& all, double test_fraction, uint64_t seed) {
  std::vector<size_t> order(all.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(seed);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  const auto tests =
      static_cast<size_t>(std::llround(test_fraction * static_cast<double>(all.size())));
  Split s;
  for (size_t i = 0; i < order.size(); ++i) {
    (i < tests ? s.test : s.train).push_back(all[order[i]]);
  }
  return s;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

struct Metrics {
  double mae = 0;       // annual USD
  double mdape = 0;     // %
  double coverage = 0;  // % of true values within [low, high]
  double width = 0;     // mean high - low, annual USD
  // Coverage within thirds of the test rows by predicted median (low, middle, high).
  double coverage_by_third[3] = {0, 0, 0};
};

Metrics Score(std::span<const SalaryExample> test, std::span<const SalaryEstimate> est) {
  Metrics m;
  std::vector<double> ape;
  const auto n = static_cast<double>(test.size());
  for (size_t i = 0; i < test.size(); ++i) {
    const double truth = test[i].annual_usd;
    m.mae += std::abs(est[i].median - truth) / n;
    ape.push_back(100 * std::abs(est[i].median - truth) / truth);
    m.coverage += (truth >= est[i].low && truth <= est[i].high ? 100 : 0) / n;
    m.width += (est[i].high - est[i].low) / n;
  }
  m.mdape = Median(ape);
  std::vector<size_t> by_pred(test.size());
  for (size_t i = 0; i < by_pred.size(); ++i) by_pred[i] = i;
  std::sort(by_pred.begin(), by_pred.end(),
            [&](size_t a, size_t b) { return est[a].median < est[b].median; });
  for (int t = 0; t < 3; ++t) {
    size_t begin = by_pred.size() * t / 3, end = by_pred.size() * (t + 1) / 3, in = 0;
    for (size_t k = begin; k < end; ++k) {
      const size_t i = by_pred[k];
      in += test[i].annual_usd >= est[i].low && test[i].annual_usd <= est[i].high;
    }
    m.coverage_by_third[t] = end > begin ? 100.0 * in / (end - begin) : 0;
  }
  return m;
}

std::string CategoryOf(const SalaryExample& e) {
  return e.input.tags.empty() ? "" : e.input.tags.front();
}

// The baseline: the training side's median salary of the row's category (the overall
// median for categories the training side lacks).
std::vector<SalaryEstimate> MedianByCategory(std::span<const SalaryExample> train,
                                             std::span<const SalaryExample> test) {
  std::map<std::string, std::vector<double>> by;
  std::vector<double> all;
  for (const SalaryExample& e : train) {
    by[CategoryOf(e)].push_back(e.annual_usd);
    all.push_back(e.annual_usd);
  }
  std::map<std::string, double> medians;
  for (auto& [c, v] : by) medians[c] = Median(v);
  const double overall = Median(all);
  std::vector<SalaryEstimate> out;
  for (const SalaryExample& e : test) {
    auto it = medians.find(CategoryOf(e));
    double m = it == medians.end() ? overall : it->second;
    out.push_back({.low = m, .median = m, .high = m});
  }
  return out;
}

struct Run {
  Metrics model, baseline;
  double estimate_us = 0;  // mean time of one Estimate() call, microseconds
};

StatusOr<Run> TrainAndScore(const Split& split, const SalaryEstimatorOptions& options) {
  ASSIGN_OR_RETURN(SalaryEstimator est, SalaryEstimator::Train(split.train, options));
  std::vector<SalaryInput> inputs;
  for (const SalaryExample& e : split.test) inputs.push_back(e.input);
  ASSIGN_OR_RETURN(std::vector<SalaryEstimate> p, est.EstimateAll(inputs));
  auto start = std::chrono::steady_clock::now();
  for (const SalaryInput& in : inputs) RETURN_IF_ERROR(est.Estimate(in).status());
  const double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  return Run{.model = Score(split.test, p),
             .baseline = Score(split.test, MedianByCategory(split.train, split.test)),
             .estimate_us = inputs.empty() ? 0 : us / static_cast<double>(inputs.size())};
}

// Chooses the trees' depth, rounds and minimum child weight by MAE on a validation split
// carved from the training side (the test side is not looked at).
StatusOr<SalaryEstimatorOptions> Tune(const std::vector<SalaryExample>& train, uint64_t seed) {
  Split validation = RandomSplit(train, 0.2, seed + 1000);
  SalaryEstimatorOptions best;
  double best_mae = -1;
  for (int depth : {3, 4, 6}) {
    for (int rounds : {150, 300, 600}) {
      for (double child : {1.0, 3.0}) {
        SalaryEstimatorOptions o;
        o.model.trees.max_depth = depth;
        o.model.trees.rounds = rounds;
        o.model.trees.min_child_weight = child;
        o.model.folds = 2;  // the band is not scored here: fewer boosters
        ASSIGN_OR_RETURN(Run r, TrainAndScore(validation, o));
        if (best_mae < 0 || r.model.mae < best_mae) {
          best_mae = r.model.mae;
          best = o;
        }
      }
    }
  }
  best.model.folds = SalaryEstimatorOptions{}.model.folds;
  std::printf(
      "meridian-xgb tuned on validation: depth %d, rounds %d, min_child_weight %g "
      "(validation mae %.0f)\n",
      best.model.trees.max_depth, best.model.trees.rounds, best.model.trees.min_child_weight,
      best_mae);
  return best;
}

void PrintRun(const Run& r, const std::string& suffix) {
  const char* s = suffix.c_str();
  std::printf("meridian-xgb mae%s: %.0f\n", s, r.model.mae);
  std::printf("meridian-xgb mdape%s: %.2f\n", s, r.model.mdape);
  std::printf("meridian-xgb p10_p90_coverage%s: %.2f\n", s, r.model.coverage);
  std::printf("meridian-xgb mean_range_width%s: %.0f\n", s, r.model.width);
  std::printf("meridian-xgb coverage_by_predicted_third%s: %.1f / %.1f / %.1f\n", s,
              r.model.coverage_by_third[0], r.model.coverage_by_third[1],
              r.model.coverage_by_third[2]);
  std::printf("meridian-xgb estimate_us%s: %.1f\n", s, r.estimate_us);
  std::printf("median-by-category mae%s: %.0f\n", s, r.baseline.mae);
  std::printf("median-by-category mdape%s: %.2f\n", s, r.baseline.mdape);
  std::printf("meridian-xgb mae_reduction_vs_baseline%s: %.2f\n", s,
              100 * (1 - r.model.mae / r.baseline.mae));
}

// Column index by header name, or -1.
int Column(const std::vector<std::string>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

// Rows of the Djinni CSV with a USD salary (monthly gross): annual = 12 x the midpoint of
// salary_min and salary_max, or 12 x the one given. The category is the one tag; remote
// rows (location_type TELECOMMUTE) get the region "WW".
StatusOr<std::vector<SalaryExample>> ReadDjinni(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read '" + path + "'");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CsvReader csv(text);
  std::vector<std::string> header, row;
  if (!csv.Next(&header)) return InvalidArgumentError(path + ": no header row");
  const int title = Column(header, "title"), lo = Column(header, "salary_min"),
            hi = Column(header, "salary_max"), currency = Column(header, "salary_currency"),
            type = Column(header, "job_type"), category = Column(header, "category"),
            location = Column(header, "location_type"),
            experience = Column(header, "experience_months");
  if (title < 0 || lo < 0 || hi < 0 || category < 0) {
    return InvalidArgumentError(path + ": needs title, salary_min, salary_max, category columns");
  }
  auto field = [&](int c) { return c >= 0 && c < static_cast<int>(row.size()) ? row[c] : ""; };
  std::vector<SalaryExample> out;
  while (csv.Next(&row)) {
    auto a = ParseDouble(field(lo)), b = ParseDouble(field(hi));
    if (!a && !b) continue;
    if (!field(currency).empty() && field(currency) != "USD") continue;
    const double monthly = a && b ? (*a + *b) / 2 : a ? *a : *b;
    if (!(monthly > 0)) continue;
    SalaryExample e{
        .input = {.title = field(title), .tags = {field(category)}, .employment_type = field(type)},
        .annual_usd = 12 * monthly};
    if (field(location) == "TELECOMMUTE") e.input.regions = {"WW"};
    if (auto m = ParseInt(field(experience))) e.input.experience_months = static_cast<int>(*m);
    if (e.annual_usd >= 1'000 && e.annual_usd <= 2'000'000) out.push_back(std::move(e));
  }
  if (!csv.status().ok()) return csv.status();
  return out;
}

}  // namespace

SalaryCommands::SalaryCommands(CLI::App* train, CLI::App* eval) {
  train_ = train->add_subcommand(
      "salary",
      "Train the salary estimator from employer-given salaries; prints holdout figures first");
  AddCommonFlags(train_, &flags_);
  train_->add_option("--seed", seed_, "random seed of the holdout split and the folds");
  AddGateFlags(train_, &gate_);

  eval_ = eval->add_subcommand(
      "salary", "Score the salary estimator against a median-by-category baseline on a CSV");
  eval_->add_option("--csv", csv_, "Djinni-style CSV (title, salary_min, salary_max, ...)")
      ->required();
  eval_->add_option("--seed", seed_, "split seed");
  eval_->add_option("--test-fraction", test_fraction_, "share of rows held out for testing")
      ->check(CLI::Range(0.05, 0.5));
  eval_->add_option("--seeds", seeds_, "also run seeds 1..N and print each metric's mean over them")
      ->check(CLI::Range(0, 50));
  eval_->add_option("--bins", bins_, "bins of predicted value for the range (1: one band)")
      ->check(CLI::Range(1, 32));
  eval_
      ->add_option("--shrinkage", shrinkage_,
                   "pseudo-rows of the global residual quantiles mixed into each bin's")
      ->check(CLI::NonNegativeNumber);
  eval_
      ->add_option("--band", band_,
                   "the range's shape: binned (residual quantiles per bin of prediction) or "
                   "normalized (scaled by a second model of each row's error size)")
      ->check(CLI::IsMember({"binned", "normalized"}));
  eval_->add_flag("--tune", tune_,
                  "choose the trees' depth, rounds and min_child_weight on a validation split "
                  "of the training side first");
}

std::optional<int> SalaryCommands::RunIfChosen() {
  if (*train_) return RunTrain();
  if (*eval_) return RunEval();
  return std::nullopt;
}

int SalaryCommands::RunEval() {
  auto all = ReadDjinni(csv_);
  if (!all.ok()) return Fail(all.status());
  std::printf("salary eval: %zu rows with a salary in %s\n", all->size(), csv_.c_str());
  auto options_for = [&](const Split& split) -> StatusOr<SalaryEstimatorOptions> {
    SalaryEstimatorOptions o;
    if (tune_) {
      ASSIGN_OR_RETURN(o, Tune(split.train, o.model.seed));
    }
    if (bins_ > 0) {
      o.model.bins = bins_;
      o.model.shape = BandShape::kBinned;  // bins are a binned band's
    }
    if (shrinkage_ >= 0) o.model.shrinkage = shrinkage_;
    if (!band_.empty()) {
      o.model.shape = band_ == "normalized" ? BandShape::kNormalized : BandShape::kBinned;
    }
    return o;
  };
  Split split = RandomSplit(*all, test_fraction_, seed_);
  auto options = options_for(split);
  if (!options.ok()) return Fail(options.status());
  auto run = TrainAndScore(split, *options);
  if (!run.ok()) return Fail(run.status());
  PrintRun(*run, "");
  if (seeds_ == 0) return 0;
  Run mean;
  auto add = [&](Metrics& to, const Metrics& m) {
    to.mae += m.mae / seeds_;
    to.mdape += m.mdape / seeds_;
    to.coverage += m.coverage / seeds_;
    to.width += m.width / seeds_;
    for (int t = 0; t < 3; ++t) to.coverage_by_third[t] += m.coverage_by_third[t] / seeds_;
  };
  double reduction = 0;
  for (int s = 1; s <= seeds_; ++s) {
    Split split_s = RandomSplit(*all, test_fraction_, static_cast<uint64_t>(s));
    auto options_s = options_for(split_s);
    if (!options_s.ok()) return Fail(options_s.status());
    auto r = TrainAndScore(split_s, *options_s);
    if (!r.ok()) return Fail(r.status());
    std::printf(
        "seed %d: meridian-xgb mae %.0f, mdape %.2f, coverage %.2f; "
        "median-by-category mae %.0f\n",
        s, r->model.mae, r->model.mdape, r->model.coverage, r->baseline.mae);
    add(mean.model, r->model);
    add(mean.baseline, r->baseline);
    mean.estimate_us += r->estimate_us / seeds_;
    reduction += 100 * (1 - r->model.mae / r->baseline.mae) / seeds_;
  }
  PrintRun(mean, " (mean of seeds 1.." + std::to_string(seeds_) + ")");
  std::printf("(mean of the per-seed mae reductions: %.2f)\n", reduction);
  return 0;
}

int SalaryCommands::RunTrain() {
  auto settings = LoadAndSetup(flags_);
  if (!settings.ok()) return Fail(settings.status());
  auto store = OpenStore(*settings);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  TrustService trust(**store, clock, TrustOptionsFor(*settings));
  auto out = TrainModel(kSalaryModelName, {.store = **store, .trust = &trust},
                        CliTrainRun({.seed = seed_, .gate = gate_}));
  return out.ok() ? 0 : Fail(out.status());
}

}  // namespace meridian::cli
