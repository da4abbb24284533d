// `meridian train recommenders` (issue 6): the "for you" recommenders trained from the
// store's job events. Each owner's positives (events.h weights, hides removed) are split
// 80/20 (seeded); popularity, item-KNN and ALS are trained on the 80 and ranked over every
// job the owner has not used, then the full model is trained on everything. A running
// server trains the same model at start and retrains it from new events by itself
// (recs.retrain_seconds); versioned artifacts come with the model registry.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

#include "cli/common.h"
#include "engine/ml/hybrid.h"
#include "engine/ml/metrics.h"
#include "engine/ml/popularity.h"
#include "platform/recs/feed_service.h"

namespace meridian::cli {

namespace {

void Print(const char* model, size_t k, const EvaluationReport& r, double seconds) {
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

int RunTrainRecommenders(const Settings& settings, const TrainOptions& options) {
  auto store = OpenStore(settings);
  if (!store.ok()) return Fail(store.status());
  auto events = ReadFeedEvents(**store);
  if (!events.ok()) return Fail(events.status());
  RecModelOptions mo;  // now: the newest event's time
  // The full model first: its owners x jobs data (positives, weights) is what the holdout
  // splits.
  auto model = RecModel::Train(*events, mo);
  size_t pairs = 0;
  for (const auto& row : model->data().train) pairs += row.size();
  std::printf("events: %zu job events, %zu owners, %zu jobs, %zu positive pairs\n", events->size(),
              model->owners(), model->items(), pairs);
  const size_t k = 10;
  TrainTest split = ValidationSplit(model->data(), {.train_fraction = 0.8, .seed = options.seed});
  size_t held = 0;
  for (const auto& t : split.test) held += t.size();
  if (held == 0) {
    std::printf("holdout: nothing to hold out (no owner has two jobs yet): metrics skipped\n");
  } else {
    std::printf("holdout: %zu pairs held out (per owner 80/20, seed %llu), all-job ranking\n", held,
                static_cast<unsigned long long>(options.seed));
    auto start = std::chrono::steady_clock::now();
    Popularity pop(split, {});
    double pop_s = Since(start);
    Print("pop", k,
          EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return pop.Recommend(u, n); }),
          pop_s);
    start = std::chrono::steady_clock::now();
    ItemKnn knn(split, mo.knn);
    double knn_s = Since(start);
    Print("itemknn", k,
          EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return knn.Recommend(u, n); }),
          knn_s);
    start = std::chrono::steady_clock::now();
    ImplicitAls als(split, CappedAls(mo.als, split));
    double als_s = Since(start);
    Print("als", k,
          EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return als.Recommend(u, n); }),
          als_s);
    // The blend of the trained parts (the serving feed adds content and diversity on top).
    Hybrid hybrid(split, {.als = &als, .knn = &knn, .pop = &pop}, {});
    Print("hybrid", k,
          EvaluateRanking(split, k, [&](uint32_t u, size_t n) { return hybrid.Recommend(u, n); }),
          als_s + knn_s + pop_s);
  }
  std::printf(
      "trained: model %s on %zu events (%zu owners, %zu jobs) in %.3f s; `meridian serve` trains "
      "it at start and retrains from new events every recs.retrain_seconds\n",
      model->id().c_str(), model->events(), model->owners(), model->items(),
      model->train_seconds());
  return 0;
}

}  // namespace meridian::cli
