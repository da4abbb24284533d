// `meridian eval recsys`: offline evaluation of recommenders on any interactions file
// (issue 6): all-item ranking of the items each user has not seen in training, one line
// per model and metric (`pop ndcg@10: 0.2184`).
#include <chrono>
#include <cstdio>

#include "cli/common.h"
#include "engine/ml/interactions.h"
#include "engine/ml/metrics.h"
#include "engine/ml/popularity.h"

namespace meridian::cli {

namespace {

Status Run(const RecsysEvalOptions& o) {
  if (o.format != "movielens" && o.format != "tsv") {
    return InvalidArgumentError("--format: movielens or tsv");
  }
  for (const std::string& model : o.models) {
    if (model != "pop") {
      return InvalidArgumentError("--model " + model +
                                  ": not built yet (pop is; itemknn, als and hybrid come next)");
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
    Popularity pop(split);
    double train_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EvaluationReport r =
        EvaluateRanking(split, o.k, [&](uint32_t u, size_t k) { return pop.Recommend(u, k); });
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
