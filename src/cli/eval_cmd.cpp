// `meridian eval recsys`: offline evaluation of recommenders on any interactions file
// (issue 6): all-item ranking of the items each user has not seen in training, one line
// per model and metric (`pop ndcg@10: 0.2184`).
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>

#include "cli/common.h"
#include "engine/ml/als.h"
#include "engine/ml/interactions.h"
#include "engine/ml/item_knn.h"
#include "engine/ml/metrics.h"
#include "engine/ml/popularity.h"

namespace meridian::cli {

namespace {

// Picks factors, regularization and alpha by NDCG@k on a validation split carved from the
// training side only; the test side is never seen while choosing.
AlsOptions TuneAls(const TrainTest& split, const RecsysEvalOptions& o) {
  TrainTest validation = ValidationSplit(split, {.train_fraction = 0.75, .seed = o.seed});
  AlsOptions best = o.als;
  double best_ndcg = -1;
  for (size_t factors : {16, 32, 64, 128}) {
    for (double reg : {0.5, 5.0, 20.0}) {
      for (double alpha : {0.5, 1.0, 5.0, 20.0}) {
        AlsOptions a = o.als;
        a.factors = factors;
        a.regularization = reg;
        a.alpha = alpha;
        ImplicitAls model(validation, a);
        double ndcg = EvaluateRanking(validation, o.k, [&](uint32_t u, size_t k) {
                        return model.Recommend(u, k);
                      }).mean.ndcg;
        if (ndcg > best_ndcg) {
          best_ndcg = ndcg;
          best = a;
        }
      }
    }
  }
  std::printf("als tuned on validation: factors %zu, reg %g, alpha %g (validation ndcg@%zu %.4f)\n",
              best.factors, best.regularization, best.alpha, o.k, best_ndcg);
  return best;
}

Status Run(const RecsysEvalOptions& o) {
  if (o.format != "movielens" && o.format != "tsv") {
    return InvalidArgumentError("--format: movielens or tsv");
  }
  for (const std::string& model : o.models) {
    if (model != "pop" && model != "als" && model != "itemknn" && model != "itemknn-bm25") {
      return InvalidArgumentError(
          "--model " + model +
          ": not built yet (pop, itemknn, itemknn-bm25 and als are; hybrid comes next)");
    }
  }
  InteractionSet all;
  ReadOptions read{.min_weight = o.min_rating};
  TrainTest split;
  if (o.protocol == "stratified-75-25") {
    if (o.interactions.empty()) return InvalidArgumentError("--interactions is required");
    RETURN_IF_ERROR(ReadInteractions(o.interactions, read, &all));
    split = StratifiedSplit(all, {.train_fraction = 0.75, .seed = o.seed});
  } else if (o.protocol == "predefined") {
    if (o.test.empty()) return InvalidArgumentError("--protocol predefined needs --test");
    InteractionSet test;
    RETURN_IF_ERROR(ReadInteractions(o.test, read, &test));
    if (!o.train.empty()) {
      RETURN_IF_ERROR(ReadInteractions(o.train, read, &all));
      RETURN_IF_ERROR(ReadInteractions(o.test, read, &all));
    } else if (!o.interactions.empty()) {
      RETURN_IF_ERROR(ReadInteractions(o.interactions, read, &all));  // train = the rest
    } else {
      return InvalidArgumentError("--protocol predefined needs --train or --interactions");
    }
    split = SplitByTest(all, test);
  } else {
    return InvalidArgumentError("--protocol: stratified-75-25 or predefined");
  }
  size_t held = 0;
  for (const auto& t : split.test) held += t.size();
  std::printf("data: %zu users, %zu items, %zu interactions, %zu held out (%s)\n", split.users,
              split.items, all.rows.size(), held, o.protocol.c_str());
  for (const std::string& model : o.models) {
    auto start = std::chrono::steady_clock::now();
    std::function<std::vector<uint32_t>(uint32_t, size_t)> recommend;
    std::unique_ptr<Popularity> pop;
    std::unique_ptr<ImplicitAls> als;
    std::unique_ptr<ItemKnn> knn;
    if (model == "itemknn" || model == "itemknn-bm25") {
      ItemKnnOptions knn_options;
      if (model == "itemknn-bm25") knn_options.weighting = KnnWeighting::kBm25;
      knn = std::make_unique<ItemKnn>(split, knn_options);
      recommend = [&](uint32_t u, size_t k) { return knn->Recommend(u, k); };
    } else if (model == "pop") {
      pop = std::make_unique<Popularity>(split, o.popularity);
      recommend = [&](uint32_t u, size_t k) { return pop->Recommend(u, k); };
    } else {
      AlsOptions chosen = o.als;
      if (o.tune) chosen = TuneAls(split, o);
      als = std::make_unique<ImplicitAls>(split, chosen);
      recommend = [&](uint32_t u, size_t k) { return als->Recommend(u, k); };
    }
    double train_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EvaluationReport r = EvaluateRanking(split, o.k, recommend);
    std::printf("%s precision@%zu: %.4f\n", model.c_str(), o.k, r.mean.precision);
    std::printf("%s recall@%zu: %.4f\n", model.c_str(), o.k, r.mean.recall);
    std::printf("%s ndcg@%zu: %.4f\n", model.c_str(), o.k, r.mean.ndcg);
    std::printf("%s map@%zu: %.4f\n", model.c_str(), o.k, r.mean.map);
    std::printf("%s coverage@%zu: %.4f\n", model.c_str(), o.k, r.coverage);
    std::printf("%s train_seconds: %.3f\n", model.c_str(), train_s);
    std::printf("%s users: %zu\n", model.c_str(), r.users);
  }
  return OkStatus();
}

}  // namespace

int RunRecsysEval(const RecsysEvalOptions& options) {
  Status s = Run(options);
  return s.ok() ? 0 : Fail(s);
}

}  // namespace meridian::cli
