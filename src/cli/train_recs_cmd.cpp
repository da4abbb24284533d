// `meridian train recommenders` (issues 6 and 8): the "for you" recommenders trained from
// the store's job events. Each owner's positives (events.h weights, hides removed) are split
// 80/20 (seeded); popularity, item-KNN and ALS are trained on the 80 and ranked over every
// job the owner has not used, then the full model is trained on everything and registered
// as the next version of "recommenders" (gate metric: the hybrid's NDCG@10). A running
// server still trains its own snapshot at start and from new events (recs.retrain_seconds);
// serving the registry's champion comes with the retraining scheduler (docs/mlops.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>

#include "cli/common.h"
#include "cli/trust_cmd.h"
#include "engine/ml/hybrid.h"
#include "engine/ml/metrics.h"
#include "engine/ml/popularity.h"
#include "platform/recs/feed_service.h"

namespace meridian::cli {

namespace {

void Print(const char* model, size_t k, const EvaluationReport& r, double seconds, bool quiet) {
  if (quiet) return;
  std::printf("%s precision@%zu: %.4f\n", model, k, r.mean.precision);
  std::printf("%s recall@%zu: %.4f\n", model, k, r.mean.recall);
  std::printf("%s ndcg@%zu: %.4f\n", model, k, r.mean.ndcg);
  std::printf("%s map@%zu: %.4f\n", model, k, r.mean.map);
  std::printf("%s coverage@%zu: %.4f\n", model, k, r.coverage);
  std::printf("%s train_seconds: %.3f\n", model, seconds);
}

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Status TrainRecommenders(Store& store, const TrainRecommendersOptions& options) {
  ASSIGN_OR_RETURN(int64_t data_seq, store.LastChangeSeq());
  ASSIGN_OR_RETURN(std::vector<FeedEvent> events, ReadFeedEvents(store));
  RecModelOptions mo;  // now: the newest event's time
  // The full model first: its owners x jobs data (positives, weights) is what the holdout
  // splits.
  auto model = RecModel::Train(events, mo);
  size_t pairs = 0;
  for (const auto& row : model->data().train) pairs += row.size();
  if (!options.quiet)
    std::printf("events: %zu job events, %zu owners, %zu jobs, %zu positive pairs\n", events.size(),
                model->owners(), model->items(), pairs);
  const size_t k = 10;
  TrainTest split = ValidationSplit(model->data(), {.train_fraction = 0.8, .seed = options.seed});
  size_t held = 0;
  for (const auto& t : split.test) held += t.size();
  std::map<std::string, double> metrics;
  auto record = [&](const std::string& prefix, const EvaluationReport& r) {
    metrics[prefix + "ndcg@10"] = r.mean.ndcg;
    metrics[prefix + "recall@10"] = r.mean.recall;
    if (prefix.empty()) {
      metrics["precision@10"] = r.mean.precision;
      metrics["map@10"] = r.mean.map;
      metrics["coverage@10"] = r.coverage;
    }
  };
  if (held == 0) {
    if (!options.quiet)
      std::printf("holdout: nothing to hold out (no owner has two jobs yet): metrics skipped\n");
  } else {
    if (!options.quiet)
      std::printf("holdout: %zu pairs held out (per owner 80/20, seed %llu), all-job ranking\n",
                  held, static_cast<unsigned long long>(options.seed));
    auto start = std::chrono::steady_clock::now();
    Popularity pop(split, {});
    double pop_s = Since(start);
    EvaluationReport pop_r =
        EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return pop.Recommend(u, n); });
    Print("pop", k, pop_r, pop_s, options.quiet);
    start = std::chrono::steady_clock::now();
    ItemKnn knn(split, mo.knn);
    double knn_s = Since(start);
    Print("itemknn", k,
          EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return knn.Recommend(u, n); }),
          knn_s, options.quiet);
    start = std::chrono::steady_clock::now();
    ImplicitAls als(split, CappedAls(mo.als, split));
    double als_s = Since(start);
    EvaluationReport als_r =
        EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return als.Recommend(u, n); });
    Print("als", k, als_r, als_s, options.quiet);
    // The blend of the trained parts (the serving feed adds content and diversity on top).
    Hybrid hybrid(split, {.als = &als, .knn = &knn, .pop = &pop}, {});
    EvaluationReport hybrid_r =
        EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return hybrid.Recommend(u, n); });
    Print("hybrid", k, hybrid_r, als_s + knn_s + pop_s, options.quiet);
    record("", hybrid_r);
    record("als_", als_r);
    record("pop_", pop_r);
  }
  if (!options.quiet)
    std::printf("trained: model %s on %zu events (%zu owners, %zu jobs) in %.3f s\n",
                model->id().c_str(), model->events(), model->owners(), model->items(),
                model->train_seconds());
  if (model->events() == 0) {
    return FailedPreconditionError("recommenders: no job events to learn from yet");
  }
  const AlsOptions als = CappedAls(mo.als, model->data());
  mlops::ModelCandidate c{
      .name = "recommenders",
      .artifact = model->Serialize(),
      .metrics = metrics,
      .primary_metric = metrics.empty() ? "" : "ndcg@10",
      .params = {{"seed", std::to_string(options.seed)},
                 {"factors", std::to_string(als.factors)},
                 {"regularization", mlops::FormatMetric(als.regularization)},
                 {"alpha", mlops::FormatMetric(als.alpha)},
                 {"knn_neighbours", std::to_string(mo.knn.neighbours)},
                 {"popularity_half_life_days", mlops::FormatMetric(mo.popularity_half_life_days)}},
      .data_seq = data_seq,
      .data_counts = {{"events", static_cast<int64_t>(model->events())},
                      {"owners", static_cast<int64_t>(model->owners())},
                      {"jobs", static_cast<int64_t>(model->items())}}};
  return RegisterAndReport(store, c, options.gate).status();
}

int RunTrainRecommenders(const Settings& settings, const TrainOptions& options) {
  auto store = OpenStore(settings);
  if (!store.ok()) return Fail(store.status());
  Status s = TrainRecommenders(**store, {.seed = options.seed});
  return s.ok() ? 0 : Fail(s);
}

}  // namespace meridian::cli
